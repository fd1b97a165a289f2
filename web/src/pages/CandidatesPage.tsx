// Outstanding candidates (quần chúng ưu tú, cảm tình Đảng) of the user's scope: search, filters by stage and
// source kept in the URL, and a dialog that adds a person to a cell's list.
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, CANDIDATE_SOURCES, CANDIDATE_STAGES, SEXES, type CandidateListItem, type CandidatePage, type NewCandidate, type RecruitmentReport } from '../api/index.ts';
import { useAsync } from '../lib/useAsync.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useAuth } from '../lib/auth.tsx';
import { formatDate } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { DateField } from '../components/DateField.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';

const PAGE_SIZE = 50;
const CELL_KINDS = ['cell', 'grassroots_cell'] as const;

export function StageTag({ stage }: { stage: string }) {
  const t = useT();
  const i = (CANDIDATE_STAGES as readonly string[]).indexOf(stage);
  const color = stage === 'ceremony' ? 'green' : i >= 5 ? 'blue' : i >= 2 ? 'geekblue' : 'default';
  return <Tag color={color} data-stage={stage}>{enumLabel(t, 'candidateStage', stage)}</Tag>;
}

function AddCandidate({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewCandidate>();
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('users.required') }];
  const submit = async () => {
    let values: NewCandidate;
    try { values = await form.validateFields(); } catch { return; }
    setBusy(true);
    try {
      const c = await api.createCandidate(values);
      message.success(t('candidates.created', { name: c.fullName }));
      navigate(`/candidates/${c.id}`);
    } catch (err) {
      const FIELDS = ['fullName', 'sex', 'birthDate', 'citizenId', 'ethnicity', 'religion', 'educationGeneral', 'occupation', 'source', 'sourceOrganization', 'workplace', 'unitId', 'identifiedOn'];
      const other = err instanceof ApiError && err.fields.length ? applyFieldErrors(form, err, FIELDS) : [err instanceof Error ? err.message : String(err)];
      if (other.length) message.error(other.join('; '));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('candidates.addTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('common.create')} confirmLoading={busy} width={760} destroyOnHidden data-testid="candidate-add-dialog">
      <Form<NewCandidate> form={form} layout="vertical" initialValues={{ source: 'youth_union', sex: 'male' }}>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="fullName" label={t('field.fullName')} rules={required}><Input maxLength={100} data-testid="candidate-name" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="sex" label={t('field.sex')} rules={required}><Select options={SEXES.map((s) => ({ value: s, label: enumLabel(t, 'sex', s) }))} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="birthDate" label={t('field.birthDate')} rules={required}><DateField disabledFuture /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="citizenId" label={t('field.citizenId')}><Input maxLength={12} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="ethnicity" label={t('field.ethnicity')}><Input maxLength={50} placeholder="Kinh" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="religion" label={t('field.religion')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="educationGeneral" label={t('field.educationGeneral')}><Input maxLength={20} placeholder="12/12" /></Form.Item></Col>
          <Col xs={12} md={18}><Form.Item name="occupation" label={t('field.occupation')}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="source" label={t('candidates.form.source')} rules={required}><Select options={CANDIDATE_SOURCES.map((s) => ({ value: s, label: enumLabel(t, 'candidateSource', s) }))} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="sourceOrganization" label={t('candidates.form.sourceOrganization')}><Input maxLength={200} placeholder={t('candidates.form.sourceOrganizationPlaceholder')} /></Form.Item></Col>
          <Col span={24}><Form.Item name="workplace" label={t('candidates.form.workplace')}><Input maxLength={200} placeholder={t('candidates.form.workplacePlaceholder')} /></Form.Item></Col>
          <Col xs={12} md={12}><Form.Item name="youthUnionMember" valuePropName="checked"><Checkbox>{t('candidates.form.youthUnionMember')}</Checkbox></Form.Item></Col>
          <Col xs={12} md={12}><Form.Item name="privateBusinessOwner" valuePropName="checked"><Checkbox>{t('candidates.form.privateBusinessOwner')}</Checkbox></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="unitId" label={t('candidates.form.unit')} rules={required}><UnitSelect kinds={CELL_KINDS} placeholder={t('eventForm.cellPlaceholder')} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="identifiedOn" label={t('candidates.form.identifiedOn')}><DateField disabledFuture /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** The scope unit's plan for a year: target (editable by the unit's staff), admissions, and the funnel. */
function Recruitment() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const report = useAsync(() => api.recruitment(year), [year]);
  const [target, setTarget] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const r = report.data;
  useEffect(() => { setTarget(r?.target ?? null); }, [r]);
  const save = async () => {
    if (!r || target === null) return;
    setSaving(true);
    try {
      await api.setAdmissionTarget(r.unitId, year, { target, rowVersion: r.targetRowVersion });
      message.success(t('recruitment.saved'));
      await report.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const columns: TableColumnsType<RecruitmentReport['funnel'][number]> = [
    { title: t('recruitment.stage'), dataIndex: 'stage', key: 'stage', render: (s: string) => enumLabel(t, 'candidateStage', s) },
    ...CANDIDATE_SOURCES.map((src) => ({ title: enumLabel(t, 'candidateSource', src), key: src, align: 'right' as const, render: (_: unknown, row: RecruitmentReport['funnel'][number]) => <span className="numeric">{row.bySource[src] || ''}</span> })),
    { title: t('recruitment.total'), dataIndex: 'total', key: 'total', align: 'right', render: (n: number) => <strong className="numeric">{n}</strong> },
  ];
  const fromCandidates = r ? Object.values(r.admittedFromCandidates).reduce((a, b) => a + b, 0) : 0;
  return (
    <Card
      variant="borderless" style={{ marginBottom: 16 }} data-testid="recruitment"
      title={r ? `${t('recruitment.title', { year })} · ${r.unitName}` : t('recruitment.title', { year })}
      extra={<Select value={year} onChange={setYear} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />}
    >
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.reload()} /> : (
        <Flex gap={24} wrap align="flex-start">
          <Flex vertical gap={12} style={{ minWidth: 240 }}>
            <Statistic title={t('recruitment.target')} value={r?.target ?? t('recruitment.targetNone')} loading={!r} data-testid="recruitment-target" />
            {r && r.targetsBelow > 0 && <Typography.Text type="secondary">{t('recruitment.targetsBelow', { n: r.targetsBelow })}</Typography.Text>}
            {r && can('unit.write') && (
              <Space.Compact>
                <InputNumber min={0} max={100000} value={target} onChange={(v) => setTarget(v)} style={{ width: 110 }} data-testid="recruitment-target-input" />
                <Button onClick={() => void save()} loading={saving} disabled={target === null}>{t('recruitment.setTarget')}</Button>
              </Space.Compact>
            )}
            <Statistic title={t('recruitment.admitted')} value={r?.admitted ?? 0} loading={!r} suffix={r?.target ? `/ ${r.target}` : undefined} data-testid="recruitment-admitted" />
            {r && <Typography.Text type="secondary">{t('recruitment.fromCandidates', { n: fromCandidates })}</Typography.Text>}
            <Statistic title={t('recruitment.inProgress')} value={r?.inProgress ?? 0} loading={!r} />
          </Flex>
          <Table style={{ flex: '1 1 560px', minWidth: 0 }} size="small" rowKey="stage" pagination={false} columns={columns} dataSource={r?.funnel ?? []} loading={!r} scroll={{ x: 760 }} data-testid="recruitment-funnel" />
        </Flex>
      )}
    </Card>
  );
}

export default function CandidatesPage() {
  const t = useT();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => ({
    q: params.get('q') ?? undefined,
    stage: params.getAll('stage'),
    source: params.getAll('source'),
    page: Math.max(1, Number(params.get('page') ?? '1') || 1),
  }), [params]);
  const key = JSON.stringify(filter);
  const [data, setData] = useState<CandidatePage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [text, setText] = useState(filter.q ?? '');
  const [adding, setAdding] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const typing = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(typing.current), []);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api.candidates({ ...filter, pageSize: PAGE_SIZE }, ctrl.signal)
      .then((page) => { setData(page); setLoading(false); })
      .catch((err: unknown) => { if (!ctrl.signal.aborted) { setError(err); setLoading(false); } });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const update = (changes: Record<string, string | string[] | undefined>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(changes)) {
      next.delete(k);
      if (Array.isArray(v)) v.forEach((x) => next.append(k, x));
      else if (v) next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    return next;
  });

  const columns: TableColumnsType<CandidateListItem> = [
    { title: t('candidates.col.fullName'), dataIndex: 'fullName', key: 'fullName', render: (name: string, c) => <Link to={`/candidates/${c.id}`} className="member-name-link">{name}</Link> },
    { title: t('candidates.col.birthDate'), dataIndex: 'birthDate', key: 'birthDate', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('candidates.col.source'), dataIndex: 'source', key: 'source', width: 170, render: (s: string, c) => <span title={c.sourceOrganization ?? undefined}>{enumLabel(t, 'candidateSource', s)}</span> },
    { title: t('candidates.col.workplace'), dataIndex: 'workplace', key: 'workplace', render: (w: string | null) => w ?? <span className="muted">—</span> },
    { title: t('candidates.col.unit'), dataIndex: 'unitName', key: 'unit', render: (name: string, c) => <Link to={`/units/${c.unitId}`}>{name}</Link> },
    { title: t('candidates.col.stage'), dataIndex: 'stage', key: 'stage', width: 220, render: (s: string) => <StageTag stage={s} /> },
    { title: t('candidates.col.stageDate'), dataIndex: 'stageDate', key: 'stageDate', width: 110, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.candidates') }]}
        title={t('candidates.title')}
        subtitle={t('candidates.subtitle')}
        extra={can('member.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="candidate-add">{t('candidates.add')}</Button> : undefined}
      />
      <Recruitment />
      <Card variant="borderless" data-testid="candidate-list">
        <div className="filters-bar">
          <Input.Search
            allowClear value={text} placeholder={t('candidates.searchPlaceholder')} aria-label={t('candidates.searchPlaceholder')} data-testid="candidate-search"
            onChange={(e) => {
              const v = e.target.value;
              setText(v);
              window.clearTimeout(typing.current);
              typing.current = window.setTimeout(() => update({ q: v.trim() || undefined }), 450);
            }}
            onSearch={(v) => { window.clearTimeout(typing.current); update({ q: v.trim() || undefined }); }}
          />
          <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('candidates.filter.stage')} value={filter.stage} style={{ minWidth: 220 }} data-testid="filter-stage"
            onChange={(v: string[]) => update({ stage: v })} options={CANDIDATE_STAGES.map((s) => ({ value: s, label: enumLabel(t, 'candidateStage', s) }))} />
          <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('candidates.filter.source')} value={filter.source} style={{ minWidth: 200 }} data-testid="filter-source"
            onChange={(v: string[]) => update({ source: v })} options={CANDIDATE_SOURCES.map((s) => ({ value: s, label: enumLabel(t, 'candidateSource', s) }))} />
        </div>
        {error ? <ErrorState error={error} onRetry={() => setAttempt((a) => a + 1)} /> : (
          <Table<CandidateListItem>
            rowKey="id" size="middle" columns={columns} dataSource={data?.items ?? []} loading={loading} scroll={{ x: 1000 }}
            title={data ? () => <Typography.Text type="secondary" data-testid="candidate-count">{t('candidates.count', { total: data.total.toLocaleString('vi-VN') })}</Typography.Text> : undefined}
            locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('candidates.empty')} /> }}
            pagination={{ current: filter.page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: (page) => update({ page: page > 1 ? String(page) : undefined }) }}
          />
        )}
      </Card>
      {adding && <AddCandidate onClose={() => setAdding(false)} />}
    </>
  );
}
