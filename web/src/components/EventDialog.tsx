// Recording one decision on a member: the fields its kind needs, the party's rules checked live by the API
// (POST /members/:id/events/check, debounced) above the submit button, and one request key per opening so a
// doubled or retried submission is recorded once.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Col, Flex, Form, Input, Modal, Row, Select, Spin, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled, ReloadOutlined } from '@ant-design/icons';
import {
  api, ApiError, EXEMPTION_GROUNDS, TRANSFER_PURPOSES,
  type EventCheck, type EventInput, type EventKind, type Member, type MemberActions, type MemberEvent, type RecordedEventAnswer, type RuleMessage,
} from '../api/index.ts';
import { enumLabel, useI18n, useT } from '../locales/i18n.tsx';
import { vi, type MessageKey } from '../locales/vi.ts';
import { formatDate } from '../lib/dates.ts';
import type { UnitRef } from '../lib/useUnitRefs.ts';
import { DateField } from './DateField.tsx';
import { UnitSelect } from './UnitSelect.tsx';
import { StatusTag } from './tags.tsx';
import { eventSummary, newestFirst } from './EventTimeline.tsx';

type ExtraField =
  | 'voidsEventId' | 'unitId' | 'toUnitId' | 'hostUnitId' | 'purpose' | 'until' | 'reason' | 'form' | 'ground'
  | 'letterNumber' | 'letterDeadline' | 'cellResolutionDate';

/** The fields each kind needs besides the decision (number, date, issuing body), the effective date and the note. */
const KIND_FIELDS: Record<EventKind, ExtraField[]> = {
  admission: ['unitId', 'cellResolutionDate'],
  recognition: ['cellResolutionDate'],
  non_recognition: ['cellResolutionDate'],
  transfer_out_official: ['toUnitId', 'letterNumber', 'letterDeadline'],
  transfer_out_temporary: ['hostUnitId', 'purpose', 'until', 'letterNumber', 'letterDeadline'],
  transfer_in: ['unitId'],
  exemption_start: ['ground'],
  exemption_end: [],
  removal: ['reason'],
  leave_on_request: [],
  discipline: ['form'],
  expulsion: [],
  death: [],
  void: ['voidsEventId'],
  reorganized: ['unitId'],
};
const REQUIRED: Partial<Record<EventKind, ExtraField[]>> = {
  admission: ['unitId'], transfer_in: ['unitId'], removal: ['reason'], discipline: ['form'], void: ['voidsEventId'],
};
/** Kinds recorded without a decision number (the API requires one for every other kind). */
const NO_DECISION_NUMBER: readonly EventKind[] = ['void', 'transfer_out_temporary'];
const COMMON_FIELDS = ['effectiveDate', 'decisionNumber', 'decisionDate', 'issuedBy', 'note', 'attachments'] as const;
const DATE_FIELDS = new Set(['effectiveDate', 'decisionDate', 'until', 'letterDeadline', 'cellResolutionDate']);
const CELL_KINDS = ['cell', 'grassroots_cell'] as const;

interface Values {
  effectiveDate?: string | null;
  decisionNumber?: string;
  decisionDate?: string | null;
  issuedBy?: string;
  note?: string;
  attachments?: string[];
  voidsEventId?: number | null;
  unitId?: number | null;
  toUnitId?: number | null;
  hostUnitId?: number | null;
  purpose?: string | null;
  until?: string | null;
  reason?: string | null;
  form?: string | null;
  ground?: string | null;
  letterNumber?: string;
  letterDeadline?: string | null;
  cellResolutionDate?: string | null;
}

