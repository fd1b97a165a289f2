// A member's profile (form 2-HSĐV), the periods of status and cell, the change history, and editing.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Dropdown, Empty, Flex, Form, Input, Row, Select, Skeleton, Tabs, Timeline, Tooltip, Typography, type MenuProps } from 'antd';
import { DownOutlined, EditOutlined, FileDoneOutlined, ReloadOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  api, ApiError, EVENT_KINDS, POLITICAL_THEORY_LEVELS, PROFILE_FIELDS, SEXES,
  type EventKind, type Member, type MemberActions, type MemberEvent, type MemberPeriod, type MemberProfile, type ProfileField, type RecordedEventAnswer,
} from '../api/index.ts';
import { enumLabel, useI18n, useT } from '../locales/i18n.tsx';
import { useAuth } from '../lib/auth.tsx';
import { useAsync, type AsyncState } from '../lib/useAsync.ts';
import { newRequestKey } from '../lib/requestKey.ts';
import { eventUnitIds, useUnitRefs } from '../lib/useUnitRefs.ts';
import { ageOf, formatDate, formatDateTime } from '../lib/dates.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusTag, STATUS_HEX } from '../components/tags.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { AuditTrail } from '../components/AuditTrail.tsx';
import { DateField } from '../components/DateField.tsx';
import { InfoGrid } from '../components/InfoGrid.tsx';
import { EventTimeline, eventSummary } from '../components/EventTimeline.tsx';
import { EventDialog } from '../components/EventDialog.tsx';
import { CounsellingSection } from '../components/CounsellingSection.tsx';

type FieldKind = 'text' | 'date' | 'sex' | 'theory' | 'textarea';
interface FieldSpec { name: ProfileField; kind: FieldKind; required?: boolean; max?: number; span?: number }

/** The sections of form 2-HSĐV and their fields. */
const SECTIONS: Array<{ key: 'personal' | 'education' | 'party'; fields: FieldSpec[] }> = [
  {
    key: 'personal',
    fields: [
      { name: 'fullName', kind: 'text', required: true, max: 100 },
      { name: 'otherNames', kind: 'text', max: 100 },
      { name: 'sex', kind: 'sex', required: true },
      { name: 'birthDate', kind: 'date', required: true },
      { name: 'birthProvinceCode', kind: 'text', max: 3 },
      { name: 'birthPlace', kind: 'text', max: 200 },
      { name: 'homeTown', kind: 'text', max: 200 },
      { name: 'ethnicity', kind: 'text', max: 50 },
      { name: 'religion', kind: 'text', max: 50 },
      { name: 'citizenId', kind: 'text', max: 20 },
      { name: 'phone', kind: 'text', max: 20 },
    ],
  },
  {
    key: 'education',
    fields: [
      { name: 'educationGeneral', kind: 'text', max: 20 },
      { name: 'educationProfessional', kind: 'text', max: 200 },
      { name: 'politicalTheory', kind: 'theory' },
      { name: 'occupation', kind: 'text', max: 200 },
    ],
  },
  {
    key: 'party',
    fields: [
      { name: 'admissionDate', kind: 'date' },
      { name: 'officialDate', kind: 'date' },
      { name: 'cardNumber', kind: 'text', max: 20 },
      { name: 'note', kind: 'textarea', max: 2000, span: 24 },
    ],
  },
];

type FormValues = Record<ProfileField, string | null | undefined>;

/** A form value as the API stores it: trimmed, empty → null. */
function normalize(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

function diff(values: FormValues, original: MemberProfile): Partial<MemberProfile> {
  const changes: Record<string, string | null> = {};
  for (const f of PROFILE_FIELDS) {
    const v = normalize(values[f]);
    if (v !== normalize(original[f])) changes[f] = v;
  }
  return changes as Partial<MemberProfile>;
}

function toFormValues(m: MemberProfile): FormValues {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, m[f] ?? null])) as FormValues;
}

