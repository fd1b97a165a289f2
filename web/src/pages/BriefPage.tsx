// "Báo cáo phục vụ đoàn công tác": for a unit, a day and a starting day, the one-page brief that answers
// the delegation's questions, shown as the paper it prints to (the same text as the PDF), with downloads.
import { useState } from 'react';
import { Button, Card, Col, Empty, Form, InputNumber, Row, Select, Space, Statistic } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { api } from '../api/index.ts';
import { briefApi, type BriefBlock, type BriefDocument, type BriefQuery } from '../api/brief.ts';
import { useT } from '../locales/i18n.tsx';
import { useUnitParam } from '../lib/unitParam.ts';
import { useAsync } from '../lib/useAsync.ts';
import { todayIso } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { DateField } from '../components/DateField.tsx';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function Block({ block }: { block: BriefBlock }) {
  if (block.kind === 'heading') return <h3 className="brief-heading">{block.text}</h3>;
  if (block.kind === 'paragraph') return <p className="brief-paragraph">{block.text}</p>;
  if (block.kind === 'bullets') return <>{block.items.map((item, i) => <p key={i} className="brief-paragraph">- {item}</p>)}</>;
  const total = block.widths.reduce((a, b) => a + b, 0);
  return (
    <table className="brief-table">
      <colgroup>{block.widths.map((w, i) => <col key={i} style={{ width: `${(w / total) * 100}%` }} />)}</colgroup>
      <thead><tr>{block.columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
      <tbody>{block.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
    </table>
  );
}

/** The brief laid out as a party document: the header blocks, the title, the parts, then the annex. */
export function BriefPaper({ doc }: { doc: BriefDocument }) {
  return (
    <div className="brief-paper" data-testid="brief-paper" lang="vi">
      <div className="brief-header">
        <div className="brief-issuer">
          {doc.parentBody && <div>{doc.parentBody}</div>}
          <div className="brief-bold">{doc.issuingBody}</div>
          <div>*</div>
        </div>
        <div className="brief-motto">
          <div className="brief-bold brief-underline">ĐẢNG CỘNG SẢN VIỆT NAM</div>
          <div className="brief-italic">{doc.placeAndDate}</div>
        </div>
      </div>
      <div className="brief-title">{doc.title}</div>
      <div className="brief-subtitle">{doc.subtitle}</div>
      <hr className="brief-rule" />
      {doc.blocks.map((b, i) => <Block key={i} block={b} />)}
      <p className="brief-footnote">{doc.footnote}</p>
      {doc.annex.length > 0 && (
        <div className="brief-annex" data-testid="brief-annex">
          <div className="brief-title">PHỤ LỤC</div>
          {doc.annex.map((b, i) => <Block key={i} block={b} />)}
        </div>
      )}
    </div>
  );
}

export default function BriefPage() {
  const t = useT();
  const [fromReport, setFromReport] = useState<{ id: number; name: string; code: string; kind: string } | null>(null);
  const { unitId, initial, onChange, params, set } = useUnitParam(fromReport);
  const today = todayIso();
  const asOf = ISO.test(params.get('asOf') ?? '') ? params.get('asOf')! : today;
  const defaultSince = `${Number(asOf.slice(0, 4)) - 1}-01-01`;
  const since = ISO.test(params.get('since') ?? '') ? params.get('since')! : defaultSince;
  const documentId = Number(params.get('documentId')) || undefined;
  const year = Number(params.get('year')) || undefined;
  const query: BriefQuery = { unitId, asOf, since, documentId, year };
  const brief = useAsync(() => briefApi.get(query).then((r) => { setFromReport({ id: unitId, name: r.unit.name, code: r.unit.code, kind: r.unit.kind }); return r; }), [unitId, asOf, since, documentId, year]);
  const resolutions = useAsync(() => api.documents({ kind: 'NQ' }), []);
  const b = brief.data;

  const settled = b ? (b.attrition.byOutcome['removed'] ?? 0) + (b.attrition.byOutcome['left'] ?? 0) : 0;
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.brief') }]}
        title={t('brief.title')}
        subtitle={t('brief.subtitle')}
        extra={
          <Space>
            <Button type="primary" icon={<FilePdfOutlined />} href={briefApi.fileUrl(query, 'pdf')} data-testid="brief-pdf">{t('brief.pdf')}</Button>
            <Button icon={<FileExcelOutlined />} href={briefApi.fileUrl(query, 'xlsx')} data-testid="brief-xlsx">{t('brief.xlsx')}</Button>
          </Space>
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('brief.unit')} style={{ marginBottom: 8 }}>
                <UnitSelect id="brief-unit" key={initial ? `u${initial.id}` : 'none'} value={unitId} initial={initial} allowClear={false} placeholder={t('users.scopePlaceholder')} onChange={onChange} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('brief.asOf')} style={{ marginBottom: 8 }}>
                <span data-testid="brief-as-of"><DateField id="brief-as-of" value={asOf} allowClear={false} disabledFuture onChange={(v) => { if (v) set({ asOf: v === today ? null : v }); }} /></span>
              </Form.Item>
            </Col>
            <Col xs={12} md={6} xl={4}>
              <Form.Item label={t('brief.since')} style={{ marginBottom: 8 }}>
                <span data-testid="brief-since"><DateField id="brief-since" value={since} allowClear={false} disabledFuture onChange={(v) => { if (v) set({ since: v === defaultSince ? null : v }); }} /></span>
              </Form.Item>
            </Col>
            <Col xs={24} md={16} xl={6}>
              <Form.Item label={t('brief.document')} style={{ marginBottom: 8 }}>
                <Select
                  id="brief-document"
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('brief.documentAuto')}
                  value={documentId}
                  loading={resolutions.loading}
                  options={(resolutions.data ?? []).map((d) => ({ value: d.id, label: `${d.number} — ${d.title}` }))}
                  onChange={(v?: number) => set({ documentId: v ? String(v) : null })}
                  data-testid="brief-document"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={2}>
              <Form.Item label={t('brief.year')} style={{ marginBottom: 8 }}>
                <InputNumber id="brief-year" min={2014} max={2100} value={year ?? b?.year} onChange={(v) => set({ year: v ? String(v) : null })} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {brief.error ? <ErrorState error={brief.error} onRetry={() => void brief.reload()} /> : (
        <>
          <div className="stat-grid" style={{ marginBottom: 16 }}>
            <Card size="small" loading={!b}><Statistic title={t('brief.stat.weak', { year: b?.year ?? '' })} value={b?.weakUnits.total ?? 0} data-testid="brief-weak" /></Card>
            <Card size="small" loading={!b}><Statistic title={t('brief.stat.resignations')} value={b?.resignations.total ?? 0} data-testid="brief-resignations" /></Card>
            <Card size="small" loading={!b}><Statistic title={t('brief.stat.settled')} value={settled} data-testid="brief-settled" /></Card>
            <Card size="small" loading={!b}><Statistic title={t('brief.stat.admitted', { year: b?.year ?? '' })} value={b?.recruitment.admitted ?? 0} data-testid="brief-admitted" /></Card>
            <Card size="small" loading={!b}><Statistic title={t('brief.stat.directives')} value={b?.directives.total ?? 0} data-testid="brief-directives" /></Card>
          </div>
          <Card variant="borderless" loading={brief.loading && !b} className="brief-card">
            {b ? <BriefPaper doc={b.document} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </>
      )}
    </>
  );
}
