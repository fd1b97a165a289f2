// One function per API route the UI uses.
import { get, patch, post } from './client.ts';
import type {
  AuditEntry, Me, Member, MemberFilter, MemberPage, MemberPeriod, MemberProfile, NewUnit, NewUser,
  UnitChange, UnitDetail, UnitSummary, UnitVersion, UserView,
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

  users: () => get<UserView[]>('/users'),
  createUser: (body: NewUser) => post<UserView>('/users', body),
};
