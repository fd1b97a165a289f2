// The motto's breakthrough (khâu đột phá) of a committee, year by year: the list (also shown read-only in a
// document's dissemination tab), and on the unit's page a dialog to choose a year's breakthrough, its
// measures (one a line) and the plan it is carried out under. The server checks scope and the word.
import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Input, InputNumber, Modal, Radio, Select, Typography, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api/index.ts';
import { BREAKTHROUGHS, disseminationApi, type MottoBreakthrough } from '../api/dissemination.ts';
import { useT } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useAsync } from '../lib/useAsync.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { ErrorState } from './ErrorState.tsx';

export function BreakthroughList({ items, onEdit }: { items: MottoBreakthrough[]; onEdit?: (b: MottoBreakthrough) => void }) {
  const t = useT();
  return (
    <div data-testid="bt-list">
      {items.map((b) => (
        <div key={`${b.unitId}-${b.year}`} style={{ marginBottom: 12 }} data-testid="bt-year">
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{t('dis.year')} {b.year}:</Typography.Text>
            <Tag color="purple">{t(`dis.bt.${b.breakthrough}` as MessageKey)}</Tag>
            {b.documentId && <Link to={`/documents/${b.documentId}`} className="doc-number">{b.documentNumber}</Link>}
            {onEdit && <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(b)}>{t('dis.bt.edit')}</Button>}
          </Flex>
          <ul style={{ margin: '4px 0 0 0' }}>{b.measures.map((m, i) => <li key={i}>{m}</li>)}</ul>
        </div>
      ))}
    </div>
  );
}

interface Values { year: number; breakthrough: string; measures: string; documentId?: number | null }

function BreakthroughDialog({ unit, initial, onClose, onDone }: { unit: { id: number; name: string }; initial: Values; onClose: () => void; onDone: (year: number) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const year = Form.useWatch('year', form) ?? initial.year;
  // The plans the committee itself issued: the breakthrough is carried out under one of them.
  const plans = useAsync(() => api.documents({ unitId: unit.id }), [unit.id]);
  const submit = async (v: Values) => {
    setBusy(true);
    setOther([]);
    try {
      await disseminationApi.setBreakthrough(unit.id, v.year, {
        breakthrough: v.breakthrough, measures: v.measures.split('\n').map((m) => m.trim()).filter(Boolean), documentId: v.documentId ?? null,
      });
      onDone(v.year);
    } catch (err) {
      const rest = applyFieldErrors(form, err, ['year', 'breakthrough', 'measures', 'documentId']);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 ? [err.message] : []);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('dis.bt.title', { year: year ?? '', unit: unit.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')}
      cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden width={640} okButtonProps={{ 'data-testid': 'bt-save' } as Record<string, string>}>
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial}>
        <Form.Item name="year" label={t('dis.year')} rules={[{ required: true, message: t('users.required') }]}><InputNumber id="bt-year" min={1930} max={2100} /></Form.Item>
        <Form.Item name="breakthrough" label={t('dis.bt.choice')} rules={[{ required: true, message: t('users.required') }]} extra={t('dis.bt.motto')}>
          <Radio.Group optionType="button" options={BREAKTHROUGHS.map((b) => ({ value: b, label: t(`dis.bt.${b}` as MessageKey) }))} data-testid="bt-choice" />
        </Form.Item>
        <Form.Item name="measures" label={t('dis.bt.measures')} rules={[{ required: true, message: t('users.required') }]}>
          <Input.TextArea id="bt-measures" rows={5} maxLength={30 * 2000} />
        </Form.Item>
        <Form.Item name="documentId" label={t('dis.bt.plan')}>
          <Select id="bt-plan" allowClear showSearch optionFilterProp="label" loading={plans.loading}
            options={(plans.data ?? []).map((d) => ({ value: d.id, label: `${d.number} — ${d.title}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The unit page's breakthrough tab. */
export function BreakthroughPanel({ unit, canWrite }: { unit: { id: number; name: string }; canWrite: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const list = useAsync(() => disseminationApi.breakthroughs(unit.id), [unit.id]);
  const [editing, setEditing] = useState<Values | null>(null);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.reload()} />;
  const items = list.data ?? [];
  const thisYear = new Date().getFullYear();
  return (
    <Flex vertical gap={12} data-testid="bt-panel">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('dis.bt.motto')}</Typography.Text>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="bt-open"
            onClick={() => setEditing({ year: items.some((b) => b.year === thisYear) ? thisYear + 1 : thisYear, breakthrough: '', measures: '' })}>{t('dis.bt.set')}</Button>
        )}
      </Flex>
      {items.length === 0 && !list.loading ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dis.bt.none')} /> : (
        <BreakthroughList items={items} onEdit={canWrite ? (b) => setEditing({ year: b.year, breakthrough: b.breakthrough, measures: b.measures.join('\n'), documentId: b.documentId }) : undefined} />
      )}
      {editing && (
        <BreakthroughDialog unit={unit} initial={editing} onClose={() => setEditing(null)}
          onDone={(year) => { setEditing(null); message.success(t('dis.bt.saved', { year })); void list.reload(); }} />
      )}
    </Flex>
  );
}
