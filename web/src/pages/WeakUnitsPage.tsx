// Tổ chức đảng yếu kém: the units flagged for a year counted as the province counts them (grassroots
// organizations, cells under grassroots committees, other cells), each with its consolidation plan; the
// candidates the data suggests; flagging a unit or updating its plan.
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { EditOutlined, FileExcelOutlined, FlagOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api, PLAN_RESULTS, WEAK_CATEGORIES, WEAK_KINDS, type WeakUnit } from '../api/index.ts';
import { useT, type TFunction } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { useFormSubmit } from '../lib/useFormSubmit.ts';
import { DATE_FORMAT, formatDate, fromIso, toIso } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';

const label = (t: TFunction, prefix: string, v: string) => t(`${prefix}.${v}` as MessageKey);
const RESULT_COLORS: Record<string, string> = { in_progress: 'gold', consolidated: 'green', carried_over: 'volcano' };

export default function WeakUnitsPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unitId')) || me.scopeUnitId;
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  const report = useAsync(() => api.weakUnitsReport(unitId, year), [unitId, year]);
  const suggestions = useAsync(() => api.weakUnitSuggestions(unitId, year), [unitId, year]);
  const [editing, setEditing] = useState<Partial<WeakUnit> | null>(null);
  const r = report.data;
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); n.set(k, v); return n; }, { replace: true });

  const columns: TableColumnsType<WeakUnit> = [
    { title: t('weak.unit'), key: 'unit', render: (_, u) => <span><Link to={`/units/${u.unitId}`}>{u.name}</Link> <span className="muted numeric">({u.code})</span><br /><span className="muted">{u.parentName}</span></span> },
    { title: t('weak.kind'), dataIndex: 'weakKind', key: 'kind', width: 200, render: (k: string) => label(t, 'weakKind', k) },
    { title: t('weak.categories'), dataIndex: 'categories', key: 'cat', width: 220, render: (cs: string[]) => cs.map((c) => <Tag key={c} color="volcano">{label(t, 'weakCategory', c)}</Tag>) },
    { title: t('weak.plan'), key: 'plan', render: (_, u) => (
      <div style={{ fontSize: 13 }}>
        {u.measures && <div>{u.measures}</div>}
        {u.responsible && <div className="muted">{t('weak.responsible')}: {u.responsible}</div>}
        {u.deadline && <div className="muted">{t('weak.deadline')}: {formatDate(u.deadline)}</div>}
        {u.progress && <div className="muted">{t('weak.progress')}: {u.progress}</div>}
      </div>
    ) },
    { title: t('weak.result'), dataIndex: 'result', key: 'result', width: 150, render: (x: string) => <Tag color={RESULT_COLORS[x]}>{label(t, 'planResult', x)}</Tag> },
    { key: 'open', width: 90, render: (_: unknown, u: WeakUnit) => <Link to={`/weak-units/${u.id}`} data-testid={`weak-plan-${u.code}`}>{t('plan.open')}</Link> },
    ...(can('evaluation.decide') ? [{ key: 'edit', width: 60, render: (_: unknown, u: WeakUnit) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} aria-label={t('common.edit')} /> }] : []),
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.weak') }]}
        title={t('weak.title')}
        subtitle={r ? t('weak.subtitle', { unit: r.unit.name, year: r.year }) : undefined}
        extra={<>
          {can('evaluation.decide') && <Button icon={<FlagOutlined />} onClick={() => setEditing({ year, categories: [] })} style={{ marginRight: 8 }} data-testid="weak-add">{t('weak.add')}</Button>}
          <Button icon={<FileExcelOutlined />} href={api.weakUnitsXlsxUrl(unitId, year)}>{t('attrition.xlsx')}</Button>
        </>}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <UnitSelect id="weak-unit" key={r ? `u${unitId}` : 'none'} value={unitId} allowClear={false} initial={r ? { id: unitId, ...r.unit } : null} onChange={(v) => { if (v) set('unitId', String(v)); }} />
          </Col>
          <Col xs={12} md={6}>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => { if (v) set('year', String(v)); }} style={{ width: '100%' }} data-testid="weak-year" />
          </Col>
        </Row>
      </Card>
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.reload()} /> : r && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card size="small" data-testid="weak-total"><Statistic title={t('weak.total')} value={r.total} /></Card></Col>
            {WEAK_KINDS.map((k) => <Col xs={12} md={6} key={k}><Card size="small" data-testid={`weak-kind-${k}`}><Statistic title={label(t, 'weakKind', k)} value={r.byKind[k] ?? 0} /></Card></Col>)}
          </Row>
          <Card variant="borderless" title={t('weak.list')} style={{ marginBottom: 16 }}>
            <Table<WeakUnit> rowKey="id" size="small" columns={columns} dataSource={r.units} pagination={false} scroll={{ x: 1000 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('weak.empty')} /> }} data-testid="weak-units" />
          </Card>
          {!!suggestions.data?.length && (
            <Card variant="borderless" title={t('weak.suggestions')}>
              <ul className="plain-list">
                {suggestions.data.map((s) => (
                  <li key={s.unitId}>
                    <Link to={`/units/${s.unitId}`}>{s.name}</Link> <span className="muted">({s.code})</span> — {s.reasons.map((x) => x.vi).join('; ')}
                    {can('evaluation.decide') && <Button size="small" type="link" onClick={() => setEditing({ unitId: s.unitId, name: s.name, code: s.code, kind: s.kind, year, categories: [s.category as WeakUnit['categories'][number]] })}>{t('weak.flag')}</Button>}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </>
      )}
      {editing && <WeakUnitModal value={editing} onClose={() => setEditing(null)} onSaved={async () => { setEditing(null); await Promise.all([report.reload(), suggestions.reload()]); }} />}
    </>
  );
}

function WeakUnitModal({ value, onClose, onSaved }: { value: Partial<WeakUnit>; onClose: () => void; onSaved: () => Promise<void> }) {
  const t = useT();
  const { form, error, submit } = useFormSubmit(async (x) => {
    await api.saveWeakUnit({ ...x, year: value.year!, deadline: toIso(x.deadline ?? null), rowVersion: value.rowVersion ?? null });
    await onSaved();
  }, t('weak.saved'));
  return (
    <Modal open title={t('weak.planTitle', { year: value.year ?? '' })} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} width={640}>
      <Form form={form} layout="vertical" initialValues={{ ...value, deadline: fromIso(value.deadline ?? null), result: value.result ?? 'in_progress' }}>
        <Form.Item name="unitId" label={t('weak.unit')} rules={[{ required: true }]}>
          <UnitSelect id="weak-plan-unit" kinds={['grassroots_committee', 'grassroots_cell', 'cell']} initial={value.unitId ? { id: value.unitId, name: value.name ?? '', code: value.code ?? '', kind: value.kind ?? 'cell' } : null} />
        </Form.Item>
        <Form.Item name="categories" label={t('weak.categories')} rules={[{ required: true }]}>
          <Select mode="multiple" options={WEAK_CATEGORIES.map((c) => ({ value: c, label: label(t, 'weakCategory', c) }))} data-testid="weak-categories" />
        </Form.Item>
        <Form.Item name="causes" label={t('weak.causes')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="measures" label={t('weak.measures')}><Input.TextArea rows={2} /></Form.Item>
        <Row gutter={12}>
          <Col span={14}><Form.Item name="responsible" label={t('weak.responsible')}><Input /></Form.Item></Col>
          <Col span={10}><Form.Item name="deadline" label={t('weak.deadline')}><DatePicker format={DATE_FORMAT} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="progress" label={t('weak.progress')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="result" label={t('weak.result')}><Select options={PLAN_RESULTS.map((x) => ({ value: x, label: label(t, 'planResult', x) }))} /></Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
