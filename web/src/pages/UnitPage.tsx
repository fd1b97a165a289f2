// A unit: details, member counts by status, sub-units, its members, and its history.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Skeleton, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ALLOWED_PARENT_KINDS, api, ApiError, UNIT_KINDS, type UnitDetail, type UnitSummary, type UnitVersion } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useAuth } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate, todayIso } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { KindTag } from '../components/tags.tsx';
import { StatusStats } from '../components/StatusStats.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { MemberList } from '../components/MemberList.tsx';
import { AuditTrail } from '../components/AuditTrail.tsx';
import { DateField } from '../components/DateField.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { InfoGrid } from '../components/InfoGrid.tsx';
import { CellMeetings } from '../components/CellMeetings.tsx';
import { RestructureDialog, RestructuringList } from '../components/Restructure.tsx';
import { UnitLineage } from '../components/UnitLineage.tsx';
import { UnitDocuments } from '../components/UnitDocuments.tsx';
import { BreakthroughPanel } from '../components/Breakthroughs.tsx';

const TABS = ['children', 'members', 'meetings', 'documents', 'breakthroughs', 'restructurings', 'history'] as const;
type TabKey = (typeof TABS)[number];
/** Query parameters that belong to the member list on the members tab. */
const MEMBER_PARAMS = ['q', 'status', 'sex', 'ageBand', 'unitKind', 'page'];
/** Query parameters of the meetings tab. */
const MEETING_PARAMS = ['year', 'month'];

function ChildrenTable({ unit }: { unit: UnitDetail }) {
  const t = useT();
  const list = useAsync(() => api.unitChildren(unit.id), [unit.id, unit.rowVersion, unit.childCount]);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.reload()} />;
  const columns: TableColumnsType<UnitSummary> = [
    { title: t('common.code'), dataIndex: 'code', key: 'code', width: 130, render: (c: string) => <span className="numeric">{c}</span> },
    { title: t('unit.name'), dataIndex: 'name', key: 'name', render: (n: string, u) => <Link to={`/units/${u.id}`} className="member-name-link">{n}</Link> },
    { title: t('unit.kind'), dataIndex: 'kind', key: 'kind', width: 210, render: (k: string) => <KindTag kind={k} /> },
    { title: t('unit.childCount'), dataIndex: 'childCount', key: 'childCount', width: 160, align: 'right', render: (n: number) => <span className="numeric">{n || '—'}</span> },
    { title: t('unit.memberCount'), dataIndex: 'memberCount', key: 'memberCount', width: 140, align: 'right', render: (n: number) => <strong className="numeric">{n.toLocaleString('vi-VN')}</strong> },
  ];
  const rows = list.data ?? [];
  return (
    <Table<UnitSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={list.loading}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('unit.noChildren')} /> }}
      summary={rows.length > 1 ? () => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={3}><strong>{t('common.total')}</strong></Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right"><span className="numeric">{rows.reduce((n, u) => n + u.childCount, 0)}</span></Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right"><strong className="numeric">{rows.reduce((n, u) => n + u.memberCount, 0).toLocaleString('vi-VN')}</strong></Table.Summary.Cell>
        </Table.Summary.Row>
      ) : undefined}
      data-testid="children-table"
    />
  );
}

