// Dates and times in guest messages: chrono-node does the reading, with parsers and refiners for the
// phrasings it misses and for what a booking needs (forward-looking days, spa hours, zone-true instants).
// Longer than STYLE.md's ~300 lines: the rules share one vocabulary and were asked for in one module.
import * as chrono from 'chrono-node';
import type { ParsingComponents, ParsingContext, ParsingResult } from 'chrono-node';
import { TZDate, tzOffset } from '@date-fns/tz';

export interface CalendarDate { year: number; month: number; day: number } // month 1-12, in the given zone
export interface ClockTime { hour: number; minute: number } // 24h, in the given zone
export type DayPeriod = 'morning' | 'afternoon' | 'evening' | 'night';
export interface DateTimeMention {
  text: string;
  index: number;
  /** Present when the text names a day; relative offsets ("in 2 hours") carry the day they land on. */
  date?: CalendarDate;
  time?: ClockTime;
  /** Present when only a part of the day is named ("friday afternoon"). */
  period?: DayPeriod;
  end?: { date?: CalendarDate; time?: ClockTime };
  start: Date;
}
export interface DateReference { now: Date; timeZone: string }

type Meridiem = 'am' | 'pm';
type Components = ParsingComponents;
interface WallClock { today: CalendarDate; minutes: number }

// The hour a period stands for when no clock time is given, and the hour it is over (spa opening hours).
const PERIOD_HOURS: Record<DayPeriod, { at: number; until: number }> = {
  morning: { at: 9, until: 12 },
  afternoon: { at: 14, until: 18 },
  evening: { at: 18, until: 22 },
  night: { at: 20, until: 24 },
};
const PERIOD_TAG = 'spa/period/';
const CLOCK_TAG = 'spa/clock'; // the hour was resolved by resolveHour below
const SPOKEN_TAG = 'spa/spoken/'; // + hour/minutes: an hour read without a cue, open to a period found later
const RANGE_TAG = 'spa/range'; // two mentions joined by "to", "until": the end names its own day
const DAY_MS = 86_400_000;

// ---- Vocabulary ----

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY = String.raw`(?:sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)`;
const MERIDIEM = String.raw`(?:\s*(?<mer>[ap])\.?\s?m\b\.?)`;
const PERIOD = String.raw`(?:\s*(?:in\s+the\s+|at\s+|(?<thisDay>this\s+))?(?<period>morning|afternoon|evening|night|tonight)\b)`;
// A number followed by one of these counts something else (people, nights, minutes) or is part of a date.
const NOT_A_CLOCK_AFTER = new RegExp(
  String.raw`^\s*(?:%|[-–/]\s*\d|x\b|of\b|(?:people|persons?|pax|guests?|adults?|kids?|child(?:ren)?|days?|nights?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|rooms?|beds?|times?|stars?|(?:st|nd|rd|th)\b)|${MONTH}(?!\w))`,
  'i',
);
const MONTH_AFTER = new RegExp(String.raw`^\s*,?\s*(?:of\s+)?${MONTH}(?!\w)`, 'i'); // chrono reads the whole date
const NOT_A_DAY_AFTER = /^\s+(?:time|floor|person|guest|visit|session|treatment|massage|day|night|week|one|option|choice|attempt|try|place|row|birthday|anniversary|year|round|course|booking|appointment|room)s?\b/i;

// ---- Hours ----

/** Reads a spoken hour as 24h. With no am/pm and no part of the day, 1-7 means pm: a spa books daytime, so
 * "at 3" is 15:00 while "at 9" is 9:00; a leading zero ("07:30") or a 24h hour is taken as written. */
