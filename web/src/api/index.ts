// One function per API route the UI uses.
import { get, patch, post, put, queryString } from './client.ts';
import type {
  DocumentDetail, DocumentListItem, DocumentTask, DocumentTaskChange, FollowUp, IndicatorResult, NewDocument, NewDocumentTask, ProgressReport, ReviewDraft,
  AttritionReport, AuditEntry, Counselling, CounsellingInput, EventCheck, Meeting, MeetingInput, MeetingSummary, WorkQueues, EventInput, Me, Member, MemberActions, MemberEvent, MemberFilter, MemberPage, MemberPeriod, MemberProfile,
  NewUnit, NewUser, RecordedEventAnswer, UnitChange, UnitDetail, UnitSummary, UnitVersion, UserView,
} from './types.ts';

export * from './types.ts';
export { ApiError, setUnauthorizedHandler, type FieldError } from './client.ts';

export const api = {
  login: (username: string, password: string) => post<Me>('/auth/login', { username, password }),
  logout: () => post<{ ok: boolean }>('/auth/logout', {}),
  me: () => get<Me>('/auth/me'),

  unitRoots: (asOf?: string) => get<UnitSummary[]>(asOf ? `/units/roots?asOf=${asOf}` : '/units/roots'),
  unitChildren: (id: number, asOf?: string) => get<UnitSummary[]>(`/units/${id}/children`, { asOf }),
  unitSearch: (q: string, limit = 20, signal?: AbortSignal) => get<UnitSummary[]>('/units/search', { q, limit }, signal),
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
