// One working visit, from preparation to the conclusion notice to the follow-up of each directive:
// the delegation and units, the findings ("visited"), the notice with its directives (recorded together,
// refused whole with each fault beside its field), the DOCX notice, and per directive its progress,
// evidence and "done".
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Divider, Empty, Flex, Form, Input, Modal, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileWordOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/index.ts';
import { visitsApi, type Conclusion, type Directive, type VisitDetail } from '../api/visits.ts';
import { useT } from '../locales/i18n.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate, todayIso } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { DateField } from '../components/DateField.tsx';
import { docLabel } from '../components/DocumentForm.tsx';
import { VISIT_STATUS_COLORS } from './VisitsPage.tsx';

const DIRECTIVE_COLORS: Record<string, string> = { open: 'default', in_progress: 'blue', done: 'green', cancelled: 'default' };
const testId = (id: string) => ({ 'data-testid': id }) as Record<`data-${string}`, string>;

/** Puts the API's field errors of the conclusion beside the notice's fields and each directive's. */
function conclusionErrors(form: ReturnType<typeof Form.useForm<Conclusion>>[0], err: unknown): string[] {
  if (!(err instanceof ApiError) || err.fields.length === 0) return err instanceof ApiError ? [err.message] : [String(err)];
  const other: string[] = [];
  const fields: Array<{ name: (string | number)[]; errors: string[] }> = [];
  for (const f of err.fields) {
    const parts = f.field.split('.');
    if (parts[0] === 'notice' && parts[1]) fields.push({ name: ['notice', parts[1]], errors: [f.message] });
    else if (parts[0] === 'directives' && parts.length === 3) fields.push({ name: ['directives', Number(parts[1]), parts[2]!], errors: [f.message] });
    else other.push(f.message);
  }
  form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return other;
}

function ConclusionForm({ visit, onDone }: { visit: VisitDetail; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Conclusion>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const required = [{ required: true, message: t('visits.required') }];
  // Directives go to the units visited or to the issuing committee's own apparatus.
  const unitOptions = [...visit.units.map((u) => ({ value: u.unitId, label: u.name })), { value: visit.issuingUnitId, label: visit.issuingUnitName }];
  const submit = async (v: Conclusion) => {
    setBusy(true);
    setOther([]);
    // The server's faults of the last try were set by hand: clear them, this try gets its own.
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })) as unknown as Parameters<typeof form.setFields>[0]);
    try {
      const done = await visitsApi.conclude(visit.id, {
        rowVersion: visit.rowVersion, notice: { ...v.notice, recipients: v.notice.recipients ?? [] },
        directives: (v.directives ?? []).map((d) => ({ text: d.text ?? '', responsibleUnitId: d.responsibleUnitId ?? null, owner: d.owner || null, deadline: d.deadline ?? null })),
      });
      message.success(t('visits.concluded', { number: done.noticeNumber ?? '' }));
      onDone();
    } catch (err) {
      setOther(conclusionErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('visits.conclude')} variant="borderless" style={{ marginBottom: 16 }} data-testid="conclusion-form">
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<Conclusion> form={form} layout="vertical" onFinish={submit}
        initialValues={{ notice: { place: '', issuedOn: todayIso() }, directives: [{}] }}>
        <Row gutter={16}>
          <Col xs={24} md={6}><Form.Item name={['notice', 'number']} label={t('visits.notice.number')} rules={required} extra={t('visits.notice.numberHint')}><Input maxLength={60} autoComplete="off" /></Form.Item></Col>
          <Col xs={12} md={5}><Form.Item name={['notice', 'issuedOn']} label={t('visits.notice.issuedOn')} rules={required}><DateField disabledFuture /></Form.Item></Col>
          <Col xs={12} md={5}><Form.Item name={['notice', 'place']} label={t('visits.notice.place')} rules={required}><Input maxLength={100} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name={['notice', 'signerTitle']} label={t('visits.notice.signerTitle')} rules={required}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name={['notice', 'signerName']} label={t('visits.notice.signerName')} rules={required}><Input maxLength={200} /></Form.Item></Col>
        </Row>
        <Form.Item name={['notice', 'body']} label={t('visits.notice.body')} rules={required}><Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} /></Form.Item>
        <Form.Item name={['notice', 'recipients']} label={t('visits.notice.recipients')}><Select mode="tags" open={false} suffixIcon={null} /></Form.Item>
        <Divider titlePlacement="start" plain>{t('visits.directives')}</Divider>
        <Form.List name="directives">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Row gutter={8} key={f.key} align="top" data-testid="directive-row">
                  <Col flex="0 0 28px"><strong>{i + 1}.</strong></Col>
                  <Col flex="1 1 320px"><Form.Item name={[f.name, 'text']} rules={required}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('visits.directive.text')} data-testid="directive-text" /></Form.Item></Col>
                  <Col flex="0 0 230px"><Form.Item name={[f.name, 'responsibleUnitId']}><Select allowClear placeholder={t('visits.directive.responsible')} options={unitOptions} data-testid="directive-unit" /></Form.Item></Col>
                  <Col flex="0 0 170px"><Form.Item name={[f.name, 'owner']}><Input placeholder={t('visits.directive.owner')} /></Form.Item></Col>
                  <Col flex="0 0 160px"><Form.Item name={[f.name, 'deadline']}><DateField placeholder={t('visits.directive.deadline')} /></Form.Item></Col>
                  <Col flex="0 0 32px"><Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" /></Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="directive-add">{t('visits.directive.add')}</Button>
            </>
          )}
        </Form.List>
        <Flex justify="end"><Button type="primary" htmlType="submit" loading={busy} data-testid="conclusion-save">{t('common.save')}</Button></Flex>
      </Form>
    </Card>
  );
}

