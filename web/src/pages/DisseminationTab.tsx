// The "Học tập, quán triệt" tab of a document: its sessions (in the user's scope and above it), the coverage
// of the user's unit by direct sub-unit, a form to record a session by counts, and the breakthroughs of the
// motto chosen by the issuing committee (shown with its plan).
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ApiError, type DocumentDetail } from '../api/index.ts';
import { disseminationApi, type DisseminationCoverageRow, type DisseminationSession } from '../api/dissemination.ts';
import { useT } from '../locales/i18n.tsx';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate, todayIso } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { DateField } from '../components/DateField.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';

interface FormValues { unitId: number; heldOn: string; title: string; attendedMembers: number; expectedOthers?: number; attendedOthers?: number }

export function DisseminationTab({ doc }: { doc: DocumentDetail }) {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const sessions = useAsync(() => disseminationApi.sessions(doc.id), [doc.id]);
  const coverage = useAsync(() => disseminationApi.coverage(doc.id, me.scopeUnitId), [doc.id, me.scopeUnitId]);
  const breakthroughs = useAsync(() => disseminationApi.breakthroughs(doc.issuingUnitId), [doc.issuingUnitId]);
  const [form] = Form.useForm<FormValues>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (v: FormValues) => {
    setBusy(true);
    try {
      await disseminationApi.record({
        unitId: v.unitId, heldOn: v.heldOn, title: v.title, documentIds: [doc.id], attendedMembers: v.attendedMembers,
        expectedOthers: v.expectedOthers ?? 0, attendedOthers: v.attendedOthers ?? 0,
      });
      message.success(t('dis.saved'));
      form.resetFields();
      setOpen(false);
      void sessions.reload();
      void coverage.reload();
    } catch (err) {
      if (err instanceof ApiError) {
        applyFieldErrors(form, err, ['unitId', 'heldOn', 'title', 'attendedMembers', 'expectedOthers', 'attendedOthers']);
        message.error([err.message, ...err.fields.map((f) => f.message)].join(': '));
      } else message.error(String(err));
    } finally {
      setBusy(false);
    }
  };

  const c = coverage.data;
  return (
    <Flex vertical gap={16} data-testid="dissemination-tab">
      {can('document.write') && (open ? (
        <Card size="small" title={t('dis.record')}>
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ heldOn: todayIso(), title: `Hội nghị quán triệt ${doc.number}` }}>
            <Flex gap={12} wrap>
              <Form.Item name="unitId" label={t('dis.unit')} rules={[{ required: true }]} style={{ width: 320 }}><UnitSelect id="dis-unit" /></Form.Item>
              <Form.Item name="heldOn" label={t('dis.heldOn')} rules={[{ required: true }]} style={{ width: 160 }}><DateField id="dis-held-on" disabledFuture /></Form.Item>
              <Form.Item name="title" label={t('dis.title')} rules={[{ required: true }]} style={{ width: 360 }}><Input id="dis-title" /></Form.Item>
            </Flex>
            <Flex gap={12} wrap>
              <Form.Item name="attendedMembers" label={t('dis.attendedMembers')} rules={[{ required: true }]}><InputNumber id="dis-attended" min={0} /></Form.Item>
              <Form.Item name="expectedOthers" label={t('dis.expectedOthers')}><InputNumber id="dis-expected-others" min={0} /></Form.Item>
              <Form.Item name="attendedOthers" label={t('dis.attendedOthers')}><InputNumber id="dis-attended-others" min={0} /></Form.Item>
            </Flex>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="dis-save">{t('dis.record')}</Button>
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            </Flex>
          </Form>
        </Card>
      ) : (
        <div><Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="dis-open">{t('dis.record')}</Button></div>
      ))}

      {c && (
        <Card size="small" title={t('dis.coverage')}
          extra={<span className="muted" data-testid="dis-summary">{t('dis.coverageOf', { unit: c.unit.name, sessions: c.sessions, attended: c.attended, expected: c.expected, date: formatDate(c.asOf) })}</span>}>
          <Table<DisseminationCoverageRow> size="small" rowKey="unitId" pagination={false} dataSource={c.units} data-testid="dis-coverage"
            columns={[
              { title: t('dis.unit'), key: 'name', render: (_: unknown, r) => <span>{r.name} <span className="muted">({r.code})</span></span> },
              { title: t('dis.count'), dataIndex: 'sessions', key: 'sessions', width: 110, align: 'right' },
              { title: t('dis.attendance'), key: 'att', width: 140, align: 'right', render: (_: unknown, r) => <span className="numeric">{r.attended}/{r.expected}</span> },
              { title: t('dis.lastHeldOn'), dataIndex: 'lastHeldOn', key: 'last', width: 130, render: (d: string | null) => (d ? formatDate(d) : '—') },
              {
                title: t('dis.held'), key: 'held', width: 190, render: (_: unknown, r) => r.coveredBy === 'own' ? <Tag color="green">{t('dis.heldOwn')}</Tag>
                  : r.coveredBy === 'ancestor' ? <Tag color="blue">{t('dis.heldAncestor')}</Tag> : <Tag color="red">{t('dis.notHeld')}</Tag>,
              },
            ]} />
        </Card>
      )}

      <Card size="small" title={t('dis.sessions')}>
        {(sessions.data ?? []).length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dis.noSessions')} /> : (
          <Table<DisseminationSession> size="small" rowKey="id" dataSource={sessions.data ?? []} pagination={{ pageSize: 20 }} data-testid="dis-sessions"
            columns={[
              { title: t('dis.heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 120, render: (d: string) => formatDate(d) },
              { title: t('dis.unit'), dataIndex: 'unitName', key: 'unit' },
              { title: t('dis.title'), dataIndex: 'title', key: 'title' },
              { title: t('dis.attendedMembers'), key: 'members', width: 150, align: 'right', render: (_: unknown, s) => <span className="numeric">{s.attendedMembers}/{s.expectedMembers}</span> },
              { title: t('dis.attendedOthers'), key: 'others', width: 170, align: 'right', render: (_: unknown, s) => <span className="numeric">{s.attendedOthers}/{s.expectedOthers}</span> },
              { title: t('dis.absences'), key: 'abs', render: (_: unknown, s) => s.absences.map((a) => `${a.fullName} (${a.reason})`).join('; ') || '—' },
            ]} />
        )}
      </Card>

      {(breakthroughs.data ?? []).length > 0 && (
        <Card size="small" title={t('dis.breakthroughs')} data-testid="dis-breakthroughs">
          {(breakthroughs.data ?? []).map((b) => (
            <div key={b.year} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{t('dis.year')} {b.year}: <Tag color="purple">{b.label}</Tag></Typography.Text>
              {b.documentNumber && <span className="muted"> ({b.documentNumber})</span>}
              <ul style={{ margin: '4px 0 0 0' }}>{b.measures.map((m) => <li key={m}>{m}</li>)}</ul>
            </div>
          ))}
        </Card>
      )}
    </Flex>
  );
}
