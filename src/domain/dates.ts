// Calendar dates as 'YYYY-MM-DD' strings: no time zone can shift a decision date.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2017-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Vietnam keeps one time zone all year (UTC+7, no daylight saving). */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const vietnamDay = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayIso(now: Date = new Date()): string {
  // The users' calendar day, whatever the server's TZ: at 18:00 UTC it is already tomorrow in Vietnam, and a
  // deadline, a probation end or "today" in a form must agree between the browser and the server.
  return vietnamDay.format(now);
}

/** Adds whole calendar months; the day is clamped to the month's end (31/01 + 1 month = 28 or 29/02). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Full years between two dates (age on a date). */
export function fullYearsBetween(fromIso: string, toIso: string): number {
  const [fy, fm, fd] = fromIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = toIso.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
export function formatVietnameseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

// ---- Added for the member lifecycle (src/domain/lifecycle). ----

function toUtc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(dt: Date): string {
  return `${String(dt.getUTCFullYear()).padStart(4, '0')}-${String(dt.getUTCMonth() + 1).padStart(2, '0')}-${String(dt.getUTCDate()).padStart(2, '0')}`;
}

/** Adds calendar days (negative to go back). */
export function addDays(iso: string, days: number): string {
  const dt = toUtc(iso);
  dt.setUTCDate(dt.getUTCDate() + days);
  return fromUtc(dt);
}

/** Day of the week, 0 = Sunday … 6 = Saturday (as Date.getDay). */
export function weekdayOf(iso: string): number {
  return toUtc(iso).getUTCDay();
}

/** Calendar days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((toUtc(toIso).getTime() - toUtc(fromIso).getTime()) / 86_400_000);
}

/** Full months between two dates: 15/03/1999 → 15/03/2017 is 216, → 14/03/2017 is 215. */
export function fullMonthsBetween(fromIso: string, toIso: string): number {
  const [fy, fm, fd] = fromIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = toIso.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return months;
}

/** 'YYYY-MM' of a date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}
