// Kế hoạch củng cố of one weak unit: the plan (causes, measures, committee, responsible member, result)
// and its tasks, each with owner, deadline, status, progress notes and evidence. Committee staff add and
// change tasks; a cell secretary reports progress; the server's checks decide (owner, deadline, moves).
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { api, PLAN_RESULTS } from '../api/index.ts';
import { consolidationApi, TASK_STATUSES, type ConsolidationPlan, type ConsolidationTask, type TaskInput } from '../api/consolidation.ts';
import { useT, type TFunction } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useAuth } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { useFormSubmit } from '../lib/useFormSubmit.ts';
import { DATE_FORMAT, formatDate, fromIso, toIso } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { InfoGrid } from '../components/InfoGrid.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';

const label = (t: TFunction, prefix: string, v: string) => t(`${prefix}.${v}` as MessageKey);
const STATUS_COLORS: Record<string, string> = { not_started: 'default', in_progress: 'blue', done: 'green', cancelled: 'default' };
const RESULT_COLORS: Record<string, string> = { in_progress: 'gold', consolidated: 'green', carried_over: 'volcano' };

export default function ConsolidationPlanPage() {
  const t = useT();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const plan = useAsync(() => consolidationApi.plan(id), [id]);
  const [task, setTask] = useState<Partial<ConsolidationTask> | null>(null);
  const [concluding, setConcluding] = useState(false);
  const p = plan.data;
  const canEdit = can('evaluation.decide');
  const canReport = can('evaluation.write');

  const columns: TableColumnsType<ConsolidationTask> = [
    { title: t('task.ordinal'), dataIndex: 'ordinal', key: 'ordinal', width: 50 },
    { title: t('task.measure'), dataIndex: 'measure', key: 'measure' },
    { title: t('task.owner'), key: 'owner', width: 200, render: (_, x) => <>{x.ownerMemberName && <div>{x.ownerMemberName}</div>}{x.ownerUnitName && <div className="muted">{x.ownerUnitName}</div>}</> },
    { title: t('task.deadline'), key: 'deadline', width: 130, render: (_, x) => <>{formatDate(x.deadline)}{x.overdueDays > 0 && <div><Tag color="red">{t('task.overdue', { days: x.overdueDays })}</Tag></div>}</> },
    { title: t('task.status'), key: 'status', width: 140, render: (_, x) => <><Tag color={STATUS_COLORS[x.status]}>{label(t, 'taskStatus', x.status)}</Tag>{x.doneOn && <div className="muted">{formatDate(x.doneOn)}</div>}</> },
    { title: t('task.progress'), key: 'progress', render: (_, x) => (
      <div style={{ fontSize: 13 }}>
        {x.progressNotes.slice(-3).map((n, i) => <div key={i}><span className="muted">{formatDate(n.on)}</span> {n.text}</div>)}
        {x.evidence.length > 0 && <div>{x.evidence.map((e) => <Tag key={e}>{/^https?:\/\//.test(e) ? <a href={e} target="_blank" rel="noreferrer">{e}</a> : e}</Tag>)}</div>}
      </div>
    ) },
    ...(canReport ? [{ key: 'edit', width: 60, render: (_: unknown, x: ConsolidationTask) => <Button size="small" icon={<EditOutlined />} onClick={() => setTask(x)} aria-label={t('task.edit')} data-testid={`task-edit-${x.ordinal}`} /> }] : []),
  ];

  if (plan.error) return <ErrorState error={plan.error} onRetry={() => void plan.reload()} />;
  if (!p) return null;
  return (
    <>
      <PageHeader
        crumbs={[{ title: <Link to={`/reports/weak-units?unitId=${p.unitId}&year=${p.year}`}>{t('nav.weak')}</Link> }, { title: p.name }]}
        title={t('plan.title', { unit: p.name })}
        subtitle={t('plan.subtitle', { year: p.year, kind: label(t, 'weakKind', p.weakKind) })}
        tags={<Tag color={RESULT_COLORS[p.result]} data-testid="plan-result">{label(t, 'planResult', p.result)}</Tag>}
        extra={canEdit && <Button onClick={() => setConcluding(true)} data-testid="plan-conclude">{t('plan.conclude')}</Button>}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <InfoGrid items={[
          { key: 'unit', label: t('weak.unit'), value: <Link to={`/units/${p.unitId}`}>{p.name} ({p.code})</Link> },
          { key: 'cat', label: t('weak.categories'), value: p.categories.map((c) => <Tag key={c} color="volcano">{label(t, 'weakCategory', c)}</Tag>) },
          { key: 'issuer', label: t('plan.issuer'), value: p.issuerUnitName ?? p.parentName ?? '' },
          { key: 'resp', label: t('plan.responsibleMember'), value: p.responsibleMemberName ?? p.responsible ?? '' },
          { key: 'causes', label: t('weak.causes'), value: p.causes ?? '', full: true },
          { key: 'measures', label: t('weak.measures'), value: p.measures ?? '', full: true },
          ...(p.resultOn ? [{ key: 'resultOn', label: t('plan.resultOn'), value: formatDate(p.resultOn) }] : []),
        ]} />
      </Card>
      <Card variant="borderless" title={t('plan.tasks')}
        extra={canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setTask({})} data-testid="task-add">{t('task.add')}</Button>}>
        <Table<ConsolidationTask> rowKey="id" size="small" columns={columns} dataSource={p.tasks} pagination={false} scroll={{ x: 900 }} data-testid="plan-tasks"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.noTasks')} /> }} />
      </Card>
      {task && <TaskModal plan={p} value={task} canEdit={canEdit} onClose={() => setTask(null)} onSaved={async () => { setTask(null); await plan.reload(); }} />}
      {concluding && <ConcludeModal plan={p} onClose={() => setConcluding(false)} onSaved={async () => { setConcluding(false); await plan.reload(); }} />}
    </>
  );
}

/** Members to choose from, searched by name on the server (under a unit, or the user's whole scope). */
function MemberSelect({ unitId, value, onChange, initialName }: { unitId?: number; value?: number | null; onChange?: (v: number | null) => void; initialName: string | null }) {
  const [options, setOptions] = useState<Array<{ value: number; label: string }>>(value && initialName ? [{ value, label: initialName }] : []);
  const search = async (q: string) => {
    const page = await api.members({ unitId, q, pageSize: 20 });
    setOptions(page.items.map((m) => ({ value: m.id, label: `${m.fullName} — ${m.unitName}` })));
  };
  return <Select showSearch allowClear filterOption={false} value={value ?? undefined} options={options} onSearch={(q) => void search(q)} onFocus={() => { if (!options.length) void search(''); }}
    onChange={(v) => onChange?.(v ?? null)} data-testid="task-owner-member" />;
}

function TaskModal({ plan, value, canEdit, onClose, onSaved }: { plan: ConsolidationPlan; value: Partial<ConsolidationTask>; canEdit: boolean; onClose: () => void; onSaved: () => Promise<void> }) {
  const t = useT();
  const isNew = value.id === undefined;
  const { form, error, submit } = useFormSubmit(async (x) => {
    const progress: TaskInput = { status: x.status, doneOn: x.status === 'done' ? toIso(x.doneOn ?? null) : null, evidence: x.evidence ?? [], note: x.note || null };
    const body: TaskInput = canEdit ? { ...progress, measure: x.measure, ownerUnitId: x.ownerUnitId ?? null, ownerMemberId: x.ownerMemberId ?? null, deadline: toIso(x.deadline ?? null) } : progress;
    if (isNew) await consolidationApi.addTask(plan.id, body);
    else await consolidationApi.updateTask(value.id!, { ...body, rowVersion: value.rowVersion });
    await onSaved();
  }, t('task.saved'));
  const status = Form.useWatch('status', form) as string | undefined;
  return (
    <Modal open title={isNew ? t('task.add') : t('task.edit')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} width={680}
      okButtonProps={{ 'data-testid': 'task-save' } as Record<`data-${string}`, string>}>
      <Form form={form} layout="vertical" initialValues={{ ...value, status: value.status ?? 'not_started', deadline: fromIso(value.deadline ?? null), doneOn: fromIso(value.doneOn ?? null), note: '' }}>
        <Form.Item name="measure" label={t('task.measure')}><Input.TextArea rows={2} disabled={!canEdit} data-testid="task-measure" /></Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="ownerUnitId" label={t('task.ownerUnit')} extra={t('task.ownerHint')}>
              {canEdit ? <UnitSelect id="task-owner-unit" initial={value.ownerUnitId ? { id: value.ownerUnitId, name: value.ownerUnitName ?? '', code: '', kind: 'cell' } : null} />
                : <Input disabled value={value.ownerUnitName ?? ''} />}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownerMemberId" label={t('task.ownerMember')}>
              {canEdit ? <MemberSelect unitId={plan.unitId} initialName={value.ownerMemberName ?? null} /> : <Input disabled value={value.ownerMemberName ?? ''} />}
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="deadline" label={t('task.deadline')}><DatePicker format={DATE_FORMAT} style={{ width: '100%' }} disabled={!canEdit} data-testid="task-deadline" /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="status" label={t('task.status')}>
              <Select options={TASK_STATUSES.map((s) => ({ value: s, label: label(t, 'taskStatus', s) }))} data-testid="task-status" />
            </Form.Item>
          </Col>
          <Col span={8}>{status === 'done' && <Form.Item name="doneOn" label={t('task.doneOn')}><DatePicker format={DATE_FORMAT} style={{ width: '100%' }} /></Form.Item>}</Col>
        </Row>
        <Form.Item name="evidence" label={t('task.evidence')} extra={t('task.evidenceHint')}><Select mode="tags" open={false} data-testid="task-evidence" /></Form.Item>
        {!isNew && value.progressNotes?.length ? (
          <Space direction="vertical" size={0} style={{ marginBottom: 12, fontSize: 13 }}>
            {value.progressNotes.map((n, i) => <span key={i}><span className="muted">{formatDate(n.on)} · {n.by}</span> {n.text}</span>)}
          </Space>
        ) : null}
        <Form.Item name="note" label={t('task.note')}><Input.TextArea rows={2} data-testid="task-note" /></Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="task-error" />}
      </Form>
    </Modal>
  );
}

function ConcludeModal({ plan, onClose, onSaved }: { plan: ConsolidationPlan; onClose: () => void; onSaved: () => Promise<void> }) {
  const t = useT();
  const { form, error, submit } = useFormSubmit(async (x) => {
    await consolidationApi.updatePlan(plan.id, {
      result: x.result, resultOn: toIso(x.resultOn ?? null), issuerUnitId: x.issuerUnitId ?? null, responsibleMemberId: x.responsibleMemberId ?? null, rowVersion: plan.rowVersion,
    });
    await onSaved();
  }, t('plan.saved'));
  return (
    <Modal open title={t('plan.conclude')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} width={560}>
      <Form form={form} layout="vertical" initialValues={{ result: plan.result, resultOn: fromIso(plan.resultOn), issuerUnitId: plan.issuerUnitId, responsibleMemberId: plan.responsibleMemberId }}>
        <Form.Item name="issuerUnitId" label={t('plan.issuer')}>
          <UnitSelect id="plan-issuer" initial={plan.issuerUnitId ? { id: plan.issuerUnitId, name: plan.issuerUnitName ?? '', code: '', kind: 'grassroots_committee' } : null} />
        </Form.Item>
        <Form.Item name="responsibleMemberId" label={t('plan.responsibleMember')}>
          <MemberSelect unitId={plan.issuerUnitId ?? undefined} initialName={plan.responsibleMemberName} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={14}><Form.Item name="result" label={t('weak.result')}><Select options={PLAN_RESULTS.map((r) => ({ value: r, label: label(t, 'planResult', r) }))} /></Form.Item></Col>
          <Col span={10}><Form.Item name="resultOn" label={t('plan.resultOn')}><DatePicker format={DATE_FORMAT} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
