// Parsers for the clock times, ranges of hours and parts of the day that chrono misses or reads as a day.
import type { ParsingComponents as Components, ParsingContext } from 'chrono-node';
import type { DayPeriod } from './types.ts';
import { assignDate, wallDate } from './calendar.ts';
import { atWordStart, textAfter, type RuleParser } from './rule-parser.ts';
import { CLOCK_TAG, PERIOD_TAG, SPOKEN_TAG } from './tags.ts';
import { MERIDIEM, NOT_A_CLOCK_AFTER, PERIOD, PERIOD_HOURS, WEEKDAY, meridiemOf, namesToday, periodOf, resolveHour, type Meridiem } from './vocabulary.ts';

export interface HourCue { meridiem?: Meridiem; period?: DayPeriod; leadingZero?: boolean }

// A day named just before a bare number makes it an hour: "tomorrow 5", "sunday 4", "sat, 3".
const DAY_JUST_BEFORE = new RegExp(String.raw`(?:\b(?:today|tomorrow|tonight)|\b${WEEKDAY}\.?)\s*,?\s*$`, 'i');

/** A clock time `delta` minutes from a spoken hour. With no cue the spoken hour is kept in a tag, so a part of
 * the day named elsewhere in the mention ("tonight at 8") can still settle it once chrono has merged the two. */
