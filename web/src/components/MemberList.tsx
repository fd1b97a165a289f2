// The member list: paged on the server (50 a page), search and filters kept in the URL query string
// so that a view can be shared and survives a reload.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Empty, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { AGE_BANDS, api, ApiError, MEMBER_STATUSES, SEXES, type MemberFilter, type MemberListItem, type MemberPage } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { formatDate } from '../lib/dates.ts';
import { StatusTag } from './tags.tsx';
import { ErrorState } from './ErrorState.tsx';

export const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'status', 'sex', 'ageBand', 'unitKind', 'page'] as const;
/** Kinds of unit that hold members: the only ones worth filtering on. */
const MEMBER_UNIT_KINDS = ['cell', 'grassroots_cell'] as const;

function filterFromParams(params: URLSearchParams): Omit<MemberFilter, 'unitId' | 'pageSize'> {
  const page = Number(params.get('page') ?? '1');
  return {
    q: params.get('q') ?? undefined,
    status: params.getAll('status').filter((s) => (MEMBER_STATUSES as readonly string[]).includes(s)),
    sex: params.get('sex') ?? undefined,
    ageBand: params.get('ageBand') ?? undefined,
    unitKind: params.get('unitKind') ?? undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function MemberList({ unitId }: { unitId?: number }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const filterKey = JSON.stringify({ ...filter, unitId });
  const [data, setData] = useState<MemberPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [text, setText] = useState(filter.q ?? '');
  const [attempt, setAttempt] = useState(0);
  const typing = useRef<number | undefined>(undefined);

  // The URL is the source of truth; keep the box in step when it changes from outside (back button).
  // (Only when it differs in more than the spaces being typed.)
  useEffect(() => { setText((prev) => (prev.trim() === (filter.q ?? '') ? prev : filter.q ?? '')); }, [filter.q]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api.members({ ...filter, unitId, pageSize: PAGE_SIZE }, ctrl.signal)
      .then((page) => { setData(page); setLoading(false); })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(err);
        setLoading(false);
      });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey, attempt]);

  const update = (changes: Partial<Record<(typeof FILTER_KEYS)[number], string | string[] | undefined>>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        if (Array.isArray(value)) value.forEach((v) => next.append(key, v));
        else if (value) next.set(key, value);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    }, { replace: 'q' in changes && Object.keys(changes).length === 1 });
  };

  const onType = (value: string) => {
    setText(value);
    window.clearTimeout(typing.current);
    typing.current = window.setTimeout(() => {
      if (value.trim() !== (filter.q ?? '')) update({ q: value.trim() || undefined });
    }, 450);
  };
  useEffect(() => () => window.clearTimeout(typing.current), []);

  const filtered = !!(filter.q || filter.status?.length || filter.sex || filter.ageBand || filter.unitKind);

  const columns: TableColumnsType<MemberListItem> = [
    {
      title: '#', key: 'index', width: 56, align: 'right',
      render: (_v, _r, i) => <span className="muted numeric">{((data?.page ?? 1) - 1) * PAGE_SIZE + i + 1}</span>,
    },
    {
      title: t('members.col.fullName'), dataIndex: 'fullName', key: 'fullName',
      render: (name: string, m) => <Link className="member-name-link" to={`/members/${m.id}`}>{name}</Link>,
    },
    { title: t('members.col.sex'), dataIndex: 'sex', key: 'sex', width: 90, render: (s: string) => enumLabel(t, 'sex', s) },
    { title: t('members.col.birthDate'), dataIndex: 'birthDate', key: 'birthDate', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('members.col.status'), dataIndex: 'status', key: 'status', width: 170, render: (s: string) => <StatusTag status={s} /> },
    { title: t('members.col.admissionDate'), dataIndex: 'admissionDate', key: 'admissionDate', width: 130, render: (d: string | null) => <span className="numeric">{formatDate(d) || '—'}</span> },
    {
      title: t('members.col.unit'), dataIndex: 'unitName', key: 'unit',
      render: (name: string, m) => <Link to={`/units/${m.unitId}`}>{name}</Link>,
    },
  ];

  return (
    <div data-testid="member-list">
      <div className="filters-bar">
        <Input.Search
          allowClear
          value={text}
          placeholder={t('members.searchPlaceholder')}
          onChange={(e) => onType(e.target.value)}
          onSearch={(v) => { window.clearTimeout(typing.current); update({ q: v.trim() || undefined }); }}
          aria-label={t('members.searchPlaceholder')}
          data-testid="member-search"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('members.filter.status')}
          value={filter.status}
          onChange={(v: string[]) => update({ status: v })}
          options={MEMBER_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'status', s) }))}
          style={{ minWidth: 200 }}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder={t('members.filter.sex')}
          value={filter.sex}
          onChange={(v?: string) => update({ sex: v })}
          options={SEXES.map((s) => ({ value: s, label: enumLabel(t, 'sex', s) }))}
          style={{ minWidth: 120 }}
          data-testid="filter-sex"
        />
        <Select
          allowClear
          placeholder={t('members.filter.ageBand')}
          value={filter.ageBand}
          onChange={(v?: string) => update({ ageBand: v })}
          options={AGE_BANDS.map((b) => ({ value: b, label: enumLabel(t, 'ageBand', b) }))}
          data-testid="filter-age"
        />
        <Select
          allowClear
          placeholder={t('members.filter.unitKind')}
          value={filter.unitKind}
          onChange={(v?: string) => update({ unitKind: v })}
          options={MEMBER_UNIT_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'kind', k) }))}
          style={{ minWidth: 170 }}
          data-testid="filter-kind"
        />
        {filtered && (
          <Button type="link" icon={<ClearOutlined />} onClick={() => update({ q: undefined, status: undefined, sex: undefined, ageBand: undefined, unitKind: undefined })}>
            {t('members.filter.clear')}
          </Button>
        )}
      </div>
      {error && !(error instanceof ApiError && error.status === 400) ? (
        <ErrorState error={error} onRetry={() => setAttempt((a) => a + 1)} />
      ) : (
        <Table<MemberListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 900 }}
          title={data ? () => <Typography.Text type="secondary" data-testid="member-count">{t(data.totalCapped ? 'members.countMore' : 'members.count', { total: data.total.toLocaleString('vi-VN') })}</Typography.Text> : undefined}
          locale={{ emptyText: loading ? <div style={{ height: 120 }} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error instanceof ApiError ? error.message : filtered ? t('members.emptyFiltered') : t('members.empty')} /> }}
          pagination={{
            current: filter.page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: false,
            showTotal: (total, [from, to]) => t('common.totalItems', { from, to, total: total.toLocaleString('vi-VN') }),
            onChange: (page) => update({ page: page > 1 ? String(page) : undefined }),
          }}
        />
      )}
    </div>
  );
}
