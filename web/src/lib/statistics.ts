// Pure helpers of the statistics page: Vietnamese number formats, the bars of a breakdown, the quick periods.
import { UNKNOWN, type FormRow } from '../../../src/domain/statistics/breakdowns.ts';

// Numbers read the Vietnamese way in both languages (1.234; 12,5%), as in the printed forms.
const INT = new Intl.NumberFormat('vi-VN');
const DEC = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const fmt = (n: number) => INT.format(n);
export const fmtDecimal = (n: number) => DEC.format(n);
/** `n` as a share of `of`, one decimal; a dash when there is nothing to divide by. */
export const pct = (n: number, of: number) => (of > 0 ? `${DEC.format((n / of) * 100)}%` : '—');

export const sum = (o: Record<string, number>, keep: (k: string) => boolean = () => true) =>
  Object.entries(o).reduce((a, [k, n]) => (keep(k) ? a + n : a), 0);
/** Keys under which the API counts a missing profile value (a null column becomes the key "null" in JSON). */
export const isUnknown = (k: string) => k === UNKNOWN || k === 'null' || k === '';

export interface Bar { key: string; label: string; n: number }

/** The form's rows in order (zeros included: the form prints them), extra rows when non-zero, the rest as unknown. */
export function formBars(rows: readonly FormRow[], counts: Record<string, number>, lang: 'vi' | 'en', unknownLabel: string, extra: Record<string, string> = {}): Bar[] {
  const bars: Bar[] = rows.map((r) => ({ key: r.key, label: r[lang], n: counts[r.key] ?? 0 }));
  for (const [k, label] of Object.entries(extra)) if (counts[k]) bars.push({ key: k, label, n: counts[k] });
  const known = new Set([...rows.map((r) => r.key), ...Object.keys(extra)]);
  const rest = sum(counts, (k) => !known.has(k));
  if (rest) bars.push({ key: UNKNOWN, label: unknownLabel, n: rest });
  return bars;
}

/** Free-text categories (ethnicity, religion): the `top` largest, then the rest as one row, unknown last. */
export function topBars(counts: Record<string, number>, top: number, labels: { others: string; unknown: string }, label: (k: string) => string = (k) => k): Bar[] {
  const known = Object.entries(counts).filter(([k, n]) => n > 0 && !isUnknown(k)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'));
  const bars: Bar[] = known.slice(0, top).map(([k, n]) => ({ key: k, label: label(k), n }));
  const others = known.slice(top).reduce((a, [, n]) => a + n, 0);
  if (others) bars.push({ key: '__others', label: labels.others, n: others });
  const unknown = sum(counts, isUnknown);
  if (unknown) bars.push({ key: UNKNOWN, label: labels.unknown, n: unknown });
  return bars;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const parts = (d: string) => d.split('-').map(Number) as [number, number, number];

/** The quarters that have begun by `today`, latest first; the current one ends today. */
export function recentQuarters(today: string, count: number): Array<{ from: string; to: string; q: number; year: number }> {
  const out = [];
  let [year, month] = parts(today);
  let q = Math.floor((month - 1) / 3) + 1;
  for (let i = 0; i < count; i++) {
    const end = iso(year, q * 3 + 1, 0); // day 0 of the next month: the quarter's last day
    out.push({ from: iso(year, (q - 1) * 3 + 1, 1), to: end > today ? today : end, q, year });
    if (--q === 0) { q = 4; year--; }
  }
  return out;
}

/** The first day of the six months ending `today`: the same day six months back (or that month's last), plus one. */
export function sixMonthsBack(today: string): string {
  const [y, m, d] = parts(today);
  const last = new Date(Date.UTC(y, m - 1 - 6 + 1, 0)).getUTCDate();
  return iso(y, m - 6, Math.min(d, last) + 1);
}