function resolveHour(hour: number, cue: { meridiem?: Meridiem; period?: DayPeriod; leadingZero?: boolean }): number {
  if (hour > 12) return hour;
  if (cue.meridiem === 'pm') return hour === 12 || hour === 0 ? 12 : hour + 12;
  if (cue.meridiem === 'am') return hour === 12 ? 0 : hour;
  switch (cue.period) {
    case 'morning':
      return hour === 12 ? 0 : hour;
    case 'afternoon':
      return hour === 12 ? 12 : hour + 12;
    case 'evening':
      return hour === 12 ? 0 : hour + 12;
    case 'night':
      return hour === 12 ? 0 : hour <= 5 ? hour : hour + 12;
  }
  return hour >= 1 && hour <= 7 && !cue.leadingZero ? hour + 12 : hour;
}

function periodOf(word: string | undefined): DayPeriod | undefined {
  const w = word?.toLowerCase();
  if (w === 'tonight') return 'night';
  return w === 'morning' || w === 'afternoon' || w === 'evening' || w === 'night' ? w : undefined;
}

// "8 tonight", "9 this evening" name today as well as the hour.
const namesToday = (g: Record<string, string | undefined>): boolean => Boolean(g.thisDay) || g.period?.toLowerCase() === 'tonight';

function meridiemOf(letter: string | undefined): Meridiem | undefined {
  if (!letter) return undefined;
  return letter.toLowerCase() === 'p' ? 'pm' : 'am';
}

// ---- Calendar arithmetic (pure, zone-free: a CalendarDate is already in the spa's zone) ----

