// Entering a party document, or adopting a lower unit's implementation plan of one: the number is checked
// on the server (number-KIND/ISSUER, unique per committee, kind and year) and its errors shown beside it.
import { useRef, useState } from 'react';
import { Alert, App, Button, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError, type DocumentDetail, type NewDocument } from '../api/index.ts';
import { useT, type TFunction } from '../locales/i18n.tsx';
import type { MessageKey } from '../locales/vi.ts';
import { useMe } from '../lib/auth.tsx';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { useAsync } from '../lib/useAsync.ts';
import { DateField } from './DateField.tsx';
import { UnitSelect } from './UnitSelect.tsx';

export const DOC_KINDS = ['NQ', 'CT', 'QĐ', 'HD', 'KH', 'KL', 'TB', 'BC', 'CTr'] as const;
export const MEASUREMENTS = ['reported', 'members_admitted', 'grassroots_rated_good', 'weak_consolidated'] as const;
const FIELDS = ['number', 'issuingUnitId', 'issuedOn', 'title', 'coversFrom', 'coversTo', 'attachments', 'planDueDate', 'reportDueDays', 'tasks', 'implementsIds', 'replacesIds'];

/** A label from a key prefix ('docKind', 'docPlan' …) and a value, or the value itself when unknown. */
/** Tag colours of a unit's plan state (follow-up, plans, a unit's documents to implement). */
export const PLAN_COLORS: Record<string, string> = { adopted: 'green', adopted_late: 'gold', pending: 'default', late: 'red' };

export function docLabel(t: TFunction, prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const text = t(`${prefix}.${value}` as MessageKey);
  return text === `${prefix}.${value}` ? value : text;
}

/** Pick readable documents by number or title (searched on the server). */
function DocumentSelect({ value, onChange, id }: { value?: number[]; onChange?: (v: number[]) => void; id?: string }) {
  const t = useT();
  const [options, setOptions] = useState<Array<{ value: number; label: string }>>([]);
  const timer = useRef<number | undefined>(undefined);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = window.setTimeout(() => {
      api.documents({ q: q.trim() }).then((docs) => setOptions(docs.slice(0, 30).map((d) => ({ value: d.id, label: `${d.number} · ${d.issuingUnitName}, ${d.issuedOn.split('-').reverse().join('/')}` })))).catch(() => undefined);
    }, 250);
  };
  return <Select<number[]> id={id} mode="multiple" value={value} onChange={onChange} options={options} placeholder={t('doc.search')} showSearch={{ filterOption: false, onSearch: search }} />;
}

interface FormValues {
  number: string;
  issuingUnitId: number;
  issuedOn: string;
  title: string;
  coversFrom?: string | null;
  coversTo?: string | null;
  attachments?: string[];
  planDueDate?: string | null;
  reportDueDays?: number;
  replacesIds?: number[];
  tasks?: Array<{ title: string; parentTaskId?: number | null; owner?: string; deadline?: string | null; indicatorName?: string; indicatorUnit?: string; measurement?: string }>;
}

