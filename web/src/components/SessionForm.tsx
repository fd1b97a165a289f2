// The form that records a dissemination session of a document: attendance by counts, or by the list of the
// members the organizing unit's roll expects on the session date (the API's /dissemination-roll, the same roll
// the service stores as "expected"), each present or absent with a reason. The server checks the list; its
// errors come back by index and are shown on the member's row.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Radio, Table, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { ApiError } from '../api/index.ts';
import { disseminationApi, type NewDisseminationSession, type RollEntry } from '../api/dissemination.ts';
import { useT } from '../locales/i18n.tsx';
import { formatDate, todayIso } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { attendanceRowErrors } from '../lib/attendanceErrors.ts';
import { DateField } from './DateField.tsx';
import { UnitSelect } from './UnitSelect.tsx';

type Mode = 'counts' | 'list';
interface FormValues { mode: Mode; unitId: number; heldOn: string; title: string; attendedMembers?: number; expectedOthers?: number; attendedOthers?: number }
interface Row extends RollEntry { present: boolean; reason: string }
const FORM_FIELDS = ['unitId', 'heldOn', 'title', 'attendedMembers', 'expectedOthers', 'attendedOthers'];

/** The roll of the unit on the day, everyone present to begin with; reloaded when the unit or the day changes. */
function useRoll(active: boolean, unitId: number | undefined, day: string | undefined) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!active || !unitId || !day) { setRows(null); return; }
    let live = true;
    setError(null);
    disseminationApi.roll(unitId, day)
      .then((r) => { if (live) setRows(r.map((m) => ({ ...m, present: true, reason: '' }))); })
      .catch((err: unknown) => { if (live) { setRows(null); setError(err instanceof Error ? err.message : String(err)); } });
    return () => { live = false; };
  }, [active, unitId, day]);
  return { rows, setRows, error };
}

