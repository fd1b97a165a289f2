// The delegation's brief (issue 10 §6): the sections' reports and the document the PDF prints.
import { get, queryString } from './client.ts';
import type { BriefDocument } from '../../../src/reports/brief-document.ts';
import type { DelegationBrief } from '../../../src/reports/brief.ts';

export type { BriefBlock, BriefDocument } from '../../../src/reports/brief-document.ts';
export type BriefResponse = DelegationBrief & { document: BriefDocument };
export interface BriefQuery { unitId: number; asOf: string; since: string; documentId?: number; year?: number }

export const briefApi = {
  get: (q: BriefQuery, signal?: AbortSignal) => get<BriefResponse>('/reports/brief', { ...q }, signal),
  fileUrl: (q: BriefQuery, format: 'pdf' | 'xlsx') => `/api/reports/brief${queryString({ ...q, format })}`,
};
