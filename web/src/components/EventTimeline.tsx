// The member's decisions (kết nạp, công nhận chính thức, chuyển sinh hoạt …) as a timeline, newest first:
// the decision's number, date and issuing body, the kind's details, who recorded it; voided ones struck through.
import type { ReactNode } from 'react';
import { Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ArrowRightOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { MemberEvent, MemberPeriod } from '../api/index.ts';
import { enumLabel, useT, type TFunction } from '../locales/i18n.tsx';
import { formatDate, formatDateTime } from '../lib/dates.ts';
import type { UnitRef } from '../lib/useUnitRefs.ts';
import { StatusTag } from './tags.tsx';
import { ErrorState } from './ErrorState.tsx';

/** Colour of an event's dot, by what the decision does. */
export const EVENT_HEX: Record<string, string> = {
  admission: '#1677ff',
  recognition: '#389e0d',
  non_recognition: '#cf1322',
  transfer_out_official: '#722ed1',
  transfer_out_temporary: '#9254de',
  transfer_in: '#722ed1',
  exemption_start: '#d48806',
  exemption_end: '#d48806',
  removal: '#8c8c8c',
  leave_on_request: '#8c8c8c',
  discipline: '#d46b08',
  expulsion: '#cf1322',
  death: '#595959',
  void: '#bfbfbf',
  reorganized: '#13c2c2',
};

/** Newest first: by effective date, then by the order of recording. */
export function newestFirst(events: readonly MemberEvent[]): MemberEvent[] {
  return [...events].sort((a, b) => (a.effectiveDate === b.effectiveDate ? b.id - a.id : a.effectiveDate < b.effectiveDate ? 1 : -1));
}

/** "Công nhận đảng viên chính thức · 25/10/2026 · 45-QĐ/HU": an event in one line (void choices, voided-by). */
export function eventSummary(t: TFunction, e: MemberEvent): string {
  return [enumLabel(t, 'event', e.kind), formatDate(e.effectiveDate), e.decisionNumber].filter(Boolean).join(' · ');
}

function UnitLink({ id, units }: { id: number; units: Record<number, UnitRef> }) {
  const u = units[id];
  return <Link to={`/units/${id}`}>{u ? u.name : `#${id}`}</Link>;
}

/** The kind-specific facts of an event, as label–value pairs. */
function details(t: TFunction, e: MemberEvent, units: Record<number, UnitRef>, byId: Map<number, MemberEvent>): Array<[string, ReactNode]> {
  const out: Array<[string, ReactNode]> = [];
  if (e.unitId) out.push([e.kind === 'admission' || e.kind === 'transfer_in' ? t(`eventForm.unit.${e.kind}`) : t('field.unitId'), <UnitLink id={e.unitId} units={units} />]);
  if (e.toUnitId) out.push([t('field.toUnitId'), <UnitLink id={e.toUnitId} units={units} />]);
  if (e.hostUnitId) out.push([t('field.hostUnitId'), <UnitLink id={e.hostUnitId} units={units} />]);
  if (e.purpose) out.push([t('field.purpose'), enumLabel(t, 'purpose', e.purpose)]);
  if (e.until) out.push([t('field.until'), <span className="numeric">{formatDate(e.until)}</span>]);
  if (e.reason) out.push([t('field.reason'), enumLabel(t, 'reason', e.reason)]);
  if (e.form) out.push([t('field.form'), enumLabel(t, 'disciplineForm', e.form)]);
  if (e.ground) out.push([t('field.ground'), enumLabel(t, 'ground', e.ground)]);
  if (e.letterNumber) out.push([t('field.letterNumber'), e.letterNumber]);
  if (e.letterDeadline) out.push([t('field.letterDeadline'), <span className="numeric">{formatDate(e.letterDeadline)}</span>]);
  if (e.cellResolutionDate) out.push([t('field.cellResolutionDate'), <span className="numeric">{formatDate(e.cellResolutionDate)}</span>]);
  if (e.kind === 'void' && e.voidsEventId) {
    const target = byId.get(e.voidsEventId);
    out.push([t('field.voidsEventId'), target ? eventSummary(t, target) : `#${e.voidsEventId}`]);
  }
  if (e.attachments && e.attachments.length > 0) out.push([t('field.attachments'), e.attachments.join('; ')]);
  return out;
}

/** "Quyết định số 45-QĐ/HU ngày 30/10/2026 của Ban Thường vụ Huyện ủy". */
function decisionLine(t: TFunction, e: MemberEvent): string | null {
  if (!e.decisionNumber && !e.decisionDate && !e.issuedBy) return null;
  return [
    e.decisionNumber ? t('events.decisionNumber', { number: e.decisionNumber }) : t('common.decision'),
    e.decisionDate ? t('events.decisionDate', { date: formatDate(e.decisionDate) }) : null,
    e.issuedBy ? t('events.issuedBy', { body: e.issuedBy }) : null,
  ].filter(Boolean).join(' ');
}

export interface EventTimelineProps {
  events: MemberEvent[] | undefined;
  error?: unknown;
  onRetry?: () => void;
  /** The member's periods: the first one is where the recorded history starts. */
  periods?: MemberPeriod[];
  units: Record<number, UnitRef>;
  /** Shows the hint about the actions button when the timeline is empty. */
  canWrite?: boolean;
}

export function EventTimeline({ events, error, onRetry, periods, units, canWrite }: EventTimelineProps) {
  const t = useT();
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (!events) return <Skeleton active />;
  const byId = new Map(events.map((e) => [e.id, e]));
  const start = periods?.[0];
  // A member entered with a status (no admission event): say where the recorded history starts.
  const showStart = !!start && !events.some((e) => e.kind === 'admission' && !e.voidedBy && e.effectiveDate <= start.validFrom);
  if (events.length === 0 && !showStart) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>{t('events.empty')}{canWrite && <div className="muted">{t('events.emptyHint')}</div>}</>} />;
  }

  // The status a decision led to: the period that starts on its date, when the status changes there.
  const latestOnDate = new Map<string, number>();
  for (const e of events) if (!e.voidedBy && e.kind !== 'void') latestOnDate.set(e.effectiveDate, Math.max(e.id, latestOnDate.get(e.effectiveDate) ?? 0));
  const statusFrom = new Map<string, string>();
  (periods ?? []).forEach((p, i) => { if (i > 0 && periods![i - 1]!.status !== p.status) statusFrom.set(p.validFrom, p.status); });

  const items = newestFirst(events).map((e) => {
    const voidedBy = e.voidedBy ? byId.get(e.voidedBy) : undefined;
    const statusAfter = latestOnDate.get(e.effectiveDate) === e.id ? statusFrom.get(e.effectiveDate) : undefined;
    const decision = decisionLine(t, e);
    const facts = details(t, e, units, byId);
    return {
      key: e.id,
      color: e.voidedBy ? '#d9d9d9' : (EVENT_HEX[e.kind] ?? 'gray'),
      icon: e.kind === 'void' ? <StopOutlined style={{ color: '#8c8c8c' }} /> : undefined,
      title: <span className={`numeric event-date${e.voidedBy ? ' event-struck' : ''}`}>{formatDate(e.effectiveDate)}</span>,
      content: (
        <div className={`event-item${e.voidedBy ? ' event-voided' : ''}`} data-testid="event-item" data-kind={e.kind} data-voided={e.voidedBy ? 'true' : 'false'}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong className="event-kind">{enumLabel(t, 'event', e.kind)}</Typography.Text>
            {statusAfter && <span className="event-status" data-testid="event-status"><ArrowRightOutlined /> <StatusTag status={statusAfter} /></span>}
            {e.voidedBy && <Tag color="red" variant="outlined" data-testid="event-voided-tag">{t('events.voided')}</Tag>}
          </Flex>
          <div className={e.voidedBy ? 'event-struck' : undefined}>
            {decision ? <div className="event-decision" data-testid="event-decision">{decision}</div> : <div className="muted">{t('events.noDecision')}</div>}
            {facts.length > 0 && (
              <dl className="event-facts">
                {facts.map(([label, value]) => <div key={label}><dt>{label}:</dt> <dd>{value}</dd></div>)}
              </dl>
            )}
            {e.note && <div className="event-note">{e.note}</div>}
          </div>
          {e.voidedBy && (
            <div className="event-voided-by">
              {voidedBy?.decisionNumber
                ? t('events.voidedBy', { decision: voidedBy.decisionNumber, date: formatDate(voidedBy.decisionDate ?? voidedBy.effectiveDate) })
                : t('events.voidedByNoNumber', { date: formatDate(voidedBy?.effectiveDate ?? '') })}
              {voidedBy?.note ? ` — ${voidedBy.note}` : ''}
            </div>
          )}
          <div className="event-meta">{t('events.recorded', { name: e.recordedBy ?? '—', time: formatDateTime(e.recordedAt) })}</div>
        </div>
      ),
    };
  });
  if (showStart && start) {
    items.push({
      key: -1,
      color: '#d9d9d9',
      icon: undefined,
      title: <span className="numeric event-date muted">{formatDate(start.validFrom)}</span>,
      content: (
        <div className="event-item" data-testid="event-start">
          <Typography.Text type="secondary">{t('events.historyStart')}</Typography.Text>
          <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
            <StatusTag status={start.status} />
            <Link to={`/units/${start.unitId}`}>{start.unitName}</Link>
          </Flex>
        </div>
      ),
    });
  }
  return <Timeline mode="start" titleSpan="120px" className="event-timeline" data-testid="events" items={items} />;
}
