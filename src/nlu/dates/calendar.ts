// Calendar arithmetic and the spa's zone. A CalendarDate is already in the spa's zone, so the arithmetic is
// pure and zone-free; only the wall clock of `now` and the instant of a mention need the zone itself.
import type { ParsingComponents as Components, ParsingContext } from 'chrono-node';
import { TZDate } from '@date-fns/tz';
import type { CalendarDate } from './types.ts';

export interface WallClock { today: CalendarDate; minutes: number }
const DAY_MS = 86_400_000;

// ---- Calendar arithmetic ----

/** Days since 1970-01-01, so that dates compare and subtract as numbers. */
export const toDayNumber = (d: CalendarDate): number => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
function fromDayNumber(n: number): CalendarDate {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
/** Day of the week, 0 for Sunday as chrono counts. */
export const weekdayOf = (d: CalendarDate): number => new Date(toDayNumber(d) * DAY_MS).getUTCDay();
/** Days in a month (1-12) of a year. */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** The date `n` days after `d` (before, when negative). */
export const addDays = (d: CalendarDate, n: number): CalendarDate => fromDayNumber(toDayNumber(d) + n);

/** Sets a default date on components, which anything the text says still overrides. */
export function implyDate(c: Components, d: CalendarDate): void {
  c.imply('year', d.year).imply('month', d.month).imply('day', d.day).imply('weekday', weekdayOf(d));
}
/** Sets a date on components as certain, as if the text had named it. */
export function assignDate(c: Components, d: CalendarDate): void {
  c.assign('year', d.year).assign('month', d.month).assign('day', d.day).assign('weekday', weekdayOf(d));
}
/** The date components hold, certain or implied. */
export function dateOf(c: Components): CalendarDate {
  return { year: c.get('year') ?? 0, month: c.get('month') ?? 1, day: c.get('day') ?? 1 };
}
/** True when the components name a day, by its number or its weekday. */
export const namesDay = (c: Components): boolean => c.isCertain('day') || c.isCertain('weekday');

// ---- Zone (the spa's wall clock and true instants) ----

/** The spa's today: chrono is given the zone's offset at `now`, so its reference wall clock is the zone's. */
export function wallDate(context: ParsingContext): CalendarDate {
  const d = context.reference.getDateWithAdjustedTimezone();
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/** The date and minute of the day that `now` is in the zone. */
export function wallClock(now: Date, timeZone: string): WallClock {
  const z = new TZDate(now.getTime(), timeZone);
  return { today: { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate() }, minutes: z.getHours() * 60 + z.getMinutes() };
}

/** The instant components stand for in the zone, at `hour` o'clock when one is given. */
export function instantOf(c: Components, timeZone: string, hour?: number): Date {
  const d = dateOf(c);
  const h = hour ?? c.get('hour') ?? 0;
  const m = hour === undefined ? (c.get('minute') ?? 0) : 0;
  return new Date(TZDate.tz(timeZone, d.year, d.month - 1, d.day, h, m).getTime());
}