function HistoryTab({ unit, canAudit }: { unit: UnitDetail; canAudit: boolean }) {
  const t = useT();
  const versions = useAsync(() => api.unitVersions(unit.id), [unit.id, unit.rowVersion]);
  const audit = useAsync(() => (canAudit ? api.unitHistory(unit.id) : Promise.resolve([])), [unit.id, unit.rowVersion, canAudit]);
  const unitNames: Record<number, string> = { [unit.id]: unit.name };
  for (const a of unit.ancestors) unitNames[a.id] = a.name;
  for (const v of versions.data ?? []) if (v.parentId && v.parentName) unitNames[v.parentId] = v.parentName;
  const columns: TableColumnsType<UnitVersion> = [
    { title: t('unit.validFrom'), dataIndex: 'validFrom', key: 'from', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('unit.validTo'), dataIndex: 'validTo', key: 'to', width: 120, render: (d: string | null) => (d ? <span className="numeric">{formatDate(d)}</span> : <Tag color="green">{t('common.now')}</Tag>) },
    { title: t('common.code'), dataIndex: 'code', key: 'code', width: 110 },
    { title: t('unit.name'), dataIndex: 'name', key: 'name' },
    { title: t('unit.kind'), dataIndex: 'kind', key: 'kind', width: 200, render: (k: string) => <KindTag kind={k} /> },
    { title: t('unit.parent'), dataIndex: 'parentName', key: 'parent', render: (n: string | null, v) => (v.parentId ? <Link to={`/units/${v.parentId}`}>{n}</Link> : '—') },
    { title: t('unit.decision'), dataIndex: 'decision', key: 'decision', width: 150, render: (d: string | null) => d ?? '—' },
  ];
  return (
    <>
      <Typography.Title level={5}>{t('unit.versions')}</Typography.Title>
      {versions.error ? <ErrorState error={versions.error} onRetry={() => void versions.reload()} /> : (
        <Table<UnitVersion>
          rowKey="validFrom" size="small" columns={columns} dataSource={versions.data ?? []} loading={versions.loading}
          pagination={false} scroll={{ x: 900 }} data-testid="unit-versions"
        />
      )}
      <UnitLineage unitId={unit.id} reloadKey={unit.rowVersion} />
      {canAudit && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('unit.audit')}</Typography.Title>
          {audit.error ? <ErrorState error={audit.error} onRetry={() => void audit.reload()} /> : <AuditTrail entries={audit.data} loading={audit.loading} unitNames={unitNames} />}
        </>
      )}
    </>
  );
}

interface AddValues { code: string; name: string; kind: string; effectiveDate: string; decision?: string; note?: string }
const ADD_FIELDS = ['code', 'name', 'kind', 'effectiveDate', 'decision', 'note'];