export function SessionForm({ documentId, documentNumber, onSaved, onCancel }: { documentId: number; documentNumber: string; onSaved: () => void; onCancel: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const mode = Form.useWatch('mode', form) ?? 'counts';
  const unitId = Form.useWatch('unitId', form);
  const heldOn = Form.useWatch('heldOn', form);
  const roll = useRoll(mode === 'list', unitId, heldOn ?? undefined);
  const [rowErrors, setRowErrors] = useState<Map<number, string[]>>(new Map());
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => setRowErrors(new Map()), [unitId, heldOn]);

  const update = (memberId: number, change: Partial<Row>) => {
    roll.setRows((rows) => rows && rows.map((r) => (r.memberId === memberId ? { ...r, ...change } : r)));
    setRowErrors((prev) => { const next = new Map(prev); next.delete(memberId); return next; });
  };

  const submit = async (v: FormValues) => {
    const list = mode === 'list' ? (roll.rows ?? []) : null;
    const body: NewDisseminationSession = {
      unitId: v.unitId, heldOn: v.heldOn, title: v.title, documentIds: [documentId], expectedOthers: v.expectedOthers ?? 0, attendedOthers: v.attendedOthers ?? 0,
      ...(list
        ? { attendance: list.map((r) => ({ memberId: r.memberId, present: r.present, absenceReason: r.present ? null : r.reason.trim() || null })) }
        : { attendedMembers: v.attendedMembers ?? null }),
    };
    setBusy(true);
    setOther([]);
    try {
      await disseminationApi.record(body);
      message.success(t('dis.saved'));
      onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) { message.error(String(err)); return; }
      const rows = attendanceRowErrors(err.fields, body.attendance ?? []);
      setRowErrors(rows.byMember);
      const rest = applyFieldErrors(form, new ApiError(err.status, err.code, err.message, rows.rest), FORM_FIELDS);
      setOther(rest.length ? rest : err.fields.length ? [] : [err.message]);
      message.error(err.message);
    } finally {
      setBusy(false);
    }
  };

  const rows = roll.rows ?? [];
  const present = rows.filter((r) => r.present).length;
  return (
    <Card size="small" title={t('dis.record')}>
      {other.length > 0 && <Alert type="error" showIcon title={other.join('; ')} style={{ marginBottom: 12 }} data-testid="dis-form-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ mode: 'counts', heldOn: todayIso(), title: `Hội nghị quán triệt ${documentNumber}` }}>
        <Flex gap={12} wrap>
          <Form.Item name="unitId" label={t('dis.unit')} rules={[{ required: true }]} style={{ width: 320 }}><UnitSelect id="dis-unit" /></Form.Item>
          <Form.Item name="heldOn" label={t('dis.heldOn')} rules={[{ required: true }]} style={{ width: 160 }}><DateField id="dis-held-on" disabledFuture /></Form.Item>
          <Form.Item name="title" label={t('dis.title')} rules={[{ required: true }]} style={{ width: 360 }}><Input id="dis-title" /></Form.Item>
        </Flex>
        <Form.Item name="mode" label={t('dis.mode')}>
          <Radio.Group optionType="button" data-testid="dis-mode"
            options={[{ value: 'counts', label: t('dis.mode.counts') }, { value: 'list', label: t('dis.mode.list') }]} />
        </Form.Item>
        <Flex gap={12} wrap>
          {mode === 'counts' && (
            <Form.Item name="attendedMembers" label={t('dis.attendedMembers')} rules={[{ required: true }]}><InputNumber id="dis-attended" min={0} /></Form.Item>
          )}
          <Form.Item name="expectedOthers" label={t('dis.expectedOthers')}><InputNumber id="dis-expected-others" min={0} /></Form.Item>
          <Form.Item name="attendedOthers" label={t('dis.attendedOthers')}><InputNumber id="dis-attended-others" min={0} /></Form.Item>
        </Flex>
        {mode === 'list' && (
          <div style={{ marginBottom: 16 }}>
            {roll.error && <Alert type="error" showIcon title={roll.error} style={{ marginBottom: 8 }} />}
            {!roll.rows ? <Typography.Text type="secondary">{t('dis.rollNeedsUnit')}</Typography.Text> : (
              <>
                <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
                  <Typography.Text strong data-testid="dis-roll-summary">{t('dis.rollOf', { date: formatDate(heldOn), present, expected: rows.length })}</Typography.Text>
                  <Button size="small" icon={<CheckOutlined />} onClick={() => roll.setRows((rs) => rs && rs.map((r) => ({ ...r, present: true })))} data-testid="dis-all-present">{t('dis.allPresent')}</Button>
                </Flex>
                <Table<Row> size="small" rowKey="memberId" dataSource={rows} pagination={rows.length > 50 ? { pageSize: 50 } : false} data-testid="dis-roll"
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dis.rollEmpty')} /> }}
                  columns={[
                    { title: t('dis.member'), key: 'name', render: (_: unknown, r) => <span>{r.fullName}</span> },
                    { title: t('dis.memberUnit'), dataIndex: 'unitName', key: 'unit', render: (n: string) => <span className="muted">{n}</span> },
                    {
                      title: t('dis.present'), key: 'present', width: 90, align: 'center',
                      render: (_: unknown, r) => <Checkbox checked={r.present} onChange={(e) => update(r.memberId, { present: e.target.checked })} aria-label={`${t('dis.present')}: ${r.fullName}`} />,
                    },
                    {
                      title: t('dis.absenceReason'), key: 'reason', width: 360, render: (_: unknown, r) => {
                        const errors = rowErrors.get(r.memberId);
                        return (
                          <>
                            <Input size="small" value={r.reason} disabled={r.present} status={errors ? 'error' : undefined} maxLength={500}
                              placeholder={r.present ? '' : t('dis.absenceReasonPlaceholder')} onChange={(e) => update(r.memberId, { reason: e.target.value })}
                              aria-label={`${t('dis.absenceReason')}: ${r.fullName}`} />
                            {errors && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="dis-row-error">{errors.join('; ')}</Typography.Text>}
                          </>
                        );
                      },
                    },
                  ]} />
              </>
            )}
          </div>
        )}
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="dis-save">{t('dis.record')}</Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}
