// "Văn bản": the party documents the user can read (of their subtree and of the committees above), searched
// by number or title; entering a new one.
import { useState } from 'react';
import { Button, Card, Col, Empty, Input, Row, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, type DocumentListItem } from '../api/index.ts';
import { useT } from '../locales/i18n.tsx';
import { useAuth } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { DOC_KINDS, DocumentForm, docLabel } from '../components/DocumentForm.tsx';

export const KIND_COLORS: Record<string, string> = { NQ: 'red', CT: 'volcano', QĐ: 'gold', HD: 'blue', KH: 'green', KL: 'purple', TB: 'cyan', BC: 'geekblue', CTr: 'lime' };

export default function DocumentsPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? undefined;
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const list = useAsync(() => api.documents({ q: q || undefined, kind }), [q, kind]);
  const set = (k: string, v: string | null) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    if (v) next.set(k, v); else next.delete(k);
    return next;
  }, { replace: true });

  const columns: TableColumnsType<DocumentListItem> = [
    { title: t('doc.number'), dataIndex: 'number', key: 'number', width: 140, render: (n: string, d) => <Link to={`/documents/${d.id}`} className="doc-number" data-testid="doc-link">{n}</Link> },
    { title: t('common.kind'), dataIndex: 'kind', key: 'kind', width: 130, render: (k: string) => <Tag color={KIND_COLORS[k] ?? 'default'}>{docLabel(t, 'docKind', k)}</Tag> },
    { title: t('doc.name'), dataIndex: 'title', key: 'title' },
    { title: t('doc.issuer'), dataIndex: 'issuingUnitName', key: 'issuer', width: 230 },
    { title: t('doc.issuedOn'), dataIndex: 'issuedOn', key: 'issuedOn', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('doc.tasksCount'), dataIndex: 'tasks', key: 'tasks', width: 100, align: 'right' },
    { title: t('doc.plansCount'), dataIndex: 'implementedBy', key: 'plans', width: 130, align: 'right' },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.documents') }]}
        title={t('doc.title')}
        subtitle={t('doc.subtitle')}
        extra={can('document.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="doc-create">{t('doc.create')}</Button> : undefined}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Input.Search
              value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim() || null)} allowClear
              placeholder={t('doc.search')} enterButton data-testid="doc-search"
            />
          </Col>
          <Col xs={24} md={8}>
            <Select
              allowClear value={kind} placeholder={t('doc.kindFilter')} style={{ width: '100%' }} onChange={(v) => set('kind', v ?? null)}
              options={DOC_KINDS.map((k) => ({ value: k, label: `${k} · ${docLabel(t, 'docKind', k)}` }))}
            />
          </Col>
        </Row>
      </Card>
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.reload()} /> : (
        <Card variant="borderless">
          <Table<DocumentListItem>
            rowKey="id" size="middle" columns={columns} dataSource={list.data ?? []} loading={list.loading}
            pagination={(list.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 1000 }} data-testid="doc-list"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('doc.empty')} /> }}
          />
        </Card>
      )}
      <DocumentForm open={creating} onClose={() => setCreating(false)} onDone={(d) => { setCreating(false); navigate(`/documents/${d.id}`); }} />
    </>
  );
}
