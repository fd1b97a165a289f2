// "Sắp xếp tổ chức" on the unit page: merge into another unit, move, dissolve or rename, always through a
// preview of what will move before confirming; and the unit's restructuring records with their notes.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, List, Modal, Popconfirm, Radio, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { ALLOWED_PARENT_KINDS, api, ApiError, type RestructureInput, type RestructurePreview, type RestructuringRecord, type UnitDetail } from '../api/index.ts';
import { useT } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate, todayIso } from '../lib/dates.ts';
import { DateField } from './DateField.tsx';
import { UnitSelect } from './UnitSelect.tsx';
import { ErrorState } from './ErrorState.tsx';
import { ReformImportDialog } from './ReformImport.tsx';

type Action = 'merge' | 'move' | 'dissolve' | 'rename';
interface Values {
  action: Action;
  targetId?: number | null;
  parentId?: number | null;
  membersTo?: number | null;
  name?: string;
  code?: string;
  effectiveDate: string;
  decisionNumber: string;
  decisionDate?: string | null;
  issuedBy?: string;
  note?: string;
}
const CELL_KINDS = ['cell', 'grassroots_cell'];

function toInput(unit: UnitDetail, v: Values): RestructureInput {
  const decision = {
    effectiveDate: v.effectiveDate, decisionNumber: v.decisionNumber.trim(), decisionDate: v.decisionDate || null,
    issuedBy: v.issuedBy?.trim() || null, note: v.note?.trim() || null,
  };
  switch (v.action) {
    case 'merge': return { ...decision, kind: 'merge', sourceIds: [unit.id], targetId: v.targetId ?? null };
    case 'move': return { ...decision, kind: 'move', unitId: unit.id, parentId: v.parentId ?? null };
    case 'dissolve': return { ...decision, kind: 'dissolve', unitId: unit.id, membersTo: v.membersTo ?? null };
    case 'rename': return { ...decision, kind: 'rename', unitId: unit.id, name: v.name?.trim() || null, code: v.code?.trim() || null };
  }
}

/** The API's field names (sourceIds.0, target.unitId, …) on the form's fields. */
function formField(apiField: string): keyof Values | null {
  const head = apiField.split('.')[0]!;
  if (head === 'target' || head === 'targetId') return 'targetId';
  if (['parentId', 'membersTo', 'name', 'code', 'effectiveDate', 'decisionNumber', 'decisionDate'].includes(head)) return head as keyof Values;
  return null;
}