export function DocumentForm({ open, parent, onClose, onDone }: { open: boolean; parent?: DocumentDetail | null; onClose: () => void; onDone: (doc: DocumentDetail) => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const required = [{ required: true, message: t('doc.required') }];
  // The user's own unit, so the issuing committee shows its name before anything is searched.
  const scope = useAsync(() => api.unit(me.scopeUnitId), [me.scopeUnitId]);

  const initial: Partial<FormValues> = parent
    ? {
        issuingUnitId: me.scopeUnitId, reportDueDays: 10, coversFrom: parent.coversFrom, coversTo: parent.coversTo,
        title: `Kế hoạch thực hiện ${parent.number} — ${parent.title}`,
        tasks: parent.taskList.map((task) => ({ title: task.title, parentTaskId: task.id })),
      }
    : { issuingUnitId: me.scopeUnitId, reportDueDays: 10, tasks: [] };

  const submit = async (v: FormValues) => {
    setBusy(true);
    setOther([]);
    try {
      const body: NewDocument = {
        number: v.number, issuingUnitId: v.issuingUnitId, issuedOn: v.issuedOn, title: v.title,
        coversFrom: v.coversFrom ?? null, coversTo: v.coversTo ?? null, attachments: v.attachments ?? [],
        planDueDate: v.planDueDate ?? null, reportDueDays: v.reportDueDays ?? 10,
        implementsIds: parent ? [parent.id] : [],
        replacesIds: v.replacesIds ?? [],
        tasks: (v.tasks ?? []).filter((x) => x?.title?.trim()).map((x) => ({
          title: x.title, parentTaskId: x.parentTaskId ?? null, owner: x.owner || null, deadline: x.deadline ?? null,
          indicators: x.indicatorName?.trim() ? [{ name: x.indicatorName, unitOfMeasure: x.indicatorUnit ?? '', measurement: x.measurement ?? 'reported' }] : [],
        })),
      };
      const doc = await api.createDocument(body);
      message.success(t('doc.created', { number: doc.number }));
      form.resetFields();
      onDone(doc);
    } catch (err) {
      const rest = applyFieldErrors(form, err, FIELDS);
      setOther(rest.length ? rest : err instanceof ApiError && err.fields.length === 0 ? [err.message] : []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open} width={860} title={parent ? `${t('doc.createPlan')} · ${parent.number}` : t('doc.create')}
      onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden
      okButtonProps={{ 'data-testid': 'doc-save' } as Record<`data-${string}`, string>}
    >
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} />}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} initialValues={initial} data-testid="doc-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="number" label={t('doc.number')} rules={required} extra={t('doc.numberHint')}>
              <Input maxLength={60} placeholder={parent ? '07-KH/ĐU' : '02-NQ/TU'} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="issuingUnitId" label={t('doc.issuer')} rules={required}>
              <UnitSelect
                key={scope.data ? 'scope' : 'none'} placeholder={t('users.scopePlaceholder')} allowClear={false}
                initial={scope.data ? { id: scope.data.id, name: scope.data.name, code: scope.data.code, kind: scope.data.kind } : null}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="issuedOn" label={t('doc.issuedOn')} rules={required}><DateField disabledFuture /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('doc.name')} rules={required}><Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} /></Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name="coversFrom" label={`${t('doc.covers')} · ${t('common.from')}`}><DateField /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="coversTo" label={t('common.to')}><DateField /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="planDueDate" label={t('doc.planDueDate')}><DateField /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="reportDueDays" label={t('doc.reportDueDays')}><InputNumber min={0} max={366} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="attachments" label={t('doc.attachments')} extra={t('doc.attachmentsHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',']} />
        </Form.Item>
        <Form.Item name="replacesIds" label={t('doc.replaces')}><DocumentSelect /></Form.Item>
        <Divider titlePlacement="start" plain>{t('doc.tasks')}</Divider>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="doc-task-row" data-testid="doc-task-row">
                  <Row gutter={8} align="top">
                    <Col flex="32px"><div className="doc-task-index">{i + 1}.</div></Col>
                    <Col flex="auto">
                      <Form.Item name={[field.name, 'title']} rules={required} style={{ marginBottom: 8 }}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('doc.taskTitle')} maxLength={1000} />
                      </Form.Item>
                      <Row gutter={8}>
                        {parent && (
                          <Col xs={24} md={10}>
                            <Form.Item name={[field.name, 'parentTaskId']} style={{ marginBottom: 8 }}>
                              <Select allowClear placeholder={t('doc.parentTask')} options={parent.taskList.map((p) => ({ value: p.id, label: `${p.position}. ${p.title}` }))} />
                            </Form.Item>
                          </Col>
                        )}
                        <Col xs={12} md={parent ? 7 : 8}><Form.Item name={[field.name, 'owner']} style={{ marginBottom: 8 }}><Input placeholder={t('doc.owner')} maxLength={200} /></Form.Item></Col>
                        <Col xs={12} md={parent ? 7 : 6}><Form.Item name={[field.name, 'deadline']} style={{ marginBottom: 8 }}><DateField placeholder={t('doc.deadline')} /></Form.Item></Col>
                      </Row>
                      {!parent && (
                        <Row gutter={8}>
                          <Col xs={24} md={10}><Form.Item name={[field.name, 'indicatorName']} style={{ marginBottom: 8 }}><Input placeholder={t('doc.indicatorName')} maxLength={500} /></Form.Item></Col>
                          <Col xs={8} md={5}><Form.Item name={[field.name, 'indicatorUnit']} style={{ marginBottom: 8 }}><Input placeholder={t('doc.indicatorUnit')} maxLength={50} /></Form.Item></Col>
                          <Col xs={16} md={9}>
                            <Form.Item name={[field.name, 'measurement']} style={{ marginBottom: 8 }}>
                              <Select placeholder={t('doc.measurement')} options={MEASUREMENTS.map((m) => ({ value: m, label: docLabel(t, 'docMeasure', m) }))} />
                            </Form.Item>
                          </Col>
                        </Row>
                      )}
                    </Col>
                    <Col flex="32px"><Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="remove" /></Col>
                  </Row>
                </div>
              ))}
              <Space><Button icon={<PlusOutlined />} onClick={() => add({ measurement: 'reported' })} data-testid="doc-add-task">{t('doc.addTask')}</Button></Space>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
