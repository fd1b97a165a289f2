// The organization tree, loaded lazily one level at a time, today or as of a past date.
import { useCallback, useEffect, useMemo, useRef, useState, type Key } from 'react';
import { Alert, AutoComplete, Button, Card, DatePicker, Empty, Flex, Input, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { SearchOutlined, CalendarOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, type UnitSummary } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { DATE_FORMAT, formatDate, fromIso, todayIso, toIso } from '../lib/dates.ts';
import { KindTag } from '../components/tags.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';


/** Searches the tree on screen: with a past date, the units of that date under that date's names and codes. */
function UnitSearch({ date }: { date?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [results, setResults] = useState<UnitSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const ctrl = useRef<AbortController | null>(null);
  useEffect(() => () => { window.clearTimeout(timer.current); ctrl.current?.abort(); }, []);

  const onSearch = (q: string) => {
    setValue(q);
    window.clearTimeout(timer.current);
    if (!q.trim()) { setResults(null); return; }
    timer.current = window.setTimeout(() => {
      ctrl.current?.abort();
      const c = new AbortController();
      ctrl.current = c;
      setLoading(true);
      api.unitSearch(q.trim(), 20, c.signal, date)
        .then((units) => setResults(units))
        .catch(() => undefined)
        .finally(() => { if (ctrl.current === c) setLoading(false); });
    }, 250);
  };

  return (
    <AutoComplete
      value={value}
      onSearch={onSearch}
      onSelect={(id: string) => navigate(`/units/${id}`)}
      style={{ width: 380, maxWidth: '100%' }}
      notFoundContent={loading ? <Spin size="small" /> : results && value.trim() ? t('tree.noResults') : null}
      options={(results ?? []).map((u) => ({
        value: String(u.id),
        label: (
          <Flex justify="space-between" gap={8} data-testid="unit-search-option">
            <span>{u.name}</span>
            <span className="muted">{u.code} · {enumLabel(t, 'kindShort', u.kind)}</span>
          </Flex>
        ),
      }))}
    >
      <Input prefix={<SearchOutlined className="muted" />} placeholder={t('tree.searchPlaceholder')} allowClear data-testid="unit-search" />
    </AutoComplete>
  );
}

export default function TreePage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && fromIso(asOfParam) && asOfParam < today ? asOfParam : today;
  const historic = asOf < today;

  const [roots, setRoots] = useState<UnitSummary[] | null>(null);
  const [children, setChildren] = useState<Record<number, UnitSummary[]>>({});
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [reloading, setReloading] = useState(false);
  /** The date whose tree is on screen (it lags `asOf` while the new one loads). */
  const [shownAsOf, setShownAsOf] = useState<string | null>(null);
  const expandedRef = useRef<Key[]>([]);
  expandedRef.current = expanded;
  const generation = useRef(0);

  const fetchChildren = useCallback((id: number) => api.unitChildren(id, historic ? asOf : undefined), [asOf, historic]);

  // (Re)load the roots and every level that is open, for the chosen date.
  useEffect(() => {
    const gen = ++generation.current;
    setReloading(true);
    setError(null);
    (async () => {
      const r = await api.unitRoots(historic ? asOf : undefined);
      const open = new Set((expandedRef.current.length ? expandedRef.current : r.map((u) => String(u.id))).map(String));
      const loaded: Record<number, UnitSummary[]> = {};
      let level = r.filter((u) => open.has(String(u.id)) && u.childCount > 0);
      while (level.length) {
        const lists = await Promise.all(level.map((u) => fetchChildren(u.id)));
        level.forEach((u, i) => { loaded[u.id] = lists[i]!; });
        level = lists.flat().filter((u) => open.has(String(u.id)));
      }
      if (gen !== generation.current) return;
      const rootsAsOf = r;
      setRoots(rootsAsOf);
      setChildren(loaded);
      setShownAsOf(asOf);
      setExpanded([...open].filter((k) => rootsAsOf.some((u) => String(u.id) === k) || Object.values(loaded).some((l) => l.some((u) => String(u.id) === k))));
    })()
      .catch((err: unknown) => { if (gen === generation.current) setError(err); })
      .finally(() => { if (gen === generation.current) setReloading(false); });
  }, [fetchChildren, historic, asOf]);

  const loadData = useCallback(async (node: TreeDataNode) => {
    const id = Number(node.key);
    if (children[id]) return;
    const list = await fetchChildren(id);
    setChildren((prev) => ({ ...prev, [id]: list }));
  }, [children, fetchChildren]);

  const treeData = useMemo(() => {
    const build = (u: UnitSummary): TreeDataNode => ({
      key: String(u.id),
      isLeaf: u.childCount === 0,
      title: (
        <span className="tree-node" data-testid={`tree-node-${u.code}`}>
          <Link to={`/units/${u.id}`} className="tree-node-name" onClick={(e) => e.stopPropagation()}>{u.name}</Link>
          <span className="tree-node-code">{u.code}</span>
          <KindTag kind={u.kind} short />
          <span className="tree-node-count" title={t('unit.memberCount')} data-testid={`tree-count-${u.code}`}>{t('common.membersShort', { count: u.memberCount.toLocaleString('vi-VN') })}</span>
        </span>
      ),
      children: children[u.id]?.map(build),
    });
    return (roots ?? []).map(build);
  }, [roots, children, t]);

  const setAsOf = (d: string | null) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (!d || d >= today) next.delete('asOf'); else next.set('asOf', d);
      return next;
    }, { replace: true });
  };

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.tree') }]}
        title={t('tree.title')}
        extra={<UnitSearch date={historic ? asOf : undefined} />}
      />
      <Card
        variant="borderless"
        className="tree-card"
        title={
          <Flex align="center" gap={10} wrap>
            <CalendarOutlined className="muted" />
            <Typography.Text>{t('tree.asOf')}</Typography.Text>
            <DatePicker
              value={dayjs(asOf)}
              format={DATE_FORMAT}
              allowClear={false}
              onChange={(d) => setAsOf(toIso(d))}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              id="tree-asof"
              style={{ width: 150 }}
            />
            {historic && <Button type="link" size="small" onClick={() => setAsOf(null)}>{t('tree.today')}</Button>}
          </Flex>
        }
      >
        {historic && <Alert type="info" showIcon title={t('tree.historic', { date: formatDate(asOf) })} style={{ marginBottom: 12 }} />}
        {error ? <ErrorState error={error} /> : !roots ? (
          <div className="page-spinner" style={{ minHeight: 200 }}><Spin /></div>
        ) : roots.length === 0 ? (
          <Empty description={t('tree.empty')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }}>{t('tree.hint')}</Typography.Paragraph>
            <Spin spinning={reloading}>
            <div data-testid="tree-container" data-as-of={shownAsOf ?? ''}>
            <Tree
              key={asOf}
              showLine={{ showLeafIcon: false }}
              blockNode
              treeData={treeData}
              loadData={loadData}
              expandedKeys={expanded}
              loadedKeys={Object.keys(children)}
              onExpand={(keys) => setExpanded(keys)}
              onSelect={(keys) => { const k = keys[0]; if (k !== undefined) navigate(`/units/${String(k)}`); }}
              selectedKeys={[]}
              data-testid="unit-tree"
            />
            </div>
            </Spin>
          </>
        )}
      </Card>
    </>
  );
}
