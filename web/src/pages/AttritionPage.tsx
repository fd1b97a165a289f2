// "Bỏ sinh hoạt, xin ra khỏi Đảng": members who abandoned activities, fell behind with dues or asked to leave in
// a period, with how each case was settled and the counselling before it; the same report as a spreadsheet.
import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Flex, Form, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, ATTRITION_OUTCOMES, ATTRITION_REASONS, type AttritionPerson } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { DATE_FORMAT, formatDate, fromIso, toIso, todayIso } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { COUNSEL_OUTCOME_COLORS } from '../components/CounsellingSection.tsx';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
export const ATTRITION_OUTCOME_COLORS: Record<string, string> = { removed: 'red', left: 'volcano', returned: 'green', pending: 'gold' };
const REASON_HEX: Record<string, string> = { abandoned_activities: '#d46b08', unpaid_dues: '#d48806', asked_to_leave: '#a8151f' };
const OUTCOME_HEX: Record<string, string> = { removed: '#cf1322', left: '#d4380d', returned: '#389e0d', pending: '#d48806' };

function StatCard({ testId, title, value, color }: { testId: string; title: string; value: number; color: string }) {
  return (
    <Card className="stat-card" size="small" style={{ ['--stat-color' as string]: color }} data-testid={testId}>
      <Statistic title={title} value={value} groupSeparator="." styles={{ content: { color, fontWeight: 600 } }} />
    </Card>
  );
}

