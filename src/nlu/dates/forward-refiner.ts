// Which day a mention lands on: a booking looks forward, so "Tuesday", "the 2nd" or "at 3" is the next one
// from now, and the end of a range the next one from its start.
import type { ParsingComponents as Components, ParsingContext, ParsingResult } from 'chrono-node';
import type { CalendarDate } from './types.ts';
import { addDays, dateOf, daysInMonth, implyDate, namesDay, toDayNumber, weekdayOf, type WallClock } from './calendar.ts';
import { RANGE_TAG, hasTag, periodTagOf } from './tags.ts';
import { PERIOD_HOURS, WEEKDAY } from './vocabulary.ts';

const WEEKDAY_MODIFIER = new RegExp(String.raw`\b(?:this|next|last|past|previous)\s+(?:${WEEKDAY}|weekend)\b|\b${WEEKDAY}\s+(?:of\s+)?(?:this|next|last)\s+week\b`, 'i');

/** Resolves every mention forward from `from`: the next such weekday, day of the month or date. */
function resolveForward(c: Components, from: CalendarDate, fromMinutes: number, text: string): void {
  const certain = (k: 'year' | 'month' | 'day' | 'weekday'): boolean => c.isCertain(k);
  if (certain('year') && certain('month') && certain('day')) return;
  const weekday = certain('weekday') ? c.get('weekday') : null;
  const fits = (d: CalendarDate, useWeekday: boolean): boolean =>
    toDayNumber(d) >= toDayNumber(from) && (!useWeekday || weekday === null || weekdayOf(d) === weekday);
  if (weekday !== null && !certain('day') && !certain('month')) {
    if (WEEKDAY_MODIFIER.test(text)) return; // chrono's own reading of "next Friday", "Sunday next week"
    // "Tuesday" said on a Tuesday is next week's: today would be "today".
    implyDate(c, addDays(from, (weekday - weekdayOf(from) + 7) % 7 || 7));
    return;
  }
  if (certain('day') && !certain('month')) {
    const day = c.get('day') ?? 1;
    for (const useWeekday of [true, false]) {
      for (let k = 0; k < 60; k++) {
        const year = from.year + Math.floor((from.month - 1 + k) / 12);
        const month = ((from.month - 1 + k) % 12) + 1;
        const d = { year, month, day };
        if (day <= daysInMonth(year, month) && fits(d, useWeekday)) return implyDate(c, d);
      }
    }
    return;
  }
  if (certain('month')) {
    const month = c.get('month') ?? 1;
    const day = certain('day') ? (c.get('day') ?? 1) : 1;
    if (!certain('day')) return void c.imply('year', month >= from.month ? from.year : from.year + 1);
    for (const useWeekday of [true, false]) {
      for (let year = from.year; year < from.year + 29; year++) {
        const d = { year, month, day };
        if (day <= daysInMonth(year, month) && fits(d, useWeekday)) return implyDate(c, d);
      }
    }
    return;
  }
  // No day named: a clock time or a part of the day, today if it is still ahead, else tomorrow.
  const period = periodTagOf(c);
  const until = !c.isCertain('hour') && period ? PERIOD_HOURS[period].until * 60 : (c.get('hour') ?? 0) * 60 + (c.get('minute') ?? 0);
  implyDate(c, addDays(from, until > fromMinutes || (c.isCertain('hour') && until === fromMinutes) ? 0 : 1));
}

/** The last refiner: puts every mention on a day from the spa's wall clock, never in the past. */
export function forwardRefiner(clock: WallClock) {
  return {
    refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
      for (const r of results) {
        resolveForward(r.start, clock.today, clock.minutes, r.text);
        if (!r.end) continue;
        const start = dateOf(r.start);
        const startMinutes = (r.start.get('hour') ?? 0) * 60 + (r.start.get('minute') ?? 0);
        // A range of hours ("Sunday between 8 and 10") shares the start's day, or the next when it runs past midnight.
        if (namesDay(r.end) && hasTag(r, RANGE_TAG)) resolveForward(r.end, start, startMinutes, r.text);
        else implyDate(r.end, addDays(start, (r.end.get('hour') ?? 0) * 60 + (r.end.get('minute') ?? 0) < startMinutes ? 1 : 0));
      }
      return results;
    },
  };
}
