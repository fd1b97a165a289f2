// One session's attendance, opened from the sessions table: the members listed, present or absent with the
// reason, as the API stored them; a session recorded by counts has only its figures.
import { Empty, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { disseminationApi, type DisseminationSession } from '../api/dissemination.ts';
import type { SessionAttendance as Attendance } from '../api/dissemination.ts';
import { useT } from '../locales/i18n.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate } from '../lib/dates.ts';
import { ErrorState } from './ErrorState.tsx';

export function SessionAttendance({ session, onClose }: { session: DisseminationSession; onClose: () => void }) {
  const t = useT();
  const data = useAsync(() => disseminationApi.attendance(session.id), [session.id]);
  const a = data.data;
  return (
    <Modal open title={t('dis.sessionOf', { date: formatDate(session.heldOn), unit: session.unitName })} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">{session.title}</Typography.Paragraph>
      {data.error ? <ErrorState error={data.error} onRetry={() => void data.reload()} /> : !a ? <Skeleton active /> : a.attendanceMode === 'counts' ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dis.countsOnly', { attended: a.attendedMembers, expected: a.expectedMembers })} />
      ) : (
        <>
          <Typography.Paragraph strong data-testid="dis-att-summary">{t('dis.attendance')}: {a.attendedMembers}/{a.expectedMembers}</Typography.Paragraph>
          <Table<Attendance['members'][number]> size="small" rowKey="memberId" dataSource={a.members} pagination={a.members.length > 50 ? { pageSize: 50 } : false} data-testid="dis-att-list"
            columns={[
              { title: t('dis.member'), dataIndex: 'fullName', key: 'name' },
              { title: t('dis.memberUnit'), dataIndex: 'unitName', key: 'unit', render: (n: string | null) => <span className="muted">{n ?? '—'}</span> },
              { title: t('dis.present'), key: 'present', width: 120, render: (_: unknown, m) => (m.present ? <Tag color="green">{t('dis.present')}</Tag> : <Tag color="red">{t('dis.absent')}</Tag>) },
              { title: t('dis.absenceReason'), dataIndex: 'absenceReason', key: 'reason', render: (r: string | null) => r ?? '' },
            ]} />
        </>
      )}
    </Modal>
  );
}