interface FollowUpValues { status: string; note?: string; evidence?: string[]; doneOn?: string | null; owner?: string }

function FollowUpDialog({ directive, onClose, onDone }: { directive: Directive; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FollowUpValues>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const status = Form.useWatch('status', form);
  const submit = async (v: FollowUpValues) => {
    setBusy(true);
    setOther([]);
    form.setFields(form.getFieldsError().filter((f) => f.errors.length).map((f) => ({ name: f.name, errors: [] })) as unknown as Parameters<typeof form.setFields>[0]);
    try {
      await visitsApi.followUp(directive.id, { rowVersion: directive.rowVersion, status: v.status, note: v.note || null, evidence: v.evidence ?? [], doneOn: v.status === 'done' ? v.doneOn ?? null : null, owner: v.owner || null });
      message.success(t('visits.saved'));
      onDone();
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['status', 'note', 'evidence', 'doneOn', 'owner']);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 ? [err.message] : []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={640} title={`${t('visits.directive.followUp')} · ${directive.ordinal}`} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')}
      cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={testId('followup-save')}>
      <Typography.Paragraph type="secondary">{directive.text}</Typography.Paragraph>
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<FollowUpValues> form={form} layout="vertical" onFinish={submit} initialValues={{ status: directive.status === 'open' ? 'in_progress' : directive.status, owner: directive.owner ?? '', doneOn: todayIso() }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="status" label={t('visits.directive.newStatus')}>
              <Select data-testid="followup-status" options={['open', 'in_progress', 'done', 'cancelled'].map((s) => ({ value: s, label: docLabel(t, 'directiveStatus', s) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>{status === 'done' && <Form.Item name="doneOn" label={t('visits.directive.doneOn')}><DateField disabledFuture /></Form.Item>}</Col>
        </Row>
        <Form.Item name="note" label={t('visits.directive.note')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} /></Form.Item>
        <Form.Item name="evidence" label={t('visits.directive.evidence')} extra={t('visits.directive.evidenceHint')}>
          <Select mode="tags" open={false} suffixIcon={null} data-testid="followup-evidence" />
        </Form.Item>
        <Form.Item name="owner" label={t('visits.directive.owner')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function VisitPage() {
  const t = useT();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const visit = useAsync(() => visitsApi.get(id), [id]);
  const [following, setFollowing] = useState<Directive | null>(null);
  const [findings, setFindings] = useState<string | null>(null);
  if (visit.error) return <ErrorState error={visit.error} onRetry={() => void visit.reload()} />;
  const v = visit.data;
  if (!v) return <Card loading variant="borderless" />;

  const markVisited = async () => {
    try {
      await visitsApi.update(v.id, { status: 'visited', findings: findings ?? v.findings, rowVersion: v.rowVersion });
      message.success(t('visits.saved'));
      setFindings(null);
    } catch (err) {
      message.error(err instanceof ApiError ? [err.message, ...err.fields.map((f) => f.message)].join('; ') : String(err));
    }
    void visit.reload();
  };

  const columns: TableColumnsType<Directive> = [
    { title: '#', dataIndex: 'ordinal', key: 'ordinal', width: 44, render: (n: number) => <strong>{n}.</strong> },
    {
      title: t('visits.directive.text'), key: 'text', width: 420, render: (_: unknown, d) => (
        <div>
          <div>{d.text}</div>
          {d.progress.length > 0 && (
            <ul className="plain-list" style={{ marginTop: 6 }}>
              {d.progress.map((p) => <li key={p.id}><Typography.Text type="secondary">{formatDate(p.reportedOn)} · {p.recordedBy}:</Typography.Text> {p.note}{p.evidence.length > 0 && <> · <em>{p.evidence.join('; ')}</em></>}</li>)}
            </ul>
          )}
        </div>
      ),
    },
    { title: t('visits.directive.responsible'), dataIndex: 'responsibleUnitName', key: 'unit', width: 200 },
    { title: t('visits.directive.owner'), dataIndex: 'owner', key: 'owner', width: 130, render: (o: string | null) => o ?? <span className="muted">—</span> },
    { title: t('visits.directive.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110, render: (d: string | null) => d ? <span className="numeric">{formatDate(d)}</span> : <span className="muted">{t('visits.directive.standing')}</span> },
    {
      title: t('visits.status'), key: 'status', width: 170, render: (_: unknown, d) => (
        <span data-testid="directive-status">
          <Tag color={DIRECTIVE_COLORS[d.status]}>{docLabel(t, 'directiveStatus', d.status)}</Tag>
          {d.overdue && <Tag color="red">{t('visits.overdue')}</Tag>}
          {d.doneOn && <div className="muted numeric">{formatDate(d.doneOn)}</div>}
        </span>
      ),
    },
    { title: t('visits.directive.evidence'), dataIndex: 'evidence', key: 'evidence', width: 180, render: (e: string[]) => e.length ? e.join('; ') : <span className="muted">—</span> },
    {
      title: '', key: 'actions', width: 130, render: (_: unknown, d) => d.editable && d.status !== 'cancelled'
        ? <Button size="small" onClick={() => setFollowing(d)} data-testid="directive-follow">{t('visits.directive.followUp')}</Button> : null,
    },
  ];

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.visits'), to: '/visits' }, { title: formatDate(v.startsOn) }]}
        title={<span data-testid="visit-heading">{v.title}</span>}
        tags={<><Tag>{docLabel(t, 'visitKind', v.kind)}</Tag><Tag color={VISIT_STATUS_COLORS[v.status]} data-testid="visit-status">{docLabel(t, 'visitStatus', v.status)}</Tag></>}
        extra={v.notice ? <Button icon={<FileWordOutlined />} href={visitsApi.noticeDocxUrl(v.id)} data-testid="notice-docx">{t('visits.notice.docx')}</Button> : undefined}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
          { key: 'issuer', label: t('visits.issuer'), children: v.issuingUnitName },
          { key: 'dates', label: `${t('visits.startsOn')} – ${t('visits.endsOn')}`, children: `${formatDate(v.startsOn)} – ${formatDate(v.endsOn)}` },
          { key: 'units', label: t('visits.units'), children: v.units.map((u) => `${u.name} (${formatDate(u.visitedOn)})`).join('; ') || '—' },
          { key: 'topics', label: t('visits.topics'), children: v.topics.join('; ') || '—' },
          { key: 'docs', label: t('visits.documents'), children: v.documents.length ? v.documents.map((d, i) => <span key={d.id}>{i > 0 && '; '}<Link to={`/documents/${d.id}`}>{d.number}</Link></span>) : '—' },
        ]} />
        <Divider titlePlacement="start" plain>{t('visits.delegation')}</Divider>
        <Table size="small" rowKey="id" pagination={false} dataSource={v.delegates} columns={[
          { title: t('visits.delegate.fullName'), dataIndex: 'fullName', key: 'n' },
          { title: t('visits.delegate.title'), dataIndex: 'title', key: 't' },
          { title: t('visits.delegate.homeBody'), dataIndex: 'homeBody', key: 'h' },
          { title: t('visits.delegate.role'), dataIndex: 'role', key: 'r', render: (r: string) => docLabel(t, 'delegateRole', r) },
        ]} />
        <Divider titlePlacement="start" plain>{t('visits.findings')}</Divider>
        {v.editable && v.status === 'preparation' ? (
          <>
            <Input.TextArea value={findings ?? v.findings ?? ''} onChange={(e) => setFindings(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} data-testid="visit-findings" />
            <Flex justify="end" style={{ marginTop: 8 }}><Button type="primary" onClick={() => void markVisited()} data-testid="visit-mark-visited">{t('visits.markVisited')}</Button></Flex>
          </>
        ) : <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{v.findings ?? '—'}</Typography.Paragraph>}
      </Card>
      {v.editable && v.status === 'visited' && <ConclusionForm visit={v} onDone={() => void visit.reload()} />}
      {v.notice && (
        <Card variant="borderless" style={{ marginBottom: 16 }} title={`${t('visits.notice')} ${v.notice.number}`} data-testid="visit-notice">
          <Typography.Paragraph type="secondary">{v.notice.place}, {formatDate(v.notice.issuedOn)} · {v.notice.signerTitle} {v.notice.signerName}</Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{v.notice.body}</Typography.Paragraph>
          {v.notice.recipients.length > 0 && <Typography.Text type="secondary">{t('visits.notice.recipients')}: {v.notice.recipients.join('; ')}</Typography.Text>}
        </Card>
      )}
      {v.status === 'concluded' && (
        <Card variant="borderless" title={t('visits.directives')}>
          <Table<Directive> rowKey="id" size="middle" columns={columns} dataSource={v.directiveList} pagination={false} scroll={{ x: 1380 }} data-testid="directive-table"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.directive.noneVisible')} /> }} />
        </Card>
      )}
      {following && <FollowUpDialog directive={following} onClose={() => setFollowing(null)} onDone={() => { setFollowing(null); void visit.reload(); }} />}
    </>
  );
}
