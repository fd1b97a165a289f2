// "Cán bộ xin nghỉ việc": the register of cadres, civil servants and public employees who asked to quit in a
// period under a unit: counts by reason and outcome (from the report the CLI gives), each request with its
// counselling meetings, and dialogs to record a request, a meeting and the outcome. The URL holds the filters.
import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../api/index.ts';
import { recruitmentApi, RESIGNATION_LEVELS, RESIGNATION_OUTCOMES, RESIGNATION_REASONS, type Resignation, type ResignationInput } from '../api/recruitment.ts';
import { useT } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useAuth } from '../lib/auth.tsx';
import { useUnitParam } from '../lib/unitParam.ts';
import { useAsync } from '../lib/useAsync.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { DATE_FORMAT, formatDate, fromIso, toIso, todayIso } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { DateField } from '../components/DateField.tsx';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const OUTCOME_COLORS: Record<string, string> = { stayed: 'green', resigned: 'red', moved: 'blue', pending: 'gold' };
const OUTCOME_HEX: Record<string, string> = { stayed: '#389e0d', resigned: '#cf1322', moved: '#1d39c4', pending: '#d48806' };

type Dialog = { kind: 'add' } | { kind: 'counselling' | 'outcome'; request: Resignation } | null;

function useLabel() {
  const t = useT();
  return (prefix: string, v: string | null | undefined) => (v ? t(`${prefix}.${v}` as MessageKey) : '');
}

function submitWith(form: ReturnType<typeof Form.useForm>[0], fields: string[], message: ReturnType<typeof App.useApp>['message'], run: (values: never) => Promise<unknown>, done: () => void, setBusy: (b: boolean) => void) {
  return async () => {
    let values: never;
    try { values = (await form.validateFields()) as never; } catch { return; }
    setBusy(true);
    try {
      await run(values);
      done();
    } catch (err) {
      const other = err instanceof ApiError && err.fields.length ? applyFieldErrors(form, err, fields) : [err instanceof Error ? err.message : String(err)];
      if (other.length) message.error(other.join('; '));
    } finally {
      setBusy(false);
    }
  };
}

function ResignationDialog({ dialog, unitId, onClose, onSaved }: { dialog: NonNullable<Dialog>; unitId: number; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('users.required') }];
  const done = () => { message.success(t('resignations.saved')); onSaved(); };
  let title: string;
  let body: React.ReactNode;
  let submit: () => Promise<void>;
  if (dialog.kind === 'add') {
    title = t('resignations.add');
    submit = submitWith(form, ['fullName', 'agency', 'position', 'level', 'unitId', 'requestedOn', 'reason', 'reasonNote'], message,
      (v: ResignationInput) => recruitmentApi.createResignation(v), done, setBusy);
    body = (
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="fullName" label={t('resignations.name')} rules={required}><Input maxLength={100} data-testid="resignation-name" /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="position" label={t('resignations.position')} rules={required}><Input maxLength={200} data-testid="resignation-position" /></Form.Item></Col>
        <Col xs={24} md={16}><Form.Item name="agency" label={t('resignations.agency')} rules={required}><Input maxLength={200} data-testid="resignation-agency" /></Form.Item></Col>
        <Col xs={24} md={8}><Form.Item name="level" label={t('resignations.level')} rules={required}><Select data-testid="resignation-level" options={RESIGNATION_LEVELS.map((l) => ({ value: l, label: label('resignationLevel', l) }))} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="unitId" label={t('resignations.partyUnit')} rules={required}><UnitSelect id="resignation-unit" placeholder={t('users.scopePlaceholder')} /></Form.Item></Col>
        <Col xs={12} md={6}><Form.Item name="requestedOn" label={t('resignations.requestedOn')} rules={required}><DateField id="resignation-requested" disabledFuture /></Form.Item></Col>
        <Col xs={12} md={6}><Form.Item name="reason" label={t('resignations.reason')} rules={required}><Select data-testid="resignation-reason" options={RESIGNATION_REASONS.map((r) => ({ value: r, label: label('resignationReason', r) }))} /></Form.Item></Col>
        <Col span={24}><Form.Item name="reasonNote" label={t('resignations.reasonNote')}><Input.TextArea maxLength={2000} rows={2} /></Form.Item></Col>
      </Row>
    );
  } else if (dialog.kind === 'counselling') {
    title = `${t('resignations.addCounselling')}: ${dialog.request.fullName}`;
    submit = submitWith(form, ['metOn', 'metBy', 'outcomeNote'], message, (v: { metOn: string; metBy: string; outcomeNote: string }) => recruitmentApi.addResignationCounselling(dialog.request.id, v), done, setBusy);
    body = (
      <Row gutter={16}>
        <Col xs={24} md={8}><Form.Item name="metOn" label={t('resignations.metOn')} rules={required}><DateField id="counselling-date" disabledFuture /></Form.Item></Col>
        <Col xs={24} md={16}><Form.Item name="metBy" label={t('resignations.metBy')} rules={required}><Input maxLength={200} data-testid="counselling-by" /></Form.Item></Col>
        <Col span={24}><Form.Item name="outcomeNote" label={t('resignations.meetingNote')} rules={required}><Input.TextArea maxLength={2000} rows={2} data-testid="counselling-note" /></Form.Item></Col>
      </Row>
    );
  } else {
    const r = dialog.request;
    title = `${t('resignations.recordOutcome')}: ${r.fullName}`;
    submit = submitWith(form, ['outcome', 'outcomeOn', 'outcomeNote'], message,
      (v: { outcome: string; outcomeOn: string; outcomeNote?: string }) => recruitmentApi.updateResignation(r.id, { ...v, rowVersion: r.rowVersion }), done, setBusy);
    body = (
      <Row gutter={16}>
        <Col xs={24} md={12}><Form.Item name="outcome" label={t('resignations.outcome')} rules={required}><Select data-testid="outcome-select" options={RESIGNATION_OUTCOMES.map((o) => ({ value: o, label: label('resignationOutcome', o) }))} /></Form.Item></Col>
        <Col xs={24} md={12}><Form.Item name="outcomeOn" label={t('resignations.outcomeOn')} rules={required}><DateField id="outcome-date" disabledFuture /></Form.Item></Col>
        <Col span={24}><Form.Item name="outcomeNote" label={t('resignations.outcomeNote')}><Input.TextArea maxLength={2000} rows={2} /></Form.Item></Col>
      </Row>
    );
  }
  const initial = dialog.kind === 'add' ? { unitId, level: 'commune', reason: 'income' }
    : dialog.kind === 'outcome' ? { outcome: dialog.request.outcome ?? undefined, outcomeOn: dialog.request.outcomeOn, outcomeNote: dialog.request.outcomeNote } : {};
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} confirmLoading={busy} width={dialog.kind === 'add' ? 760 : 560} destroyOnHidden data-testid={`resignation-dialog-${dialog.kind}`}>
      <Form form={form} layout="vertical" initialValues={initial}>{body}</Form>
    </Modal>
  );
}

