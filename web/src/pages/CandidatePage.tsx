// A candidate's record: the person, who presented them, the stages as steps and a dated list, the next
// stages to record (each in a dialog with the party's rules checked live) and, after the ceremony, the
// link to the new member.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Steps, Timeline, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, CANDIDATE_STAGES, type Candidate, type RecordedStageAnswer } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';
import { useAuth } from '../lib/auth.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { newRequestKey } from '../lib/requestKey.ts';
import { ageOf, formatDate } from '../lib/dates.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { InfoGrid } from '../components/InfoGrid.tsx';
import { StageDialog } from '../components/StageDialog.tsx';
import { StageTag } from './CandidatesPage.tsx';

type Stage = (typeof CANDIDATE_STAGES)[number];

function stageDetail(t: ReturnType<typeof useT>, s: Candidate['stages'][number]): string {
  const d = s.details as Record<string, unknown>;
  const parts: string[] = [];
  if (s.documentNumber) parts.push(s.stage === 'course' ? `${t('candidate.detail.certificate')} ${s.documentNumber}` : s.documentNumber);
  if (s.issuedBy) parts.push(s.issuedBy);
  if (Array.isArray(d.sponsors)) {
    const names = (d.sponsors as Array<{ fullName?: string | null }>).map((x) => x.fullName).filter(Boolean);
    parts.push(names.length ? names.join(', ') : t('candidate.detail.sponsors', { count: d.sponsors.length }));
    if (d.sponsorBody) parts.push(enumLabel(t, 'sponsorBody', String(d.sponsorBody)));
  }
  if (typeof d.votesInFavour === 'number') {
    const total = typeof d.officialMembers === 'number' ? d.officialMembers : typeof d.officialMembersOnRoll === 'number' ? d.officialMembersOnRoll : '…';
    parts.push(t('candidate.detail.votes', { yes: d.votesInFavour, total }));
  }
  if (typeof d.memberId === 'number') parts.push(t('candidate.detail.member', { id: d.memberId }));
  if (s.note) parts.push(s.note);
  return parts.join(' · ');
}

