// Recording one stage of a candidate's way to admission: the fields the stage needs, the party's rules
// checked live by the API (POST /candidates/:id/stages/check, debounced) above the submit button, and one
// request key per opening so a doubled or retried submission is recorded once. The pattern of EventDialog.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Spin, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { api, ApiError, SPONSOR_BODIES, type Candidate, type RecordedStageAnswer, type RuleMessage, type StageCheck, type StageInput } from '../api/index.ts';
import { enumLabel, useI18n, useT } from '../locales/i18n.tsx';
import { formatDate } from '../lib/dates.ts';
import { DateField } from './DateField.tsx';

type Stage = StageInput['stage'];

interface Values {
  date?: string | null;
  documentNumber?: string;
  issuedBy?: string;
  note?: string;
  sponsorBody?: string | null;
  sponsor0?: number | null;
  since0?: string | null;
  replacement0?: boolean;
  sponsor1?: number | null;
  since1?: string | null;
  replacement1?: boolean;
  votesInFavour?: number | null;
  officialMembers?: number | null;
  over60?: boolean;
  over60Consent?: string | null;
  decisionReceivedDate?: string | null;
  lateCeremonyAgreed?: boolean;
}

export function toStageInput(stage: Stage, v: Values): StageInput {
  const text = (s: string | null | undefined) => (s ?? '').trim() || null;
  const input: StageInput = { stage, date: v.date ?? '', documentNumber: text(v.documentNumber), issuedBy: text(v.issuedBy), note: text(v.note) };
  if (stage === 'sponsored') {
    input.sponsorBody = (v.sponsorBody as StageInput['sponsorBody']) || null;
    const n = input.sponsorBody ? 1 : 2;
    input.sponsors = [0, 1].slice(0, n).flatMap((i) => {
      const id = i === 0 ? v.sponsor0 : v.sponsor1;
      if (!id) return [];
      const replacement = !!(i === 0 ? v.replacement0 : v.replacement1);
      return [{ memberId: id, since: (i === 0 ? v.since0 : v.since1) || null, replacement }];
    });
  }
  if (stage === 'cell_vote') {
    input.votesInFavour = v.votesInFavour ?? null;
    input.officialMembers = v.officialMembers ?? null;
    if (v.over60) input.over60 = { decidedByProvinceCommittee: true, standingCommitteeConsentDate: v.over60Consent || null };
  }
  if (stage === 'decision' || stage === 'ceremony') input.decisionReceivedDate = v.decisionReceivedDate || null;
  if (stage === 'ceremony') input.lateCeremonyAgreed = !!v.lateCeremonyAgreed;
  return input;
}

/** Search for a sponsor among the members the user may see. */
function MemberSelect({ value, onChange, placeholder }: { value?: number | null; onChange?: (v: number | null) => void; placeholder: string }) {
  const [options, setOptions] = useState<Array<{ value: number; label: string }>>([]);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = window.setTimeout(() => {
      api.members({ q: q.trim(), status: ['official', 'probationary'], pageSize: 20 })
        .then((page) => setOptions(page.items.map((m) => ({ value: m.id, label: `${m.fullName} · ${m.unitName}` }))))
        .catch(() => undefined);
    }, 250);
  };
  return <Select<number> showSearch={{ filterOption: false, onSearch: search }} value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} allowClear placeholder={placeholder} options={options} style={{ width: '100%' }} />;
}

type CheckState = { state: 'idle' } | { state: 'checking'; last?: StageCheck } | { state: 'done'; result: StageCheck } | { state: 'failed'; message: string };

