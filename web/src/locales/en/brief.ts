// The delegation's brief (issue 10 §6).
import type { briefVi } from '../vi/brief.ts';

export const briefEn: Record<keyof typeof briefVi, string> = {
  'nav.brief': 'Delegation brief',
  'brief.title': 'Brief for a working delegation',
  'brief.subtitle': 'A unit\'s figures on a day for each of the delegation\'s questions: dissemination, organizations to consolidate, cadres who asked to quit, members who abandoned activities, ratings, recruitment, directives',
  'brief.unit': 'Unit',
  'brief.asOf': 'Figures as of',
  'brief.since': 'Since (resignations, attrition)',
  'brief.document': 'Resolution disseminated',
  'brief.documentAuto': 'Automatic: the resolution in force most disseminated',
  'brief.year': 'Rating year',
  'brief.pdf': 'Download PDF',
  'brief.xlsx': 'Download Excel',
  'brief.stat.weak': 'Organizations to consolidate in {year}',
  'brief.stat.resignations': 'Cadres who asked to quit',
  'brief.stat.settled': 'Attrition cases settled',
  'brief.stat.admitted': 'Members admitted in {year}',
  'brief.stat.directives': 'Directives of delegations',
};
