// One party document: its tasks and solutions with indicators, the follow-up of the units below that must
// implement it (plan adopted, reported for a period, late), indicator results, progress reports (for a
// plan) and review drafts. A lower unit's plan is a document too, its tasks linked to the parent's.
import { useMemo, useState } from 'react';
import {
  Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, InputNumber, Row, Segmented, Select, Table, Tabs, Tag, Typography,
  type TableColumnsType,
} from 'antd';
import { FileExcelOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, type DocumentDetail, type DocumentTask, type FollowUpRow, type IndicatorResult, type ProgressReport } from '../api/index.ts';
import { useT } from '../locales/i18n.tsx';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate, formatDateTime, todayIso } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { DateField } from '../components/DateField.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { DocumentForm, docLabel, PLAN_COLORS } from '../components/DocumentForm.tsx';
import { KIND_COLORS } from './DocumentsPage.tsx';
import { DisseminationTab } from './DisseminationTab.tsx';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}(-(Q[1-4]|H[12]))?$/;
const REPORT_COLORS: Record<string, string> = { reported: 'green', reported_late: 'gold', partial: 'orange', pending: 'default', late: 'red', no_plan: 'default' };
const TASK_COLORS: Record<string, string> = { not_started: 'default', in_progress: 'blue', done: 'green', overdue: 'red' };
const ORIGIN_COLORS: Record<string, string> = { computed: 'blue', reported: 'green', no_data: 'default', not_reported: 'orange' };

/** Periods (newest first) from a year to a year: the year, its halves and quarters. */
function periodOptions(fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let y = toYear; y >= fromYear; y--) out.push(`${y}-Q4`, `${y}-Q3`, `${y}-H2`, `${y}-Q2`, `${y}-Q1`, `${y}-H1`, String(y));
  return out;
}
/** The last quarter that ended before a date. */
function lastQuarterBefore(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const q = Math.floor((Number(iso.slice(5, 7)) - 1) / 3);
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
}

