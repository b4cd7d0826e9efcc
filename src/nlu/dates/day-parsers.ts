// Parsers for the days chrono misses: a day of the month alone or with its weekday, fixed holidays, and days
// counted from today.
import { addDays, assignDate, wallDate } from './calendar.ts';
import { atWordStart, textAfter, type RuleParser } from './rule-parser.ts';
import { MONTH, MONTH_AFTER, MONTHS, NOT_A_DAY_AFTER, WEEKDAY, WEEKDAYS } from './vocabulary.ts';

/** Day of the month alone: "the 23rd", "on the 5th", "21st of the month", "the 2nd of next month". */
export const ordinalDayParser: RuleParser = {
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
export const weekdayDayParser: RuleParser = {
  pattern: () =>
    new RegExp(String.raw`(?<![\w])(?:(?:this|next|coming)\s+)?(?<wd>${WEEKDAY})\.?\s*,?\s+(?<the>the\s+)?(?<d>\d{1,2})(?<suffix>st|nd|rd|th)?(?![\w:])`, 'i'),
  extract(context, match) {
    const g = match.groups ?? {};
    const day = Number(g.d);
    const weekday = WEEKDAYS.indexOf((g.wd ?? '').slice(0, 3).toLowerCase());
    // Without "the" or a suffix, "Friday 3" is more likely an hour than a day; "Sunday 24" is a day when
    // the 24th of this month or the next is that Sunday (no hour of the spa's day is 13 or more in 12-hour talk).
    const bareDay = !g.the && !g.suffix;
    if (day < 1 || day > 31 || !atWordStart(context, match) || (bareDay && (day < 13 || !fallsOn(wallDate(context), day, weekday)))) return null;
    const after = textAfter(context, match);
    if (NOT_A_DAY_AFTER.test(after) || MONTH_AFTER.test(after)) return null;
    return context.createParsingComponents({ day, weekday });
  },
};

/** Whether the `day` of this month, or of the next when this month's has passed, is on `weekday` (0 is Sunday). */
function fallsOn(today: { year: number; month: number; day: number }, day: number, weekday: number): boolean {
  const month = day >= today.day ? today.month : (today.month % 12) + 1;
  const year = today.year + (month < today.month ? 1 : 0);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDay() === weekday;
}

/** A month, "the" and a day: "Aug the 18th", "June the 1st 2023". */
export const monthTheDayParser: RuleParser = {
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
export const holidayParser: RuleParser = {
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
export const relativeDayParser: RuleParser = {
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
