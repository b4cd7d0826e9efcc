// From chrono's results to the mentions the rest of the bot reads: dates and clocks in the spa's zone, and
// a true instant to start from.
import type { ParsingResult } from 'chrono-node';
import { TZDate } from '@date-fns/tz';
import type { DateReference, DateTimeMention } from './types.ts';
import { dateOf, instantOf, namesDay } from './calendar.ts';
import { hasTag, periodTagOf, SPAN_TAG } from './tags.ts';
import { PERIOD_HOURS } from './vocabulary.ts';

/** Turns a refined chrono result into a mention in the zone; undefined when it names no day, time or part of one. */
export function toMention(r: ParsingResult, ref: DateReference): DateTimeMention | undefined {
  const period = periodTagOf(r);
  const hasTime = r.start.isCertain('hour');
  if (!namesDay(r.start) && !hasTime && !period) return undefined; // a month or a year alone is not a booking day
  let start: Date;
  if (hasTag(r, 'result/relativeDateAndTime') || hasTag(r, 'casualReference/now')) {
    // An offset from now is exact in real time, whatever the zone's clock does in between.
    start = hasTag(r, 'casualReference/now') ? new Date(ref.now.getTime()) : r.start.date();
  } else {
    start = instantOf(r.start, ref.timeZone, hasTime ? undefined : period ? PERIOD_HOURS[period].at : 0);
  }
  const z = new TZDate(start.getTime(), ref.timeZone);
  const mention: DateTimeMention = { text: r.text, index: r.index, start };
  if (namesDay(r.start)) mention.date = { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate() };
  if (hasTime) mention.time = { hour: z.getHours(), minute: z.getMinutes() };
  else if (period) mention.period = period;
  if (hasTime && !period && !r.start.isCertain('meridiem') && z.getHours() >= 1 && z.getHours() < 12) mention.eitherHalf = true;
  // "The weekend" runs to its Sunday, "next week" over its seven days.
  if (mention.date && hasTag(r, SPAN_TAG)) {
    const lastDay = new TZDate(z.getFullYear(), z.getMonth(), z.getDate() + (hasTag(r, `${SPAN_TAG}weekend`) ? (7 - z.getDay()) % 7 : 6), ref.timeZone);
    mention.through = { year: lastDay.getFullYear(), month: lastDay.getMonth() + 1, day: lastDay.getDate() };
  }
  if (r.end) {
    const end: NonNullable<DateTimeMention['end']> = {};
    if (namesDay(r.end)) end.date = dateOf(r.end);
    if (r.end.isCertain('hour')) end.time = { hour: r.end.get('hour') ?? 0, minute: r.end.get('minute') ?? 0 };
    if (end.date || end.time) mention.end = end;
  }
  return mention;
}
