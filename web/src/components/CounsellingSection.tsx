// "Gặp gỡ, động viên": the times the cell met a member who abandoned activities, fell behind with dues or
// asked to leave, and a form to record one (for member.write).
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Row, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError, COUNSELLING_OUTCOMES, COUNSELLING_TOPICS, type Counselling } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { useMe } from '../lib/auth.tsx';
import { formatDate, todayIso } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { DateField } from './DateField.tsx';
import { ErrorState } from './ErrorState.tsx';

export const COUNSEL_OUTCOME_COLORS: Record<string, string> = { returned: 'green', persists: 'orange', unreachable: 'red' };

interface Values { metOn: string | null; metBy: string; topic: string; outcome: string; note?: string }
const FIELDS = ['metOn', 'metBy', 'topic', 'outcome', 'note'];

export function CounsellingSection({ memberId, canWrite }: { memberId: number; canWrite: boolean }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const list = useAsync(() => api.counselling(memberId), [memberId]);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    setBusy(true);
    setOther([]);
    try {
      await api.addCounselling(memberId, { metOn: v.metOn ?? '', metBy: v.metBy.trim(), topic: v.topic, outcome: v.outcome, note: v.note?.trim() || null });
      message.success(t('counselling.added'));
      form.resetFields();
      setAdding(false);
      void list.reload();
    } catch (err) {
      const rest = applyFieldErrors(form, err, FIELDS);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 ? [err.message] : err instanceof ApiError ? [] : [String(err)]);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<Counselling> = [
    { title: t('counselling.metOn'), dataIndex: 'metOn', key: 'metOn', width: 120, render: (d: string) => <span className="numeric">{formatDate(d)}</span> },
    { title: t('counselling.metBy'), dataIndex: 'metBy', key: 'metBy', width: 220 },
    { title: t('counselling.topic'), dataIndex: 'topic', key: 'topic', width: 200, render: (v: string) => enumLabel(t, 'topic', v) },
    { title: t('counselling.outcome'), dataIndex: 'outcome', key: 'outcome', width: 160, render: (v: string) => <Tag color={COUNSEL_OUTCOME_COLORS[v] ?? 'default'}>{enumLabel(t, 'counselOutcome', v)}</Tag> },
    { title: t('counselling.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? <span className="muted">—</span> },
  ];

  return (
    <Card
      variant="borderless"
      title={t('counselling.title')}
      style={{ marginTop: 16 }}
      data-testid="counselling"
      extra={canWrite && !adding ? <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="counselling-add">{t('counselling.add')}</Button> : undefined}
    >
      {adding && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={busy}
          initialValues={{ metOn: todayIso(), metBy: me.fullName, topic: 'abandoned_activities', outcome: 'persists' }}
          data-testid="counselling-form"
          className="counselling-form"
        >
          {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="metOn" label={t('counselling.metOn')} rules={[{ required: true, message: t('users.required') }]}>
                <DateField allowClear={false} disabledFuture />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="metBy" label={t('counselling.metBy')} rules={[{ required: true, whitespace: true, message: t('users.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="topic" label={t('counselling.topic')} rules={[{ required: true, message: t('users.required') }]}>
                <Select options={COUNSELLING_TOPICS.map((v) => ({ value: v, label: enumLabel(t, 'topic', v) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="outcome" label={t('counselling.outcome')} rules={[{ required: true, message: t('users.required') }]}>
                <Select options={COUNSELLING_OUTCOMES.map((v) => ({ value: v, label: enumLabel(t, 'counselOutcome', v) }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="note" label={t('counselling.note')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
          <Row justify="end" gutter={8}>
            <Col><Button onClick={() => { setAdding(false); setOther([]); form.resetFields(); }} disabled={false}>{t('common.cancel')}</Button></Col>
            <Col><Button type="primary" htmlType="submit" loading={busy} data-testid="counselling-save">{t('common.save')}</Button></Col>
          </Row>
        </Form>
      )}
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.reload()} /> : (
        <Table<Counselling>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 800 }}
          style={{ marginTop: adding ? 16 : 0 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('counselling.empty')} /> }}
          data-testid="counselling-table"
        />
      )}
    </Card>
  );
}
