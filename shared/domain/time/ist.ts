/**
 * Indian Standard Time arithmetic. IST is UTC+05:30 all year (no daylight saving), so a fixed
 * offset is exact. Storage is UTC ISO-8601; people see IST; days, deadlines and ranking months
 * are IST calendar days and months.
 */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The IST wall-clock fields of an instant. */
function istFields(instant: Date) {
  const shifted = new Date(instant.getTime() + IST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Ranking month of an instant, e.g. '2026-11'. */
export function istMonth(instant: Date): string {
  const { year, month } = istFields(instant);
  return `${pad(year, 4)}-${pad(month)}`;
}

/** IST calendar date of an instant, e.g. '2026-11-28'. */
export function istDate(instant: Date): string {
  const { year, month, day } = istFields(instant);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The UTC instant at which an IST calendar date begins. Not Date.UTC: it reads years 0 to 99 as
 * 1900 to 1999, and a client's `0001-01-01` would then step backwards day by day without end.
 */
export function istDayStart(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnight = new Date(0);
  midnight.setUTCFullYear(year, month - 1, day);
  return new Date(midnight.getTime() - IST_OFFSET_MS);
}

/** Adds whole IST calendar days to a date string. */
export function addIstDays(date: string, days: number): string {
  return istDate(new Date(istDayStart(date).getTime() + days * DAY_MS + 1));
}

/** First instant of the IST month after the instant's month. */
export function nextIstMonthStart(instant: Date): Date {
  const { year, month } = istFields(instant);
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return istDayStart(`${nextYear}-${pad(nextMonth)}-01`);
}

/** The UTC range [start, end) of an IST month 'yyyy-mm'. */
export function istMonthRange(month: string): { start: Date; end: Date } {
  const start = istDayStart(`${month}-01`);
  return { start, end: nextIstMonthStart(start) };
}

/** For people: '28 Nov 2026, 18:05 IST' / '28 नव॰ 2026, 18:05 IST'. */
export function formatIst(instant: Date, language: 'hi' | 'en'): string {
  const text = new Intl.DateTimeFormat(language === 'hi' ? 'hi-IN' : 'en-IN', {
    timeZone: 'Asia/Kolkata',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${text} IST`;
}