function Rules({ check, date }: { check: CheckState; date: string | null | undefined }) {
  const t = useT();
  const { lang } = useI18n();
  const shown = check.state === 'done' ? check.result : check.state === 'checking' ? check.last : undefined;
  const line = (m: RuleMessage, type: 'error' | 'warning') => {
    const text = lang === 'en' ? m.messageEn : m.message;
    const prefix = `${m.source}: `;
    const source = m.source === 'dangvu' ? t('eventForm.check.dataSource') : m.source;
    return (
      <li key={`${type}-${m.ruleId}-${m.message}`} className={`rule-line rule-${type}`} data-testid={`rule-${type}`} data-rule={m.ruleId}>
        <span className="rule-icon">{type === 'error' ? <CloseCircleFilled /> : <ExclamationCircleFilled />}</span>
        <span><span className="rule-source">{source}</span>: {text.startsWith(prefix) ? text.slice(prefix.length) : text}</span>
      </li>
    );
  };
  const tone = shown ? (shown.errors.length ? 'error' : shown.warnings.length ? 'warning' : 'ok') : '';
  return (
    <div className={`rule-panel${tone ? ` rule-panel-${tone}` : ''}`} data-testid="rule-checks" data-state={check.state} aria-live="polite">
      <Flex align="center" gap={8} className="rule-panel-title"><span>{t('eventForm.check.title')}</span>{check.state === 'checking' && <Spin size="small" />}</Flex>
      {check.state === 'idle' && <div className="muted">{t('stageForm.check.idle')}</div>}
      {check.state === 'failed' && <div className="rule-line rule-warning">{t('eventForm.check.failed', { message: check.message })}</div>}
      {shown && (
        <div className={check.state === 'checking' ? 'rule-stale' : undefined}>
          {(shown.errors.length > 0 || shown.warnings.length > 0) && <ul className="rule-list">{shown.errors.map((m) => line(m, 'error'))}{shown.warnings.map((m) => line(m, 'warning'))}</ul>}
          {shown.ok && <div className="rule-line rule-ok"><CheckCircleFilled className="rule-icon" /><span data-testid="rule-ok">{t('stageForm.check.ok', { date: formatDate(date ?? '') })}</span></div>}
        </div>
      )}
    </div>
  );
}

export interface StageDialogProps {
  stage: Stage;
  requestKey: string;
  candidate: Candidate;
  onClose: () => void;
  onRecorded: (answer: RecordedStageAnswer) => void;
  onReload: () => Promise<void>;
}

