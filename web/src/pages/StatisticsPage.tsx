// "Thống kê": how many members, of which kind, in a unit's subtree on a date (Biểu 3), and how the roll grew
// and shrank over a period (Biểu 1). Unit, date, tab and period live in the URL, so a link reproduces the view.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, DatePicker, Empty, Flex, Form, Progress, Row, Select, Spin, Statistic, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { ACTIVE_STATUSES, api, type ChildCounts, type MemberCounts, type MovementsReport, type MovementTotals } from '../api/index.ts';
// Row tables of the official forms: pure data modules shared with the server, so labels and order match the exports.
import {
  ADMISSION_ERAS, AGE_BANDS_FORM, AGE_BASIS, GENERAL_EDUCATION_ROWS, PARTY_AGE_BANDS, PROFESSIONAL_ROWS, THEORY_ROWS,
} from '../../../src/domain/statistics/breakdowns.ts';
import { DECREASES, INCREASES, MOVEMENT_ROWS } from '../../../src/domain/statistics/movements.ts';
import { enumLabel, useI18n, type TFunction } from '../locales/i18n.tsx';
import { useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { DATE_FORMAT, formatDate, fromIso, toIso, todayIso } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { DateField } from '../components/DateField.tsx';
import { STATUS_HEX } from '../components/tags.tsx';
import { fmt, fmtDecimal, formBars, isUnknown, pct, recentQuarters, sixMonthsBack, sum, topBars, type Bar } from '../lib/statistics.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
type Lang = 'vi' | 'en';
/** Kinds under which no unit may be placed (src/domain/units.ts): no sub-unit table for them. */
const LEAF_KINDS = ['cell', 'grassroots_cell'];

function BarList({ bars, total, color, testId }: { bars: Bar[]; total: number; color: string; testId: string }) {
  return (
    <div className="bar-list" data-testid={testId}>
      {bars.map((b) => (
        <div key={b.key} className="bar-row" data-key={b.key}>
          <span className="bar-label" title={b.label}>{b.label}</span>
          <Progress percent={total > 0 ? (b.n / total) * 100 : 0} showInfo={false} size="small" strokeColor={color} className="bar-progress" />
          <span className="bar-count numeric" data-testid="bar-count">{fmt(b.n)}</span>
          <span className="bar-pct numeric muted">{pct(b.n, total)}</span>
        </div>
      ))}
    </div>
  );
}

function Breakdown({ title, children, note }: { title: string; children: ReactNode; note?: ReactNode }) {
  return (
    <Card size="small" variant="borderless" title={title} className="breakdown-card">
      {children}
      {note && <Typography.Paragraph type="secondary" className="breakdown-note">{note}</Typography.Paragraph>}
    </Card>
  );
}

function Headline({ testId, title, value, suffix, note, color }: { testId: string; title: string; value: string; suffix?: string; note?: string; color: string }) {
  return (
    <Card className="stat-card" size="small" style={{ ['--stat-color' as string]: color }} data-testid={testId}>
      <Statistic title={title} value={value} formatter={() => value} suffix={suffix} styles={{ content: { color, fontWeight: 600 } }} />
      {note && <Typography.Text type="secondary" className="stat-note">{note}</Typography.Text>}
    </Card>
  );
}

function RollView({ r, unitId, asOf, link }: { r: MemberCounts; unitId: number; asOf: string; link: (unitId: number) => string }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const women = r.bySex.female ?? 0;
  const minorities = sum(r.byEthnicity, (k) => k !== 'Kinh' && !isUnknown(k));
  const religious = sum(r.byReligion, (k) => k !== 'none' && !isUnknown(k));
  const inChildren = r.children.reduce((a, c) => a + c.total, 0);
  const share = (n: number) => t('stats.shareOfTotal', { percent: pct(n, r.total) });

  const columns: TableColumnsType<ChildCounts> = [
    { title: t('stats.col.code'), dataIndex: 'code', key: 'code', width: 110, render: (c: string) => <span className="numeric muted">{c}</span> },
    { title: t('stats.col.name'), dataIndex: 'name', key: 'name', render: (n: string, c) => <Link to={link(c.unitId)} onClick={(e) => e.stopPropagation()} data-testid="child-link">{n}</Link> },
    { title: t('common.kind'), dataIndex: 'kind', key: 'kind', width: 170, responsive: ['lg'], render: (k: string) => <span className="muted">{enumLabel(t, 'kindShort', k) || enumLabel(t, 'kind', k)}</span> },
    { title: t('stats.col.total'), dataIndex: 'total', key: 'total', width: 100, align: 'right', render: (n: number) => <strong className="numeric" data-testid="child-total">{fmt(n)}</strong> },
    { title: t('stats.col.probationary'), key: 'probationary', width: 90, align: 'right', render: (_: unknown, c) => <span className="numeric">{fmt(c.byStatus.probationary ?? 0)}</span> },
    { title: t('stats.col.women'), dataIndex: 'female', key: 'female', width: 90, align: 'right', render: (n: number) => <span className="numeric">{fmt(n)}</span> },
    {
      title: t('stats.col.share'), key: 'share', width: 220,
      render: (_: unknown, c) => (
        <Flex align="center" gap={8}>
          <Progress percent={r.total ? (c.total / r.total) * 100 : 0} showInfo={false} size="small" strokeColor="#b4232c" style={{ flex: 1, margin: 0 }} />
          <span className="numeric muted" style={{ width: 52, textAlign: 'right' }}>{pct(c.total, r.total)}</span>
        </Flex>
      ),
    },
  ];

  const ageNote = lang === 'vi' ? AGE_BASIS.vi : AGE_BASIS.en;
  return (
    <Flex vertical gap={16}>
      <div className="stat-grid" data-testid="stats-headline">
        <Headline testId="stats-total" title={t('stats.total')} value={fmt(r.total)} color="#a8151f" />
        <Headline testId="stats-women" title={t('stats.women')} value={fmt(women)} note={share(women)} color="#c41d7f" />
        <Headline testId="stats-probationary" title={t('stats.probationary')} value={fmt(r.byStatus.probationary ?? 0)} note={share(r.byStatus.probationary ?? 0)} color={STATUS_HEX.probationary ?? '#1677ff'} />
        <Headline testId="stats-minorities" title={t('stats.minorities')} value={fmt(minorities)} note={share(minorities)} color="#d46b08" />
        <Headline testId="stats-religious" title={t('stats.religious')} value={fmt(religious)} note={share(religious)} color="#7cb305" />
        <Headline testId="stats-average-age" title={t('stats.averageAge')} value={r.averageAge === null ? '—' : fmtDecimal(r.averageAge)} suffix={r.averageAge === null ? undefined : t('stats.years')} color="#1f5fae" />
      </div>

      {r.total === 0 ? <Card variant="borderless"><Empty description={t('stats.empty')} /></Card> : (
        <div className="breakdown-grid" key={`${unitId}-${asOf}`}>
          <Breakdown title={t('stats.byStatus')}>
            <BarList testId="bd-status" total={r.total} color="#389e0d"
              bars={ACTIVE_STATUSES.map((s) => ({ key: s, label: enumLabel(t, 'status', s), n: r.byStatus[s] ?? 0 }))} />
          </Breakdown>
          <Breakdown title={t('stats.byAge')} note={<span data-testid="age-basis">{ageNote}</span>}>
            <BarList testId="bd-age" total={r.total} color="#1f5fae" bars={formBars(AGE_BANDS_FORM, r.byAgeBand, lang, t('stats.unknown'))} />
          </Breakdown>
          <Breakdown title={t('stats.byEra')}>
            <BarList testId="bd-era" total={r.total} color="#a8151f" bars={formBars(ADMISSION_ERAS, r.byAdmissionEra, lang, t('stats.unknown'))} />
          </Breakdown>
          <Breakdown title={t('stats.byPartyAge')}>
            <BarList testId="bd-party-age" total={r.total} color="#d4380d" bars={formBars(PARTY_AGE_BANDS, r.byPartyAgeBand, lang, t('stats.unknown'))} />
          </Breakdown>
          <Breakdown title={t('stats.byGeneral')}>
            <BarList testId="bd-general" total={r.total} color="#08979c" bars={formBars(GENERAL_EDUCATION_ROWS, r.byGeneralEducation, lang, t('stats.unknown'))} />
          </Breakdown>
          <Breakdown title={t('stats.byProfessional')}>
            <BarList testId="bd-professional" total={r.total} color="#531dab" bars={formBars(PROFESSIONAL_ROWS, r.byProfessional, lang, t('stats.unknown'), { none: t('stats.noProfessional') })} />
          </Breakdown>
          <Breakdown title={t('stats.byTheory')}>
            <BarList testId="bd-theory" total={r.total} color="#ad4e00" bars={formBars(THEORY_ROWS, r.byTheory, lang, t('stats.unknown'), { none: t('stats.noTheory') })} />
          </Breakdown>
          <Breakdown title={t('stats.byEthnicity')}>
            <BarList testId="bd-ethnicity" total={r.total} color="#d46b08" bars={topBars(r.byEthnicity, 6, { others: t('stats.others'), unknown: t('stats.unknown') })} />
          </Breakdown>
          <Breakdown title={t('stats.byReligion')} note={t('stats.profileNote')}>
            <BarList testId="bd-religion" total={r.total} color="#7cb305" bars={topBars(r.byReligion, 6, { others: t('stats.others'), unknown: t('stats.unknown') }, (k) => (k === 'none' ? t('stats.noReligion') : k))} />
          </Breakdown>
        </div>
      )}

      {!LEAF_KINDS.includes(r.unit.kind) && <Card
        variant="borderless"
        title={t('stats.children', { date: formatDate(r.asOf) })}
        extra={r.children.length > 0 ? <Typography.Text type="secondary">{t('stats.childrenHint')}</Typography.Text> : undefined}
        data-testid="stats-children"
      >
        <Table<ChildCounts>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={r.children}
          pagination={r.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          onRow={(c) => ({ onClick: () => navigate(link(c.unitId)), className: 'clickable-row', 'data-testid': `child-row-${c.code}` } as React.HTMLAttributes<HTMLElement>)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noChildren')} /> }}
          summary={() => (r.children.length > 0 && r.total > inChildren ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} />
              <Table.Summary.Cell index={1}><span className="muted">{t('stats.direct', { unit: r.unit.name })}</span></Table.Summary.Cell>
              <Table.Summary.Cell index={2} className="hide-below-lg" />
              <Table.Summary.Cell index={3} align="right"><span className="numeric">{fmt(r.total - inChildren)}</span></Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={3} />
            </Table.Summary.Row>
          ) : null)}
          scroll={{ x: 760 }}
        />
      </Card>}
    </Flex>
  );
}

/** A line of Biểu 1: which movement kinds it stands for (none: A and D), how to read it from the totals. */
interface MvLine { key: string; label: string; level: 0 | 1 | 2; pick: (x: MovementTotals) => number; kinds: readonly string[]; probationaryOnly?: boolean }

function movementLines(t: TFunction, lang: Lang): MvLine[] {
  return [
    { key: 'A', label: t('stats.mv.opening'), level: 0, pick: (x) => x.opening, kinds: [] },
    { key: 'B', label: t('stats.mv.increase'), level: 0, pick: (x) => x.totalIncrease, kinds: INCREASES },
    ...INCREASES.map((k): MvLine => ({ key: k, label: MOVEMENT_ROWS[k][lang], level: 1, pick: (x) => x.increases[k] ?? 0, kinds: [k] })),
    { key: 'C', label: t('stats.mv.decrease'), level: 0, pick: (x) => x.totalDecrease, kinds: DECREASES },
    ...DECREASES.flatMap((k): MvLine[] => [
      { key: k, label: MOVEMENT_ROWS[k][lang], level: 1, pick: (x) => x.decreases[k] ?? 0, kinds: [k] },
      ...(k === 'removed' ? [{ key: 'removedProbationary', label: t('stats.mv.removedProbationary'), level: 2 as const, pick: (x: MovementTotals) => x.removedProbationary, kinds: ['removed'], probationaryOnly: true }] : []),
    ]),
    { key: 'D', label: t('stats.mv.closing'), level: 0, pick: (x) => x.closing, kinds: [] },
  ];
}

type Person = MovementsReport['people'][number];

function MovementsView({ m, selected, onSelect }: { m: MovementsReport; selected: string | null; onSelect: (key: string | null) => void }) {
  const { t, lang } = useI18n();
  const lines = useMemo(() => movementLines(t, lang), [t, lang]);
  const line = lines.find((l) => l.key === selected && l.kinds.length > 0) ?? null;
  const people = line ? m.people.filter((p) => line.kinds.includes(p.kind) && (!line.probationaryOnly || p.wasProbationary)) : m.people;
  const prev = m.previousYear;
  const columns: TableColumnsType<MvLine> = [
    { title: t('stats.mv.row'), dataIndex: 'label', key: 'label', render: (label: string, l) => <span className={`mv-label mv-level-${l.level}`}>{label}</span> },
    { title: t('stats.mv.current'), key: 'current', width: 130, align: 'right', render: (_: unknown, l) => <span className="numeric" data-testid="mv-current">{fmt(l.pick(m))}</span> },
    { title: t('stats.mv.previous'), key: 'previous', width: 160, align: 'right', render: (_: unknown, l) => <span className="numeric" data-testid="mv-previous">{prev ? fmt(l.pick(prev)) : '—'}</span> },
    { title: t('stats.mv.percent'), key: 'percent', width: 190, align: 'right', render: (_: unknown, l) => <span className="numeric muted">{prev && l.pick(prev) > 0 ? pct(l.pick(m), l.pick(prev)) : '—'}</span> },
  ];
  const personColumns: TableColumnsType<Person> = [
    { title: t('stats.mv.date'), dataIndex: 'date', key: 'date', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('stats.mv.name'), dataIndex: 'fullName', key: 'name', render: (n: string, p) => <Link to={`/members/${p.memberId}`} className="member-name-link">{n}</Link> },
    {
      title: t('stats.mv.kind'), dataIndex: 'kind', key: 'kind',
      render: (k: string, p) => {
        const row = MOVEMENT_ROWS[k as keyof typeof MOVEMENT_ROWS];
        return <span>{row ? row[lang] : k}{p.wasProbationary && <span className="muted"> · {enumLabel(t, 'status', 'probationary')}</span>}</span>;
      },
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" title={t('stats.mv.title', { from: formatDate(m.from), to: formatDate(m.to) })}
        extra={<Typography.Text type="secondary">{t('stats.mv.identity')}</Typography.Text>}>
        <Table<MvLine>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={lines}
          pagination={false}
          rowClassName={(l) => [l.level === 0 ? 'mv-main' : '', l.kinds.length ? 'clickable-row' : '', l.key === selected ? 'mv-selected' : ''].join(' ')}
          onRow={(l) => {
            if (!l.kinds.length) return { 'data-testid': `mv-row-${l.key}` } as React.HTMLAttributes<HTMLElement>;
            const toggle = () => onSelect(l.key === selected ? null : l.key);
            return {
              onClick: toggle, tabIndex: 0, 'aria-pressed': l.key === selected, 'data-testid': `mv-row-${l.key}`,
              onKeyDown: (e: React.KeyboardEvent) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } },
            } as React.HTMLAttributes<HTMLElement>;
          }}
          data-testid="mv-table"
        />
        <Typography.Paragraph type="secondary" className="breakdown-note">
          {prev ? t('stats.mv.hint') : `${t('stats.mv.noPrevious')}. ${t('stats.mv.hint')}`}
        </Typography.Paragraph>
      </Card>
      <Card variant="borderless" title={line ? t('stats.mv.people', { row: line.label }) : t('stats.mv.allPeople')}
        extra={line ? <Button size="small" onClick={() => onSelect(null)}>{t('stats.mv.showAll')}</Button> : undefined}>
        <Table<Person>
          rowKey={(p) => `${p.memberId}-${p.date}-${p.kind}`}
          size="small"
          columns={personColumns}
          dataSource={people}
          pagination={people.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.mv.empty')} /> }}
          data-testid="mv-people"
        />
      </Card>
    </Flex>
  );
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

export default function StatisticsPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const unitId = Number(params.get('unit')) || me.scopeUnitId;
  const asOf = ISO.test(params.get('asOf') ?? '') ? params.get('asOf')! : today;
  const tab = params.get('tab') === 'movements' ? 'movements' : 'roll';
  const from = ISO.test(params.get('from') ?? '') ? params.get('from')! : yearStart;
  const to = ISO.test(params.get('to') ?? '') ? params.get('to')! : today;
  const row = params.get('row');

  const detail = useAsync(() => api.unit(unitId), [unitId]);
  const [picked, setPicked] = useState<{ id: number; name: string; code: string; kind: string } | null>(null);
  const roll = useAsync(() => (tab === 'roll' ? api.memberCounts(unitId, asOf) : Promise.resolve(undefined)), [unitId, asOf, tab]);
  const movements = useAsync(() => (tab === 'movements' ? api.movements(unitId, from, to) : Promise.resolve(undefined)), [unitId, from, to, tab]);

  const set = (changes: Record<string, string | null>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return next;
  }, { replace: true });

  // Defaults written into the URL, so a link copied now shows these numbers tomorrow too (not "today" then).
  useEffect(() => {
    const want: Record<string, string> = { unit: String(unitId), asOf, ...(tab === 'movements' ? { from, to } : {}) };
    if (Object.entries(want).some(([k, v]) => params.get(k) !== v)) set(want);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitId, asOf, tab, from, to]);

  /** The same view for another unit: a new history entry, so Back returns to the parent. */
  const linkTo = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('unit', String(id));
    next.delete('row');
    return `/statistics?${next.toString()}`;
  };

  const initial = useMemo(() => {
    if (picked && picked.id === unitId) return picked;
    const d = detail.data;
    return d && d.id === unitId ? { id: d.id, name: d.name, code: d.code, kind: d.kind } : null;
  }, [picked, unitId, detail.data]);

  const d = detail.data && detail.data.id === unitId ? detail.data : null;
  const r = roll.data;
  const m = movements.data;
  const shownName = tab === 'roll' ? r?.unit.name : m?.unit.name;
  // Up to the user's scope (the current tree: the API gives ancestors of today), each at the same date.
  const crumbs = [
    { title: t('nav.statistics') },
    ...(d ? d.ancestors.map((a) => ({ title: a.name, to: linkTo(a.id) })) : []),
    ...(d ? [{ title: shownName ?? d.name }] : []),
  ];
  const quarters = useMemo(() => recentQuarters(today, 8), [today]);
  const sixMonthsFrom = sixMonthsBack(today);
  const setPeriod = (f: string, u: string) => set({ from: f, to: u, row: null });

  const exportButtons = tab === 'roll'
    ? [api.memberCountsUrl(unitId, asOf, 'csv'), api.memberCountsUrl(unitId, asOf, 'xlsx')]
    : [api.movementsUrl(unitId, from, to, 'csv'), api.movementsUrl(unitId, from, to, 'xlsx')];

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={t('stats.title')}
        subtitle={tab === 'roll'
          ? (r ? t('stats.subtitle', { unit: `${r.unit.name} (${r.unit.code})`, date: formatDate(r.asOf) }) : undefined)
          : (m ? `${m.unit.name} (${m.unit.code}) · ${formatDate(m.from)} – ${formatDate(m.to)}` : undefined)}
        extra={
          <>
            <Button icon={<FileTextOutlined />} href={exportButtons[0]} data-testid="stats-csv">{t('stats.csv')}</Button>
            <Button icon={<FileExcelOutlined />} href={exportButtons[1]} data-testid="stats-xlsx">{t('stats.xlsx')}</Button>
          </>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }} className="stats-filters">
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={tab === 'roll' ? 10 : 9}>
              <Form.Item label={t('stats.unit')} style={{ marginBottom: 0 }}>
                <UnitSelect
                  id="stats-unit"
                  key={initial ? `u${initial.id}` : 'none'}
                  value={unitId}
                  initial={initial}
                  allowClear={false}
                  placeholder={t('users.scopePlaceholder')}
                  onChange={(v, u) => { if (v) { if (u) setPicked({ id: u.id, name: u.name, code: u.code, kind: u.kind }); set({ unit: String(v), row: null }); } }}
                />
              </Form.Item>
            </Col>
            {tab === 'roll' ? (
              <Col xs={24} md={12} xl={8}>
                <Form.Item label={t('stats.asOf')} style={{ marginBottom: 0 }}>
                  <Flex gap={8}>
                    <DateField id="stats-asof" value={asOf} allowClear={false} disabledFuture onChange={(v) => { if (v) set({ asOf: v }); }} style={{ maxWidth: 200 }} />
                    <Button onClick={() => set({ asOf: today })} disabled={asOf === today}>{t('stats.today')}</Button>
                  </Flex>
                </Form.Item>
              </Col>
            ) : (
              <Col xs={24} md={12} xl={15}>
                <Form.Item label={t('stats.period')} style={{ marginBottom: 0 }}>
                  <Flex gap={8} wrap>
                    <DatePicker.RangePicker
                      id="stats-period"
                      value={[fromIso(from), fromIso(to)]}
                      format={DATE_FORMAT}
                      allowClear={false}
                      disabledDate={(x) => x.isAfter(dayjs(), 'day')}
                      onChange={(v) => {
                        const [a, b] = v ?? [];
                        const f = toIso(a ?? null);
                        const u = toIso(b ?? null);
                        if (f && u) setPeriod(f, u);
                      }}
                      style={{ width: 260 }}
                      data-testid="stats-period"
                    />
                    <Button onClick={() => setPeriod(yearStart, today)} type={from === yearStart && to === today ? 'primary' : 'default'} ghost={from === yearStart && to === today}>{t('stats.quick.year')}</Button>
                    <Button onClick={() => setPeriod(sixMonthsFrom, today)} type={from === sixMonthsFrom && to === today ? 'primary' : 'default'} ghost={from === sixMonthsFrom && to === today}>{t('stats.quick.sixMonths')}</Button>
                    <Select<string>
                      style={{ width: 130 }}
                      placeholder={t('stats.quick.quarter')}
                      value={quarters.find((q) => q.from === from && q.to === to)?.from ?? null}
                      onChange={(v) => { const q = quarters.find((x) => x.from === v); if (q) setPeriod(q.from, q.to); }}
                      options={quarters.map((q) => ({ value: q.from, label: t('stats.quarter', { q: lang === 'vi' ? ROMAN[q.q]! : q.q, year: q.year }) }))}
                      data-testid="stats-quarter"
                    />
                  </Flex>
                </Form.Item>
              </Col>
            )}
          </Row>
        </Form>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'movements' ? 'movements' : null, row: null })}
        items={[
          {
            key: 'roll', label: t('stats.tab.roll'),
            children: roll.error ? <ErrorState error={roll.error} onRetry={() => void roll.reload()} />
              : r ? <Spin spinning={roll.loading} delay={150}><RollView r={r} unitId={unitId} asOf={asOf} link={linkTo} /></Spin>
                : <Card variant="borderless" loading />,
          },
          {
            key: 'movements', label: t('stats.tab.movements'),
            children: movements.error ? <ErrorState error={movements.error} onRetry={() => void movements.reload()} />
              : m ? <Spin spinning={movements.loading} delay={150}><MovementsView m={m} selected={row} onSelect={(k) => set({ row: k })} /></Spin>
                : <Card variant="borderless" loading />,
          },
        ]}
        data-testid="stats-tabs"
      />
    </>
  );
}