/** The request body: the kind's own fields only, strings trimmed, empty values left out. */
export function toInput(kind: EventKind, v: Values): EventInput {
  const text = (s: string | null | undefined) => (s ?? '').trim() || undefined;
  const input: EventInput = {
    kind,
    effectiveDate: v.effectiveDate ?? '',
    decisionNumber: text(v.decisionNumber),
    decisionDate: v.decisionDate || undefined,
    issuedBy: text(v.issuedBy),
    note: text(v.note),
  };
  const attachments = (v.attachments ?? []).map((a) => a.trim()).filter(Boolean);
  if (attachments.length) input.attachments = attachments;
  const target = input as unknown as Record<string, unknown>;
  for (const f of KIND_FIELDS[kind]) {
    const value = v[f];
    if (value === undefined || value === null || value === '') continue;
    target[f] = typeof value === 'string' ? value.trim() : value;
  }
  return input;
}

type CheckState =
  | { state: 'idle' }
  | { state: 'checking'; last?: EventCheck }
  | { state: 'done'; result: EventCheck }
  | { state: 'failed'; message: string };

/** A missing required value is not a breach of a rule: shown apart, in grey. */
const isMissing = (m: RuleMessage) => m.ruleId === 'field.required';

function RuleLine({ m, type, action }: { m: RuleMessage; type: 'error' | 'warning' | 'missing'; action?: ReactNode }) {
  const t = useT();
  const { lang } = useI18n();
  const text = lang === 'en' ? m.messageEn : m.message;
  const prefix = `${m.source}: `;
  const fieldKey = `field.${m.field ?? ''}`;
  // A missing value: the field's own label, in the user's language (the API says it in Vietnamese only).
  const body = type === 'missing' && m.field && fieldKey in vi ? t(fieldKey as MessageKey) : text.startsWith(prefix) ? text.slice(prefix.length) : text;
  const source = m.source === 'dangvu' ? (type === 'missing' ? t('eventForm.check.missing') : t('eventForm.check.dataSource')) : m.source;
  const icon = type === 'error' ? <CloseCircleFilled /> : type === 'warning' ? <ExclamationCircleFilled /> : <InfoCircleFilled />;
  return (
    <li className={`rule-line rule-${type}`} data-testid={`rule-${type}`} data-rule={m.ruleId}>
      <span className="rule-icon">{icon}</span>
      <span>
        <span className="rule-source">{source}</span>: {body}
        {action}
      </span>
    </li>
  );
}

