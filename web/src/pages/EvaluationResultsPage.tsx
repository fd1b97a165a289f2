// Kết quả xếp loại: the distribution of decided levels for a unit and its sub-units, year over year, and the
// members and organizations rated KHTNV (Yếu kém / Vi phạm tư cách in the 2014 set); the same as a spreadsheet.
import { Button, Card, Col, Empty, Form, InputNumber, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api, EVALUATION_LEVELS, type EvaluationDistribution } from '../api/index.ts';
import { useT } from '../locales/i18n.tsx';
import { useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { LEVEL_COLORS } from './EvaluationPage.tsx';

function Bar({ d, labels }: { d: EvaluationDistribution; labels: Record<string, string> }) {
  if (!d.total) return <span className="muted">—</span>;
  return (
    <div className="level-bar" title={EVALUATION_LEVELS.map((l) => `${labels[l]}: ${d[l]}`).join('\n')}>
      {EVALUATION_LEVELS.map((l) => d[l] > 0 && <span key={l} className={`level-bar-${LEVEL_COLORS[l]}`} style={{ width: `${(100 * d[l]) / d.total}%` }} />)}
    </div>
  );
}

export default function EvaluationResultsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unitId')) || me.scopeUnitId;
  const year = Number(params.get('year')) || new Date().getFullYear() - 1;
  const report = useAsync(() => api.evaluationResults(unitId, year), [unitId, year]);
  const r = report.data;
  const set = (k: string, v: string) => setParams((p) => { const n = new URLSearchParams(p); n.set(k, v); return n; }, { replace: true });

  const distColumns = (key: 'members' | 'organizations', subject: 'member' | 'organization') => [
    ...EVALUATION_LEVELS.map((l) => ({
      title: r?.labels[subject][l] ?? l, key: `${key}-${l}`, align: 'right' as const, width: 110,
      render: (_: unknown, row: Record<'members' | 'organizations', EvaluationDistribution>) => <span className="numeric">{row[key][l]}</span>,
    })),
    { title: t('results.total'), key: `${key}-total`, align: 'right' as const, width: 90, render: (_: unknown, row: Record<'members' | 'organizations', EvaluationDistribution>) => <strong className="numeric">{row[key].total}</strong> },
  ];
  type ByUnit = NonNullable<typeof r>['byUnit'][number];
  const unitColumns: TableColumnsType<ByUnit> = [
    { title: t('results.unit'), key: 'unit', render: (_, u) => <span>{u.name} <span className="muted numeric">({u.code})</span></span> },
    { title: t('results.members'), key: 'bar', width: 160, render: (_, u) => r && <Bar d={u.members} labels={r.labels.member} /> },
    ...distColumns('members', 'member'),
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.results') }]}
        title={t('results.title')}
        subtitle={r ? t('results.subtitle', { unit: r.unit.name, year: r.year, set: r.ruleSet.name }) : undefined}
        extra={<Button icon={<FileExcelOutlined />} href={api.evaluationXlsxUrl(unitId, year)} data-testid="results-xlsx">{t('attrition.xlsx')}</Button>}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('attrition.unit')} style={{ marginBottom: 0 }}>
                <UnitSelect id="results-unit" key={r ? `u${unitId}` : 'none'} value={unitId} allowClear={false}
                  initial={r ? { id: unitId, ...r.unit } : null} onChange={(v) => { if (v) set('unitId', String(v)); }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label={t('evaluation.year')} style={{ marginBottom: 0 }}>
                <InputNumber min={2014} max={2100} value={year} onChange={(v) => { if (v) set('year', String(v)); }} style={{ width: '100%' }} data-testid="results-year" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.reload()} /> : r && (
        <>
          <Row gutter={16}>
            {(['member', 'organization'] as const).map((s) => {
              const d = s === 'member' ? r.members : r.organizations;
              return (
                <Col xs={24} lg={12} key={s}>
                  <Card variant="borderless" title={s === 'member' ? t('results.members') : t('results.organizations')} style={{ marginBottom: 16 }} data-testid={`results-${s}`}>
                    <Bar d={d} labels={r.labels[s]} />
                    <ul className="plain-list" style={{ marginTop: 12 }}>
                      {EVALUATION_LEVELS.map((l) => (
                        <li key={l}><Tag color={LEVEL_COLORS[l]}>{r.labels[s][l]}</Tag> <strong className="numeric" data-testid={`results-${s}-${l}`}>{d[l]}</strong>
                          <span className="muted"> ({d.total ? ((100 * d[l]) / d.total).toFixed(1) : '0'}%)</span></li>
                      ))}
                    </ul>
                    <Typography.Text type="secondary">{t('results.total')}: <span className="numeric">{d.total}</span></Typography.Text>
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Card variant="borderless" title={t('results.byUnit')} style={{ marginBottom: 16 }}>
            <Table<ByUnit> rowKey="code" size="small" columns={unitColumns} dataSource={r.byUnit} pagination={false} scroll={{ x: 900 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.empty')} /> }} />
          </Card>
          <Card variant="borderless" title={t('results.years')} style={{ marginBottom: 16 }}>
            <Table rowKey="year" size="small" dataSource={r.years} pagination={false} scroll={{ x: 900 }} columns={[
              { title: t('evaluation.year'), dataIndex: 'year', key: 'year', width: 80 },
              { title: t('results.members'), key: 'bar', width: 160, render: (_: unknown, y: (typeof r.years)[number]) => <Bar d={y.members} labels={r.labels.member} /> },
              ...distColumns('members', 'member'),
            ]} />
          </Card>
          <Card variant="borderless" title={t('results.failing')} data-testid="results-failing">
            <ul className="plain-list">
              {r.failing.organizations.map((o) => <li key={`o${o.unitId}`}><Link to={`/units/${o.unitId}`}>{o.name}</Link> <span className="muted">({o.code})</span> <Tag color="red">{r.labels.organization.failed}</Tag></li>)}
              {r.failing.members.map((m) => <li key={`m${m.memberId}`}><Link to={`/members/${m.memberId}`}>{m.fullName}</Link> <span className="muted">— {m.unitName}</span>{m.comment && <Typography.Text type="secondary"> · {m.comment}</Typography.Text>}{m.previousYearFailed && <Tag color="volcano" style={{ marginLeft: 8 }} data-testid="results-two-years">{t('results.twoYears')}</Tag>}</li>)}
              {!r.failing.organizations.length && !r.failing.members.length && <li className="muted">{t('results.noneFailing')}</li>}
            </ul>
          </Card>
        </>
      )}
    </>
  );
}
