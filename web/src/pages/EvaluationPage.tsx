// Đánh giá, xếp loại chất lượng: a campaign, a unit of it, and the table where the cell proposes and the
// committee decides each member's and organization's level. The rules of the campaign's year are checked
// on every load: what breaks them is listed with exactly which ratings to change, before deciding.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, LockOutlined, PlusOutlined, SaveOutlined, UnlockOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, EVALUATION_LEVELS, type EvaluationCampaign, type EvaluationLevel, type EvaluationPatch, type EvaluationRow } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { DATE_FORMAT, formatDate, toIso } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { RatingGrid, type GridField } from '../components/RatingGrid.tsx';

export const LEVEL_COLORS: Record<string, string> = { excellent: 'green', good: 'blue', completed: 'gold', failed: 'red' };
type Field = 'selfLevel' | 'proposedLevel' | 'decidedLevel' | 'score';
const keyOf = (r: { subject: string; id: number }) => `${r.subject}:${r.id}`;

export default function EvaluationPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const campaigns = useAsync(() => api.evaluationCampaigns(), []);
  const campaignId = Number(params.get('campaign')) || campaigns.data?.[0]?.id || 0;
  const campaign = campaigns.data?.find((c) => c.id === campaignId);
  const unitId = Number(params.get('unitId')) || (campaign && me.scopeUnitId) || 0;
  const [edits, setEdits] = useState<Record<string, EvaluationPatch>>({});
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [reopening, setReopening] = useState(false);
  const view = useAsync(() => (campaignId && unitId ? api.evaluationUnit(campaignId, unitId) : Promise.resolve(undefined)), [campaignId, unitId]);
  const v = view.data;
  const labels = (subject: 'member' | 'organization') => v?.campaign.levelLabels[subject] ?? campaign?.levelLabels[subject];

  const set = (changes: Record<string, string | null>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, val] of Object.entries(changes)) if (val === null) next.delete(k); else next.set(k, val);
    return next;
  }, { replace: true });

  const value = (r: EvaluationRow, f: Field) => {
    const e = edits[keyOf(r)];
    return e && f in e ? (e[f] as EvaluationLevel | number | null) : r[f];
  };
  const edit = (r: { subject: 'member' | 'organization'; id: number }, f: Field, val: EvaluationLevel | number | null) =>
    setEdits((prev) => ({ ...prev, [keyOf(r)]: { ...(prev[keyOf(r)] ?? { subject: r.subject, id: r.id }), [f]: val } }));
  const dirty = Object.keys(edits).length > 0;

  const save = async () => {
    if (!dirty) return;
    setBusy(true);
    try {
      await api.saveEvaluation(campaignId, unitId, Object.values(edits));
      setEdits({});
      message.success(t('evaluation.saved'));
      await view.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const decide = async () => {
    setBusy(true);
    setRefused([]);
    try {
      const r = await api.decideEvaluation(campaignId, unitId);
      message.success(t('evaluation.decided', { n: r.locked }));
      await Promise.all([view.reload(), campaigns.reload()]);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setRefused(err.fields.map((f) => f.message));
      else message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  /** Puts the levels the rules allow into the table (not saved until "Lưu"). */
  const applyChanges = () => {
    for (const viol of v?.report.violations ?? []) {
      for (const c of viol.changes) if (!c.missing) edit(c, 'decidedLevel', c.to);
    }
  };

  const levelSelect = (r: EvaluationRow, f: 'selfLevel' | 'proposedLevel' | 'decidedLevel', allowed: boolean) => {
    const l = value(r, f) as EvaluationLevel | null;
    const names = labels(r.subject);
    if (!allowed || r.locked || r.notEvaluated) return l ? <Tag color={LEVEL_COLORS[l]} data-testid={`level-${f}`}>{names?.[l] ?? l}</Tag> : <span className="muted">—</span>;
    return (
      <Select<EvaluationLevel | null>
        size="small" style={{ width: 210 }} allowClear value={l} placeholder={t('evaluation.choose')}
        onChange={(x) => edit(r, f, x ?? null)}
        options={EVALUATION_LEVELS.map((x) => ({ value: x, label: names?.[x] ?? x }))}
        data-testid={`select-${f}-${r.subject}-${r.id}`}
      />
    );
  };
  const scored = (subject: 'member' | 'organization') => (v?.campaign.scored ?? []).includes(subject);
  const flagged = useMemo(() => new Set((v?.report.violations ?? []).flatMap((x) => x.changes.map((c) => `${c.subject}:${c.id}`))), [v]);

  const columns = (subject: 'member' | 'organization'): TableColumnsType<EvaluationRow> => [
    {
      title: subject === 'member' ? t('evaluation.member') : t('evaluation.organization'), key: 'name', fixed: 'left', width: 230,
      render: (_, r) => (
        <Flex vertical>
          <Space size={4}>
            {r.locked && <Tooltip title={t('evaluation.locked')}><LockOutlined className="muted" /></Tooltip>}
            {subject === 'member' ? <Link to={`/members/${r.id}`} className="member-name-link">{r.name}</Link> : <Link to={`/units/${r.id}`}>{r.name}</Link>}
          </Space>
          {r.notEvaluated && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.notEvaluated}</Typography.Text>}
          {r.disciplines.map((d, i) => <Tag key={i} color="volcano" style={{ width: 'fit-content' }}>{enumLabel(t, 'disciplineForm', d.form)} {formatDate(d.date)}</Tag>)}
        </Flex>
      ),
    },
    subject === 'member'
      ? { title: t('evaluation.cell'), dataIndex: 'unitName', key: 'cell', width: 200 }
      : { title: t('evaluation.kind'), dataIndex: 'kind', key: 'kind', width: 170, render: (k: string) => enumLabel(t, 'kind', k) },
    { title: t('evaluation.self'), key: 'self', width: 220, render: (_, r) => levelSelect(r, 'selfLevel', can('evaluation.write')) },
    { title: t('evaluation.proposed'), key: 'proposed', width: 220, render: (_, r) => levelSelect(r, 'proposedLevel', can('evaluation.write')) },
    { title: t('evaluation.decision'), key: 'decided', width: 220, render: (_, r) => levelSelect(r, 'decidedLevel', can('evaluation.decide')) },
    ...(scored(subject) ? [{
      title: t('evaluation.score'), key: 'score', width: 110,
      render: (_: unknown, r: EvaluationRow) => (r.locked || r.notEvaluated || !can('evaluation.decide')
        ? <span className="numeric">{r.score ?? '—'}</span>
        : <InputNumber size="small" min={0} max={100} step={0.5} value={value(r, 'score') as number | null} onChange={(x) => edit(r, 'score', x ?? null)} style={{ width: 90 }} />),
    }] : []),
  ];
  const gridFields: Array<{ field: GridField; title: string; decide: boolean }> = [
    { field: 'selfLevel', title: t('evaluation.self'), decide: false },
    { field: 'proposedLevel', title: t('evaluation.proposed'), decide: false },
    { field: 'decidedLevel', title: t('evaluation.decision'), decide: true },
  ];
  const rowClass = (r: EvaluationRow) => (flagged.has(keyOf(r)) ? 'row-violation' : '');
  const members = (v?.rows ?? []).filter((r) => r.subject === 'member');
  const orgs = (v?.rows ?? []).filter((r) => r.subject === 'organization');
  const anyLocked = (v?.rows ?? []).some((r) => r.locked);

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.evaluation') }]}
        title={t('evaluation.title')}
        subtitle={v ? t('evaluation.subtitle', { set: v.campaign.ruleSetName, review: formatDate(v.campaign.reviewDate) }) : undefined}
        extra={can('evaluation.decide') && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="evaluation-new">{t('evaluation.new')}</Button>}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item label={t('evaluation.campaign')} style={{ marginBottom: 0 }}>
                <Select<number>
                  value={campaignId || undefined} loading={campaigns.loading} placeholder={t('evaluation.noCampaign')}
                  onChange={(x) => { setEdits({}); setRefused([]); set({ campaign: String(x) }); }}
                  options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.title} (${c.ruleSetName})` }))}
                  data-testid="evaluation-campaign"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label={t('evaluation.unit')} style={{ marginBottom: 0 }}>
                <UnitSelect
                  id="evaluation-unit" key={v ? `u${v.unit.id}` : 'none'} value={unitId || null}
                  initial={v ? { id: v.unit.id, name: v.unit.name, code: v.unit.code, kind: v.unit.kind } : null} allowClear={false}
                  onChange={(x) => { if (x) { setEdits({}); setRefused([]); set({ unitId: String(x) }); } }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {!campaigns.loading && !campaigns.data?.length && <Empty description={t('evaluation.noCampaign')} />}
      {view.error ? <ErrorState error={view.error} onRetry={() => void view.reload()} /> : v && (
        <>
          {v.report.violations.length > 0 && (
            <Alert
              type="error" showIcon style={{ marginBottom: 16 }} data-testid="evaluation-violations"
              message={t('evaluation.violations', { n: v.report.violations.length })}
              description={
                <Flex vertical gap={8}>
                  {v.report.violations.map((x, i) => (
                    <div key={i} data-testid="evaluation-violation">
                      <Typography.Text>{x.message}</Typography.Text>
                      <div>
                        {x.changes.map((c) => (
                          <Tag key={`${c.subject}${c.id}`} color="red" data-testid="evaluation-change">
                            {c.name}: {c.missing ? t('evaluation.missing') : `${c.from ? labels(c.subject)?.[c.from] : '—'} → ${c.to ? labels(c.subject)?.[c.to] : t('evaluation.notRated')}`}
                          </Tag>
                        ))}
                      </div>
                    </div>
                  ))}
                  {can('evaluation.decide') && <div><Button size="small" onClick={applyChanges} data-testid="evaluation-apply">{t('evaluation.apply')}</Button></div>}
                </Flex>
              }
            />
          )}
          {v.report.warnings.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('evaluation.warnings')}
              description={<ul className="plain-list">{v.report.warnings.map((w, i) => <li key={i}>{w.name}: {w.message}</li>)}</ul>} />
          )}
          {refused.length > 0 && (
            <Alert type="error" showIcon closable onClose={() => setRefused([])} style={{ marginBottom: 16 }} message={t('evaluation.refused')}
              description={<ul className="plain-list" data-testid="evaluation-refused">{refused.map((m, i) => <li key={i}>{m}</li>)}</ul>} />
          )}
          <Card
            variant="borderless"
            extra={
              <Space wrap>
                {can('evaluation.write') && <Button icon={<SaveOutlined />} disabled={!dirty} loading={busy} onClick={() => void save()} data-testid="evaluation-save">{t('common.save')}</Button>}
                {can('evaluation.decide') && <Button type="primary" icon={<CheckCircleOutlined />} disabled={dirty} loading={busy} onClick={() => void decide()} data-testid="evaluation-decide">{t('evaluation.decide')}</Button>}
                {can('evaluation.decide') && anyLocked && <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)} data-testid="evaluation-reopen">{t('evaluation.reopen')}</Button>}
              </Space>
            }
            title={v.report.ok
              ? <Tag color="green" icon={<CheckCircleOutlined />} data-testid="evaluation-status" data-ok="true">{t('evaluation.ok')}</Tag>
              : <Tag color="red" data-testid="evaluation-status" data-ok="false">{t('evaluation.notOk')}</Tag>}
          >
            <Tabs defaultActiveKey={params.get('tab') ?? 'members'} items={[
              {
                key: 'grid', label: t('grid.tab'),
                children: <RatingGrid rows={[...members, ...orgs]} labels={labels} flagged={flagged}
                  fields={gridFields.filter((f) => can(f.decide ? 'evaluation.decide' : 'evaluation.write'))}
                  onSave={async (r, f, level) => { await api.saveEvaluation(campaignId, unitId, [{ subject: r.subject, id: r.id, [f]: level }]); await view.reload(); }} />,
              },
              {
                key: 'members', label: t('evaluation.members', { n: members.length }),
                children: <Table<EvaluationRow> rowKey={keyOf} size="small" columns={columns('member')} dataSource={members} rowClassName={rowClass} loading={view.loading}
                  pagination={members.length > 100 ? { pageSize: 100, showSizeChanger: false } : false} scroll={{ x: 1100 }} data-testid="evaluation-members" />,
              },
              {
                key: 'organizations', label: t('evaluation.organizations', { n: orgs.length }),
                children: <Table<EvaluationRow> rowKey={keyOf} size="small" columns={columns('organization')} dataSource={orgs} rowClassName={rowClass} loading={view.loading}
                  pagination={false} scroll={{ x: 1100 }} data-testid="evaluation-organizations" />,
              },
            ]} />
          </Card>
        </>
      )}
      <NewCampaignModal open={creating} unitId={unitId || me.scopeUnitId} onClose={() => setCreating(false)}
        onCreated={async (c) => { setCreating(false); await campaigns.reload(); set({ campaign: String(c.id), unitId: String(c.rootUnitId) }); }} />
      <ReopenModal open={reopening} onClose={() => setReopening(false)}
        onReopen={async (reason) => { await api.reopenEvaluation(campaignId, unitId, reason); setReopening(false); await view.reload(); }} />
    </>
  );
}

function NewCampaignModal({ open, unitId, onClose, onCreated }: { open: boolean; unitId: number; onClose: () => void; onCreated: (c: EvaluationCampaign) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const x = await form.validateFields();
    setError(null);
    try {
      const c = await api.createEvaluationCampaign({ year: x.year, quarter: x.quarter ?? null, rootUnitId: x.rootUnitId, reviewDate: toIso(x.reviewDate ?? null) });
      form.resetFields();
      await onCreated(c);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Modal open={open} title={t('evaluation.new')} onCancel={onClose} onOk={() => void submit()} okText={t('common.create')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), rootUnitId: unitId }}>
        <Form.Item name="rootUnitId" label={t('evaluation.root')} rules={[{ required: true }]}><UnitSelect id="evaluation-root" allowClear={false} /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="year" label={t('evaluation.year')} rules={[{ required: true }]}><InputNumber min={2014} max={2100} style={{ width: '100%' }} data-testid="evaluation-year" /></Form.Item></Col>
          <Col span={12}><Form.Item name="quarter" label={t('evaluation.quarter')}><Select allowClear options={[1, 2, 3, 4].map((q) => ({ value: q, label: `${t('evaluation.quarter')} ${q}` }))} /></Form.Item></Col>
        </Row>
        <Form.Item name="reviewDate" label={t('evaluation.reviewDate')} extra={t('evaluation.reviewDateHelp')}><DatePicker format={DATE_FORMAT} style={{ width: '100%' }} /></Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function ReopenModal({ open, onClose, onReopen }: { open: boolean; onClose: () => void; onReopen: (reason: string) => Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal open={open} title={t('evaluation.reopen')} onCancel={onClose} okButtonProps={{ disabled: !reason.trim() }} okText={t('evaluation.reopen')} cancelText={t('common.cancel')}
      onOk={() => { setError(null); onReopen(reason.trim()).then(() => setReason('')).catch((err) => setError(err instanceof ApiError ? err.message : String(err))); }}>
      <Typography.Paragraph type="secondary">{t('evaluation.reopenHelp')}</Typography.Paragraph>
      <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('evaluation.reason')} data-testid="evaluation-reason" />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
