// The units a unit came from and went into (issue 8 §4), each named as it stood on the day of the link, with
// the resolution and the restructuring's note: an assumption (Tân Mỹ's receiving unit) is shown where it is made.
import { Empty, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { unitLineage, type LineageLink } from '../api/lineage.ts';
import { vi, type MessageKey } from '../locales/vi.ts';
import { useT } from '../locales/i18n.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate } from '../lib/dates.ts';
import { ErrorState } from './ErrorState.tsx';

export function UnitLineage({ unitId, reloadKey }: { unitId: number; reloadKey?: unknown }) {
  const t = useT();
  const lineage = useAsync(() => unitLineage(unitId), [unitId, reloadKey]);
  if (lineage.error) return <ErrorState error={lineage.error} onRetry={() => void lineage.reload()} />;
  const operation = (op: string) => (`restructure.kind.${op}` in vi ? t(`restructure.kind.${op}` as MessageKey) : op);
  const columns: TableColumnsType<LineageLink> = [
    { title: t('lineage.date'), dataIndex: 'effectiveOn', key: 'date', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('lineage.unit'), key: 'unit', render: (_: unknown, l) => <><span className="numeric">{l.code}</span> <Link to={`/units/${l.unitId}`}>{l.name}</Link></> },
    { title: t('lineage.operation'), dataIndex: 'operation', key: 'op', width: 170, render: operation },
    { title: t('lineage.decision'), dataIndex: 'decision', key: 'decision', width: 170, render: (d: string | null) => d ?? '—' },
    { title: t('lineage.note'), dataIndex: 'note', key: 'note', render: (n: string | null) => (n ? <Typography.Text type="secondary" data-testid="lineage-note">{n}</Typography.Text> : '—') },
  ];
  const data = lineage.data;
  const table = (rows: LineageLink[], testId: string) => (
    <Table<LineageLink> rowKey={(l) => `${l.unitId}/${l.effectiveOn}`} size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 900 }} data-testid={testId} />
  );
  return (
    <section data-testid="unit-lineage">
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('lineage.title')}</Typography.Title>
      {data && (
        <Typography.Paragraph type="secondary">
          {t('lineage.established', { date: formatDate(data.establishedOn) })}
          {data.dissolvedOn && <> · {t('lineage.dissolved', { date: formatDate(data.dissolvedOn) })}</>}
        </Typography.Paragraph>
      )}
      {data && !data.predecessors.length && !data.successors.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lineage.none')} />}
      {data && data.predecessors.length > 0 && <><Typography.Text strong>{t('lineage.predecessors')}</Typography.Text>{table(data.predecessors, 'lineage-predecessors')}</>}
      {data && data.successors.length > 0 && <><Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{t('lineage.successors')}</Typography.Text>{table(data.successors, 'lineage-successors')}</>}
    </section>
  );
}