function TasksTab({ doc, onChanged }: { doc: DocumentDetail; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const isPlan = doc.implements.length > 0;
  const setStatus = async (task: DocumentTask, status: string) => {
    try {
      await api.updateDocumentTask(doc.id, task.id, { status, rowVersion: task.rowVersion });
      message.success(t('common.saved'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
    onChanged();
  };
  const columns: TableColumnsType<DocumentTask> = [
    { title: '#', dataIndex: 'position', key: 'pos', width: 48, render: (p: number) => <strong>{p}.</strong> },
    {
      title: t('doc.taskTitle'), key: 'title', render: (_: unknown, task) => (
        <div>
          <div className="doc-task-title">{task.title}</div>
          {task.description && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{task.description}</Typography.Text>}
          {task.indicators.length > 0 && (
            <ul className="plain-list doc-indicators">
              {task.indicators.map((i) => <li key={i.id}><Tag>{t('doc.indicator')}</Tag>{i.name} ({i.unitOfMeasure}) · <Typography.Text type="secondary">{docLabel(t, 'docMeasure', i.measurement)}</Typography.Text></li>)}
            </ul>
          )}
        </div>
      ),
    },
    ...(isPlan ? [{ title: t('doc.parentTask'), key: 'parent', width: 240, render: (_: unknown, task: DocumentTask) => task.parentTaskTitle ? <span>{task.parentTaskPosition}. {task.parentTaskTitle}</span> : <span className="muted">—</span> }] : []),
    ...(isPlan ? [
      { title: t('doc.owner'), dataIndex: 'owner', key: 'owner', width: 150, render: (o: string | null) => o ?? <span className="muted">—</span> },
      { title: t('doc.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110, render: (d: string | null) => d ? <span className="numeric">{formatDate(d)}</span> : <span className="muted">—</span> },
      {
        title: t('doc.status'), key: 'status', width: 170, render: (_: unknown, task: DocumentTask) => doc.editable ? (
          <Select size="small" value={task.status} style={{ width: 150 }} onChange={(v) => void setStatus(task, v)} data-testid="doc-task-status"
            options={['not_started', 'in_progress', 'done'].map((s) => ({ value: s, label: docLabel(t, 'docTask', s) }))} />
        ) : <Tag color={TASK_COLORS[task.state]}>{docLabel(t, 'docTask', task.state)}</Tag>,
      },
    ] : []),
  ];
  return <Table<DocumentTask> rowKey="id" size="middle" columns={columns} dataSource={doc.taskList} pagination={false} data-testid="doc-tasks" scroll={{ x: 800 }} />;
}

function FollowUpTab({ doc }: { doc: DocumentDetail }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const asOf = ISO.test(params.get('asOf') ?? '') ? params.get('asOf')! : todayIso();
  const fromYear = Number((doc.coversFrom ?? doc.issuedOn).slice(0, 4));
  const toYear = Math.max(fromYear, Math.min(Number(asOf.slice(0, 4)), Number((doc.coversTo ?? asOf).slice(0, 4))));
  const options = periodOptions(fromYear, toYear);
  const fallback = options.includes(lastQuarterBefore(asOf)) ? lastQuarterBefore(asOf) : options[0]!;
  const period = PERIOD.test(params.get('period') ?? '') ? params.get('period')! : fallback;
  const depth = Number(params.get('depth')) || 1;
  const [filter, setFilter] = useState<'all' | 'late' | 'noPlan' | 'notReported'>('all');
  const data = useAsync(() => api.followUp(doc.id, { period, depth, asOf }), [doc.id, period, depth, asOf]);
  const set = (k: string, v: string | null) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    if (v) next.set(k, v); else next.delete(k);
    return next;
  }, { replace: true });
  const rows = useMemo(() => (data.data?.rows ?? []).filter((r) =>
    filter === 'all' ? true : filter === 'late' ? r.late : filter === 'noPlan' ? !r.planId : r.report !== 'reported' && r.report !== 'reported_late'), [data.data, filter]);

  const columns: TableColumnsType<FollowUpRow> = [
    {
      title: t('doc.unit'), key: 'unit', render: (_: unknown, r) => (
        <div style={{ paddingLeft: (r.level - 1) * 16 }}>
          <Link to={`/units/${r.unitId}`}>{r.name}</Link> <span className="muted numeric">({r.code})</span>
          {r.level > 1 && r.parentName && <div className="muted" style={{ fontSize: 12 }}>{r.parentName}</div>}
        </div>
      ),
    },
    {
      title: t('doc.plan'), key: 'plan', width: 260, render: (_: unknown, r) => (
        <Flex gap={6} align="center" wrap>
          <Tag color={PLAN_COLORS[r.plan]} data-testid="fu-plan">{docLabel(t, 'docPlan', r.plan)}</Tag>
          {r.planId && <Link to={`/documents/${r.planId}`} className="doc-number">{r.planNumber}</Link>}
          {r.planAdoptedOn && <span className="numeric muted">{formatDate(r.planAdoptedOn)}</span>}
        </Flex>
      ),
    },
    {
      title: `${t('doc.reported')} ${period}`, key: 'report', width: 250, render: (_: unknown, r) => (
        <Flex gap={6} align="center" wrap>
          <Tag color={REPORT_COLORS[r.report]} data-testid="fu-report">{docLabel(t, 'docReport', r.report)}</Tag>
          {r.planId && <span className="numeric muted">{r.reportedTasks}/{r.tasks}</span>}
          {r.lastReportOn && <span className="numeric muted">{formatDate(r.lastReportOn)}</span>}
        </Flex>
      ),
    },
    { title: t('doc.late'), key: 'late', width: 80, align: 'center', render: (_: unknown, r) => r.late ? <Tag color="red" data-testid="fu-late">{t('doc.late')}</Tag> : null },
  ];

  return (
    <>
      <Flex gap={16} wrap align="end" style={{ marginBottom: 12 }}>
        <div style={{ width: 150 }}>
          <div className="field-label">{t('doc.period')}</div>
          <Select value={period} style={{ width: '100%' }} onChange={(v) => set('period', v)} options={options.map((p) => ({ value: p, label: p }))} data-testid="fu-period" showSearch />
        </div>
        <div style={{ width: 170 }}>
          <div className="field-label">{t('doc.asOf')}</div>
          <DateField value={asOf} allowClear={false} onChange={(v) => set('asOf', v && v !== todayIso() ? v : null)} id="fu-asof" />
        </div>
        <div style={{ width: 90 }}>
          <div className="field-label">{t('doc.depth')}</div>
          <InputNumber min={1} max={4} value={depth} onChange={(v) => set('depth', v && v > 1 ? String(v) : null)} style={{ width: '100%' }} data-testid="fu-depth" />
        </div>
        <div>
          <div className="field-label">{t('doc.filter')}</div>
          <Segmented value={filter} onChange={(v) => setFilter(v as typeof filter)} data-testid="fu-filter"
            options={[{ value: 'all', label: t('doc.filterAll') }, { value: 'late', label: t('doc.filterLate') }, { value: 'noPlan', label: t('doc.filterNoPlan') }, { value: 'notReported', label: t('doc.filterNotReported') }]} />
        </div>
        <div style={{ marginLeft: 'auto' }}>
          <Button icon={<FileExcelOutlined />} href={api.followUpXlsxUrl(doc.id, { period, depth, asOf })}>{t('doc.xlsx')}</Button>
        </div>
      </Flex>
      {data.error ? <ErrorState error={data.error} onRetry={() => void data.reload()} /> : (
        <>
          {data.data && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="fu-totals"
              title={`${t('doc.totals', data.data.totals)} · ${t('doc.dueDate', { period: data.data.period.code, date: formatDate(data.data.reportDueDate) })}`} />
          )}
          <Table<FollowUpRow> rowKey="unitId" size="middle" columns={columns} dataSource={rows} loading={data.loading} data-testid="fu-table"
            pagination={rows.length > 60 ? { pageSize: 60, showSizeChanger: false } : false} scroll={{ x: 900 }}
            rowClassName={(r) => (r.late ? 'row-late' : '')} />
        </>
      )}
    </>
  );
}

function IndicatorsTab({ doc }: { doc: DocumentDetail }) {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<number>(me.scopeUnitId);
  const [year, setYear] = useState<number>(Number((doc.coversFrom ?? doc.issuedOn).slice(0, 4)));
  const data = useAsync(() => api.indicatorResults(doc.id, unitId, year), [doc.id, unitId, year]);
  // The issuer's staff assign targets; a unit types only the values of indicators measured by reporting.
  const save = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('common.saved'));
      void data.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? [err.message, ...err.fields.map((f) => f.message)].join(': ') : String(err));
    }
  };
  const numberCell = (value: number | null, editable: boolean, onSave: (v: number) => void, testId: string) => editable
    ? <InputNumber size="small" min={0} defaultValue={value ?? undefined} style={{ width: 90 }} data-testid={testId}
        onBlur={(e) => { const v = Number(e.target.value); if (e.target.value !== '' && Number.isFinite(v) && v !== value) onSave(v); }} />
    : value === null ? <span className="muted">—</span> : <strong data-testid={testId}>{value}</strong>;
  const columns: TableColumnsType<IndicatorResult> = [
    { title: '#', key: 'pos', width: 60, render: (_: unknown, r) => `${r.taskPosition}.${r.position}` },
    { title: t('doc.indicatorName'), dataIndex: 'name', key: 'name' },
    { title: t('doc.indicatorUnit'), dataIndex: 'unitOfMeasure', key: 'uom', width: 110 },
    { title: t('doc.measurement'), dataIndex: 'measurement', key: 'm', width: 230, render: (m: string) => docLabel(t, 'docMeasure', m) },
    {
      title: t('doc.target'), key: 'target', width: 120, align: 'right',
      render: (_: unknown, r) => numberCell(r.target, doc.editable, (v) => void save(() => api.setIndicatorTarget(r.id, { unitId, year, target: v })), 'ind-target'),
    },
    {
      title: t('doc.actual'), key: 'actual', width: 120, align: 'right',
      render: (_: unknown, r) => numberCell(r.actual, r.measurement === 'reported' && can('document.write'), (v) => void save(() => api.reportIndicatorValue(r.id, { unitId, year, value: v })), 'ind-actual'),
    },
    { title: '', dataIndex: 'origin', key: 'origin', width: 150, render: (o: string, r) => <Tag color={ORIGIN_COLORS[o]} title={r.note ?? undefined}>{docLabel(t, 'docOrigin', o)}</Tag> },
  ];
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={24} md={12}><div className="field-label">{t('doc.unit')}</div><UnitSelect value={unitId} allowClear={false} onChange={(v) => v && setUnitId(v)} placeholder={t('users.scopePlaceholder')} /></Col>
        <Col xs={12} md={4}><div className="field-label">{t('doc.year')}</div><InputNumber min={1930} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: '100%' }} /></Col>
      </Row>
      {data.error ? <ErrorState error={data.error} /> : (
        <Table<IndicatorResult> rowKey={(r) => `${r.id}-${unitId}-${year}-${r.target}-${r.actual}`} size="middle" columns={columns} dataSource={data.data ?? []} loading={data.loading} pagination={false} data-testid="ind-table" />
      )}
    </>
  );
}

