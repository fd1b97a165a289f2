// The API of the resignation register, the enterprises and parks (issue 10 §3–4); types from the server's modules.
import { get, patch, post, queryString } from './client.ts';
import type { Resignation, ResignationInput } from '../../../src/commands/resignations.ts';
import type { Enterprise, EnterpriseInput, Park } from '../../../src/commands/enterprises.ts';
import type { ResignationReport, ResignationPerson } from '../../../src/reports/resignations.ts';
import type { EnterprisesWithoutParty } from '../../../src/reports/enterprises.ts';

export type { Resignation, ResignationInput, Enterprise, EnterpriseInput, Park, ResignationReport, ResignationPerson, EnterprisesWithoutParty };
export { RESIGNATION_LEVELS, RESIGNATION_OUTCOMES, RESIGNATION_REASONS } from '../../../src/domain/recruitment/resignations.ts';
export { OWNERSHIP_KINDS } from '../../../src/domain/recruitment/enterprises.ts';

export const recruitmentApi = {
  resignations: (query: { unitId?: number; since?: string; until?: string; reason?: string; outcome?: string; q?: string; page?: number; pageSize?: number }) =>
    get<{ total: number; page: number; pageSize: number; items: Resignation[] }>('/resignations', query),
  createResignation: (body: ResignationInput) => post<Resignation>('/resignations', body),
  updateResignation: (id: number, body: Partial<ResignationInput> & { rowVersion: number }) => patch<Resignation>(`/resignations/${id}`, body),
  addResignationCounselling: (id: number, body: { metOn: string; metBy: string; outcomeNote: string }) => post<Resignation>(`/resignations/${id}/counselling`, body),
  resignationReport: (unitId: number, since: string, until: string) => get<ResignationReport>('/reports/resignations', { unitId, since, until }),
  resignationXlsxUrl: (unitId: number, since: string, until: string) => `/api/reports/resignations${queryString({ unitId, since, until, format: 'xlsx' })}`,

  parks: (unitId?: number) => get<Park[]>('/industrial-parks', { unitId }),
  createPark: (body: { name: string; unitId: number; establishedOn?: string | null }) => post<Park>('/industrial-parks', body),
  enterprises: (query: { unitId?: number; parkId?: number; ownership?: string; withoutParty?: boolean; q?: string }) => get<Enterprise[]>('/enterprises', query),
  createEnterprise: (body: EnterpriseInput) => post<Enterprise>('/enterprises', body),
  updateEnterprise: (id: number, body: Partial<EnterpriseInput> & { rowVersion: number }) => patch<Enterprise>(`/enterprises/${id}`, body),
  withoutParty: (unitId?: number) => get<EnterprisesWithoutParty>('/enterprises/without-party', { unitId }),
  recruitmentXlsxUrl: (unitId: number, year: number) => `/api/reports/recruitment${queryString({ unitId, year, format: 'xlsx' })}`,
};
