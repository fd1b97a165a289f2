// Calendar days as integers (days since 1970-01-01), so that the generator adds and compares dates
// cheaply; converted to 'YYYY-MM-DD' only when a row is written. Algorithms: H. Hinnant, "chrono-
// compatible low-level date algorithms" (days_from_civil / civil_from_days), proleptic Gregorian.

export function dayFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDay(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

export function dayOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return dayFromCivil(y, m, d);
}

const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

export function isoOf(day: number): string {
  const [y, m, d] = civilFromDay(day);
  return `${y}-${PAD2[m]}-${PAD2[d]}`;
}

export function yearOf(day: number): number {
  return civilFromDay(day)[0];
}

/** The same calendar day `months` later (the day clamped to the month's end), as domain/dates addMonths. */
export function addMonthsDay(day: number, months: number): number {
  const [y, m, d] = civilFromDay(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = civilFromDay(dayFromCivil(nm === 12 ? ny + 1 : ny, nm === 12 ? 1 : nm + 1, 1) - 1)[2];
  return dayFromCivil(ny, nm, Math.min(d, last));
}

/** The first day on which someone born on `birth` has completed `years` full years. */
export function birthdayDay(birth: number, years: number): number {
  const [y, m, d] = civilFromDay(birth);
  // Born on 29 February: the birthday in a common year is taken as 1 March (full years, not clamped back).
  const target = dayFromCivil(y + years, m, d);
  const [, tm] = civilFromDay(target);
  return tm === m ? target : dayFromCivil(y + years, m + 1, 1);
}

/** Full years between two days (age on a date), as domain/dates fullYearsBetween. */
export function fullYears(from: number, to: number): number {
  const [fy, fm, fd] = civilFromDay(from);
  const [ty, tm, td] = civilFromDay(to);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}