function AddUnitModal({ parent, open, onClose, onDone }: { parent: UnitDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const kinds = UNIT_KINDS.filter((k) => ALLOWED_PARENT_KINDS[k]?.includes(parent.kind));
  const submit = async (v: AddValues) => {
    setBusy(true);
    setOther([]);
    try {
      const created = await api.createUnit({ code: v.code.trim(), name: v.name.trim(), kind: v.kind, parentId: parent.id, effectiveDate: v.effectiveDate, decision: v.decision?.trim() || null, note: v.note?.trim() || null });
      message.success(t('unit.created', { name: created.name }));
      form.resetFields();
      onDone();
    } catch (err) {
      const rest = applyFieldErrors(form, err, ADD_FIELDS);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 ? [err.message] : []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('unit.addTitle', { name: parent.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<AddValues> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: kinds.includes('cell') ? 'cell' : kinds[0], effectiveDate: todayIso() }}>
        <Form.Item name="kind" label={t('unit.kind')} rules={[{ required: true, message: t('users.required') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: enumLabel(t, 'kind', k) }))} />
        </Form.Item>
        <Form.Item name="code" label={t('unit.code')} rules={[{ required: true, message: t('users.required') }]}>
          <Input maxLength={20} placeholder={`${parent.code}.01`} />
        </Form.Item>
        <Form.Item name="name" label={t('unit.name')} rules={[{ required: true, message: t('users.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('unit.establishDate')} rules={[{ required: true, message: t('users.required') }]}>
          <DateField allowClear={false} disabledFuture />
        </Form.Item>
        <Form.Item name="decision" label={t('unit.decision')}>
          <Input maxLength={60} placeholder={t('unit.decisionPlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('unit.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ChangeValues { name: string; code: string; parentId: number | null; effectiveDate: string; decision?: string; note?: string }
const CHANGE_FIELDS = ['name', 'code', 'kind', 'parentId', 'effectiveDate', 'decision', 'note'];

function ChangeUnitModal({ unit, open, onClose, onDone }: { unit: UnitDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const parent = unit.ancestors[unit.ancestors.length - 1] ?? null;
  const submit = async (v: ChangeValues) => {
    const body: Parameters<typeof api.updateUnit>[1] = { effectiveDate: v.effectiveDate, rowVersion: unit.rowVersion, decision: v.decision?.trim() || null };
    if (v.name.trim() !== unit.name) body.name = v.name.trim();
    if (v.code.trim() !== unit.code) body.code = v.code.trim();
    if (v.parentId && v.parentId !== unit.parentId) body.parentId = v.parentId;
    if ((v.note?.trim() || null) !== (unit.note ?? null)) body.note = v.note?.trim() || null;
    if (body.name === undefined && body.code === undefined && body.parentId === undefined && body.note === undefined) {
      message.info(t('unit.nothingChanged'));
      return;
    }
    setBusy(true);
    setOther([]);
    setConflict(false);
    try {
      await api.updateUnit(unit.id, body);
      message.success(t('unit.updated'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(true);
      const rest = applyFieldErrors(form, err, CHANGE_FIELDS);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 && err.status !== 409 ? [err.message] : []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('unit.changeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      {conflict && <Alert type="warning" showIcon title={t('unit.conflict')} action={<Button size="small" onClick={() => window.location.reload()}>{t('common.reload')}</Button>} style={{ marginBottom: 12 }} />}
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<ChangeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
       
        initialValues={{ name: unit.name, code: unit.code, parentId: unit.parentId, effectiveDate: todayIso(), note: unit.note ?? '' }}
      >
        <Form.Item name="name" label={t('unit.name')} rules={[{ required: true, message: t('users.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="code" label={t('unit.code')} rules={[{ required: true, message: t('users.required') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="parentId" label={t('unit.parent')} extra={parent ? `${t('unit.keepParent')}: ${parent.name}` : undefined}>
          <UnitSelect
            kinds={ALLOWED_PARENT_KINDS[unit.kind]}
            initial={parent}
            excludeIds={[unit.id]}
            allowClear={false}
            placeholder={t('unit.newParentPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('unit.effectiveDate')} rules={[{ required: true, message: t('users.required') }]}>
          <DateField allowClear={false} disabledFuture />
        </Form.Item>
        <Form.Item name="decision" label={t('unit.decision')}>
          <Input maxLength={60} placeholder={t('unit.decisionPlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={t('unit.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UnitPage() {
  const t = useT();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const unit = useAsync(() => api.unit(id), [id]);
  const [dialog, setDialog] = useState<'add' | 'change' | 'restructure' | null>(null);
  const tabParam = params.get('tab');

  if (unit.error) return <ErrorState error={unit.error} onRetry={() => void unit.reload()} />;
  const u = unit.data;
  if (!u || u.id !== id) return <Card variant="borderless"><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  const isCell = u.kind === 'cell' || u.kind === 'grassroots_cell';
  // Cells hold meetings; committees (every kind but the cell) choose the motto's breakthrough.
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') && (tabParam !== 'meetings' || isCell) && (tabParam !== 'breakthroughs' || u.kind !== 'cell')
    ? (tabParam as TabKey) : 'children';

  const setTab = (key: string) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    [...MEMBER_PARAMS, ...MEETING_PARAMS].forEach((p) => next.delete(p));
    if (key === 'children') next.delete('tab'); else next.set('tab', key);
    return next;
  });
  const parent = u.ancestors[u.ancestors.length - 1];
  const writable = can('unit.write');
  const done = () => { setDialog(null); void unit.reload(); };

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.tree'), to: '/tree' }, ...u.ancestors.map((a) => ({ title: a.name, to: `/units/${a.id}` })), { title: u.name }]}
        title={<span data-testid="unit-title">{u.name}</span>}
        tags={<>
          <KindTag kind={u.kind} />
          {u.dissolvedOn && <Tag color="red">{t('unit.dissolved')}: {formatDate(u.dissolvedOn)}</Tag>}
        </>}
        extra={writable && !u.dissolvedOn ? <>
          {u.kind !== 'cell' && u.kind !== 'grassroots_cell' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('add')} data-testid="unit-add-child">{t('unit.addChild')}</Button>
          )}
          {u.parentId !== null && <Button icon={<EditOutlined />} onClick={() => setDialog('change')} data-testid="unit-change">{t('unit.change')}</Button>}
          {u.parentId !== null && <Button icon={<ApartmentOutlined />} onClick={() => setDialog('restructure')} data-testid="unit-restructure">{t('restructure.button')}</Button>}
        </> : undefined}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <InfoGrid
          items={[
            { key: 'code', label: t('unit.code'), value: <span className="numeric" data-testid="unit-code">{u.code}</span> },
            { key: 'kind', label: t('unit.kind'), value: enumLabel(t, 'kind', u.kind) },
            { key: 'parent', label: t('unit.parent'), value: parent ? <Link to={`/units/${parent.id}`}>{parent.name}</Link> : '—' },
            { key: 'est', label: t('unit.established'), value: <span className="numeric">{formatDate(u.establishedOn)}</span> },
            { key: 'children', label: t('unit.childCount'), value: u.childCount },
            ...(u.dissolvedOn ? [{ key: 'dissolved', label: t('unit.dissolved'), value: formatDate(u.dissolvedOn) }] : []),
            ...(u.note ? [{ key: 'note', label: t('unit.note'), value: u.note, full: true }] : []),
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <StatusStats byStatus={u.byStatus} membersLink={(statuses) => `/units/${u.id}?tab=members&${statuses.map((s) => `status=${s}`).join('&')}`} />
        </div>
      </Card>
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'children', label: `${t('unit.tab.children')} (${u.childCount})`, children: tab === 'children' ? <ChildrenTable unit={u} /> : null },
            { key: 'members', label: t('unit.tab.members'), children: tab === 'members' ? <MemberList unitId={u.id} /> : null },
            ...(isCell ? [{ key: 'meetings', label: t('unit.tab.meetings'), children: tab === 'meetings' ? <CellMeetings unitId={u.id} canWrite={can('member.write') && !u.dissolvedOn} /> : null }] : []),
            ...(can('document.read') ? [{ key: 'documents', label: t('dis.todo.tab'), children: tab === 'documents' ? <UnitDocuments unitId={u.id} /> : null }] : []),
            ...(can('document.read') && u.kind !== 'cell' ? [{
              key: 'breakthroughs', label: t('dis.bt.tab'),
              children: tab === 'breakthroughs' ? <BreakthroughPanel unit={u} canWrite={can('document.write') && !u.dissolvedOn} /> : null,
            }] : []),
            { key: 'restructurings', label: t('unit.tab.restructurings'), children: tab === 'restructurings' ? <RestructuringList unit={u} canWrite={writable} onChanged={() => void unit.reload()} /> : null },
            { key: 'history', label: t('unit.tab.history'), children: tab === 'history' ? <HistoryTab unit={u} canAudit={can('audit.read')} /> : null },
          ]}
        />
      </Card>
      {/* Mounted only while open, so that each opening starts from the unit as it is now. */}
      {writable && dialog === 'add' && <AddUnitModal parent={u} open onClose={() => setDialog(null)} onDone={done} />}
      {writable && dialog === 'change' && <ChangeUnitModal unit={u} open onClose={() => setDialog(null)} onDone={done} />}
      {writable && dialog === 'restructure' && (
        <RestructureDialog unit={u} onClose={() => setDialog(null)} onDone={() => { done(); setTab('restructurings'); }} />
      )}
    </>
  );
}