export default function AttritionPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const defaultSince = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const unitId = Number(params.get('unitId')) || me.scopeUnitId;
  const since = ISO.test(params.get('since') ?? '') ? params.get('since')! : defaultSince;
  const until = ISO.test(params.get('until') ?? '') ? params.get('until')! : today;
  const scope = useAsync(() => api.unit(me.scopeUnitId), [me.scopeUnitId]);
  const [unitLabel, setUnitLabel] = useState<{ id: number; name: string; code: string; kind: string } | null>(null);
  const report = useAsync(() => api.attrition(unitId, since, until), [unitId, since, until]);
  const r = report.data;

  const set = (changes: Record<string, string | null>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return next;
  }, { replace: true });

  const initial = useMemo(() => {
    if (unitLabel && unitLabel.id === unitId) return unitLabel;
    const s = scope.data;
    return s && s.id === unitId ? { id: s.id, name: s.name, code: s.code, kind: s.kind } : r ? { id: unitId, ...r.unit } : null;
  }, [unitLabel, unitId, scope.data, r]);

  const columns: TableColumnsType<AttritionPerson> = [
    { title: t('attrition.name'), dataIndex: 'fullName', key: 'name', render: (n: string, p) => <Link to={`/members/${p.memberId}`} className="member-name-link">{n}</Link> },
    { title: t('attrition.cell'), dataIndex: 'unitName', key: 'cell', render: (n: string, p) => <span>{n} <span className="muted numeric">({p.unitCode})</span></span> },
    { title: t('attrition.reason'), dataIndex: 'reason', key: 'reason', width: 190, render: (v: string) => enumLabel(t, 'topic', v) },
    { title: t('attrition.outcome'), dataIndex: 'outcome', key: 'outcome', width: 150, render: (v: string) => <Tag color={ATTRITION_OUTCOME_COLORS[v] ?? 'default'} data-testid="attrition-outcome">{enumLabel(t, 'attritionOutcome', v)}</Tag> },
    { title: t('attrition.settledOn'), dataIndex: 'settledOn', key: 'settledOn', width: 120, render: (d: string | null) => (d ? <span className="numeric">{formatDate(d)}</span> : <span className="muted">—</span>) },
    { title: t('attrition.decision'), dataIndex: 'decisionNumber', key: 'decision', width: 150, render: (d: string | null) => d ?? <span className="muted">—</span> },
    { title: t('attrition.counselling'), key: 'counselling', width: 120, align: 'right', render: (_: unknown, p) => <span className="numeric">{p.counselling.length}</span> },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.attrition') }]}
        title={t('attrition.title')}
        subtitle={r ? t('attrition.subtitle', { unit: r.unit.name, since: formatDate(r.since), until: formatDate(r.until) }) : undefined}
        extra={
          <Button icon={<FileExcelOutlined />} href={api.attritionXlsxUrl(unitId, since, until)} data-testid="attrition-xlsx">{t('attrition.xlsx')}</Button>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={10}>
              <Form.Item label={t('attrition.unit')} style={{ marginBottom: 0 }}>
                <UnitSelect
                  id="attrition-unit"
                  key={initial ? `u${initial.id}` : 'none'}
                  value={unitId}
                  initial={initial}
                  allowClear={false}
                  placeholder={t('users.scopePlaceholder')}
                  onChange={(v, u) => { if (v) { if (u) setUnitLabel({ id: u.id, name: u.name, code: u.code, kind: u.kind }); set({ unitId: v === me.scopeUnitId ? null : String(v) }); } }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('attrition.period')} style={{ marginBottom: 0 }}>
                <DatePicker.RangePicker
                  id="attrition-period"
                  value={[fromIso(since), fromIso(until)]}
                  format={DATE_FORMAT}
                  allowClear={false}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  onChange={(v) => {
                    const [a, b] = v ?? [];
                    const s = toIso(a ?? null);
                    const u = toIso(b ?? null);
                    if (s && u) set({ since: s === defaultSince ? null : s, until: u === today ? null : u });
                  }}
                  style={{ width: '100%' }}
                  data-testid="attrition-period"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {report.error ? <ErrorState error={report.error} onRetry={() => void report.reload()} /> : (
        <>
          <Card variant="borderless" style={{ marginBottom: 16 }} loading={!r} data-testid="attrition-totals">
            {r && (
              <Flex vertical gap={12}>
                <div>
                  <Typography.Text type="secondary" className="stat-group-title">{t('attrition.byReason')}</Typography.Text>
                  <div className="stat-grid" style={{ marginTop: 6 }}>
                    <StatCard testId="attrition-total" title={t('attrition.total')} value={r.total} color="#a8151f" />
                    {ATTRITION_REASONS.map((k) => <StatCard key={k} testId={`attrition-reason-${k}`} title={enumLabel(t, 'topic', k)} value={r.byReason[k] ?? 0} color={REASON_HEX[k] ?? '#595959'} />)}
                  </div>
                </div>
                <div>
                  <Typography.Text type="secondary" className="stat-group-title">{t('attrition.byOutcome')}</Typography.Text>
                  <div className="stat-grid" style={{ marginTop: 6 }}>
                    {ATTRITION_OUTCOMES.map((k) => <StatCard key={k} testId={`attrition-outcome-${k}`} title={enumLabel(t, 'attritionOutcome', k)} value={r.byOutcome[k] ?? 0} color={OUTCOME_HEX[k] ?? '#595959'} />)}
                  </div>
                </div>
              </Flex>
            )}
          </Card>
          <Card variant="borderless" title={t('attrition.people')}>
            <Table<AttritionPerson>
              rowKey={(p) => `${p.memberId}-${p.settledOn ?? ''}`}
              size="middle"
              columns={columns}
              dataSource={r?.people ?? []}
              loading={report.loading}
              pagination={(r?.people.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 1000 }}
              expandable={{
                rowExpandable: (p) => p.counselling.length > 0,
                expandedRowRender: (p) => (
                  <ul className="plain-list counselling-list" data-testid="attrition-counselling">
                    {p.counselling.map((c, i) => (
                      <li key={i}>
                        <span className="numeric">{formatDate(c.metOn)}</span> · {c.metBy} · <Tag color={COUNSEL_OUTCOME_COLORS[c.outcome] ?? 'default'}>{enumLabel(t, 'counselOutcome', c.outcome)}</Tag>
                        {c.note && <Typography.Text type="secondary"> {c.note}</Typography.Text>}
                      </li>
                    ))}
                  </ul>
                ),
              }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attrition.empty')} /> }}
              data-testid="attrition-people"
            />
          </Card>
        </>
      )}
    </>
  );
}
