// Dissemination sessions (học tập, quán triệt), their coverage, and the motto's breakthrough (issue 9 §4–5).
import { get, post, put } from './client.ts';
export { BREAKTHROUGHS } from '../../../src/domain/documents/dissemination.ts';
export type { SessionAttendance } from '../../../src/commands/dissemination.ts';
export type { UnitDocuments, UnitDocumentRow } from '../../../src/reports/unit-documents.ts';
import type { RollEntry, SessionAttendance } from '../../../src/commands/dissemination.ts';
import type { UnitDocuments } from '../../../src/reports/unit-documents.ts';
export type { RollEntry };

export interface DisseminationSession {
  id: number; unitId: number; unitCode: string; unitName: string; heldOn: string; kind: string; title: string; place: string | null;
  documents: Array<{ id: number; number: string; title: string }>;
  expectedMembers: number; expectedOthers: number; attendedMembers: number; attendedOthers: number; attendanceMode: string; note: string | null;
  absences: Array<{ memberId: number; fullName: string; reason: string }>;
}
export interface NewDisseminationSession {
  unitId: number; heldOn: string; kind?: string; title: string; place?: string | null; documentIds: number[];
  expectedOthers?: number; attendedMembers?: number | null; attendedOthers?: number | null;
  attendance?: Array<{ memberId: number; present: boolean; absenceReason?: string | null }> | null;
}
export interface BreakthroughInput { breakthrough: string; measures: string[]; documentId?: number | null }
export interface DisseminationCoverageRow {
  unitId: number; code: string; name: string; kind: string; sessions: number; attended: number; expected: number; lastHeldOn: string | null;
  held: boolean; coveredBy: 'own' | 'ancestor' | null;
}
export interface DisseminationCoverage {
  unit: { id: number; code: string; name: string }; asOf: string; sessions: number; attended: number; expected: number;
  units: DisseminationCoverageRow[]; notHeld: string[];
}
export interface MottoBreakthrough {
  unitId: number; unitName: string; year: number; breakthrough: string; label: string; measures: string[]; documentId: number | null; documentNumber: string | null;
}

export const disseminationApi = {
  sessions: (documentId: number) => get<DisseminationSession[]>(`/documents/${documentId}/dissemination`),
  record: (body: NewDisseminationSession) => post<DisseminationSession>('/dissemination-sessions', body),
  coverage: (documentId: number, unitId: number) => get<DisseminationCoverage>('/reports/dissemination', { documentId, unitId }),
  breakthroughs: (unitId: number) => get<MottoBreakthrough[]>(`/units/${unitId}/breakthroughs`),
  setBreakthrough: (unitId: number, year: number, body: BreakthroughInput) => put<MottoBreakthrough>(`/units/${unitId}/breakthroughs/${year}`, body),
  /** Who a session of the unit on the day expects: the roll of its subtree that day (the service's own). */
  roll: (unitId: number, date: string) => get<RollEntry[]>('/dissemination-roll', { unitId, date }),
  attendance: (sessionId: number) => get<SessionAttendance>(`/dissemination-sessions/${sessionId}/attendance`),
  unitDocuments: (unitId: number, asOf?: string) => get<UnitDocuments>(`/units/${unitId}/documents-to-implement`, { asOf }),
};
