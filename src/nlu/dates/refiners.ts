// Refiners around chrono's own: drop what only looks like a date, join ranges without reordering them, and
// settle hours read without am/pm. Which day a mention lands on is forward-refiner.ts.
import type { ParsingContext, ParsingResult } from 'chrono-node';
import { assignDate, dateOf, daysInMonth, namesDay } from './calendar.ts';
import { CLOCK_TAG, RANGE_TAG, SPOKEN_TAG, hasTag, isPeriodWithoutTime, periodTagOf } from './tags.ts';
import { NOT_A_CLOCK_AFTER, resolveHour } from './vocabulary.ts';

/** Drops what only looks like a date or time: "for an hour" and "for 3 days" say how long at a spa, and a
 * bare hour in figures followed by a count or a month ("at 10%", "from 1 to 5 May") is something else. Runs first, so
 * that chrono's overlap removal keeps the other reading ("1 to 5 May"). */
export const unlikelyFilter = {
  refine: (context: ParsingContext, results: ParsingResult[]): ParsingResult[] =>
    results.filter((r) => {
      if (/^(?:for|within)\b/i.test(r.text) && hasTag(r, 'result/relativeDate')) return false;
      // "Later in the day", "at the end of the day": no day a guest names.
      if (/^(?:in\s+)?the\s+day$/i.test(r.text.trim())) return false;
      // An hour said with its word ("3시", "1h", "3 giờ") is a time whatever follows: "3시-4시" is a range.
      const bareHour = r.start.isCertain('hour') && !r.start.isCertain('meridiem') && !namesDay(r.start) && !/\p{L}$/u.test(r.text);
      return !(bareHour && NOT_A_CLOCK_AFTER.test(context.text.slice(r.index + r.text.length)));
    }),
};

/** Keeps "29 February" alive until the forward refiner: chrono drops a date invalid in the implied year. */
export const leapDayRefiner = {
  refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const c of results.flatMap((r) => (r.end ? [r.start, r.end] : [r.start]))) {
      const { year, month, day } = dateOf(c);
      if (!c.isCertain('year') && c.isCertain('month') && day > daysInMonth(year, month)) c.imply('year', year + 4 - (year % 4));
    }
    return results;
  },
};

const RANGE_LINK = /^\s*(?:to|-|–|—|until|till|til|through|thru)\s*$/i;

/** Joins "X to Y" into one range, like chrono's own merge but without reordering: which day "the 2nd" is
 * depends on the start, so the forward refiner resolves the end after the start. */
export const rangeMergeRefiner = {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const merged: ParsingResult[] = [];
    for (const next of results) {
      const prev = merged[merged.length - 1];
      const between = prev ? context.text.slice(prev.index + prev.text.length, next.index) : '';
      const linked = RANGE_LINK.test(between) || (/^\s*and\s*$/i.test(between) && /\bbetween\s+$/i.test(context.text.slice(0, prev?.index)));
      if (!prev || prev.end || next.end || !linked || namesDay(prev.start) !== namesDay(next.start)) {
        merged.push(next);
        continue;
      }
      for (const key of ['year', 'month'] as const) {
        if (next.start.isCertain(key) && !prev.start.isCertain(key)) prev.start.imply(key, next.start.get(key) ?? 0);
        if (prev.start.isCertain(key) && !next.start.isCertain(key)) next.start.imply(key, prev.start.get(key) ?? 0);
      }
      prev.end = next.start;
      prev.addTag(RANGE_TAG);
      prev.text = context.text.slice(prev.index, next.index + next.text.length);
    }
    return merged;
  },
};

/** Settles hours read without am/pm: by a part of the day in the same mention or right after it ("at 7
 * tomorrow morning"), else by the spa's rule in resolveHour; chrono's own "from 2 to 4" included. */
export const spaHourRefiner = {
  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    const kept: ParsingResult[] = [];
    for (let i = 0; i < results.length; i++) {
      const r = results[i] as ParsingResult;
      kept.push(r);
      if (hasTag(r, 'result/relativeDateAndTime') || hasTag(r, 'casualReference/now')) continue;
      let period = periodTagOf(r);
      const next = results[i + 1];
      if (!period && next && r.start.isCertain('hour') && isPeriodWithoutTime(next) && /^\s*$/.test(context.text.slice(r.index + r.text.length, next.index))) {
        period = periodTagOf(next);
        if (!namesDay(r.start) && namesDay(next.start)) assignDate(r.start, dateOf(next.start));
        r.text = context.text.slice(r.index, next.index + next.text.length);
        i++;
      }
      const leadingZero = /(?<!\d)0\d[:.]\d\d/.test(r.text);
      for (const c of r.end ? [r.start, r.end] : [r.start]) {
        const spoken = [...c.tags()].find((t) => t.startsWith(SPOKEN_TAG))?.slice(SPOKEN_TAG.length).split('/').map(Number);
        if (spoken && period) {
          const minutes = (resolveHour(spoken[0] ?? 0, { period }) * 60 + (spoken[1] ?? 0) + 1440) % 1440;
          c.assign('hour', Math.floor(minutes / 60)).assign('minute', minutes % 60);
        } else if (!c.tags().has(CLOCK_TAG) && c.isCertain('hour') && !c.isCertain('meridiem')) {
          c.assign('hour', resolveHour(c.get('hour') ?? 0, { period, leadingZero }));
        }
      }
      const [start, end] = [r.start.get('hour') ?? 0, r.end?.get('hour') ?? 0];
      if (r.end?.isCertain('hour') && !r.end.isCertain('meridiem') && !namesDay(r.end) && end < start && end + 12 <= 23) {
        r.end.assign('hour', end + 12);
      }
    }
    return kept;
  },
};
