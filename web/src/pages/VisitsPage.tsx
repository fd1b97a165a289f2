// "Đoàn công tác, kiểm tra": the visits of the user's committee, and those that came to a unit of their
// subtree or left it directives; preparing a new one (delegation, units, topics).
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Empty, Form, Input, Modal, Row, Select, Table, Tag, type TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/index.ts';
import { visitsApi, type NewVisit, type VisitListItem } from '../api/visits.ts';
import { useT } from '../locales/i18n.tsx';
import { useAuth, useMe } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { formatDate } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { DateField } from '../components/DateField.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { docLabel } from '../components/DocumentForm.tsx';

export const VISIT_STATUS_COLORS: Record<string, string> = { preparation: 'default', visited: 'blue', concluded: 'green' };
const FIELDS = ['title', 'kind', 'issuingUnitId', 'startsOn', 'endsOn', 'delegates', 'units', 'topics'];

function VisitForm({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: number) => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewVisit>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const required = [{ required: true, message: t('visits.required') }];
  // The user's own unit, so the committee shows its name before anything is searched.
  const scope = useAsync(() => api.unit(me.scopeUnitId), [me.scopeUnitId]);
  const submit = async (v: NewVisit) => {
    setBusy(true);
    setOther([]);
    try {
      const created = await visitsApi.create({ ...v, delegates: v.delegates ?? [], units: v.units ?? [], topics: v.topics ?? [] });
      message.success(t('visits.created'));
      form.resetFields();
      onDone(created.id);
    } catch (err) {
      const rest = applyFieldErrors(form, err, FIELDS);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 ? [err.message] : []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} width={900} title={t('visits.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'visit-save' } as Record<`data-${string}`, string>}>
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<NewVisit> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'working_visit', issuingUnitId: me.scopeUnitId, delegates: [{ role: 'leader' }], units: [{}] }}>
        <Form.Item name="title" label={t('visits.name')} rules={required}><Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} /></Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="kind" label={t('visits.kind')} rules={required}>
              <Select options={['working_visit', 'inspection', 'supervision'].map((k) => ({ value: k, label: docLabel(t, 'visitKind', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}><Form.Item name="issuingUnitId" label={t('visits.issuer')} rules={required}><UnitSelect key={scope.data ? 'scope' : 'none'} allowClear={false} initial={scope.data ? { id: scope.data.id, name: scope.data.name, code: scope.data.code, kind: scope.data.kind } : null} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="startsOn" label={t('visits.startsOn')} rules={required}><DateField /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="endsOn" label={t('visits.endsOn')} rules={required}><DateField /></Form.Item></Col>
        </Row>
        <Form.Item name="topics" label={t('visits.topics')} extra={t('visits.topicsHint')}><Select mode="tags" open={false} suffixIcon={null} /></Form.Item>
        <Divider titlePlacement="start" plain>{t('visits.delegation')}</Divider>
        <Form.List name="delegates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col flex="1 1 180px"><Form.Item name={[f.name, 'fullName']} rules={required}><Input placeholder={t('visits.delegate.fullName')} /></Form.Item></Col>
                  <Col flex="1 1 200px"><Form.Item name={[f.name, 'title']} rules={required}><Input placeholder={t('visits.delegate.title')} /></Form.Item></Col>
                  <Col flex="1 1 240px"><Form.Item name={[f.name, 'homeBody']} rules={required}><Input placeholder={t('visits.delegate.homeBody')} /></Form.Item></Col>
                  <Col flex="0 0 130px">
                    <Form.Item name={[f.name, 'role']} initialValue="member" rules={required}>
                      <Select options={['leader', 'member'].map((r) => ({ value: r, label: docLabel(t, 'delegateRole', r) }))} />
                    </Form.Item>
                  </Col>
                  <Col flex="0 0 32px"><Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" /></Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'member' })}>{t('visits.addDelegate')}</Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start" plain>{t('visits.units')}</Divider>
        <Form.List name="units">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col flex="1 1 320px"><Form.Item name={[f.name, 'unitId']} rules={required}><UnitSelect placeholder={t('visits.unit')} /></Form.Item></Col>
                  <Col flex="0 0 180px"><Form.Item name={[f.name, 'visitedOn']} rules={required}><DateField placeholder={t('visits.visitedOn')} /></Form.Item></Col>
                  <Col flex="0 0 32px"><Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" /></Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('visits.addUnit')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export default function VisitsPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useAsync(() => visitsApi.list(), []);
  const columns: TableColumnsType<VisitListItem> = [
    { title: t('visits.startsOn'), dataIndex: 'startsOn', key: 'startsOn', width: 110, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('visits.name'), key: 'title', render: (_: unknown, v) => <Link to={`/visits/${v.id}`} data-testid="visit-link">{v.title}</Link> },
    { title: t('visits.kind'), dataIndex: 'kind', key: 'kind', width: 130, render: (k: string) => docLabel(t, 'visitKind', k) },
    { title: t('visits.issuer'), dataIndex: 'issuingUnitName', key: 'issuer', width: 200 },
    { title: t('visits.units'), dataIndex: 'unitNames', key: 'units', width: 240, render: (n: string[]) => n.join('; ') },
    { title: t('visits.status'), dataIndex: 'status', key: 'status', width: 120, render: (s: string) => <Tag color={VISIT_STATUS_COLORS[s]}>{docLabel(t, 'visitStatus', s)}</Tag> },
    {
      title: t('visits.directives'), key: 'directives', width: 160, render: (_: unknown, v) => v.directives ? (
        <span>{t('visits.directivesCount', { open: v.openDirectives, total: v.directives })}{v.overdueDirectives > 0 && <Tag color="red" style={{ marginLeft: 6 }}>{t('visits.overdueCount', { n: v.overdueDirectives })}</Tag>}</span>
      ) : <span className="muted">—</span>,
    },
  ];
  return (
    <>
      <PageHeader crumbs={[{ title: t('nav.visits') }]} title={t('visits.title')} subtitle={t('visits.subtitle')}
        extra={can('document.write') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="visit-create">{t('visits.create')}</Button> : undefined} />
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.reload()} /> : (
        <Card variant="borderless">
          <Table<VisitListItem> rowKey="id" size="middle" columns={columns} dataSource={list.data ?? []} loading={list.loading} pagination={false}
            scroll={{ x: 1000 }} data-testid="visit-list" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.empty')} /> }} />
        </Card>
      )}
      <VisitForm open={creating} onClose={() => setCreating(false)} onDone={(id) => { setCreating(false); navigate(`/visits/${id}`); }} />
    </>
  );
}