export function RestructureDialog({ unit, onClose, onDone }: { unit: UnitDetail; onClose: () => void; onDone: (record: RestructuringRecord) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = Form.useWatch('action', form) ?? 'merge';
  const [preview, setPreview] = useState<{ input: RestructureInput; result: RestructurePreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);

  const fail = (err: unknown) => {
    if (err instanceof ApiError) {
      const rest: string[] = [];
      const byField = new Map<keyof Values, string[]>();
      for (const f of err.fields) {
        const name = formField(f.field);
        if (name) byField.set(name, [...(byField.get(name) ?? []), f.message]);
        else rest.push(f.message);
      }
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      setOther(rest.length ? rest : byField.size ? [] : [err.message]);
      setPreview(null);
    } else setOther([String(err)]);
  };
  const runPreview = async (v: Values) => {
    const input = toInput(unit, v);
    setBusy(true);
    setOther([]);
    try {
      setPreview({ input, result: await api.restructurePreview(input) });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const record = await api.restructure(preview.input);
      message.success(t('restructure.done', { label: record.kindLabel, decision: record.decisionNumber }));
      onDone(record);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const p = preview?.result;
  const names = (list: Array<{ code: string; name: string }>) => (list.length ? list.map((u) => `${u.name} (${u.code})`).join('; ') : t('restructure.nothing'));
  return (
    <Modal
      open
      title={t('restructure.title', { name: unit.name })}
      onCancel={onClose}
      width={680}
      destroyOnHidden
      footer={p ? [
        <Button key="back" onClick={() => setPreview(null)} data-testid="restructure-back">{t('restructure.back')}</Button>,
        <Button key="ok" type="primary" danger={preview?.input.kind !== 'rename'} loading={busy} onClick={() => void confirm()} data-testid="restructure-confirm">{t('restructure.confirm')}</Button>,
      ] : [
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="preview" type="primary" loading={busy} onClick={() => form.submit()} data-testid="restructure-preview">{t('restructure.preview')}</Button>,
      ]}
    >
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} data-testid="restructure-error" />}
      <div style={{ display: p ? 'none' : undefined }}>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void runPreview(v)} initialValues={{ action: 'merge', effectiveDate: todayIso(), name: unit.name, code: unit.code }}>
          <Form.Item name="action" label={t('restructure.action')}>
            <Radio.Group optionType="button" data-testid="restructure-action" options={(['merge', 'move', 'dissolve', 'rename'] as const).map((a) => ({ value: a, label: t(`restructure.action.${a}`) }))} />
          </Form.Item>
          {action === 'merge' && (
            <Form.Item name="targetId" label={t('restructure.target')} rules={[{ required: true, message: t('users.required') }]}>
              <UnitSelect excludeIds={[unit.id]} id="restructure-target" />
            </Form.Item>
          )}
          {action === 'move' && (
            <Form.Item name="parentId" label={t('restructure.newParent')} rules={[{ required: true, message: t('users.required') }]}>
              <UnitSelect kinds={ALLOWED_PARENT_KINDS[unit.kind]} excludeIds={[unit.id, ...(unit.parentId ? [unit.parentId] : [])]} />
            </Form.Item>
          )}
          {action === 'dissolve' && (
            <Form.Item name="membersTo" label={t('restructure.membersTo')} extra={t('restructure.membersToHelp')}>
              <UnitSelect kinds={CELL_KINDS} excludeIds={[unit.id]} />
            </Form.Item>
          )}
          {action === 'rename' && (
            <Space.Compact block>
              <Form.Item name="name" label={t('restructure.newName')} style={{ flex: 3 }}><Input maxLength={200} /></Form.Item>
              <Form.Item name="code" label={t('restructure.newCode')} style={{ flex: 1 }}><Input maxLength={20} /></Form.Item>
            </Space.Compact>
          )}
          <Space.Compact block>
            <Form.Item name="effectiveDate" label={t('unit.effectiveDate')} rules={[{ required: true, message: t('users.required') }]} style={{ flex: 1 }}>
              <DateField allowClear={false} disabledFuture />
            </Form.Item>
            <Form.Item name="decisionNumber" label={t('restructure.decisionNumber')} rules={[{ required: true, message: t('users.required') }]} style={{ flex: 1 }}>
              <Input maxLength={60} placeholder={t('unit.decisionPlaceholder')} data-testid="restructure-decision" />
            </Form.Item>
            <Form.Item name="decisionDate" label={t('restructure.decisionDate')} style={{ flex: 1 }}>
              <DateField disabledFuture />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="issuedBy" label={t('restructure.issuedBy')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="note" label={t('restructure.note')}><Input.TextArea rows={2} maxLength={4000} data-testid="restructure-note" /></Form.Item>
        </Form>
      </div>
      {p && (
        <div data-testid="restructure-preview-result">
          <Typography.Title level={5}>{t('restructure.previewTitle', { date: formatDate(p.effectiveDate) })}</Typography.Title>
          <Descriptions column={1} size="small" bordered>
            {p.created.length > 0 && <Descriptions.Item label={t('restructure.created')}>{names(p.created)}</Descriptions.Item>}
            <Descriptions.Item label={t('restructure.ended')}>{names(p.ended)}</Descriptions.Item>
            <Descriptions.Item label={t('restructure.changed')}>
              {p.changed.length ? (
                <List size="small" dataSource={p.changed} renderItem={(c) => (
                  <List.Item style={{ padding: '2px 0' }}>
                    {c.name} ({c.code}){c.newName ? ` → ${c.newName}` : ''}{c.newCode ? ` → ${c.newCode}` : ''}{c.newParentName ? ` → ${c.newParentName}` : ''}
                  </List.Item>
                )} />
              ) : t('restructure.nothing')}
            </Descriptions.Item>
            <Descriptions.Item label={t('restructure.membersWithUnits')}><strong data-testid="preview-members-with-units">{p.membersWithSubUnits}</strong></Descriptions.Item>
            <Descriptions.Item label={t('restructure.membersMoved')}>
              <strong data-testid="preview-members">{p.members.count}</strong>
              {p.members.sample.length > 0 && <div className="muted">{p.members.sample.map((m) => `${m.fullName} (${m.from} → ${m.to})`).join('; ')}{p.members.count > p.members.sample.length ? '…' : ''}</div>}
            </Descriptions.Item>
            {p.openItems.length > 0 && <Descriptions.Item label={t('restructure.openItems')}>{p.openItems.map((o) => `${o.label}: ${o.count}`).join('; ')}</Descriptions.Item>}
          </Descriptions>
        </div>
      )}
    </Modal>
  );
}

export function RestructuringList({ unit, canWrite, onChanged }: { unit: UnitDetail; canWrite: boolean; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const list = useAsync(() => api.restructurings(unit.id), [unit.id, unit.rowVersion]);
  const [importing, setImporting] = useState(false);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.reload()} />;
  const undo = async (r: RestructuringRecord) => {
    try {
      await api.undoRestructuring(r.id);
      message.success(t('restructure.undoDone'));
      onChanged();
      void list.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  const columns: TableColumnsType<RestructuringRecord> = [
    { title: t('unit.effectiveDate'), dataIndex: 'effectiveDate', key: 'date', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    {
      title: t('restructure.list.kind'), dataIndex: 'kind', key: 'kind', width: 170,
      render: (k: string, r) => <>{t(`restructure.kind.${k}` as MessageKey)}{r.undoneById && <div><Tag>{t('restructure.undone', { id: r.undoneById })}</Tag></div>}</>,
    },
    { title: t('restructure.decisionNumber'), dataIndex: 'decisionNumber', key: 'decision', width: 140 },
    {
      title: t('restructure.list.units'), key: 'units',
      render: (_: unknown, r) => (
        <>
          {r.units.map((u) => (
            <div key={`${u.id}-${u.role}`}>{u.id ? <Link to={`/units/${u.id}`}>{u.name}</Link> : u.name} <span className="muted">({t(`restructure.role.${u.role}` as MessageKey)})</span></div>
          ))}
          {r.note && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} data-testid="restructuring-note">{r.note}</Typography.Paragraph>}
        </>
      ),
    },
    { title: t('restructure.list.members'), dataIndex: 'memberCount', key: 'members', width: 110, align: 'right' },
    { title: t('restructure.list.by'), dataIndex: 'createdBy', key: 'by', width: 110 },
    ...(canWrite ? [{
      key: 'undo', width: 110,
      render: (_: unknown, r: RestructuringRecord) => (r.kind !== 'undo' && !r.undoneById ? (
        <Popconfirm title={t('restructure.undoConfirm')} onConfirm={() => void undo(r)} okText={t('restructure.undo')} cancelText={t('common.cancel')}>
          <Button size="small" danger data-testid={`undo-${r.id}`}>{t('restructure.undo')}</Button>
        </Popconfirm>
      ) : null),
    }] : []),
  ];
  return (
    <>
      {canWrite && <Button style={{ marginBottom: 8 }} onClick={() => setImporting(true)} data-testid="reform-open">{t('reform.open')}</Button>}
      <Table<RestructuringRecord>
        rowKey="id" size="small" columns={columns} dataSource={list.data ?? []} loading={list.loading} pagination={false}
        locale={{ emptyText: t('restructure.list.empty') }} data-testid="restructurings"
      />
      {importing && <ReformImportDialog onClose={() => setImporting(false)} onDone={() => { setImporting(false); onChanged(); void list.reload(); }} />}
    </>
  );
}
