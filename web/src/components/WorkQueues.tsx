// "Việc cần làm" on the home page: probation ending, absences or unpaid dues from 2 months this year, transfers
// past their letter's deadline. Each row opens the member with the dialog of the action ready.
import { Card, Col, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { CalendarOutlined, CarryOutOutlined, FlagOutlined, SwapOutlined, UserAddOutlined, WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ReactNode } from 'react';
import { api, type QueueItem, type WorkQueues as Queues } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate } from '../lib/dates.ts';
import { ErrorState } from './ErrorState.tsx';

/** 'YYYY-MM' → 'MM/YYYY'. */
export const formatMonth = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

/** Where a row leads: the member page with the dialog of its action (and the removal reason the months point to). */
export function queueLink(item: QueueItem): string {
  const q = new URLSearchParams({ action: item.action });
  if (item.action === 'removal') {
    const absent = item.detail.absentMonths?.length ?? 0;
    const unpaid = item.detail.unpaidMonths?.length ?? 0;
    q.set('reason', absent >= unpaid ? 'abandoned_activities' : 'unpaid_dues');
  }
  return `/members/${item.memberId}?${q.toString()}`;
}

function DaysLeft({ days }: { days: number | null }) {
  const t = useT();
  if (days === null) return null;
  if (days < 0) return <Tag color="red" className="numeric" data-testid="queue-overdue">{t('queues.overdue', { days: -days })}</Tag>;
  if (days === 0) return <Tag color="red">{t('queues.today')}</Tag>;
  return <Tag color={days <= 7 ? 'orange' : 'blue'} className="numeric">{t('queues.daysLeft', { days })}</Tag>;
}

/** One row of a queue card: the name that opens the item, the days left, and a secondary line. */
interface QueueRow { key: string; to: string; label: string; daysLeft: number | null; detail: ReactNode }

/** The card every queue is drawn in: title with icon, a count, the rows or "nothing to do". */
function QueueCard({ title, icon, testId, rows, alert }: { title: string; icon: ReactNode; testId: string; rows: QueueRow[]; alert: boolean }) {
  const t = useT();
  return (
    <Card
      size="small"
      className="queue-card"
      title={<Flex align="center" gap={8}>{icon}<span>{title}</span></Flex>}
      extra={<Tag color={alert ? 'red' : 'default'} data-testid={`${testId}-count`}>{rows.length}</Tag>}
      data-testid={testId}
    >
      {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('queues.empty')} style={{ margin: '8px 0' }} /> : (
        <div className="queue-list">
          {rows.map((r) => (
            <div key={r.key} className="queue-row" data-testid="queue-row">
              <Flex justify="space-between" align="center" gap={8}>
                <Link to={r.to} className="member-name-link" data-testid="queue-link">{r.label}</Link>
                <DaysLeft days={r.daysLeft} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.detail}</Typography.Text>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

function Queue({ title, icon, items, testId, describe }: { title: string; icon: ReactNode; items: QueueItem[]; testId: string; describe: (i: QueueItem) => ReactNode }) {
  const rows = items.map((i) => ({ key: `${i.action}-${i.memberId}`, to: queueLink(i), label: i.fullName, daysLeft: i.daysLeft, detail: <>{i.unitName} · {describe(i)}</> }));
  return <QueueCard title={title} icon={icon} testId={testId} rows={rows} alert={items.length > 0} />;
}

/** Candidates waiting on a step; each row opens the candidate with the next stage's dialog. */
function CandidateQueue({ items }: { items: Queues['candidates'] }) {
  const t = useT();
  const rows = items.map((i) => ({
    key: String(i.candidateId), to: `/candidates/${i.candidateId}?stage=${i.next}`, label: i.fullName, daysLeft: i.daysLeft,
    detail: <>{i.unitName} · {t('queues.candidateDetail', { stage: enumLabel(t, 'candidateStage', i.stage), since: formatDate(i.since), next: enumLabel(t, 'candidateStage', i.next), due: formatDate(i.due) })}</>,
  }));
  return <QueueCard title={t('queues.candidates')} icon={<UserAddOutlined />} testId="queue-candidates" rows={rows} alert={items.length > 0} />;
}

/** Plan tasks, directives and other items followed to a deadline; each row opens the page where it is handled. */
function FollowUpQueue({ items }: { items: Queues['followUps'] }) {
  const t = useT();
  const rows = items.map((i) => ({
    key: `${i.kind}-${i.id}`, to: i.link, label: i.title, daysLeft: i.daysLeft,
    detail: <>{enumLabel(t, 'followUp', i.kind)} · {i.unitName}{i.issuerUnitName ? ` · ${t('queues.followUpIssuer', { issuer: i.issuerUnitName })}` : ''} · {t('queues.followUpDue', { due: formatDate(i.due) })}</>,
  }));
  return <QueueCard title={t('queues.followUps')} icon={<FlagOutlined />} testId="queue-follow-ups" rows={rows} alert={items.some((i) => i.daysLeft < 0)} />;
}

export function WorkQueues() {
  const t = useT();
  const queues = useAsync(() => api.queues(), []);
  const q = queues.data;
  const months = (list?: string[]) => (list ?? []).map(formatMonth).join(', ');
  return (
    <>
      <Flex align="center" gap={8} style={{ margin: '8px 0 12px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}><CarryOutOutlined /> {t('queues.title')}</Typography.Title>
        {q && <Typography.Text type="secondary">· {t('queues.asOf', { date: formatDate(q.asOf) })}</Typography.Text>}
      </Flex>
      {queues.error ? <ErrorState error={queues.error} onRetry={() => void queues.reload()} /> : !q ? <Skeleton active /> : (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="work-queues">
          <Col xs={24} md={12} xl={6}>
            <Queue
              title={t('queues.probation')} icon={<CalendarOutlined />} items={q.probationEnding} testId="queue-probation"
              describe={(i) => t('queues.probationDetail', { admission: formatDate(i.detail.admissionDate), due: formatDate(i.due) })}
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Queue
              title={t('queues.absent')} icon={<WarningOutlined />} items={q.absentOrUnpaid} testId="queue-absent"
              describe={(i) => [
                i.detail.absentMonths?.length ? t('queues.absentMonths', { months: months(i.detail.absentMonths) }) : '',
                i.detail.unpaidMonths?.length ? t('queues.unpaidMonths', { months: months(i.detail.unpaidMonths) }) : '',
              ].filter(Boolean).join(' · ')}
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Queue
              title={t('queues.transfers')} icon={<SwapOutlined />} items={q.transfersOverdue} testId="queue-transfers"
              describe={(i) => t('queues.transferDetail', { issued: formatDate(i.detail.letterIssued), due: formatDate(i.due) })}
            />
          </Col>
          <Col xs={24} md={12} xl={6}>
            <CandidateQueue items={q.candidates} />
          </Col>
          {q.followUps.length > 0 && (
            <Col xs={24} md={12} xl={6}>
              <FollowUpQueue items={q.followUps} />
            </Col>
          )}
        </Row>
      )}
    </>
  );
}