function RulePanel({ check, currentStatus, onUseDate }: { check: CheckState; currentStatus: string; onUseDate: (m: RuleMessage) => void }) {
  const t = useT();
  const shown = check.state === 'done' ? check.result : check.state === 'checking' ? check.last : undefined;
  const errors = shown?.errors.filter((e) => !isMissing(e)) ?? [];
  const missing = shown?.errors.filter(isMissing) ?? [];
  const tone = errors.length > 0 ? 'error' : shown?.ok ? (shown.warnings.length ? 'warning' : 'ok') : check.state === 'failed' ? 'warning' : '';
  return (
    <div className={`rule-panel${tone ? ` rule-panel-${tone}` : ''}`} data-testid="rule-checks" data-state={check.state} aria-live="polite">
      <Flex align="center" gap={8} className="rule-panel-title">
        <span>{t('eventForm.check.title')}</span>
        {check.state === 'checking' && <Spin size="small" />}
      </Flex>
      {check.state === 'idle' && <div className="muted">{t('eventForm.check.idle')}</div>}
      {check.state === 'failed' && <div className="rule-line rule-warning">{t('eventForm.check.failed', { message: check.message })}</div>}
      {check.state === 'checking' && !shown && <div className="muted">{t('eventForm.check.checking')}</div>}
      {shown && (
        <div className={check.state === 'checking' ? 'rule-stale' : undefined}>
          {(errors.length > 0 || missing.length > 0 || shown.warnings.length > 0) && (
            <ul className="rule-list">
              {errors.map((m) => (
                <RuleLine
                  key={`e-${m.ruleId}-${m.message}`}
                  m={m}
                  type="error"
                  action={m.validFrom && DATE_FIELDS.has(m.field ?? 'effectiveDate') ? (
                    <Button type="link" size="small" className="rule-action" onClick={() => onUseDate(m)} data-testid="rule-use-date">
                      {t('eventForm.check.useDate', { date: formatDate(m.validFrom) })}
                    </Button>
                  ) : undefined}
                />
              ))}
              {missing.map((m) => <RuleLine key={`m-${m.field}-${m.message}`} m={m} type="missing" />)}
              {shown.warnings.map((m) => <RuleLine key={`w-${m.ruleId}-${m.message}`} m={m} type="warning" />)}
            </ul>
          )}
          {shown.ok && (
            <div className="rule-line rule-ok">
              <CheckCircleFilled className="rule-icon" />
              <span data-testid="rule-ok">
                {shown.statusAfter === currentStatus
                  ? t('eventForm.check.okSame', { status: enumLabel(t, 'status', shown.statusAfter) })
                  : t('eventForm.check.ok', { status: enumLabel(t, 'status', shown.statusAfter) })}
              </span>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export interface EventDialogProps {
  kind: EventKind;
  /** Sent with the submission; the caller makes a new one each time the dialog opens. */
  requestKey: string;
  member: Member;
  actions: MemberActions | undefined;
  events: MemberEvent[];
  units: Record<number, UnitRef>;
  onClose: () => void;
  onRecorded: (answer: RecordedEventAnswer) => void;
  /** Reloads the member (its rowVersion), the allowed actions and the events after a conflict. */
  onReload: () => Promise<void>;
  /** Values to start from (e.g. the removal reason when opened from a work queue). */
  initialValues?: { reason?: string | null };
}

export function EventDialog({ kind, requestKey, member, actions, events, units, onClose, onRecorded, onReload, initialValues }: EventDialogProps) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const ctrl = useRef<AbortController | null>(null);
  const inFlight = useRef(false);
  const extra = KIND_FIELDS[kind];
  const required = new Set(REQUIRED[kind] ?? []);
  const formFields = new Set<string>([...COMMON_FIELDS, ...extra]);

  useEffect(() => () => { window.clearTimeout(timer.current); ctrl.current?.abort(); }, []);

  const runCheck = (values: Values) => {
    window.clearTimeout(timer.current);
    ctrl.current?.abort();
    const input = toInput(kind, values);
    if (!input.effectiveDate) {
      setCheck({ state: 'idle' });
      return;
    }
    setCheck((prev) => ({ state: 'checking', last: prev.state === 'done' ? prev.result : prev.state === 'checking' ? prev.last : undefined }));
    timer.current = window.setTimeout(() => {
      const c = new AbortController();
      ctrl.current = c;
      api.checkMemberEvent(member.id, input, c.signal)
        .then((result) => { if (ctrl.current === c) setCheck({ state: 'done', result }); })
        .catch((err: unknown) => {
          if (c.signal.aborted || ctrl.current !== c) return;
          setCheck({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
        });
    }, 400);
  };

  // A reload after a conflict brings a new state: check again against it.
  const version = useRef(member.rowVersion);
  useEffect(() => {
    if (version.current === member.rowVersion) return;
    version.current = member.rowVersion;
    runCheck(form.getFieldsValue(true) as Values);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [member.rowVersion]);

  /** "Dùng ngày …": the earliest date a rule allows, into the date field it is about. */
  const useDate = (m: RuleMessage) => {
    if (!m.validFrom) return;
    const values = form.getFieldsValue(true) as Values;
    const named = m.field as keyof Values | undefined;
    const field: keyof Values = named && named !== 'effectiveDate' && formFields.has(named) && values[named] ? named : 'effectiveDate';
    form.setFieldValue(field, m.validFrom);
    form.setFields([{ name: field, errors: [] }]);
    runCheck(form.getFieldsValue(true) as Values);
  };

  // Nothing is submitted before the rules have been checked on the current input, nor while one refuses.
  const blocked = check.state === 'idle' || check.state === 'checking' || (check.state === 'done' && !check.result.ok);

  const submit = async () => {
    if (inFlight.current || blocked) return;
    try { await form.validateFields(); } catch { return; }
    const values = form.getFieldsValue(true) as Values;
    inFlight.current = true;
    setBusy(true);
    setConflict(false);
    setRefusal(null);
    try {
      const answer = await api.recordMemberEvent(member.id, { ...toInput(kind, values), rowVersion: member.rowVersion, requestKey });
      onRecorded(answer);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
      } else if (err instanceof ApiError && err.status === 400) {
        // Each refusing rule beside its field; the others (about the kind or the state) in the alert.
        const byField = new Map<string, string[]>();
        const other: string[] = [];
        for (const f of err.fields) {
          const name = f.field === 'decisionDate' && !values.decisionDate ? 'effectiveDate' : f.field;
          if (formFields.has(name)) byField.set(name, [...(byField.get(name) ?? []), f.message]);
          else other.push(f.message);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
        setRefusal(err.fields.length ? other : [err.message]);
        runCheck(values);
      } else {
        setRefusal([err instanceof Error ? err.message : String(err)]);
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const reload = async () => {
    setBusy(true);
    try {
      await onReload();
      setConflict(false);
    } finally {
      setBusy(false);
    }
  };

  // A member being transferred is received, by default, in the cell the letter named.
  const pendingTransfer = kind === 'transfer_in'
    ? newestFirst(events).find((e) => e.kind === 'transfer_out_official' && !e.voidedBy && e.toUnitId)
    : undefined;
  const initialUnit = pendingTransfer?.toUnitId ? units[pendingTransfer.toUnitId] : undefined;
  const voidable = newestFirst(events).filter((e) => e.kind !== 'void' && !e.voidedBy);
  const requiredRule = [{ required: true, message: t('users.required') }];
  const effectiveHelp = `eventForm.effectiveHelp.${kind}`;

  const extraInput = (f: ExtraField): ReactNode => {
    switch (f) {
      case 'voidsEventId':
        return (
          <Select
            placeholder={t('eventForm.voidPlaceholder')}
            notFoundContent={t('eventForm.voidNone')}
            options={voidable.map((e) => ({ value: e.id, label: eventSummary(t, e) }))}
          />
        );
      case 'unitId':
        return <UnitSelect kinds={CELL_KINDS} placeholder={t('eventForm.cellPlaceholder')} initial={initialUnit ?? null} excludeIds={kind === 'transfer_in' ? [member.unitId] : undefined} />;
      case 'toUnitId':
        return <UnitSelect kinds={CELL_KINDS} placeholder={t('eventForm.cellPlaceholder')} excludeIds={[member.unitId]} />;
      case 'hostUnitId':
        return <UnitSelect placeholder={t('eventForm.cellPlaceholder')} excludeIds={[member.unitId]} />;
      case 'purpose':
        return <Select allowClear options={TRANSFER_PURPOSES.map((p) => ({ value: p, label: enumLabel(t, 'purpose', p) }))} />;
      case 'reason':
        return <Select options={(actions?.removalReasons ?? []).map((r) => ({ value: r, label: enumLabel(t, 'reason', r) }))} />;
      case 'form':
        return <Select options={(actions?.disciplineForms ?? []).map((d) => ({ value: d, label: enumLabel(t, 'disciplineForm', d) }))} />;
      case 'ground':
        return <Select allowClear options={EXEMPTION_GROUNDS.map((g) => ({ value: g, label: enumLabel(t, 'ground', g) }))} />;
      case 'letterNumber':
        return <Input maxLength={40} />;
      case 'until': case 'letterDeadline':
        return <DateField />;
      case 'cellResolutionDate':
        return <DateField disabledFuture />;
    }
  };
  const extraLabel = (f: ExtraField) => (f === 'unitId' && (kind === 'admission' || kind === 'transfer_in') ? t(`eventForm.unit.${kind}`) : t(`field.${f}`));
  const wide = (f: ExtraField) => f === 'voidsEventId' || f === 'reason';

  return (
    <Modal
      open
      title={
        <div>
          <div data-testid="event-dialog-title">{t('eventForm.title', { event: enumLabel(t, 'event', kind) })}</div>
          <Typography.Text type="secondary" className="event-dialog-sub">
            {member.fullName} · {t('eventForm.current')}: <StatusTag status={actions?.status ?? member.status} />
            {actions?.lastDate && <span className="numeric">{t('eventForm.lastDate', { date: formatDate(actions.lastDate) })}</span>}
          </Typography.Text>
        </div>
      }
      onCancel={onClose}
      width={760}
      maskClosable={false}
      destroyOnHidden
      data-testid="event-dialog"
      footer={
        <div className="event-dialog-footer">
          <RulePanel check={check} currentStatus={actions?.status ?? member.status} onUseDate={useDate} />
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={() => void submit()} loading={busy} disabled={blocked && !busy} data-testid="event-submit">
              {t('eventForm.submit')}
            </Button>
          </Flex>
        </div>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('eventForm.conflictTitle')}
          description={t('eventForm.conflictText')}
          action={<Button icon={<ReloadOutlined />} onClick={() => void reload()} loading={busy} data-testid="event-conflict-reload">{t('eventForm.conflictReload')}</Button>}
          style={{ marginBottom: 16 }}
          data-testid="event-conflict"
        />
      )}
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={t('eventForm.refused')}
          description={refusal.length ? <ul className="plain-list">{refusal.map((m) => <li key={m}>{m}</li>)}</ul> : t('common.fixErrors')}
          style={{ marginBottom: 16 }}
          data-testid="event-refused"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        className="event-form"
        initialValues={{ unitId: kind === 'transfer_in' ? initialUnit?.id ?? null : null, ...(kind === 'removal' && initialValues?.reason ? { reason: initialValues.reason } : {}) }}
        onValuesChange={(_changed, all) => runCheck({ ...(form.getFieldsValue(true) as Values), ...all })}
        onFinish={() => void submit()}
        disabled={busy}
      >
        <Row gutter={16}>
          {kind === 'void' && (
            <Col span={24}>
              <Form.Item name="voidsEventId" label={t('field.voidsEventId')} rules={requiredRule} extra={t('eventForm.voidHelp')}>
                {extraInput('voidsEventId')}
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="effectiveDate" label={t('field.effectiveDate')} rules={requiredRule} extra={effectiveHelp in vi ? t(effectiveHelp as MessageKey) : undefined}>
              <DateField disabledFuture={kind !== 'transfer_out_temporary'} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="decisionNumber" label={t('field.decisionNumber')} rules={NO_DECISION_NUMBER.includes(kind) ? undefined : requiredRule}>
              <Input placeholder={t('eventForm.decisionPlaceholder')} maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="decisionDate" label={t('field.decisionDate')}>
              <DateField disabledFuture />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuedBy" label={t('field.issuedBy')}>
              <Input placeholder={t('eventForm.issuedByPlaceholder')} maxLength={200} />
            </Form.Item>
          </Col>
          {extra.filter((f) => f !== 'voidsEventId').map((f) => (
            <Col key={f} xs={24} md={wide(f) ? 24 : 12}>
              <Form.Item name={f} label={extraLabel(f)} rules={required.has(f) ? requiredRule : undefined}>
                {extraInput(f)}
              </Form.Item>
            </Col>
          ))}
          <Col span={24}>
            <Form.Item name="note" label={t('field.note')}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('eventForm.notePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="attachments" label={t('field.attachments')} style={{ marginBottom: 0 }}>
              <Select mode="tags" open={false} suffixIcon={null} placeholder={t('eventForm.attachmentsPlaceholder')} tokenSeparators={[';']} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
