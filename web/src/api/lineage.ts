// GET /api/units/:id/lineage: a unit's versions, and the units it came from and went into.
import { get } from './client.ts';
import type { UnitLineage } from '../../../src/db/repos/lineage.ts';

export type { LineageLink, UnitLineage } from '../../../src/db/repos/lineage.ts';

export const unitLineage = (id: number) => get<UnitLineage>(`/units/${id}/lineage`);
