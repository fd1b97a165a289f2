// One function per API route the UI uses.
import { get, patch, post, put, queryString } from './client.ts';
import type {
  RecruitmentReport, Candidate, CandidateFilter, CandidatePage, CandidateProfile, NewCandidate, RecordedStageAnswer, StageCheck, StageInput,
  AttritionReport, AuditEntry, MemberCounts, MovementsReport, Counselling, CounsellingInput, EventCheck, Meeting, MeetingInput, MeetingSummary, WorkQueues, EventInput, Me, Member, MemberActions, MemberEvent, MemberFilter, MemberPage, MemberPeriod, MemberProfile,
  DocumentDetail, DocumentListItem, DocumentTask, DocumentTaskChange, FollowUp, IndicatorResult, NewDocument, NewDocumentTask, ProgressReport, ReviewDraft,
  NewUnit, NewUser, RecordedEventAnswer, UnitChange, UnitDetail, UnitSummary, UnitVersion, UserView,
  EvaluationCampaign, EvaluationRow, EvaluationPatch, EvaluationReport, EvaluationResults, WeakUnit, WeakUnitInput, WeakUnitsReport,
  RestructureInput, RestructurePreview, RestructuringRecord,
} from './types.ts';

export * from './types.ts';
export { ApiError, setUnauthorizedHandler, type FieldError } from './client.ts';

