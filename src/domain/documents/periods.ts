// Reporting periods of an implementation plan (quarter, half-year, year) and when a report is due.
// The texts set no common deadline: each resolution or plan says when its reports are due, so the number
// of days after the period's end is a setting of the document (report_due_days), 10 by default.
import { addDays, isIsoDate } from '../dates.ts';
import { ValidationError, type FieldError } from '../errors.ts';

export type PeriodKind = 'quarter' | 'half' | 'year';

export interface Period {
  /** '2017-Q1', '2016-H2', '2016'. */
  code: string;
  kind: PeriodKind;
  year: number;
  /** First and last day, inclusive. */
  start: string;
  end: string;
}

export const DEFAULT_REPORT_DUE_DAYS = 10;

const PERIOD = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;

export function parsePeriod(raw: string, field = 'period'): { ok: true; value: Period } | { ok: false; errors: FieldError[] } {
  const text = (raw ?? '').trim().toUpperCase();
  const m = PERIOD.exec(text);
  if (!m) return { ok: false, errors: [{ field, code: 'format', message: `Kỳ báo cáo "${raw}" phải có dạng 2017-Q1 (quý), 2017-H1 (6 tháng) hoặc 2017 (năm)` }] };
  const year = Number(m[1]);
  if (year < 1930 || year > 2100) return { ok: false, errors: [{ field, code: 'range', message: `Năm ${year} của kỳ báo cáo không hợp lệ` }] };
  const part = m[2];
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  let first = 1;
  let last = 12;
  let kind: PeriodKind = 'year';
  if (part?.startsWith('Q')) { const q = Number(part[1]); first = (q - 1) * 3 + 1; last = q * 3; kind = 'quarter'; }
  else if (part?.startsWith('H')) { const h = Number(part[1]); first = (h - 1) * 6 + 1; last = h * 6; kind = 'half'; }
  return { ok: true, value: { code: part ? `${year}-${part}` : String(year), kind, year, start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay(last))}` } };
}

export function periodOrThrow(raw: string, field = 'period'): Period {
  const p = parsePeriod(raw, field);
  if (!p.ok) throw new ValidationError(p.errors, p.errors[0]!.message);
  return p.value;
}

/** The last day on which a report for the period is on time. */
export function reportDueDate(period: Period, dueDays: number = DEFAULT_REPORT_DUE_DAYS): string {
  return addDays(period.end, dueDays);
}

/** A report is late when submitted (or, unsubmitted, looked at) after its due date; the due date itself is on time. */
export function isLate(dueDate: string, onDate: string): boolean {
  return onDate > dueDate;
}

/** The periods of a kind that end on or before a date, from a start date (for review drafts and overviews). */
export function periodsBetween(from: string, to: string, kind: PeriodKind): Period[] {
  if (!isIsoDate(from) || !isIsoDate(to) || to < from) return [];
  const out: Period[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const codes = kind === 'year' ? [String(y)] : kind === 'half' ? [`${y}-H1`, `${y}-H2`] : [1, 2, 3, 4].map((q) => `${y}-Q${q}`);
    for (const c of codes) {
      const p = parsePeriod(c);
      if (p.ok && p.value.end >= from && p.value.start <= to) out.push(p.value);
    }
  }
  return out;
}
