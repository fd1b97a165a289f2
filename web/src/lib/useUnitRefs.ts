// Names (and codes, kinds) of the units an event refers to by id: fetched once per page load, with the names
// the caller already knows (from the member's periods) as a fallback for units outside the user's scope.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/index.ts';

export interface UnitRef {
  id: number;
  name: string;
  code: string;
  kind: string;
}

const cache = new Map<number, UnitRef | null>();
const pending = new Set<number>();

export function useUnitRefs(ids: readonly number[], known: Record<number, string>): Record<number, UnitRef> {
  const [version, setVersion] = useState(0);
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let live = true;
    const missing = key ? key.split(',').map(Number).filter((id) => !cache.has(id) && !pending.has(id)) : [];
    for (const id of missing) {
      pending.add(id);
      api.unit(id)
        .then((u) => cache.set(id, { id, name: u.name, code: u.code, kind: u.kind }))
        .catch(() => cache.set(id, null))
        .finally(() => { pending.delete(id); if (live) setVersion((v) => v + 1); });
    }
    return () => { live = false; };
  }, [key]);
  return useMemo(() => {
    const out: Record<number, UnitRef> = {};
    for (const [id, name] of Object.entries(known)) out[Number(id)] = { id: Number(id), name, code: '', kind: 'cell' };
    for (const id of key ? key.split(',').map(Number) : []) {
      const ref = cache.get(id);
      if (ref) out[id] = ref;
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, known, version]);
}

/** The unit ids an event refers to. */
export function eventUnitIds(events: ReadonlyArray<{ unitId?: number | null; toUnitId?: number | null; hostUnitId?: number | null }>): number[] {
  const ids: number[] = [];
  for (const e of events) for (const id of [e.unitId, e.toUnitId, e.hostUnitId]) if (id) ids.push(id);
  return ids;
}