const toDayNumber = (d: CalendarDate): number => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
function fromDayNumber(n: number): CalendarDate {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
const weekdayOf = (d: CalendarDate): number => new Date(toDayNumber(d) * DAY_MS).getUTCDay();
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const addDays = (d: CalendarDate, n: number): CalendarDate => fromDayNumber(toDayNumber(d) + n);

function implyDate(c: Components, d: CalendarDate): void {
  c.imply('year', d.year).imply('month', d.month).imply('day', d.day).imply('weekday', weekdayOf(d));
}
function assignDate(c: Components, d: CalendarDate): void {
  c.assign('year', d.year).assign('month', d.month).assign('day', d.day).assign('weekday', weekdayOf(d));
}
function dateOf(c: Components): CalendarDate {
  return { year: c.get('year') ?? 0, month: c.get('month') ?? 1, day: c.get('day') ?? 1 };
}

// ---- Parsers for phrasings chrono misses ----

interface RuleParser {
  pattern(context: ParsingContext): RegExp;
  extract(context: ParsingContext, match: RegExpMatchArray): Components | ParsingResult | null;
}

// chrono retries a failed match from the next character, where a lookbehind no longer sees the word before.
function atWordStart(context: ParsingContext, match: RegExpMatchArray): boolean {
  return !/[\p{L}\p{N}_]/u.test(context.text[(match.index ?? 0) - 1] ?? '');
}
const textAfter = (context: ParsingContext, match: RegExpMatchArray): string =>
  context.text.slice((match.index ?? 0) + match[0].length);

interface HourCue { meridiem?: Meridiem; period?: DayPeriod; leadingZero?: boolean }

/** A clock time `delta` minutes from a spoken hour. With no cue the spoken hour is kept in a tag, so a part of
 * the day named elsewhere in the mention ("tonight at 8") can still settle it once chrono has merged the two. */
function clockComponents(context: ParsingContext, spoken: number, delta: number, cue: HourCue, today = false): Components {
  const minutes = (resolveHour(spoken, cue) * 60 + delta + 1440) % 1440;
  const c = context.createParsingComponents({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).addTag(CLOCK_TAG);
  if (cue.meridiem || cue.period || cue.leadingZero || spoken === 0 || spoken > 12) c.assign('meridiem', minutes >= 720 ? 1 : 0);
  else c.addTag(`${SPOKEN_TAG}${spoken}/${delta}`);
  if (today) assignDate(c, wallDate(context));
  return c;
}

/** Clock times: "quarter to 9", "25 past 7", "6 20 in the evening", "2:10 night", "at 3", "later than 6". */
const clockTimeParser: RuleParser = {
  pattern: () =>
    new RegExp(
      String.raw`(?<![\w:.])(?:(?<pre>at|around|about|by|before|after|until|till|til|since|later\s+than|earlier\s+than|sooner\s+than)\s+)?` +
        String.raw`(?:(?<rel>quarter|half|\d{1,2})(?<mins>\s*(?:minutes?|mins?))?\s+(?<dir>past|after|to|of)\s+(?<rh>\d{1,2})` +
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
    if (g.bh !== undefined && !g.pre && !qualified) return null;
    if (g.sep !== undefined && g.sep !== ':' && !g.pre && !qualified) return null;
    const leadingZero = spoken.length === 2 && spoken.startsWith('0');
    return clockComponents(context, hour, Number(g.cm ?? 0), { meridiem, period, leadingZero }, namesToday(g));
  },
};

/** Ranges of hours chrono leaves alone: "between 8 and 10", "between 2 and 4pm", "from 6 to 8 in the evening". */
const hourRangeParser: RuleParser = {
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
const periodParser: RuleParser = {
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

/** Day of the month alone: "the 23rd", "on the 5th", "21st of the month", "the 2nd of next month". */
const ordinalDayParser: RuleParser = {
  pattern: () => /(?<![\w])(?:the\s+)?(?<d>\d{1,2})(?:st|nd|rd|th)(?![\w])(?:\s+of\s+(?<which>the|this|next)\s+month\b)?/i,
  extract(context, match) {
    const day = Number(match.groups?.d);
    const after = textAfter(context, match);
    if (day < 1 || day > 31 || !atWordStart(context, match) || NOT_A_DAY_AFTER.test(after) || MONTH_AFTER.test(after)) return null;
    const c = context.createParsingComponents({ day });
    const which = match.groups?.which?.toLowerCase();
    if (which) {
      const today = wallDate(context);
      const month = which === 'next' ? (today.month % 12) + 1 : today.month;
      c.assign('month', month).assign('year', today.year + (which === 'next' && month === 1 ? 1 : 0));
    }
    return c;
  },
};

/** A weekday with a day of the month: "Friday the 17th", "Tuesday 2nd", "next Friday the 17th". */
const weekdayDayParser: RuleParser = {
  pattern: () =>
    new RegExp(String.raw`(?<![\w])(?:(?:this|next|coming)\s+)?(?<wd>${WEEKDAY})\.?\s*,?\s+(?<the>the\s+)?(?<d>\d{1,2})(?<suffix>st|nd|rd|th)?(?![\w:])`, 'i'),
  extract(context, match) {
    const g = match.groups ?? {};
    const day = Number(g.d);
    // Without "the" or a suffix, "Friday 3" is more likely an hour than a day.
    if ((!g.the && !g.suffix) || day < 1 || day > 31 || !atWordStart(context, match)) return null;
    const after = textAfter(context, match);
    if (NOT_A_DAY_AFTER.test(after) || MONTH_AFTER.test(after)) return null;
    return context.createParsingComponents({ day, weekday: WEEKDAYS.indexOf((g.wd ?? '').slice(0, 3).toLowerCase()) });
  },
};

/** A month, "the" and a day: "Aug the 18th", "June the 1st 2023". */
const monthTheDayParser: RuleParser = {
  pattern: () => new RegExp(String.raw`(?<![\w])(?<m>${MONTH})\s+the\s+(?<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y>\d{4}))?(?![\w])`, 'i'),
  extract(context, match) {
    const g = match.groups ?? {};
    const day = Number(g.d);
    if (day < 1 || day > 31 || !atWordStart(context, match)) return null;
    const c = context.createParsingComponents({ day, month: MONTHS.indexOf((g.m ?? '').slice(0, 3).toLowerCase()) + 1 });
    if (g.y) c.assign('year', Number(g.y));
    return c;
  },
};

const HOLIDAYS: Array<[RegExp, number, number]> = [
  [/^new\s+year'?s?\s+eve$/i, 12, 31],
  [/^new\s+year'?s?\s+day$/i, 1, 1],
  [/^(?:christmas|xmas)\s+eve$/i, 12, 24],
  [/^(?:christmas|xmas)(?:\s+day)?$/i, 12, 25],
  [/^valentine'?s?(?:\s+day)?$/i, 2, 14],
  [/^halloween$/i, 10, 31],
  [/^vietnamese\s+women'?s\s+day$/i, 10, 20],
  [/^(?:international\s+)?women'?s\s+day$/i, 3, 8],
];

/** Fixed-date holidays guests book around: "new year's eve", "christmas", "women's day" (8 March). */
const holidayParser: RuleParser = {
  pattern: () =>
    /(?<![\w])(?<h>new\s+year'?s?\s+(?:eve|day)|(?:christmas|xmas)(?:\s+(?:eve|day))?|valentine'?s?(?:\s+day)?|halloween|(?:vietnamese\s+|international\s+)?women'?s\s+day)(?:\s+(?<y>\d{4}))?(?![\w])/i,
  extract(context, match) {
    const name = (match.groups?.h ?? '').replace(/\s+/g, ' ');
    const holiday = HOLIDAYS.find(([re]) => re.test(name));
    if (!holiday || !atWordStart(context, match)) return null;
    const c = context.createParsingComponents({ month: holiday[1], day: holiday[2] });
    if (match.groups?.y) c.assign('year', Number(match.groups.y));
    return c;
  },
};

const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4 };

/** Days counted from today: "a fortnight today", "a week tomorrow", "the day after tomorrow", "in a fortnight". */
const relativeDayParser: RuleParser = {
  pattern: () =>
    /(?<![\w])(?:(?<n>an?|one|two|three|four|\d)\s+(?<unit>weeks?|fortnights?)\s+(?:from\s+)?(?<base>today|tomorrow)|(?:the\s+)?day\s+after\s+tomorrow|in\s+(?<n2>an?|one|two|three|four|\d)\s+fortnights?)(?![\w])/i,
  extract(context, match) {
    if (!atWordStart(context, match)) return null;
    const g = match.groups ?? {};
    const count = (w: string | undefined): number => COUNTS[(w ?? '').toLowerCase()] ?? Number(w);
    let days = 2;
    if (g.unit) days = count(g.n) * (/^f/i.test(g.unit) ? 14 : 7) + (g.base?.toLowerCase() === 'tomorrow' ? 1 : 0);
    else if (g.n2) days = count(g.n2) * 14;
    const c = context.createParsingComponents().addTag('result/relativeDate');
    assignDate(c, addDays(wallDate(context), days));
    return c;
  },
};

// chrono's reference wall clock: chrono is given the zone's offset at `now`, so this is the spa's today.
function wallDate(context: ParsingContext): CalendarDate {
  const d = context.reference.getDateWithAdjustedTimezone();
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

// ---- Refiners ----

const hasTag = (r: { tags(): Set<string> }, prefix: string): boolean => [...r.tags()].some((t) => t.startsWith(prefix));
const namesDay = (c: Components): boolean => c.isCertain('day') || c.isCertain('weekday');

/** Drops what only looks like a date or time: "for an hour" and "for 3 days" say how long at a spa, and a
 * bare hour followed by a count or a month ("at 10%", "from 1 to 5 May") is something else. Runs first, so
 * that chrono's overlap removal keeps the other reading ("1 to 5 May"). */
const unlikelyFilter = {
  refine: (context: ParsingContext, results: ParsingResult[]): ParsingResult[] =>
    results.filter((r) => {
      if (/^(?:for|within)\b/i.test(r.text) && hasTag(r, 'result/relativeDate')) return false;
      const bareHour = r.start.isCertain('hour') && !r.start.isCertain('meridiem') && !namesDay(r.start);
      return !(bareHour && NOT_A_CLOCK_AFTER.test(context.text.slice(r.index + r.text.length)));
    }),
};

/** Keeps "29 February" alive until the forward refiner: chrono drops a date invalid in the implied year. */
const leapDayRefiner = {
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
const rangeMergeRefiner = {
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

const periodTagOf = (r: { tags(): Set<string> }): DayPeriod | undefined =>
  periodOf(
    [...r.tags()]
      .map((t) => (t.startsWith(PERIOD_TAG) ? t.slice(PERIOD_TAG.length) : t === 'casualReference/tonight' ? 'night' : t.startsWith('casualReference/') ? t.slice(16) : ''))
      .find((t) => periodOf(t)),
  );
const isPeriodWithoutTime = (r: ParsingResult): boolean => !r.end && !r.start.isCertain('hour') && periodTagOf(r) !== undefined;

/** Settles hours read without am/pm: by a part of the day in the same mention or right after it ("at 7
 * tomorrow morning"), else by the spa's rule in resolveHour; chrono's own "from 2 to 4" included. */
const spaHourRefiner = {
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

function forwardRefiner(clock: WallClock) {
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

// ---- Engine ----

const byName = (name: string) => (x: object): boolean => x.constructor.name === name;

// Parsers and refiners that hold no state, built once.
const RULE_PARSERS = [hourRangeParser, clockTimeParser, periodParser, weekdayDayParser, monthTheDayParser, ordinalDayParser, holidayParser, relativeDayParser];
// Da Nang's guests write day/month: take chrono's little-endian reading of "3/4" (3 April).
const littleEndianSlash = chrono.en.GB.parsers.find(byName('SlashDateFormatParser'));

function createEngine(clock: WallClock): chrono.Chrono {
  const engine = chrono.casual.clone();
  const slash = engine.parsers.findIndex(byName('SlashDateFormatParser'));
  if (slash >= 0 && littleEndianSlash) engine.parsers[slash] = littleEndianSlash;
  // Ours come first, so on a tie of length the overlap refiner keeps them.
  engine.parsers.unshift(...RULE_PARSERS);
  const range = engine.refiners.findIndex(byName('ENMergeDateRangeRefiner'));
  if (range < 0) throw new Error('chrono-node changed: ENMergeDateRangeRefiner not found, review src/nlu/dates.ts');
  engine.refiners.splice(range, 1, rangeMergeRefiner);
  engine.refiners.unshift(unlikelyFilter, leapDayRefiner);
  engine.refiners.push(spaHourRefiner, forwardRefiner(clock));
  return engine;
}

// ---- Public API ----

function wallClock(now: Date, timeZone: string): WallClock {
  const z = new TZDate(now.getTime(), timeZone);
  return { today: { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate() }, minutes: z.getHours() * 60 + z.getMinutes() };
}

function toMention(r: ParsingResult, ref: DateReference): DateTimeMention | undefined {
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
  if (r.end) {
    const end: NonNullable<DateTimeMention['end']> = {};
    if (namesDay(r.end)) end.date = dateOf(r.end);
    if (r.end.isCertain('hour')) end.time = { hour: r.end.get('hour') ?? 0, minute: r.end.get('minute') ?? 0 };
    if (end.date || end.time) mention.end = end;
  }
  return mention;
}

function instantOf(c: Components, timeZone: string, hour?: number): Date {
  const d = dateOf(c);
  const h = hour ?? c.get('hour') ?? 0;
  const m = hour === undefined ? (c.get('minute') ?? 0) : 0;
  return new Date(TZDate.tz(timeZone, d.year, d.month - 1, d.day, h, m).getTime());
}

/** Finds every date or time mention in a guest's message, resolved in the given zone. */
export function findDateTimes(text: string, ref: DateReference): DateTimeMention[] {
  if (Number.isNaN(ref.now.getTime())) throw new RangeError('findDateTimes: the reference instant is not a valid Date');
  new Intl.DateTimeFormat('en', { timeZone: ref.timeZone }); // throws a RangeError naming a bad zone
  if (typeof text !== 'string' || text.trim() === '') return [];
  const engine = createEngine(wallClock(ref.now, ref.timeZone));
  const results = engine.parse(text, { instant: ref.now, timezone: tzOffset(ref.timeZone, ref.now) }) as ParsingResult[];
  return results.flatMap((r) => toMention(r, ref) ?? []);
}
