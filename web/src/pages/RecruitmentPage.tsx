// "Kết quả phát triển đảng viên": a unit's year against its target (the funnel of candidates by stage, the
// admissions by source, each sub-unit's target and admissions, the new-member rows of Biểu 2, the enterprises
// without a party organization), all from GET /api/reports/recruitment, which the CLI's report also gives.
import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, Form, Progress, Row, Select, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, CANDIDATE_SOURCES, type RecruitmentReport } from '../api/index.ts';
import { recruitmentApi } from '../api/recruitment.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useUnitParam } from '../lib/unitParam.ts';
import { useAsync } from '../lib/useAsync.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { AGE_BANDS_FORM } from '../../../src/domain/statistics/breakdowns.ts';

const fmt = (n: number) => n.toLocaleString('vi-VN');
const pct = (a: number, b: number | null) => (b ? Math.min(100, Math.round((a / b) * 100)) : 0);

export default function RecruitmentPage() {
  const t = useT();
  const [fromReport, setFromReport] = useState<{ id: number; name: string; code: string; kind: string } | null>(null);
  const { unitId, initial, onChange, params, set: setQuery } = useUnitParam(fromReport);
  const set = (k: string, v: string | null) => setQuery({ [k]: v });
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const report = useAsync(() => api.recruitment(year, unitId).then((rep) => { setFromReport({ id: unitId, name: rep.unitName, code: rep.unitCode, kind: '' }); return rep; }), [year, unitId]);
  const r = report.data;

  const children: TableColumnsType<RecruitmentReport['children'][number]> = [
    { title: t('recruitmentReport.unit'), key: 'name', render: (_: unknown, c) => <a onClick={() => set('unitId', String(c.unitId))}>{c.name}</a> },
    { title: t('recruitmentReport.target'), dataIndex: 'target', key: 'target', width: 110, align: 'right', render: (n: number | null) => (n === null ? <span className="muted">—</span> : <span className="numeric">{fmt(n)}</span>) },
    { title: t('recruitmentReport.admitted'), dataIndex: 'admitted', key: 'admitted', width: 110, align: 'right', render: (n: number) => <span className="numeric">{fmt(n)}</span> },
    { title: '', key: 'progress', width: 200, render: (_: unknown, c) => (c.target ? <Progress percent={pct(c.admitted, c.target)} size="small" /> : null) },
    { title: t('recruitmentReport.inProgress'), dataIndex: 'inProgress', key: 'inProgress', width: 150, align: 'right', render: (n: number) => <span className="numeric">{fmt(n)}</span> },
  ];

  const maxStage = r ? Math.max(1, ...Object.values(r.byStage)) : 1;
  const n = r?.newMembers;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.recruitment') }]}
        title={t('recruitmentReport.title')}
        subtitle={r ? t('recruitmentReport.subtitle', { unit: r.unitName, year: String(r.year) }) : undefined}
        extra={<Button icon={<FileExcelOutlined />} href={recruitmentApi.recruitmentXlsxUrl(unitId, year)} data-testid="recruitment-xlsx">{t('recruitmentReport.xlsx')}</Button>}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={10}>
              <Form.Item label={t('recruitmentReport.unit')} style={{ marginBottom: 0 }}>
                <UnitSelect id="recruitment-unit" key={initial ? `u${initial.id}` : 'none'} value={unitId} initial={initial} allowClear={false} placeholder={t('users.scopePlaceholder')}
                  onChange={onChange} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('recruitmentReport.year')} style={{ marginBottom: 0 }}>
                <Select value={year} onChange={(v) => set('year', v === thisYear ? null : String(v))} data-testid="recruitment-year"
                  options={Array.from({ length: thisYear - 2013 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.reload()} /> : (
        <>
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <Card variant="borderless" style={{ marginBottom: 16 }} loading={!r} data-testid="recruitment-target">
                {r && (
                  <Flex vertical gap={12}>
                    <Flex gap={24} wrap>
                      <Statistic title={t('recruitmentReport.target')} value={r.target ?? t('recruitmentReport.noTarget')} groupSeparator="." />
                      <Statistic title={t('recruitmentReport.admitted')} value={r.admitted} groupSeparator="." styles={{ content: { color: '#a8151f', fontWeight: 600 } }} data-testid="recruitment-admitted" />
                      <Statistic title={t('recruitmentReport.targetsBelow')} value={r.targetsBelow} groupSeparator="." />
                    </Flex>
                    {r.target ? <Progress percent={pct(r.admitted, r.target)} strokeColor="#a8151f" /> : null}
                    <Typography.Text type="secondary" className="stat-group-title">{t('recruitmentReport.bySource')}</Typography.Text>
                    <ul className="plain-list" data-testid="recruitment-by-source">
                      {[...CANDIDATE_SOURCES, 'no_record'].map((s) => (
                        <li key={s}><Flex justify="space-between"><span>{s === 'no_record' ? t('recruitmentReport.noRecord') : enumLabel(t, 'candidateSource', s)}</span><span className="numeric">{fmt(r.bySource[s] ?? 0)}</span></Flex></li>
                      ))}
                    </ul>
                  </Flex>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card variant="borderless" title={t('recruitmentReport.funnel')} style={{ marginBottom: 16 }} loading={!r} data-testid="recruitment-funnel">
                {r && r.funnel.map((f) => (
                  <Flex key={f.stage} align="center" gap={12} data-testid="funnel-row">
                    <span style={{ width: 200 }}>{enumLabel(t, 'candidateStage', f.stage)}</span>
                    <Progress status="normal" percent={Math.round((f.total / maxStage) * 100)} format={() => fmt(f.total)} style={{ flex: 1, margin: 0 }} />
                  </Flex>
                ))}
                {r && <Typography.Text type="secondary">{t('recruitmentReport.inProgress')}: {fmt(r.inProgress)}</Typography.Text>}
              </Card>
            </Col>
          </Row>
          <Card variant="borderless" title={t('recruitmentReport.children')} style={{ marginBottom: 16 }}>
            <Table rowKey="unitId" size="small" columns={children} dataSource={r?.children ?? []} loading={report.loading}
              pagination={(r?.children.length ?? 0) > 30 ? { pageSize: 30, showSizeChanger: false } : false} data-testid="recruitment-children"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }} />
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card variant="borderless" title={t('recruitmentReport.newMembers')} loading={!n} style={{ marginBottom: 16 }} data-testid="recruitment-new-members">
                {n && (
                  <ul className="plain-list">
                    {([['recruitmentReport.admitted', n.total], ['recruitmentReport.female', n.female], ['recruitmentReport.ethnicMinority', n.ethnicMinority], ['recruitmentReport.youthUnion', n.youthUnion],
                      ['recruitmentReport.privateBusinessOwner', n.privateBusinessOwner], ['recruitmentReport.readmitted', n.readmitted], ['recruitmentReport.grassroots', n.grassrootsWithAdmissions]] as const).map(([k, v]) => (
                      <li key={k}><Flex justify="space-between"><span>{t(k)}</span><span className="numeric">{fmt(v)}</span></Flex></li>
                    ))}
                    <li><Typography.Text type="secondary">{t('recruitmentReport.byAge')}</Typography.Text></li>
                    {AGE_BANDS_FORM.map((b) => <li key={b.key}><Flex justify="space-between"><span>{b.vi}</span><span className="numeric">{fmt(n.byAgeBand[b.key] ?? 0)}</span></Flex></li>)}
                  </ul>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card variant="borderless" title={t('recruitmentReport.enterprises')} loading={!r} data-testid="recruitment-enterprises">
                {r && (
                  <>
                    <Typography.Paragraph>
                      <Link to="/enterprises?withoutParty=1">{t('enterprises.withoutPartySummary', { total: fmt(r.enterprisesWithoutParty.total), workers: fmt(r.enterprisesWithoutParty.workers), candidates: fmt(r.enterprisesWithoutParty.candidates) })}</Link>
                    </Typography.Paragraph>
                    <ul className="plain-list">
                      {r.enterprisesWithoutParty.groups.map((g) => (
                        <li key={`${g.parkId}-${g.unitId}`}><Flex justify="space-between"><span>{g.parkName ?? t('enterprises.noPark')} — {g.unitName}</span><span className="numeric">{fmt(g.enterprises.length)}</span></Flex></li>
                      ))}
                    </ul>
                  </>
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