export function StageDialog({ stage, requestKey, candidate, onClose, onRecorded, onReload }: StageDialogProps) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [check, setCheck] = useState<CheckState>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const ctrl = useRef<AbortController | null>(null);
  const inFlight = useRef(false);
  const body = Form.useWatch('sponsorBody', form);
  const over60 = Form.useWatch('over60', form);
  const date = Form.useWatch('date', form);
  useEffect(() => () => { window.clearTimeout(timer.current); ctrl.current?.abort(); }, []);

  const runCheck = (values: Values) => {
    window.clearTimeout(timer.current);
    ctrl.current?.abort();
    const input = toStageInput(stage, values);
    if (!input.date) { setCheck({ state: 'idle' }); return; }
    setCheck((prev) => ({ state: 'checking', last: prev.state === 'done' ? prev.result : prev.state === 'checking' ? prev.last : undefined }));
    timer.current = window.setTimeout(() => {
      const c = new AbortController();
      ctrl.current = c;
      api.checkCandidateStage(candidate.id, input, c.signal)
        .then((result) => { if (ctrl.current === c) setCheck({ state: 'done', result }); })
        .catch((err: unknown) => { if (!c.signal.aborted && ctrl.current === c) setCheck({ state: 'failed', message: err instanceof Error ? err.message : String(err) }); });
    }, 400);
  };

  const version = useRef(candidate.rowVersion);
  useEffect(() => {
    if (version.current === candidate.rowVersion) return;
    version.current = candidate.rowVersion;
    runCheck(form.getFieldsValue(true) as Values);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [candidate.rowVersion]);

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
      onRecorded(await api.recordCandidateStage(candidate.id, { ...toStageInput(stage, values), rowVersion: candidate.rowVersion, requestKey }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(true);
      else if (err instanceof ApiError && err.status === 400) { setRefusal(err.fields.length ? err.fields.map((f) => f.message) : [err.message]); runCheck(values); }
      else setRefusal([err instanceof Error ? err.message : String(err)]);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const reload = async () => {
    setBusy(true);
    try { await onReload(); setConflict(false); } finally { setBusy(false); }
  };

  const required = [{ required: true, message: t('users.required') }];
  const numberLabel = stage === 'course' ? t('stageForm.certificateNumber') : stage === 'decision' ? t('stageForm.decisionNumber') : t('stageForm.documentNumber');
  const sponsorRow = (i: 0 | 1) => (
    <Row gutter={12} key={i}>
      <Col xs={24} md={12}><Form.Item name={`sponsor${i}`} label={t('stageForm.sponsor', { n: i + 1 })} rules={required}><MemberSelect placeholder={t('stageForm.sponsorPlaceholder')} /></Form.Item></Col>
      <Col xs={14} md={6}><Form.Item name={`since${i}`} label={t('stageForm.since')}><DateField disabledFuture /></Form.Item></Col>
      <Col xs={10} md={6}><Form.Item name={`replacement${i}`} valuePropName="checked" label=" "><Checkbox>{t('stageForm.replacement')}</Checkbox></Form.Item></Col>
    </Row>
  );

  return (
    <Modal
      open
      title={<div><div data-testid="stage-dialog-title">{enumLabel(t, 'candidateStage', stage)}</div><Typography.Text type="secondary" className="event-dialog-sub">{candidate.fullName} · {candidate.unitName}</Typography.Text></div>}
      onCancel={onClose}
      width={760}
      maskClosable={false}
      destroyOnHidden
      data-testid="stage-dialog"
      footer={
        <div className="event-dialog-footer">
          <Rules check={check} date={date} />
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={() => void submit()} loading={busy} disabled={blocked && !busy} data-testid="stage-submit">{t('stageForm.submit')}</Button>
          </Flex>
        </div>
      }
    >
      {conflict && (
        <Alert type="warning" showIcon title={t('eventForm.conflictTitle')} description={t('stageForm.conflictText')} style={{ marginBottom: 16 }} data-testid="stage-conflict"
          action={<Button icon={<ReloadOutlined />} onClick={() => void reload()} loading={busy}>{t('eventForm.conflictReload')}</Button>} />
      )}
      {refusal && <Alert type="error" showIcon title={t('stageForm.refused')} description={<ul className="plain-list">{refusal.map((m) => <li key={m}>{m}</li>)}</ul>} style={{ marginBottom: 16 }} data-testid="stage-refused" />}
      {stage === 'ceremony' && <Alert type="info" showIcon title={t('stageForm.ceremonyHelp')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onValuesChange={() => runCheck(form.getFieldsValue(true) as Values)} disabled={busy}>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="date" label={t(`stageForm.date.${stage}`)} rules={required}><DateField disabledFuture /></Form.Item></Col>
          {stage !== 'ceremony' && stage !== 'sponsored' && stage !== 'cell_vote' && (
            <Col xs={24} md={12}><Form.Item name="documentNumber" label={numberLabel} rules={stage === 'course' || stage === 'decision' ? required : undefined}>
              <Input maxLength={60} placeholder={stage === 'decision' ? t('eventForm.decisionPlaceholder') : undefined} autoComplete="off" />
            </Form.Item></Col>
          )}
          {(stage === 'course' || stage === 'decision' || stage === 'history_verified') && (
            <Col span={24}><Form.Item name="issuedBy" label={t('stageForm.issuedBy')}><Input maxLength={200} /></Form.Item></Col>
          )}
          {(stage === 'decision' || stage === 'ceremony') && (
            <Col xs={24} md={12}><Form.Item name="decisionReceivedDate" label={t('stageForm.decisionReceivedDate')}><DateField disabledFuture /></Form.Item></Col>
          )}
          {stage === 'ceremony' && (
            <Col span={24}><Form.Item name="lateCeremonyAgreed" valuePropName="checked"><Checkbox>{t('stageForm.lateCeremonyAgreed')}</Checkbox></Form.Item></Col>
          )}
          {stage === 'cell_vote' && (
            <>
              <Col xs={24} md={12}><Form.Item name="votesInFavour" label={t('stageForm.votesInFavour')} rules={required}><InputNumber min={0} max={10000} style={{ width: '100%' }} data-testid="votes-in-favour" /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="officialMembers" label={t('stageForm.officialMembers')}><InputNumber min={1} max={10000} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="over60" valuePropName="checked"><Checkbox>{t('stageForm.over60')}</Checkbox></Form.Item></Col>
              {over60 && <Col xs={24} md={12}><Form.Item name="over60Consent" label={t('stageForm.over60Consent')}><DateField disabledFuture /></Form.Item></Col>}
            </>
          )}
        </Row>
        {stage === 'sponsored' && (
          <>
            <Form.Item name="sponsorBody" label={t('stageForm.sponsorBody')}>
              <Select allowClear placeholder={t('stageForm.sponsorBodyNone')} options={SPONSOR_BODIES.map((b) => ({ value: b, label: enumLabel(t, 'sponsorBody', b) }))} />
            </Form.Item>
            {sponsorRow(0)}
            {!body && sponsorRow(1)}
          </>
        )}
        <Form.Item name="note" label={t('stageForm.note')} style={{ marginBottom: 0 }}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
