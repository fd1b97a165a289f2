// An audit trail: who changed what and when, each changed field with its old and new value.
import { Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { AuditEntry } from '../api/index.ts';
import { enumLabel, useT, type TFunction } from '../locales/i18n.tsx';
import { formatDate, formatDateTime } from '../lib/dates.ts';
import { vi } from '../locales/vi.ts';

const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const ALWAYS_HIDDEN = new Set(['id', 'member_id', 'created_at', 'updated_at', 'name_sort', 'name_search', 'row_version', 'path', 'depth', 'password_hash']);
/** Fields that only repeat the record the trail is about. */
const EVENT_HIDDEN = new Set(['request_key', 'recorded_at', 'recorded_by']);
function hidden(entity: string, field: string): boolean {
  return ALWAYS_HIDDEN.has(field) || (field === 'unit_id' && entity === 'unit_version') || (entity === 'member_event' && EVENT_HIDDEN.has(field));
}

export function fieldLabel(t: TFunction, field: string, entity?: string): string {
  if (entity === 'member_event' && field === 'kind') return t('field.eventKind');
  const key = `field.${camel(field)}`;
  return key in vi ? t(key as keyof typeof vi) : field;
}

/** The kind-specific values of an event (member_event.details), each with its label. */
function formatDetails(t: TFunction, details: Record<string, unknown>, unitNames?: Record<number, string>): string {
  return Object.entries(details).map(([k, v]) => {
    const value = k === 'reason' ? enumLabel(t, 'reason', String(v)) : k === 'form' ? enumLabel(t, 'disciplineForm', String(v))
      : k === 'ground' ? enumLabel(t, 'ground', String(v)) : k === 'purpose' ? enumLabel(t, 'purpose', String(v))
      : /UnitId$|^unitId$/.test(k) && unitNames?.[Number(v)] ? unitNames[Number(v)]! : formatValue(t, k, v, unitNames);
    return `${fieldLabel(t, k)}: ${value}`;
  }).join(', ');
}

export function formatValue(t: TFunction, field: string, value: unknown, unitNames?: Record<number, string>, entity?: string, eventLabels?: Record<number, string>): string {
  if (isEmpty(value)) return t('history.emptyValue');
  const f = camel(field);
  if ((f === 'parentId' || f === 'unitId') && unitNames && unitNames[Number(value)]) return unitNames[Number(value)]!;
  if (entity === 'member_event' && f === 'details' && typeof value === 'object') return formatDetails(t, value as Record<string, unknown>, unitNames);
  if (entity === 'member_event' && f === 'voidsEventId') return eventLabels?.[Number(value)] ?? `#${String(value)}`;
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (f === 'status') return enumLabel(t, 'status', value);
    if (f === 'sex') return enumLabel(t, 'sex', value);
    if (f === 'kind') return enumLabel(t, entity === 'member_event' ? 'event' : 'kind', value);
    if (f === 'politicalTheory') return enumLabel(t, 'theory', value);
    if (f === 'role') return enumLabel(t, 'role', value);
    return value;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

function actionLabel(t: TFunction, e: AuditEntry): { text: string; color: string } {
  const color = e.action === 'insert' ? 'green' : e.action === 'delete' ? 'red' : 'blue';
  if (e.action === 'delete' && e.entity !== 'member_period') return { text: t('member.history.deleted'), color };
  const insert = e.action === 'insert';
  switch (e.entity) {
    case 'unit': return { text: t(insert ? 'history.unitCreated' : 'history.unitUpdated'), color };
    case 'unit_version': return { text: t(insert ? 'history.versionCreated' : 'history.versionUpdated'), color };
    case 'member_period':
      // Periods are derived from the decisions: each new decision replaces them all.
      if (e.action === 'delete') return { text: t('member.history.periodReplaced'), color: 'default' };
      return { text: t(insert ? 'member.history.periodCreated' : 'member.history.periodUpdated'), color };
    case 'member_event': return { text: t(insert ? 'member.history.eventRecorded' : 'member.history.eventUpdated'), color: insert ? 'purple' : color };
    default: return { text: t(insert ? 'member.history.created' : 'member.history.updated'), color };
  }
}

/** `unitNames` turns unit ids (parent, cell) into names where they are known; `eventLabels` the ids of a member's decisions. */
export function AuditTrail({ entries, loading, unitNames, eventLabels }: { entries: AuditEntry[] | undefined; loading?: boolean; unitNames?: Record<number, string>; eventLabels?: Record<number, string> }) {
  const t = useT();
  const columns: TableColumnsType<AuditEntry> = [
    { title: t('history.time'), dataIndex: 'at', key: 'at', width: 150, render: (at: string) => <span className="numeric">{formatDateTime(at)}</span> },
    { title: t('history.actor'), key: 'actor', width: 170, render: (_: unknown, e: AuditEntry) => <><Typography.Text strong>{e.actorFullName ?? e.actorName}</Typography.Text>{e.actorFullName && <div className="muted">{e.actorName}</div>}</> },
    { title: t('history.action'), key: 'action', width: 190, render: (_v, e) => { const a = actionLabel(t, e); return <Tag color={a.color}>{a.text}</Tag>; } },
    {
      title: t('history.changes'), key: 'changes',
      render: (_v, e) => {
        const fields = e.changed.filter((f) => !hidden(e.entity, f));
        if (e.action === 'insert') {
          // A new record: list its main values only.
          const shown = fields.filter((f) => !isEmpty(e.after?.[f])).slice(0, 8);
          return <span className="muted">{shown.map((f) => `${fieldLabel(t, f, e.entity)}: ${formatValue(t, f, e.after?.[f], unitNames, e.entity, eventLabels)}`).join(' · ')}</span>;
        }
        return (
          <ul className="history-change">
            {fields.map((f) => (
              <li key={f} data-testid={`change-${camel(f)}`}>
                <Typography.Text type="secondary">{fieldLabel(t, f, e.entity)}:</Typography.Text>{' '}
                <span className={isEmpty(e.before?.[f]) ? 'history-empty' : 'history-old'}>{formatValue(t, f, e.before?.[f], unitNames, e.entity, eventLabels)}</span>{' → '}
                <span className={isEmpty(e.after?.[f]) ? 'history-empty' : 'history-new'}>{formatValue(t, f, e.after?.[f], unitNames, e.entity, eventLabels)}</span>
              </li>
            ))}
          </ul>
        );
      },
    },
  ];
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={entries ?? []}
      loading={loading}
      pagination={(entries?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('member.historyEmpty')} /> }}
      scroll={{ x: 700 }}
      data-testid="audit-trail"
    />
  );
}