export const api = {
  login: (username: string, password: string) => post<Me>('/auth/login', { username, password }),
  logout: () => post<{ ok: boolean }>('/auth/logout', {}),
  me: () => get<Me>('/auth/me'),

  unitRoots: (asOf?: string) => get<UnitSummary[]>(asOf ? `/units/roots?asOf=${asOf}` : '/units/roots'),
  unitChildren: (id: number, asOf?: string) => get<UnitSummary[]>(`/units/${id}/children`, { asOf }),
  /** With `date`, the units of that date under their names and codes of that date. */
  unitSearch: (q: string, limit = 20, signal?: AbortSignal, date?: string) => get<UnitSummary[]>('/units/search', { q, limit, date }, signal),
  /** The unit that held a code on a date (codes are reused). */
  resolveUnitCode: (code: string, date?: string) => get<{ id: number; code: string; name: string; kind: string; date: string }>('/units/resolve', { code, date }),
  restructurePreview: (body: RestructureInput) => post<RestructurePreview>('/restructurings/preview', body),
  restructure: (body: RestructureInput) => post<RestructuringRecord>('/restructurings', body),
  restructurings: (unitId: number) => get<RestructuringRecord[]>('/restructurings', { unitId }),
  undoRestructuring: (id: number, note?: string | null) => post<RestructuringRecord>(`/restructurings/${id}/undo`, { note: note ?? null }),
  unit: (id: number) => get<UnitDetail>(`/units/${id}`),
  unitVersions: (id: number) => get<UnitVersion[]>(`/units/${id}/versions`),
  unitHistory: (id: number) => get<AuditEntry[]>(`/units/${id}/history`),
  createUnit: (body: NewUnit) => post<UnitDetail>('/units', body),
  updateUnit: (id: number, body: UnitChange) => patch<UnitDetail>(`/units/${id}`, body),

  members: (filter: MemberFilter, signal?: AbortSignal) => get<MemberPage>('/members', { ...filter }, signal),
  member: (id: number) => get<Member>(`/members/${id}`),
  memberPeriods: (id: number) => get<MemberPeriod[]>(`/members/${id}/periods`),
  memberHistory: (id: number) => get<AuditEntry[]>(`/members/${id}/history`),
  updateMember: (id: number, body: Partial<MemberProfile> & { rowVersion: number }) => patch<Member>(`/members/${id}`, body),
  memberEvents: (id: number) => get<MemberEvent[]>(`/members/${id}/events`),
  memberActions: (id: number) => get<MemberActions>(`/members/${id}/actions`),
  /** The rule checks of an event, nothing stored. */
  checkMemberEvent: (id: number, body: EventInput, signal?: AbortSignal) => post<EventCheck>(`/members/${id}/events/check`, body, signal),
  /** Records an event: 201 (or 200 with `replayed` when the requestKey was already used), 400 with the refusing rules, 409 on a concurrent change. */
  recordMemberEvent: (id: number, body: EventInput & { rowVersion: number; requestKey: string }) => post<RecordedEventAnswer>(`/members/${id}/events`, body),

  counselling: (id: number) => get<Counselling[]>(`/members/${id}/counselling`),
  addCounselling: (id: number, body: CounsellingInput) => post<Counselling>(`/members/${id}/counselling`, body),

  /** Work queues of the user's scope (or of a unit in it). */
  queues: (unitId?: number) => get<WorkQueues>('/queues', { unitId }),
  /** Months of a year in which the cell met, with counts. */
  meetings: (unitId: number, year: number) => get<MeetingSummary[]>(`/units/${unitId}/meetings`, { year }),
  /** The meeting of a month ('YYYY-MM') with the cell's roll that month. */
  meeting: (unitId: number, month: string) => get<Meeting>(`/units/${unitId}/meetings/${month}`),
  saveMeeting: (unitId: number, month: string, body: MeetingInput) => put<Meeting>(`/units/${unitId}/meetings/${month}`, body),

  attrition: (unitId: number, since: string, until: string) => get<AttritionReport>('/reports/attrition', { unitId, since, until }),
  /** The URL of the attrition report as a spreadsheet (a plain link: the browser downloads it). */
  attritionXlsxUrl: (unitId: number, since: string, until: string) => `/api/reports/attrition${queryString({ unitId, since, until })}&format=xlsx`,

  /** The roll of a unit's subtree on a date with the breakdowns of Biểu 3 (computed from the history). */
  memberCounts: (unitId: number, asOf: string) => get<MemberCounts>('/reports/members', { unitId, asOf }),
  memberCountsUrl: (unitId: number, asOf: string, format: 'csv' | 'xlsx') => `/api/reports/members${queryString({ unitId, asOf, format })}`,
  /** Increases and decreases over a period (Biểu 1), with the same period a year earlier and the people. */
  movements: (unitId: number, from: string, to: string) => get<MovementsReport>('/reports/movements', { unitId, from, to }),
  movementsUrl: (unitId: number, from: string, to: string, format: 'csv' | 'xlsx') => `/api/reports/movements${queryString({ unitId, from, to, format })}`,
  candidates: (filter: CandidateFilter, signal?: AbortSignal) => get<CandidatePage>('/candidates', { ...filter }, signal),
  candidate: (id: number) => get<Candidate>(`/candidates/${id}`),
  createCandidate: (body: NewCandidate) => post<Candidate>('/candidates', body),
  updateCandidate: (id: number, body: Partial<CandidateProfile> & { rowVersion: number }) => patch<Candidate>(`/candidates/${id}`, body),
  /** The rule checks of a stage, nothing stored. */
  checkCandidateStage: (id: number, body: StageInput, signal?: AbortSignal) => post<StageCheck>(`/candidates/${id}/stages/check`, body, signal),
  /** Records a stage (the ceremony creates the member): 201, or 200 with `replayed`; 400 with the refusing rules; 409 on a concurrent change. */
  recordCandidateStage: (id: number, body: StageInput & { rowVersion: number; requestKey: string }) => post<RecordedStageAnswer>(`/candidates/${id}/stages`, body),

  /** A unit's admission target for a year, the year's admissions and the candidates by stage and source. */
  recruitment: (year: number, unitId?: number) => get<RecruitmentReport>('/reports/recruitment', { year, unitId }),
  setAdmissionTarget: (unitId: number, year: number, body: { target: number; rowVersion: number | null }) => put<{ ok: boolean }>(`/units/${unitId}/admission-targets/${year}`, body),
  evaluationCampaigns: (year?: number) => get<EvaluationCampaign[]>('/evaluation/campaigns', { year }),
  createEvaluationCampaign: (body: { year: number; quarter?: number | null; rootUnitId: number; reviewDate?: string | null; capException?: boolean }) => post<EvaluationCampaign>('/evaluation/campaigns', body),
  /** The unit's members and organizations in the campaign, with the rule check of the decided (or proposed) levels. */
  evaluationUnit: (campaignId: number, unitId: number, check: 'decided' | 'proposed' = 'decided') =>
    get<{ campaign: EvaluationCampaign; unit: { id: number; code: string; name: string; kind: string }; rows: EvaluationRow[]; report: EvaluationReport }>(`/evaluation/campaigns/${campaignId}/units/${unitId}`, { check }),
  saveEvaluation: (campaignId: number, unitId: number, ratings: EvaluationPatch[]) => put<{ saved: number }>(`/evaluation/campaigns/${campaignId}/units/${unitId}/ratings`, { ratings }),
  decideEvaluation: (campaignId: number, unitId: number) => post<{ locked: number }>(`/evaluation/campaigns/${campaignId}/units/${unitId}/decide`, {}),
  reopenEvaluation: (campaignId: number, unitId: number, reason: string) => post<{ reopened: number }>(`/evaluation/campaigns/${campaignId}/units/${unitId}/reopen`, { reason }),
  evaluationResults: (unitId: number, year: number) => get<EvaluationResults>('/reports/evaluation', { unitId, year }),
  evaluationXlsxUrl: (unitId: number, year: number) => `/api/reports/evaluation${queryString({ unitId, year })}&format=xlsx`,
  weakUnitsReport: (unitId: number, year: number) => get<WeakUnitsReport>('/reports/weak-units', { unitId, year }),
  weakUnitsXlsxUrl: (unitId: number, year: number) => `/api/reports/weak-units${queryString({ unitId, year })}&format=xlsx`,
  saveWeakUnit: (body: WeakUnitInput) => put<WeakUnit>('/weak-units', body),
  weakUnitSuggestions: (unitId: number, year: number) =>
    get<Array<{ unitId: number; code: string; name: string; kind: string; category: string; level: string | null; previousLevel: string | null; reasons: Array<{ code: string; vi: string; en: string }> }>>('/weak-units/suggestions', { unitId, year }),
  documents: (filter: { q?: string; kind?: string; unitId?: number; year?: number; implementsId?: number }, signal?: AbortSignal) => get<DocumentListItem[]>('/documents', filter, signal),
  document: (id: number) => get<DocumentDetail>(`/documents/${id}`),
  createDocument: (body: NewDocument) => post<DocumentDetail>('/documents', body),
  addDocumentTasks: (id: number, tasks: NewDocumentTask[]) => post<DocumentTask[]>(`/documents/${id}/tasks`, { tasks }),
  updateDocumentTask: (id: number, taskId: number, body: DocumentTaskChange) => patch<DocumentTask>(`/documents/${id}/tasks/${taskId}`, body),
  documentReports: (id: number, period?: string) => get<ProgressReport[]>(`/documents/${id}/reports`, { period }),
  saveProgressReport: (id: number, taskId: number, period: string, body: { body: string; evidence?: string[] }) => put<ProgressReport>(`/documents/${id}/tasks/${taskId}/reports/${period}`, body),
  followUp: (id: number, query: { period: string; depth?: number; unitId?: number; asOf?: string }) => get<FollowUp>(`/documents/${id}/follow-up`, query),
  followUpXlsxUrl: (id: number, query: { period: string; depth?: number; asOf?: string }) => `/api/documents/${id}/follow-up${queryString({ ...query, format: 'xlsx' })}`,
  indicatorResults: (id: number, unitId: number, year: number) => get<IndicatorResult[]>(`/documents/${id}/indicators`, { unitId, year }),
  setIndicatorTarget: (indicatorId: number, body: { unitId: number; year: number; target: number }) => put<{ ok: boolean }>(`/indicators/${indicatorId}/targets`, body),
  reportIndicatorValue: (indicatorId: number, body: { unitId: number; year: number; value: number; note?: string | null }) => put<{ ok: boolean }>(`/indicators/${indicatorId}/values`, body),
  reviewDrafts: (id: number) => get<ReviewDraft[]>(`/documents/${id}/reviews`),
  createReviewDraft: (id: number, body: { kind: 'so_ket' | 'tong_ket'; from: string; to: string; unitId?: number }) => post<ReviewDraft>(`/documents/${id}/reviews`, body),

  users: () => get<UserView[]>('/users'),
  createUser: (body: NewUser) => post<UserView>('/users', body),
};
