// Dates: the API speaks YYYY-MM-DD, people read dd/mm/yyyy.
import dayjs, { type Dayjs } from 'dayjs';

export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATETIME_FORMAT = 'DD/MM/YYYY HH:mm';
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** "1970-03-12" → "12/03/1970"; anything else unchanged; null → "". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const day = iso.slice(0, 10);
  if (!ISO.test(day)) return iso;
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format(DATETIME_FORMAT) : iso;
}

export function toIso(d: Dayjs | null | undefined): string | null {
  return d && d.isValid() ? d.format('YYYY-MM-DD') : null;
}

export function fromIso(iso: string | null | undefined): Dayjs | null {
  if (!iso || !ISO.test(iso.slice(0, 10))) return null;
  const d = dayjs(iso.slice(0, 10), 'YYYY-MM-DD');
  return d.isValid() ? d : null;
}

/**
 * Today in Vietnam, as the server counts it (src/domain/dates.ts), whatever the browser's time zone: a
 * statistics page opened "today" must ask for the server's today, which the roll-up answers (any other
 * day is recounted from the history).
 */
export { todayIso } from '../../../src/domain/dates.ts';

/** Full years between a birth date and today. */
export function ageOf(birthIso: string | null | undefined): number | null {
  const b = fromIso(birthIso);
  return b ? dayjs().diff(b, 'year') : null;
}
