// The unit a report page shows, kept in the URL (`unitId`, absent for the user's own scope), with the label
// the unit picker needs before it has searched: the picked unit's, the scope's, or the report's own.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, type UnitSummary } from '../api/index.ts';
import { useMe } from './auth.tsx';
import { useAsync } from './useAsync.ts';

type Label = { id: number; name: string; code: string; kind: string };

/** The URL's query as state: `set({ k: v | null })` replaces (null removes) without a new history entry. */
export function useQueryState() {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return next;
  }, { replace: true });
  return { params, set };
}

export function useUnitParam(fromReport: Label | null) {
  const me = useMe();
  const { params, set } = useQueryState();
  const unitId = Number(params.get('unitId')) || me.scopeUnitId;
  const scope = useAsync(() => api.unit(me.scopeUnitId), [me.scopeUnitId]);
  const [picked, setPicked] = useState<Label | null>(null);
  const initial = useMemo(() => {
    if (picked && picked.id === unitId) return picked;
    const s = scope.data;
    return s && s.id === unitId ? { id: s.id, name: s.name, code: s.code, kind: s.kind } : fromReport && fromReport.id === unitId ? fromReport : null;
  }, [picked, unitId, scope.data, fromReport]);
  const onChange = (v: number | null, u?: UnitSummary) => {
    if (!v) return;
    if (u) setPicked({ id: u.id, name: u.name, code: u.code, kind: u.kind });
    set({ unitId: v === me.scopeUnitId ? null : String(v) });
  };
  return { unitId, initial, onChange, params, set };
}
