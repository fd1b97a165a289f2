// Working visits, their conclusion notice and directives (issue 9 §6): types and calls.
import { get, patch, post } from './client.ts';

export interface VisitListItem {
  id: number; title: string; kind: string; status: string; issuingUnitId: number; issuingUnitName: string;
  startsOn: string; endsOn: string; unitNames: string[]; noticeNumber: string | null;
  directives: number; openDirectives: number; overdueDirectives: number;
}
export interface DirectiveProgress { id: number; reportedOn: string; note: string; evidence: string[]; recordedBy: string }
export interface Directive {
  id: number; visitId: number; ordinal: number; text: string; responsibleUnitId: number; responsibleUnitCode: string; responsibleUnitName: string;
  owner: string | null; deadline: string | null; status: string; overdue: boolean; doneOn: string | null; evidence: string[]; rowVersion: number;
  progress: DirectiveProgress[]; editable: boolean;
}
export interface VisitNotice {
  id: number; number: string; kind: string; issuedOn: string; place: string; signerName: string; signerTitle: string; body: string; recipients: string[]; issuingUnitName: string;
}
export interface Delegate { fullName: string; title: string; homeBody: string; role: string }
export interface VisitDetail extends VisitListItem {
  issuingUnitCode: string; topics: string[]; findings: string | null; note: string | null; rowVersion: number;
  delegates: Array<Delegate & { id: number; ordinal: number }>;
  units: Array<{ unitId: number; code: string; name: string; visitedOn: string }>;
  documents: Array<{ id: number; number: string; title: string; issuedOn: string }>;
  notice: VisitNotice | null; directiveList: Directive[]; editable: boolean;
}
export interface NewVisit {
  title: string; kind: string; issuingUnitId: number; startsOn: string; endsOn: string; topics?: string[]; findings?: string | null;
  delegates?: Delegate[]; units?: Array<{ unitId: number; visitedOn: string }>; documentIds?: number[];
}
export interface NewDirective { text: string; responsibleUnitId?: number | null; owner?: string | null; deadline?: string | null }
export interface Conclusion {
  rowVersion: number;
  notice: { number: string; issuedOn: string; place: string; signerName: string; signerTitle: string; body: string; recipients?: string[] };
  directives: NewDirective[];
}
export interface DirectiveFollowUp { rowVersion: number; note?: string | null; evidence?: string[]; status?: string; doneOn?: string | null; owner?: string | null }

export const visitsApi = {
  list: (query: { unitId?: number; status?: string } = {}) => get<VisitListItem[]>('/visits', query),
  get: (id: number) => get<VisitDetail>(`/visits/${id}`),
  create: (body: NewVisit) => post<VisitDetail>('/visits', body),
  update: (id: number, body: Partial<NewVisit> & { status?: 'preparation' | 'visited'; rowVersion: number }) => patch<VisitDetail>(`/visits/${id}`, body),
  conclude: (id: number, body: Conclusion) => post<VisitDetail>(`/visits/${id}/conclusion`, body),
  followUp: (directiveId: number, body: DirectiveFollowUp) => post<Directive>(`/directives/${directiveId}/follow-up`, body),
  /** A plain link: the browser downloads the notice. */
  noticeDocxUrl: (id: number) => `/api/visits/${id}/notice.docx`,
};
