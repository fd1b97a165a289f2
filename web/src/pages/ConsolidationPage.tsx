// The province's view of consolidation (`/reports/consolidation?unitId=&year=`): per sub-unit and per year
// the weak units, their plans and tasks (done, overdue), consolidated or carried over; every plan of the
// year with a link to it. Numbers come from GET /api/reports/consolidation only.
import { Button, Card, Col, Empty, InputNumber, Row, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { consolidationApi, type ConsolidationOverview } from '../api/consolidation.ts';
import { useT, type TFunction } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';

type Counts = ConsolidationOverview['total'];
const COUNT_KEYS = ['flagged', 'plans', 'tasks', 'tasksDone', 'tasksOverdue', 'consolidated', 'carriedOver', 'inProgress'] as const satisfies ReadonlyArray<keyof Counts>;
const label = (t: TFunction, prefix: string, v: string) => t(`${prefix}.${v}` as MessageKey);

function countColumns<T extends Counts>(t: TFunction): TableColumnsType<T> {
  return COUNT_KEYS.map((k) => ({
    title: t(`consolidation.${k}` as MessageKey), dataIndex: k, key: k, width: 100, align: 'right' as const,
    render: (n: number) => (k === 'tasksOverdue' && n > 0 ? <Tag color="red">{n}</Tag> : n),
  }));
}

export default function ConsolidationPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unitId')) || me.scopeUnitId;
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  const report = useAsync(() => consolidationApi.overview(unitId, year), [unitId, year]);
  const r = report.data;
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); n.set(k, v); return n; }, { replace: true });

  type ByUnit = ConsolidationOverview['byUnit'][number];
  type Plan = ConsolidationOverview['plans'][number];
  const unitColumns: TableColumnsType<ByUnit> = [
    { title: t('consolidation.unit'), key: 'unit', render: (_, u) => <a onClick={() => set('unitId', String(u.unitId))}>{u.name} <span className="muted numeric">({u.code})</span></a> },
    ...countColumns<ByUnit>(t),
  ];
  const yearColumns: TableColumnsType<ConsolidationOverview['years'][number]> = [
    { title: t('consolidation.year'), dataIndex: 'year', key: 'year', width: 80, render: (y: number) => <a onClick={() => set('year', String(y))}>{y}</a> },
    ...countColumns<ConsolidationOverview['years'][number]>(t),
  ];
  const planColumns: TableColumnsType<Plan> = [
    { title: t('weak.unit'), key: 'unit', render: (_, p) => <Link to={`/weak-units/${p.id}`}>{p.name} <span className="muted numeric">({p.code})</span></Link> },
    { title: t('weak.categories'), dataIndex: 'categories', key: 'cat', width: 200, render: (cs: string[]) => cs.map((c) => <Tag key={c} color="volcano">{label(t, 'weakCategory', c)}</Tag>) },
    { title: t('plan.responsibleMember'), dataIndex: 'responsible', key: 'resp', width: 220 },
    { title: t('consolidation.tasks'), key: 'tasks', width: 120, render: (_, p) => `${p.tasksDone}/${p.tasks}` },
    { title: t('consolidation.tasksOverdue'), dataIndex: 'tasksOverdue', key: 'overdue', width: 90, render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
    { title: t('consolidation.nextDeadline'), dataIndex: 'nextDeadline', key: 'next', width: 120, render: (d: string | null) => formatDate(d) },
    { title: t('weak.result'), dataIndex: 'result', key: 'result', width: 150, render: (x: string) => label(t, 'planResult', x) },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.consolidation') }]}
        title={t('consolidation.title')}
        subtitle={r ? t('consolidation.subtitle', { unit: r.unit.name, year: r.year, asOf: formatDate(r.asOf) }) : undefined}
        extra={<Button icon={<FileExcelOutlined />} href={consolidationApi.overviewXlsxUrl(unitId, year)}>{t('attrition.xlsx')}</Button>}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <UnitSelect id="consolidation-unit" key={r ? `u${unitId}` : 'none'} value={unitId} allowClear={false} initial={r ? r.unit : null} onChange={(v) => { if (v) set('unitId', String(v)); }} />
          </Col>
          <Col xs={12} md={6}>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => { if (v) set('year', String(v)); }} style={{ width: '100%' }} data-testid="consolidation-year" />
          </Col>
        </Row>
      </Card>
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.reload()} /> : r && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(['flagged', 'tasksDone', 'tasksOverdue', 'consolidated'] as const).map((k) => (
              <Col xs={12} md={6} key={k}>
                <Card size="small" data-testid={`consolidation-${k}`}>
                  <Statistic title={t(`consolidation.${k}`)} value={r.total[k]} suffix={k === 'tasksDone' ? `/ ${r.total.tasks}` : undefined} valueStyle={k === 'tasksOverdue' && r.total[k] > 0 ? { color: '#cf1322' } : undefined} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card variant="borderless" title={t('consolidation.byUnit')} style={{ marginBottom: 16 }}>
            <Table<ByUnit> rowKey="unitId" size="small" columns={unitColumns} dataSource={r.byUnit} pagination={false} scroll={{ x: 1000 }} data-testid="consolidation-by-unit" />
          </Card>
          <Card variant="borderless" title={t('consolidation.byYear')} style={{ marginBottom: 16 }}>
            <Table rowKey="year" size="small" columns={yearColumns} dataSource={r.years} pagination={false} scroll={{ x: 900 }} data-testid="consolidation-years" />
          </Card>
          <Card variant="borderless" title={t('consolidation.planList')}>
            <Table<Plan> rowKey="id" size="small" columns={planColumns} dataSource={r.plans} pagination={false} scroll={{ x: 1000 }} data-testid="consolidation-plans"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('weak.empty')} /> }} />
          </Card>
        </>
      )}
    </>
  );
}
