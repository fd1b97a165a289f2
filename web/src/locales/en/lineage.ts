import type { lineageVi } from '../vi/lineage.ts';

export const lineageEn: Record<keyof typeof lineageVi, string> = {
  'lineage.title': 'Predecessors and successors',
  'lineage.predecessors': 'Formed from',
  'lineage.successors': 'Became, merged into',
  'lineage.none': 'No predecessor or successor',
  'lineage.established': 'Established {date}',
  'lineage.dissolved': 'Ended {date}',
  'lineage.date': 'Effective',
  'lineage.unit': 'Unit',
  'lineage.operation': 'Operation',
  'lineage.decision': 'Resolution, decision',
  'lineage.note': 'Note',
};