function ProfileView({ member }: { member: Member }) {
  const t = useT();
  const display = (f: ProfileField): ReactNode => {
    const v = member[f];
    if (v === null || v === '') return <span className="muted">—</span>;
    switch (f) {
      case 'sex': return enumLabel(t, 'sex', v);
      case 'politicalTheory': return enumLabel(t, 'theory', v);
      case 'birthDate': { const age = ageOf(v); return <span className="numeric">{formatDate(v)}{age !== null && <span className="muted"> ({t('member.age', { age })})</span>}</span>; }
      case 'admissionDate': case 'officialDate': return <span className="numeric">{formatDate(v)}</span>;
      case 'citizenId': case 'cardNumber': case 'phone': case 'birthProvinceCode': return <span className="numeric">{v}</span>;
      default: return v;
    }
  };
  return (
    <Flex vertical gap={16}>
      {SECTIONS.map((s) => (
        <Card key={s.key} size="small" title={t(`member.section.${s.key}`)} className="profile-section" data-testid={`section-${s.key}`}>
          <InfoGrid
            items={[
              ...s.fields.filter((f) => !f.span).map((f) => ({ key: f.name, label: t(`field.${f.name}`), value: <span data-testid={`value-${f.name}`}>{display(f.name)}</span> })),
              ...(s.key === 'party' ? [
                { key: 'status', label: t('member.status'), value: <StatusTag status={member.status} /> },
                { key: 'cell', label: t('member.currentCell'), value: <Link to={`/units/${member.unitId}`}>{member.unitName}</Link> },
              ] : []),
              ...s.fields.filter((f) => f.span).map((f) => ({ key: f.name, label: t(`field.${f.name}`), value: <span data-testid={`value-${f.name}`}>{display(f.name)}</span>, full: true })),
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}

/** The input of one profile field; Form.Item passes id, value and onChange through. */
function FieldInput({ spec, ...control }: { spec: FieldSpec; id?: string; value?: string | null; onChange?: (value: unknown) => void }) {
  const t = useT();
  const value = control.value ?? undefined;
  switch (spec.kind) {
    case 'date': return <DateField id={control.id} value={control.value} onChange={control.onChange} disabledFuture />;
    case 'sex': return <Select id={control.id} value={value} onChange={control.onChange} options={SEXES.map((s) => ({ value: s, label: enumLabel(t, 'sex', s) }))} />;
    case 'theory': return <Select id={control.id} value={value} onChange={(v) => control.onChange?.(v ?? null)} allowClear options={POLITICAL_THEORY_LEVELS.map((l) => ({ value: l, label: enumLabel(t, 'theory', l) }))} />;
    case 'textarea': return <Input.TextArea id={control.id} value={value} onChange={control.onChange} rows={3} maxLength={spec.max} showCount />;
    default: return <Input id={control.id} value={value} onChange={control.onChange} maxLength={spec.max} />;
  }
}

function ProfileEdit({ member, onSaved, onCancel, onReloaded }: { member: Member; onSaved: (m: Member) => void; onCancel: () => void; onReloaded: (m: Member) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // The record the form was filled from: changes are measured against it, and its rowVersion is sent.
  const [base, setBase] = useState<Member>(member);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [errorText, setErrorText] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);

  const save = async (values: FormValues) => {
    const changes = diff(values, base);
    if (Object.keys(changes).length === 0) {
      message.info(t('member.noChanges'));
      return;
    }
    setBusy(true);
    setConflict(false);
    setErrorText(null);
    setOther([]);
    try {
      const saved = await api.updateMember(base.id, { ...changes, rowVersion: base.rowVersion });
      message.success(t('member.saved'));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setConflict(true);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      } else if (err instanceof ApiError && err.status === 400) {
        setErrorText(err.fields.length ? t('common.fixErrors') : err.message);
        setOther(applyFieldErrors(form, err, PROFILE_FIELDS));
        const first = err.fields.map((f) => f.field).find((f): f is ProfileField => (PROFILE_FIELDS as readonly string[]).includes(f));
        if (first) form.scrollToField(first, { block: 'center', behavior: 'smooth' });
      } else {
        setErrorText(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const reloadLatest = async () => {
    setBusy(true);
    try {
      const mine = diff(form.getFieldsValue(true) as FormValues, base);
      const latest = await api.member(base.id);
      setBase(latest);
      form.setFieldsValue({ ...toFormValues(latest), ...mine });
      setConflict(false);
      onReloaded(latest);
      message.info(t('member.reloaded'));
    } catch (err) {
      setErrorText(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={toFormValues(member)} onFinish={save} disabled={busy} data-testid="member-form" scrollToFirstError>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('member.conflictTitle')}
          description={t('member.conflictText')}
          action={<Button icon={<ReloadOutlined />} onClick={() => void reloadLatest()} disabled={false} data-testid="conflict-reload">{t('member.conflictReload')}</Button>}
          style={{ marginBottom: 16 }}
          data-testid="conflict-alert"
        />
      )}
      {errorText && (
        <Alert type="error" showIcon title={errorText} description={other.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{other.map((m) => <li key={m}>{m}</li>)}</ul> : undefined} style={{ marginBottom: 16 }} data-testid="form-error" />
      )}
      <Flex vertical gap={16}>
        {SECTIONS.map((s) => (
          <Card key={s.key} size="small" title={t(`member.section.${s.key}`)}>
            <Row gutter={16}>
              {s.fields.map((f) => (
                <Col key={f.name} xs={24} md={f.span ?? 12} xl={f.span ?? 8} data-testid={`field-${f.name}`}>
                  <Form.Item
                    name={f.name}
                    label={t(`field.${f.name}`)}
                    rules={f.required ? [{ required: true, message: t('users.required') }] : undefined}
                  >
                    <FieldInput spec={f} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        ))}
      </Flex>
      <Flex gap={8} justify="flex-end" className="form-actions">
        <Button onClick={onCancel} disabled={false}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="member-save">{t('common.save')}</Button>
      </Flex>
    </Form>
  );
}

function PeriodsTimeline({ periods }: { periods: AsyncState<MemberPeriod[] | undefined> }) {
  const t = useT();
  if (periods.error) return <ErrorState error={periods.error} onRetry={() => void periods.reload()} />;
  if (!periods.data) return <Skeleton active />;
  if (periods.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('member.periodsEmpty')} />;
  const items = [...periods.data].reverse();
  return (
    <Timeline
      style={{ marginTop: 12 }}
      data-testid="periods"
      items={items.map((p) => ({
        color: STATUS_HEX[p.status] ?? 'gray',
        content: (
          <Flex vertical gap={4} className="period-item">
            <Typography.Text strong className="numeric">
              {p.validTo ? t('member.periodRange', { from: formatDate(p.validFrom), to: formatDate(p.validTo) }) : t('member.periodFrom', { date: formatDate(p.validFrom) })}
            </Typography.Text>
            <Flex gap={8} align="center" wrap>
              <StatusTag status={p.status} />
              <TeamOutlined className="muted" />
              <Link to={`/units/${p.unitId}`}>{p.unitName}</Link>
            </Flex>
            {p.decision && <Typography.Text type="secondary">{t('common.decision')}: {p.decision}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}

function HistoryTab({ memberId, version, unitNames, events }: { memberId: number; version: number; unitNames: Record<number, string>; events: MemberEvent[] | undefined }) {
  const t = useT();
  const history = useAsync(() => api.memberHistory(memberId), [memberId, version]);
  if (history.error) return <ErrorState error={history.error} onRetry={() => void history.reload()} />;
  const eventLabels = Object.fromEntries((events ?? []).map((e) => [e.id, eventSummary(t, e)]));
  return <AuditTrail entries={history.data} loading={history.loading} unitNames={unitNames} eventLabels={eventLabels} />;
}

/** Kinds that end membership: listed apart, in red. */
const ENDING: readonly string[] = ['removal', 'leave_on_request', 'expulsion', 'death', 'non_recognition'];

/** "Thao tác": the events the member's state allows (from /actions), and voiding a recorded one. */
function ActionsButton({ actions, events, onPick }: { actions: MemberActions | undefined; events: MemberEvent[] | undefined; onPick: (kind: EventKind) => void }) {
  const t = useT();
  const allowed = (actions?.events ?? []).filter((k): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k));
  const canVoid = (events ?? []).some((e) => e.kind !== 'void' && !e.voidedBy);
  const item = (k: EventKind) => ({ key: k, label: enumLabel(t, 'action', k), danger: ENDING.includes(k) && k !== 'non_recognition' ? true : undefined, 'data-testid': `action-${k}` });
  const life = allowed.filter((k) => !ENDING.includes(k));
  const ending = allowed.filter((k) => ENDING.includes(k));
  const items: MenuProps['items'] = [
    ...(life.length ? [{ type: 'group' as const, key: 'life', label: t('actions.groupLife'), children: life.map(item) }] : []),
    ...(ending.length ? [{ type: 'group' as const, key: 'end', label: t('actions.groupEnd'), children: ending.map(item) }] : []),
    ...(canVoid ? [{ type: 'group' as const, key: 'correct', label: t('actions.groupCorrect'), children: [item('void')] }] : []),
  ];
  const button = (
    <Button icon={<FileDoneOutlined />} loading={!actions} disabled={!!actions && items.length === 0} data-testid="member-actions">
      {t('actions.button')} <DownOutlined style={{ fontSize: 11 }} />
    </Button>
  );
  if (actions && items.length === 0) return <Tooltip title={t('actions.none')}>{button}</Tooltip>;
  return (
    <Dropdown trigger={['click']} placement="bottomRight" menu={{ items, onClick: ({ key }) => onPick(key as EventKind), className: 'actions-menu' }}>
      {button}
    </Dropdown>
  );
}

const TABS = ['profile', 'events', 'periods', 'history'] as const;

export default function MemberPage() {
  const t = useT();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const { lang } = useI18n();
  const { message, notification } = App.useApp();
  const member = useAsync(() => api.member(id), [id]);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<{ kind: EventKind; requestKey: string; reason?: string | null } | null>(null);
  // Everything derived from the events follows the member's rowVersion, which every recorded event bumps.
  const version = member.data?.id === id ? member.data.rowVersion : undefined;
  const canWrite = can('member.write');
  const events = useAsync(() => (version === undefined ? Promise.resolve(undefined) : api.memberEvents(id)), [id, version]);
  const periods = useAsync(() => (version === undefined ? Promise.resolve(undefined) : api.memberPeriods(id)), [id, version]);
  const actions = useAsync(() => (version === undefined || !canWrite ? Promise.resolve(undefined) : api.memberActions(id)), [id, version, canWrite]);
  const unitNames = useMemo(() => Object.fromEntries((periods.data ?? []).map((p) => [p.unitId, p.unitName])) as Record<number, string>, [periods.data]);
  const units = useUnitRefs(eventUnitIds(events.data ?? []), unitNames);
  const tabParam = params.get('tab');
  // ?action=recognition (from a work queue): the dialog of that kind opens once the allowed actions are known.
  const actionParam = params.get('action');
  const reasonParam = params.get('reason');
  useEffect(() => {
    if (!actionParam || !canWrite || !actions.data || version === undefined) return;
    const allowed = (actions.data.events as string[]).includes(actionParam) && (EVENT_KINDS as readonly string[]).includes(actionParam);
    if (allowed) setDialog({ kind: actionParam as EventKind, requestKey: newRequestKey(), reason: reasonParam });
    else message.warning(t('member.actionNotAllowed', { action: enumLabel(t, 'action', actionParam) }));
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.delete('action');
      next.delete('reason');
      return next;
    }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actionParam, actions.data, canWrite, version]);
  const tab = (TABS as readonly string[]).includes(tabParam ?? '') && (tabParam !== 'history' || can('audit.read')) ? tabParam! : 'profile';

  if (member.error) return <ErrorState error={member.error} onRetry={() => void member.reload()} />;
  const m = member.data;
  if (!m || m.id !== id) return <Card variant="borderless"><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  const age = ageOf(m.birthDate);
  const setTab = (key: string) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    if (key === 'profile') next.delete('tab'); else next.set('tab', key);
    return next;
  });
  const recorded = (kind: EventKind, answer: RecordedEventAnswer) => {
    setDialog(null);
    const event = enumLabel(t, 'event', kind);
    if (answer.warnings.length > 0) {
      notification.warning({
        title: t('eventForm.recordedWarnings', { event }),
        description: <ul className="plain-list">{answer.warnings.map((w) => <li key={w.ruleId + w.message}>{lang === 'en' ? w.messageEn : w.message}</li>)}</ul>,
        duration: 12,
        placement: 'topRight',
      });
    } else if (answer.replayed) {
      message.info(t('eventForm.replayed'));
    } else {
      message.success(t('eventForm.recorded', { event }));
    }
    setTab('events');
    void member.reload();
  };
  const reloadAll = async () => {
    await member.reload();
    await Promise.all([events.reload(), actions.reload()]);
    message.info(t('eventForm.reloaded'));
  };

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.members'), to: '/members' }, { title: m.unitName, to: `/units/${m.unitId}` }, { title: m.fullName }]}
        title={<span data-testid="member-name">{m.fullName}</span>}
        tags={<StatusTag status={m.status} />}
        subtitle={
          <>
            {enumLabel(t, 'sex', m.sex)} · {formatDate(m.birthDate)}{age !== null ? ` (${t('member.age', { age })})` : ''} · {t('member.currentCell')}:{' '}
            <Link to={`/units/${m.unitId}`} data-testid="member-cell">{m.unitName}</Link>
          </>
        }
        extra={canWrite && !editing ? (
          <>
            <ActionsButton actions={actions.data} events={events.data} onPick={(kind) => setDialog({ kind, requestKey: newRequestKey() })} />
            <Button type="primary" icon={<EditOutlined />} onClick={() => { setEditing(true); setTab('profile'); }} data-testid="member-edit">{t('member.edit')}</Button>
          </>
        ) : undefined}
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={editing ? 'profile' : tab}
          onChange={setTab}
          tabBarExtraContent={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('member.updatedAt')}: {formatDateTime(m.updatedAt)}</Typography.Text>}
          items={[
            {
              key: 'profile',
              label: editing ? t('member.editing') : t('member.tab.profile'),
              children: editing
                ? <ProfileEdit
                    member={m}
                    onCancel={() => setEditing(false)}
                    onSaved={(saved) => { member.setData(saved); setEditing(false); }}
                    onReloaded={(latest) => member.setData(latest)}
                  />
                : <ProfileView member={m} />,
            },
            {
              key: 'events',
              label: t('member.tab.events'),
              disabled: editing,
              children: tab === 'events' ? (
                <EventTimeline events={events.data} error={events.error} onRetry={() => void events.reload()} periods={periods.data} units={units} canWrite={canWrite} />
              ) : null,
            },
            { key: 'periods', label: t('member.tab.periods'), disabled: editing, children: tab === 'periods' ? <PeriodsTimeline periods={periods} /> : null },
            ...(can('audit.read') ? [{ key: 'history', label: t('member.tab.history'), disabled: editing, children: tab === 'history' ? <HistoryTab memberId={m.id} version={m.rowVersion} unitNames={unitNames} events={events.data} /> : null }] : []),
          ]}
        />
      </Card>
      <CounsellingSection memberId={m.id} canWrite={canWrite} />
      {dialog && (
        <EventDialog
          key={dialog.requestKey}
          kind={dialog.kind}
          requestKey={dialog.requestKey}
          member={m}
          actions={actions.data}
          events={events.data ?? []}
          units={units}
          onClose={() => setDialog(null)}
          onRecorded={(answer) => recorded(dialog.kind, answer)}
          onReload={reloadAll}
          initialValues={{ reason: dialog.reason }}
        />
      )}
    </>
  );
}
