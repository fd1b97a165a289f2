// Choose a unit by typing part of its name (diacritics optional) or its code: searched on the server.
import { useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { api, type UnitSummary } from '../api/index.ts';
import { enumLabel, useT } from '../locales/i18n.tsx';

export interface UnitSelectProps {
  value?: number | null;
  onChange?: (value: number | null, unit?: UnitSummary) => void;
  id?: string;
  placeholder?: string;
  /** Only units of these kinds are offered. */
  kinds?: readonly string[];
  /** A unit to show as the initial option (so the current value has a label). */
  initial?: { id: number; name: string; code: string; kind: string } | null;
  excludeIds?: readonly number[];
  allowClear?: boolean;
  status?: '' | 'error' | 'warning';
  /** Search the units of this date, under their names and codes of that date (codes are reused). */
  date?: string;
}

export function UnitSelect({ value, onChange, id, placeholder, kinds, initial, excludeIds, allowClear = true, status, date }: UnitSelectProps) {
  const t = useT();
  const [options, setOptions] = useState<UnitSummary[]>(initial ? [{ ...initial, parentId: null, childCount: 0, memberCount: 0 }] : []);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const ctrl = useRef<AbortController | null>(null);
  useEffect(() => () => { window.clearTimeout(timer.current); ctrl.current?.abort(); }, []);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = window.setTimeout(() => {
      ctrl.current?.abort();
      const c = new AbortController();
      ctrl.current = c;
      setLoading(true);
      api.unitSearch(q.trim(), 30, c.signal, date)
        .then((units) => setOptions(units.filter((u) => (!kinds || kinds.includes(u.kind)) && !excludeIds?.includes(u.id))))
        .catch(() => undefined)
        .finally(() => { if (ctrl.current === c) setLoading(false); });
    }, 250);
  };

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value ?? undefined}
      placeholder={placeholder}
      allowClear={allowClear}
      status={status}
      notFoundContent={loading ? <Spin size="small" /> : null}
      onChange={(v) => onChange?.(v ?? null, options.find((o) => o.id === v))}
      options={options.map((u) => ({ value: u.id, label: `${u.name} (${u.code}) · ${enumLabel(t, 'kind', u.kind)}` }))}
      style={{ width: '100%' }}
    />
  );
}