export default function ResignationsPage() {
  const t = useT();
  const label = useLabel();
  const { can } = useAuth();
  const [fromReport, setFromReport] = useState<{ id: number; name: string; code: string; kind: string } | null>(null);
  const { unitId, initial, onChange, params, set } = useUnitParam(fromReport);
  const today = todayIso();
  const defaultSince = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const since = ISO.test(params.get('since') ?? '') ? params.get('since')! : defaultSince;
  const until = ISO.test(params.get('until') ?? '') ? params.get('until')! : today;
  const [dialog, setDialog] = useState<Dialog>(null);
  const report = useAsync(() => recruitmentApi.resignationReport(unitId, since, until).then((rep) => { setFromReport({ id: unitId, ...rep.unit }); return rep; }), [unitId, since, until]);
  const list = useAsync(() => recruitmentApi.resignations({ unitId, since, until, pageSize: 200 }), [unitId, since, until]);
  const r = report.data;
  const reload = () => { setDialog(null); void report.reload(); void list.reload(); };
  const writable = can('member.write');

  const columns: TableColumnsType<Resignation> = [
    { title: t('resignations.name'), dataIndex: 'fullName', key: 'name', width: 200, render: (n: string, p) => <span data-testid="resignation-row-name">{n}{p.memberId && <Tag style={{ marginLeft: 6 }}>{t('resignations.member')}</Tag>}</span> },
    { title: t('resignations.agency'), dataIndex: 'agency', key: 'agency', width: 280, render: (a: string, p) => <span>{a}<br /><span className="muted">{p.position}</span></span> },
    { title: t('resignations.level'), dataIndex: 'level', key: 'level', width: 100, render: (v: string) => label('resignationLevel', v) },
    { title: t('resignations.requestedOn'), dataIndex: 'requestedOn', key: 'requestedOn', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('resignations.reason'), dataIndex: 'reason', key: 'reason', width: 150, render: (v: string) => label('resignationReason', v) },
    {
      title: t('resignations.outcome'), key: 'outcome', width: 190,
      render: (_: unknown, p) => <span data-testid="resignation-outcome"><Tag color={OUTCOME_COLORS[p.outcome ?? 'pending']}>{label('resignationOutcome', p.outcome ?? 'pending')}</Tag>{p.outcomeOn && <span className="numeric muted">{formatDate(p.outcomeOn)}</span>}</span>,
    },
    { title: t('resignations.counselling'), key: 'counselling', width: 100, align: 'right', render: (_: unknown, p) => <span className="numeric" data-testid="resignation-counselling-count">{p.counselling.length}</span> },
    ...(writable ? [{
      title: '', key: 'actions', width: 220,
      render: (_: unknown, p: Resignation) => (
        <Space size={4}>
          <Button size="small" onClick={() => setDialog({ kind: 'counselling', request: p })} data-testid="resignation-add-counselling">{t('resignations.addCounselling')}</Button>
          <Button size="small" onClick={() => setDialog({ kind: 'outcome', request: p })} data-testid="resignation-record-outcome">{t('resignations.recordOutcome')}</Button>
        </Space>
      ),
    }] : []),
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.resignations') }]}
        title={t('resignations.title')}
        subtitle={r ? t('resignations.subtitle', { unit: r.unit.name, since: formatDate(r.since), until: formatDate(r.until) }) : undefined}
        extra={
          <Space>
            {writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="resignation-add">{t('resignations.add')}</Button>}
            <Button icon={<FileExcelOutlined />} href={recruitmentApi.resignationXlsxUrl(unitId, since, until)} data-testid="resignation-xlsx">{t('resignations.xlsx')}</Button>
          </Space>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={10}>
              <Form.Item label={t('resignations.unit')} style={{ marginBottom: 0 }}>
                <UnitSelect
                  id="resignations-unit" key={initial ? `u${initial.id}` : 'none'} value={unitId} initial={initial} allowClear={false} placeholder={t('users.scopePlaceholder')}
                  onChange={onChange}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('resignations.period')} style={{ marginBottom: 0 }}>
                <DatePicker.RangePicker
                  id="resignations-period" value={[fromIso(since), fromIso(until)]} format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  onChange={(v) => {
                    const [a, b] = v ?? [];
                    const s = toIso(a ?? null);
                    const u = toIso(b ?? null);
                    if (s && u) set({ since: s === defaultSince ? null : s, until: u === today ? null : u });
                  }}
                  data-testid="resignations-period"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {report.error || list.error ? <ErrorState error={report.error ?? list.error} onRetry={reload} /> : (
        <>
          <Card variant="borderless" style={{ marginBottom: 16 }} loading={!r} data-testid="resignations-totals">
            {r && (
              <Flex vertical gap={12}>
                <div>
                  <Typography.Text type="secondary" className="stat-group-title">{t('resignations.byReason')}</Typography.Text>
                  <div className="stat-grid" style={{ marginTop: 6 }}>
                    <Card className="stat-card" size="small" data-testid="resignations-total"><Statistic title={t('resignations.total')} value={r.total} groupSeparator="." /></Card>
                    {RESIGNATION_REASONS.map((k) => <Card key={k} className="stat-card" size="small" data-testid={`resignations-reason-${k}`}><Statistic title={label('resignationReason', k)} value={r.byReason[k] ?? 0} groupSeparator="." /></Card>)}
                  </div>
                </div>
                <div>
                  <Typography.Text type="secondary" className="stat-group-title">{t('resignations.byOutcome')}</Typography.Text>
                  <div className="stat-grid" style={{ marginTop: 6 }}>
                    {[...RESIGNATION_OUTCOMES, 'pending'].map((k) => (
                      <Card key={k} className="stat-card" size="small" style={{ ['--stat-color' as string]: OUTCOME_HEX[k] }} data-testid={`resignations-outcome-${k}`}>
                        <Statistic title={label('resignationOutcome', k)} value={r.byOutcome[k] ?? 0} groupSeparator="." styles={{ content: { color: OUTCOME_HEX[k], fontWeight: 600 } }} />
                      </Card>
                    ))}
                  </div>
                </div>
              </Flex>
            )}
          </Card>
          <Card variant="borderless" title={t('resignations.people')}>
            <Table<Resignation>
              rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} scroll={{ x: 1420 }}
              pagination={(list.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              expandable={{
                rowExpandable: (p) => p.counselling.length > 0,
                expandedRowRender: (p) => (
                  <ul className="plain-list counselling-list" data-testid="resignation-counselling">
                    {p.counselling.map((c) => <li key={c.id}><span className="numeric">{formatDate(c.metOn)}</span> · {c.metBy} · {c.outcomeNote}</li>)}
                  </ul>
                ),
              }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resignations.empty')} /> }}
              data-testid="resignations-list"
            />
          </Card>
        </>
      )}
      {dialog && <ResignationDialog dialog={dialog} unitId={unitId} onClose={() => setDialog(null)} onSaved={reload} />}
    </>
  );
}
