// The spa's calendar in its own zone: day keys ("YYYY-MM-DD") and wall clocks ("HH:mm") to and from
// instants. The zone is always a parameter, never the process's: the server may run in UTC while the spa
// is in Da Nang, and tests run anywhere.
import { tzOffset } from '@date-fns/tz';
import type { Weekday } from './types.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
// "24:00" is allowed so that a spa open until midnight can say so.
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^(24):(00)$/;
// Date#getUTCDay order: 0 is Sunday.
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The day ("YYYY-MM-DD") that an instant falls on in the zone. */
export function dayKey(instant: Date, timeZone: string): string {
  // Shifting by the offset and reading the UTC date is what formatting a TZDate does, minus its cost.
  const time = instant.getTime();
  return utcDayKey(time + offsetMs(timeZone, time));
}

/**
 * The instant a wall-clock time on a day stands for in the zone. A time skipped by a spring change
 * resolves forward by the gap (01:30 on a day clocks jump 01:00 -> 02:00 is 02:30); a time repeated by
 * an autumn change is its first occurrence (the one before clocks go back).
 */
export function zonedInstant(day: string, clock: string, timeZone: string): Date {
  return resolveWallClock(day, clock, (instant) => offsetMs(timeZone, instant));
}

/**
 * zonedInstant for many days of one zone: offsets are looked up once per instant asked about, so a month
 * of opening hours costs about a month of lookups instead of four per time (each is an Intl call).
 */
export function wallClockReader(timeZone: string): (day: string, clock: string) => Date {
  const known = new Map<number, number>();
  const offsetAt = (instant: number): number => {
    let offset = known.get(instant);
    if (offset === undefined) known.set(instant, (offset = offsetMs(timeZone, instant)));
    return offset;
  };
  return (day, clock) => resolveWallClock(day, clock, offsetAt);
}

/** The weekday of a day key (zone-free: a calendar day is the same weekday everywhere). */
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[new Date(dayStartUtc(day)).getUTCDay()] as Weekday;
}

/** The day key of a calendar date read in some zone ({ year: 2027, month: 7, day: 3 } is "2027-07-03"). */
export function dayKeyOf(date: { year: number; month: number; day: number }): string {
  return utcDayKey(Date.UTC(date.year, date.month - 1, date.day));
}

/** The day key `days` days after `day` (before, when negative). */
export function shiftDay(day: string, days: number): string {
  return utcDayKey(dayStartUtc(day) + days * DAY_MS);
}

/**
 * Every day key from the day of `from` to the day of `to` in the zone, both included, in order; empty
 * when `to` is before `from`. Including the last day keeps a range ending at midnight on the safe side.
 */
export function daysBetween(from: Date, to: Date, timeZone: string): string[] {
  if (to.getTime() < from.getTime()) return [];
  const last = dayKey(to, timeZone);
  const days: string[] = [];
  for (let day = dayKey(from, timeZone); day <= last; day = shiftDay(day, 1)) days.push(day);
  return days;
}

// Offsets in milliseconds; an unknown zone is a configuration error, not a guest's.
function offsetMs(timeZone: string, instant: number): number {
  const minutes = tzOffset(timeZone, new Date(instant));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone "${timeZone}": set an IANA zone such as Asia/Ho_Chi_Minh`);
  return minutes * MINUTE_MS;
}

function dayStartUtc(day: string): number {
  const match = DAY_KEY.exec(day);
  const [year, month, date] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const ms = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 2025-02-30 over to March; a key whose day does not read back is not a real day.
  if (Number.isNaN(ms) || month < 1 || month > 12 || new Date(ms).getUTCDate() !== date) throw new RangeError(`Not a day "YYYY-MM-DD": "${day}"`);
  return ms;
}

// Built by hand: toISOString is a large part of the cost of a month of days.
function utcDayKey(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) return d.toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

// The wall time read as if it were UTC: the number the zone's offset is then subtracted from.
function wallAsUtc(midnight: number, clock: string): number {
  const match = CLOCK.exec(clock);
  if (!match) throw new RangeError(`Not a wall-clock time "HH:mm": "${clock}"`);
  const hours = Number(match[1] ?? match[3]);
  const minutes = Number(match[2] ?? match[4]);
  return midnight + (hours * 60 + minutes) * MINUTE_MS;
}

// Assumes, as tz data bears out, that a zone never changes its offset twice within three days.
function resolveWallClock(day: string, clock: string, offsetAt: (instant: number) => number): Date {
  const midnight = dayStartUtc(day);
  const wall = wallAsUtc(midnight, clock);
  // Every instant of the zone's day lies between the UTC midnights a day before and two days after
  // (offsets run from -12 to +14 hours): the same offset at both means none other in between. Probing
  // at midnights lets consecutive days share the lookups.
  const outer = offsetAt(midnight - DAY_MS);
  if (outer === offsetAt(midnight + 2 * DAY_MS)) return new Date(wall - outer);
  // A change is near: try the offsets on either side of this wall time and keep those that read back.
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const candidates = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant) === wall - instant)
    .sort((a, b) => a - b);
  // None means the wall time is in a gap: read it with the offset before the change, which lands the
  // same distance past the gap as the wall time was past its start.
  return new Date(candidates[0] ?? wall - before);
}
