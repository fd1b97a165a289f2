// Member counts by status as statistic cards: the active total first, then each status present.
import { Card, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { ACTIVE_STATUSES, MEMBER_STATUSES } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { STATUS_HEX } from './tags.tsx';

export function StatusStats({ byStatus, membersLink }: { byStatus: Record<string, number>; membersLink?: (statuses: readonly string[]) => string }) {
  const t = useT();
  const active = ACTIVE_STATUSES.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
  // Always the main statuses (even at zero), then any other status that has members.
  const shown = MEMBER_STATUSES.filter((s) => s === 'official' || s === 'probationary' || (byStatus[s] ?? 0) > 0);
  const card = (key: string, title: string, value: number, color: string, to?: string) => {
    const body = (
      <Card key={key} className="stat-card" size="small" hoverable={!!to} style={{ ['--stat-color' as string]: color }} data-testid={`stat-${key}`}>
        <Statistic title={title} value={value} groupSeparator="." styles={{ content: { color, fontWeight: 600 } }} />
      </Card>
    );
    return to ? <Link key={key} to={to}>{body}</Link> : body;
  };
  return (
    <div className="stat-grid">
      {card('active', t('unit.activeMembers'), active, '#a8151f', membersLink?.(ACTIVE_STATUSES))}
      {shown.map((s) => card(s, enumLabel(t, 'status', s), byStatus[s] ?? 0, STATUS_HEX[s] ?? '#595959', membersLink?.([s])))}
    </div>
  );
}