export default function CandidatePage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const state = useAsync(() => api.candidate(id), [id]);
  const [dialog, setDialog] = useState<{ stage: Stage; key: string } | null>(null);
  const [params, setParams] = useSearchParams();
  const c = state.data;
  // Opened from a work queue with the next stage: its dialog, once the record is loaded.
  const wanted = params.get('stage');
  useEffect(() => {
    if (!c || !wanted) return;
    if (c.nextStages.includes(wanted) && can('member.write')) setDialog({ stage: wanted as Stage, key: newRequestKey() });
    setParams((p) => { const n = new URLSearchParams(p); n.delete('stage'); return n; }, { replace: true });
  }, [c, wanted, can, setParams]);
  if (state.error) return <ErrorState error={state.error} onRetry={() => void state.reload()} />;
  if (!c) return <Skeleton active />;

  const current = CANDIDATE_STAGES.indexOf(c.stage as Stage);
  const dateOf = (stage: Stage) => [...c.stages].reverse().find((s) => s.stage === stage)?.date;
  const onRecorded = (answer: RecordedStageAnswer) => {
    setDialog(null);
    state.setData(answer.candidate);
    if (answer.candidate.memberId) message.success(t('stageForm.admitted', { name: answer.candidate.fullName }));
    else message.success(t('stageForm.recorded', { stage: enumLabel(t, 'candidateStage', answer.candidate.stage) }));
  };
  const age = ageOf(c.birthDate);
  const v = (x: string | null) => x ?? <span className="muted">—</span>;

  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.candidates'), to: '/candidates' }, { title: c.fullName }]}
        title={<span data-testid="candidate-name">{c.fullName}</span>}
        tags={<StageTag stage={c.stage} />}
        subtitle={<Link to={`/units/${c.unitId}`}>{c.unitName}</Link>}
        extra={can('member.write') && c.nextStages.map((s) => (
          <Button key={s} type={s === c.nextStages.at(-1) ? 'primary' : 'default'} onClick={() => setDialog({ stage: s as Stage, key: newRequestKey() })} data-testid={`record-${s}`}>
            {t('candidate.record', { stage: enumLabel(t, 'candidateStage', s) })}
          </Button>
        ))}
      />
      {c.memberId && (
        <Alert
          type="success" showIcon style={{ marginBottom: 16 }} data-testid="candidate-admitted"
          title={t('candidate.admitted', { date: formatDate(dateOf('ceremony') ?? c.stageDate) })}
          action={<Link to={`/members/${c.memberId}`} data-testid="candidate-member-link"><Button icon={<TeamOutlined />}>{t('candidate.memberLink')}</Button></Link>}
        />
      )}
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          status={c.memberId ? 'finish' : 'process'}
          responsive
          data-testid="candidate-steps"
          items={CANDIDATE_STAGES.map((s, i) => ({
            title: enumLabel(t, 'candidateStage', s),
            description: i <= current && dateOf(s) ? <span className="numeric">{formatDate(dateOf(s)!)}</span> : undefined,
          }))}
        />
      </Card>
      <Flex gap={16} wrap align="flex-start">
        <Flex vertical gap={16} style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Card size="small" title={t('candidate.section.profile')}>
            <InfoGrid items={[
              { key: 'sex', label: t('field.sex'), value: enumLabel(t, 'sex', c.sex) },
              { key: 'birthDate', label: t('field.birthDate'), value: <span className="numeric">{formatDate(c.birthDate)}{age !== null && <span className="muted"> ({t('member.age', { age })})</span>}</span> },
              { key: 'citizenId', label: t('field.citizenId'), value: v(c.citizenId) },
              { key: 'ethnicity', label: t('field.ethnicity'), value: v(c.ethnicity) },
              { key: 'religion', label: t('field.religion'), value: v(c.religion) },
              { key: 'educationGeneral', label: t('field.educationGeneral'), value: v(c.educationGeneral) },
              { key: 'occupation', label: t('field.occupation'), value: v(c.occupation) },
              { key: 'youthUnionMember', label: t('candidates.form.youthUnionMember'), value: c.youthUnionMember ? t('common.yes') : t('common.no') },
              { key: 'privateBusinessOwner', label: t('candidates.form.privateBusinessOwner'), value: c.privateBusinessOwner ? t('common.yes') : t('common.no') },
            ]} />
          </Card>
          <Card size="small" title={t('candidate.section.work')}>
            <InfoGrid items={[
              { key: 'source', label: t('candidates.form.source'), value: enumLabel(t, 'candidateSource', c.source) },
              { key: 'sourceOrganization', label: t('candidates.form.sourceOrganization'), value: v(c.sourceOrganization) },
              { key: 'workplace', label: t('candidates.form.workplace'), value: v(c.workplace), full: true },
            ]} />
          </Card>
        </Flex>
        <Card size="small" title={t('candidate.section.stages')} style={{ flex: '1 1 380px', minWidth: 0 }} data-testid="candidate-stages">
          {c.stages.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
            <Timeline items={[...c.stages].reverse().map((s) => ({
              key: s.id,
              color: s.stage === 'ceremony' ? 'green' : 'blue',
              content: (
                <div data-testid="stage-item" data-stage={s.stage}>
                  <Typography.Text strong>{enumLabel(t, 'candidateStage', s.stage)}</Typography.Text> <span className="numeric muted">{formatDate(s.date)}</span>
                  <div className="muted">{stageDetail(t, s)}</div>
                </div>
              ),
            }))} />
          )}
        </Card>
      </Flex>
      {dialog && (
        <StageDialog
          stage={dialog.stage} requestKey={dialog.key} candidate={c}
          onClose={() => setDialog(null)} onRecorded={onRecorded}
          onReload={async () => { await state.reload(); }}
        />
      )}
    </>
  );
}