export function clockComponents(context: ParsingContext, spoken: number, delta: number, cue: HourCue, today = false): Components {
  const minutes = (resolveHour(spoken, cue) * 60 + delta + 1440) % 1440;
  const c = context.createParsingComponents({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).addTag(CLOCK_TAG);
  if (cue.meridiem || cue.period || cue.leadingZero || spoken === 0 || spoken > 12) c.assign('meridiem', minutes >= 720 ? 1 : 0);
  else c.addTag(`${SPOKEN_TAG}${spoken}/${delta}`);
  if (today) assignDate(c, wallDate(context));
  return c;
}

/**
 * Clock times: "quarter to 9", "25 past 7", "6 20 in the evening", "2:10 night", "at 3", "later than 6",
 * "evening, say 6.30" (a word putting a time forward makes "6.30" a time and keeps it from reading as a
 * decimal; a bare "maybe 3" still needs more).
 */
export const clockTimeParser: RuleParser = {
  pattern: () =>
    new RegExp(
      String.raw`(?<![\w:.])(?:(?<pre>at|around|about|by|before|after|until|till|til|since|later\s+than|earlier\s+than|sooner\s+than)\s+|(?<soft>say|maybe)\s+)?` +
        String.raw`(?:(?<rel>quarter|half|\d{1,2})(?<mins>\s*(?:minutes?|mins?))?\s+(?<dir>past|after|to|of)\s+(?<rh>\d{1,2})` +
        // "half 4": half past four, as it is said in Britain.
        String.raw`|half\s+(?<hh>\d{1,2})(?!\s*(?:hours?|hrs?|h|mins?|minutes?)\b)` +
        String.raw`|(?<ch>\d{1,2})(?<sep>[:.]|\s)(?<cm>[0-5]\d)|(?<bh>\d{1,2}))` +
        String.raw`(?:${MERIDIEM}|(?<oclock>\s*o['’]?\s?clock\b))?${PERIOD}?(?![\w:])`,
      'i',
    ),
  extract(context, match) {
    const g = match.groups ?? {};
    if (!atWordStart(context, match) || NOT_A_CLOCK_AFTER.test(textAfter(context, match))) return null;
    const meridiem = meridiemOf(g.mer);
    const period = periodOf(g.period);
    const qualified = Boolean(meridiem || period || g.oclock);
    if (g.hh !== undefined) {
      if (Number(g.hh) > 23) return null;
      return clockComponents(context, Number(g.hh), 30, { meridiem, period }, namesToday(g));
    }
    if (g.rel !== undefined && g.dir !== undefined && g.rh !== undefined) {
      const before = context.text.slice(0, match.index);
      const dir = g.dir.toLowerCase();
      const rel = g.rel.toLowerCase();
      const step = rel === 'quarter' ? 15 : rel === 'half' ? 30 : Number(rel);
      // "5 to 11" reads as 10:55 only with a round number of minutes; "from 5 to 11" is a range.
      const roundStep = rel === 'quarter' || Boolean(g.mins) || [5, 10, 15, 20, 25].includes(step);
      if (rel === 'half' && dir !== 'past') return null;
      if (dir !== 'past' && (!roundStep || /\b(?:from|between)\s+$/i.test(before))) return null;
      if (step < 1 || step > 59 || Number(g.rh) > 23) return null;
      return clockComponents(context, Number(g.rh), dir === 'past' || dir === 'after' ? step : -step, { meridiem, period }, namesToday(g));
    }
    const spoken = g.ch ?? g.bh ?? '';
    const hour = Number(spoken);
    if (hour > 23) return null;
    // A bare number, "6 15" or "6.15" is a time only where the words around it say so.
    if (g.bh !== undefined && !g.pre && !qualified && !DAY_JUST_BEFORE.test(context.text.slice(0, match.index))) return null;
    if (g.sep !== undefined && g.sep !== ':' && !g.pre && !g.soft && !qualified) return null;
    const leadingZero = spoken.length === 2 && spoken.startsWith('0');
    return clockComponents(context, hour, Number(g.cm ?? 0), { meridiem, period, leadingZero }, namesToday(g));
  },
};

/** Ranges of hours chrono leaves alone: "between 8 and 10", "between 2 and 4pm", "from 6 to 8 in the evening". */
export const hourRangeParser: RuleParser = {
  pattern: () =>
    new RegExp(
      String.raw`(?<![\w:.])(?:between|from)\s+(?<h1>\d{1,2})(?:[:.](?<m1>[0-5]\d))?(?:\s*(?<mer1>[ap])\.?\s?m\b\.?)?` +
        String.raw`\s*(?:and|to|till|until|-|–)\s*(?<h2>\d{1,2})(?:[:.](?<m2>[0-5]\d))?${MERIDIEM}?${PERIOD}?(?![\w:])`,
      'i',
    ),
  extract(context, match) {
    const g = match.groups ?? {};
    if (!atWordStart(context, match) || NOT_A_CLOCK_AFTER.test(textAfter(context, match))) return null;
    const [h1, h2] = [Number(g.h1), Number(g.h2)];
    if (h1 > 23 || h2 > 23) return null;
    const period = periodOf(g.period);
    let endCue: HourCue = { meridiem: meridiemOf(g.mer), period };
    // The end's am/pm carries over to the start when that keeps the range in order ("2 and 4pm").
    let startCue: HourCue = g.mer1 ? { meridiem: meridiemOf(g.mer1), period } : period ? { period } : {};
    if (!g.mer1 && endCue.meridiem && resolveHour(h1, endCue) <= resolveHour(h2, endCue)) startCue = endCue;
    if (!g.mer1 && !g.mer && !period && resolveHour(h2, {}) < resolveHour(h1, {}) && h2 < 12) endCue = { meridiem: 'pm' };
    const from = clockComponents(context, h1, Number(g.m1 ?? 0), startCue, namesToday(g));
    const to = clockComponents(context, h2, Number(g.m2 ?? 0), endCue, namesToday(g));
    return context.createParsingResult(match.index ?? 0, match[0], from, to);
  },
};

/** Parts of the day: "afternoon", "this evening", "in the morning" (tagged, so the period survives merging). */
export const periodParser: RuleParser = {
  pattern: () => /(?<![\w])(?:(?<this>this|in\s+the|at|during\s+the)\s+)?(?<p>morning|afternoon|evening|night)\b/i,
  extract(context, match) {
    const period = periodOf(match.groups?.p);
    if (!period || !atWordStart(context, match)) return null;
    const c = context.createParsingComponents().addTag(PERIOD_TAG + period);
    c.imply('hour', PERIOD_HOURS[period].at).imply('minute', 0);
    // "this evening" is a day; a bare "night" gets a certain second (but no certain hour) so that chrono
    // merges it as a time of day ("the night of the 25th"), not as the date.
    if (match.groups?.this?.toLowerCase() === 'this') assignDate(c, wallDate(context));
    else c.assign('second', 0);
    return c;
  },
};
