// Coloured tags for member statuses and unit kinds.
import { Tag } from 'antd';
import { enumLabel, useT } from '../locales/i18n.tsx';

export const STATUS_COLORS: Record<string, string> = {
  official: 'green',
  probationary: 'blue',
  exempt: 'gold',
  transferring: 'purple',
  removed: 'default',
  left: 'default',
  expelled: 'red',
  deceased: 'default',
};

/** Hex colours of the statuses, for statistic cards. */
export const STATUS_HEX: Record<string, string> = {
  official: '#389e0d',
  probationary: '#1677ff',
  exempt: '#d48806',
  transferring: '#722ed1',
  removed: '#8c8c8c',
  left: '#8c8c8c',
  expelled: '#cf1322',
  deceased: '#595959',
};

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status] ?? 'default'} data-status={status}>{enumLabel(t, 'status', status)}</Tag>;
}

const KIND_COLORS: Record<string, string> = {
  central: 'red',
  province_committee: 'volcano',
  district_committee: 'orange',
  grassroots_committee: 'geekblue',
  grassroots_cell: 'cyan',
  partial_committee: 'blue',
  cell: 'default',
};

export function KindTag({ kind, short = false }: { kind: string; short?: boolean }) {
  const t = useT();
  return (
    <Tag color={KIND_COLORS[kind] ?? 'default'} variant="outlined" style={{ marginInlineEnd: 0 }} title={enumLabel(t, 'kind', kind)}>
      {enumLabel(t, short ? 'kindShort' : 'kind', kind)}
    </Tag>
  );
}