function ProgressTab({ doc }: { doc: DocumentDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ taskId: number; period: string; body: string; evidence?: string[] }>();
  const [busy, setBusy] = useState(false);
  const reports = useAsync(() => api.documentReports(doc.id), [doc.id]);
  const fromYear = Number((doc.coversFrom ?? doc.issuedOn).slice(0, 4));
  const toYear = Math.max(fromYear, Number(todayIso().slice(0, 4)));
  const submit = async (v: { taskId: number; period: string; body: string; evidence?: string[] }) => {
    setBusy(true);
    try {
      await api.saveProgressReport(doc.id, v.taskId, v.period, { body: v.body, evidence: v.evidence ?? [] });
      message.success(t('doc.reportSaved'));
      form.resetFields(['body', 'evidence']);
      void reports.reload();
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['taskId', 'period', 'body', 'evidence']);
      if (rest.length || (err instanceof ApiError && !err.fields.length)) message.error(rest.join('; ') || (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const columns: TableColumnsType<ProgressReport> = [
    { title: t('doc.period'), dataIndex: 'period', key: 'period', width: 100 },
    { title: t('doc.reportTask'), key: 'task', width: 260, render: (_: unknown, r) => `${r.taskPosition}. ${r.taskTitle}` },
    { title: t('doc.reportBody'), dataIndex: 'body', key: 'body', render: (b: string, r) => <div>{b}{r.evidence.length > 0 && <div className="muted" style={{ fontSize: 12 }}>{r.evidence.join('; ')}</div>}</div> },
    { title: t('doc.submittedOn'), key: 'on', width: 170, render: (_: unknown, r) => <div><span className="numeric">{formatDate(r.submittedOn)}</span><div className="muted" style={{ fontSize: 12 }}>{r.submittedBy}</div></div> },
  ];
  return (
    <>
      {doc.editable && doc.taskList.length > 0 && (
        <Card size="small" title={t('doc.addReport')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ period: lastQuarterBefore(todayIso()) }} data-testid="report-form">
            <Row gutter={12}>
              <Col xs={24} md={14}>
                <Form.Item name="taskId" label={t('doc.reportTask')} rules={[{ required: true, message: t('doc.required') }]}>
                  <Select options={doc.taskList.map((x) => ({ value: x.id, label: `${x.position}. ${x.title}` }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="period" label={t('doc.period')} rules={[{ required: true, message: t('doc.required') }]}>
                  <Select showSearch options={periodOptions(fromYear, toYear).map((p) => ({ value: p, label: p }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="body" label={t('doc.reportBody')} rules={[{ required: true, message: t('doc.required') }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} /></Form.Item>
            <Form.Item name="evidence" label={t('doc.reportEvidence')}><Select mode="tags" open={false} suffixIcon={null} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} icon={<PlusOutlined />} data-testid="report-save">{t('common.save')}</Button>
          </Form>
        </Card>
      )}
      <Table<ProgressReport> rowKey="id" size="middle" columns={columns} dataSource={reports.data ?? []} loading={reports.loading} data-testid="report-table"
        pagination={(reports.data?.length ?? 0) > 30 ? { pageSize: 30 } : false} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('doc.noReports')} /> }} />
    </>
  );
}

function ReviewsTab({ doc }: { doc: DocumentDetail }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const drafts = useAsync(() => api.reviewDrafts(doc.id), [doc.id]);
  const [kind, setKind] = useState<'so_ket' | 'tong_ket'>('so_ket');
  const [from, setFrom] = useState<string | null>(doc.coversFrom ?? doc.issuedOn);
  const [to, setTo] = useState<string | null>(todayIso());
  const [busy, setBusy] = useState(false);
  const generate = async () => {
    if (!from || !to) return;
    setBusy(true);
    try {
      await api.createReviewDraft(doc.id, { kind, from, to });
      void drafts.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? [err.message, ...err.fields.map((f) => f.message)].join(': ') : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {can('document.write') && (
        <Flex gap={12} wrap align="end" style={{ marginBottom: 16 }}>
          <div><div className="field-label">{t('doc.reviewKind')}</div><Segmented value={kind} onChange={(v) => setKind(v as typeof kind)} options={[{ value: 'so_ket', label: docLabel(t, 'docReview', 'so_ket') }, { value: 'tong_ket', label: docLabel(t, 'docReview', 'tong_ket') }]} /></div>
          <div style={{ width: 160 }}><div className="field-label">{t('common.from')}</div><DateField value={from} onChange={setFrom} id="review-from" /></div>
          <div style={{ width: 160 }}><div className="field-label">{t('common.to')}</div><DateField value={to} onChange={setTo} id="review-to" /></div>
          <Button type="primary" icon={<FileTextOutlined />} loading={busy} onClick={() => void generate()} data-testid="review-generate">{t('doc.reviewGenerate')}</Button>
        </Flex>
      )}
      {(drafts.data ?? []).length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('doc.noReviews')} /> : (
        <Flex vertical gap={12}>
          {(drafts.data ?? []).map((d) => (
            <Card key={d.id} size="small" data-testid="review-draft"
              title={<span>{docLabel(t, 'docReview', d.kind)} · {formatDate(d.from)} – {formatDate(d.to)}</span>}
              extra={<span className="muted">{t('doc.reviewFrom', { reports: d.reports, unit: d.unitName })} · {formatDateTime(d.createdAt)}</span>}>
              <pre className="review-body">{d.body}</pre>
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}

export default function DocumentPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { id } = useParams();
  const docId = Number(id);
  const [params, setParams] = useSearchParams();
  const [planning, setPlanning] = useState(false);
  const doc = useAsync(() => api.document(docId), [docId]);
  const d = doc.data;
  if (doc.error) return <ErrorState error={doc.error} onRetry={() => void doc.reload()} />;
  const isPlan = !!d && d.implements.length > 0;
  const tab = params.get('tab') ?? 'tasks';
  const refs = (list: DocumentDetail['implements']) => list.length ? list.map((r) => <div key={r.id}><Link to={`/documents/${r.id}`} className="doc-number">{r.number}</Link> <span className="muted">{r.issuingUnitName}, {formatDate(r.issuedOn)}</span></div>) : <span className="muted">—</span>;

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.documents'), to: '/documents' }, ...(d?.implements[0] ? [{ title: d.implements[0].number, to: `/documents/${d.implements[0].id}` }] : []), { title: d?.number ?? '…' }]}
        title={<span data-testid="doc-heading">{d ? `${docLabel(t, 'docKind', d.kind)} số ${d.number}` : '…'}</span>}
        tags={d ? <Tag color={KIND_COLORS[d.kind] ?? 'default'}>{d.kind}</Tag> : undefined}
        subtitle={d?.title}
        extra={d && can('document.write') ? <Button icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="doc-create-plan">{t('doc.createPlan')}</Button> : undefined}
      />
      <Card variant="borderless" loading={!d} style={{ marginBottom: 16 }}>
        {d && (
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="doc-info">
            <Descriptions.Item label={t('doc.issuer')}><Link to={`/units/${d.issuingUnitId}`}>{d.issuingUnitName}</Link></Descriptions.Item>
            <Descriptions.Item label={t('doc.issuedOn')}><span className="numeric">{formatDate(d.issuedOn)}</span></Descriptions.Item>
            <Descriptions.Item label={t('doc.covers')}>{d.coversFrom ? `${formatDate(d.coversFrom)} – ${formatDate(d.coversTo)}` : '—'}</Descriptions.Item>
            {isPlan && <Descriptions.Item label={t('doc.implements')}>{refs(d.implements)}</Descriptions.Item>}
            {d.replaces.length > 0 && <Descriptions.Item label={t('doc.replaces')}>{refs(d.replaces)}</Descriptions.Item>}
            {d.replacedBy.length > 0 && <Descriptions.Item label={t('doc.replacedBy')}>{refs(d.replacedBy)}</Descriptions.Item>}
            <Descriptions.Item label={t('doc.planDueDate')}>{d.planDueDate ? formatDate(d.planDueDate) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('doc.reportDueDays')}>{d.reportDueDays}</Descriptions.Item>
            <Descriptions.Item label={t('doc.attachments')}>{d.attachments.length ? d.attachments.map((a) => <Tag key={a}>{a}</Tag>) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('doc.plansCount')}>{d.plans.length}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {d && (
        <Card variant="borderless">
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams((prev) => { const n = new URLSearchParams(prev); n.set('tab', k); return n; }, { replace: true })}
            items={[
              { key: 'tasks', label: `${t('doc.tasks')} (${d.taskList.length})`, children: <TasksTab doc={d} onChanged={() => void doc.reload()} /> },
              { key: 'follow-up', label: t('doc.followUp'), children: <FollowUpTab doc={d} /> },
              { key: 'indicators', label: t('doc.indicators'), children: <IndicatorsTab doc={d} /> },
              { key: 'progress', label: t('doc.progress'), children: <ProgressTab doc={d} /> },
              { key: 'reviews', label: t('doc.reviews'), children: <ReviewsTab doc={d} /> },
              { key: 'dissemination', label: t('dis.tab'), children: <DisseminationTab doc={d} /> },
            ]}
          />
        </Card>
      )}
      {d && <DocumentForm open={planning} parent={d} onClose={() => setPlanning(false)} onDone={(p) => { setPlanning(false); navigate(`/documents/${p.id}`); }} />}
    </>
  );
}
