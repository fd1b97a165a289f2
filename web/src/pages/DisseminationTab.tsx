// The "Học tập, quán triệt" tab of a document: its sessions (in the user's scope and above it; a click shows
// one session's attendance), the coverage of the user's unit by direct sub-unit, a form to record a session
// by counts or by list (SessionForm), and the breakthroughs of the motto chosen by the issuing committee
// (shown with its plan; chosen on the committee's unit page).
import { useState } from 'react';
import { Button, Card, Empty, Flex, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DocumentDetail } from '../api/index.ts';
import { disseminationApi, type DisseminationCoverageRow, type DisseminationSession } from '../api/dissemination.ts';
import { useT } from '../locales/i18n.tsx';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate } from '../lib/dates.ts';
import { SessionForm } from '../components/SessionForm.tsx';
import { SessionAttendance } from '../components/SessionAttendance.tsx';
import { BreakthroughList } from '../components/Breakthroughs.tsx';

export function DisseminationTab({ doc }: { doc: DocumentDetail }) {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const sessions = useAsync(() => disseminationApi.sessions(doc.id), [doc.id]);
  const coverage = useAsync(() => disseminationApi.coverage(doc.id, me.scopeUnitId), [doc.id, me.scopeUnitId]);
  const breakthroughs = useAsync(() => disseminationApi.breakthroughs(doc.issuingUnitId), [doc.issuingUnitId]);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<DisseminationSession | null>(null);
  const saved = () => {
    setOpen(false);
    void sessions.reload();
    void coverage.reload();
  };

  const c = coverage.data;
  return (
    <Flex vertical gap={16} data-testid="dissemination-tab">
      {can('document.write') && (open ? <SessionForm documentId={doc.id} documentNumber={doc.number} onSaved={saved} onCancel={() => setOpen(false)} /> : (
        <div><Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="dis-open">{t('dis.record')}</Button></div>
      ))}

      {c && (
        <Card size="small" title={t('dis.coverage')}
          extra={<span className="muted" data-testid="dis-summary">{t('dis.coverageOf', { unit: c.unit.name, sessions: c.sessions, attended: c.attended, expected: c.expected, date: formatDate(c.asOf) })}</span>}>
          <Table<DisseminationCoverageRow> size="small" rowKey="unitId" pagination={false} dataSource={c.units} data-testid="dis-coverage"
            columns={[
              { title: t('dis.unit'), key: 'name', render: (_: unknown, r) => <span>{r.name} <span className="muted">({r.code})</span></span> },
              { title: t('dis.count'), dataIndex: 'sessions', key: 'sessions', width: 110, align: 'right' },
              { title: t('dis.attendance'), key: 'att', width: 140, align: 'right', render: (_: unknown, r) => <span className="numeric">{r.attended}/{r.expected}</span> },
              { title: t('dis.lastHeldOn'), dataIndex: 'lastHeldOn', key: 'last', width: 130, render: (d: string | null) => (d ? formatDate(d) : '—') },
              {
                title: t('dis.held'), key: 'held', width: 190, render: (_: unknown, r) => r.coveredBy === 'own' ? <Tag color="green">{t('dis.heldOwn')}</Tag>
                  : r.coveredBy === 'ancestor' ? <Tag color="blue">{t('dis.heldAncestor')}</Tag> : <Tag color="red">{t('dis.notHeld')}</Tag>,
              },
            ]} />
        </Card>
      )}

      <Card size="small" title={t('dis.sessions')}>
        {(sessions.data ?? []).length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dis.noSessions')} /> : (
          <Table<DisseminationSession> size="small" rowKey="id" dataSource={sessions.data ?? []} pagination={{ pageSize: 20 }} data-testid="dis-sessions"
            onRow={(s) => ({ onClick: () => setShown(s), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('dis.heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 120, render: (d: string) => formatDate(d) },
              { title: t('dis.unit'), dataIndex: 'unitName', key: 'unit' },
              { title: t('dis.title'), dataIndex: 'title', key: 'title' },
              { title: t('dis.attendedMembers'), key: 'members', width: 150, align: 'right', render: (_: unknown, s) => <span className="numeric">{s.attendedMembers}/{s.expectedMembers}</span> },
              { title: t('dis.attendedOthers'), key: 'others', width: 170, align: 'right', render: (_: unknown, s) => <span className="numeric">{s.attendedOthers}/{s.expectedOthers}</span> },
              { title: t('dis.absences'), key: 'abs', render: (_: unknown, s) => s.absences.map((a) => `${a.fullName} (${a.reason})`).join('; ') || '—' },
              {
                title: t('dis.mode'), key: 'mode', width: 170, render: (_: unknown, s) => (
                  <Flex gap={4} align="center">
                    <Tag>{s.attendanceMode === 'list' ? t('dis.byList') : t('dis.byCounts')}</Tag>
                    {s.attendanceMode === 'list' && <Button size="small" type="link" data-testid="dis-view-attendance">{t('dis.viewAttendance')}</Button>}
                  </Flex>
                ),
              },
            ]} />
        )}
      </Card>

      {(breakthroughs.data ?? []).length > 0 && (
        <Card size="small" title={t('dis.breakthroughs')} data-testid="dis-breakthroughs"><BreakthroughList items={breakthroughs.data ?? []} /></Card>
      )}
      {shown && <SessionAttendance session={shown} onClose={() => setShown(null)} />}
    </Flex>
  );
}
