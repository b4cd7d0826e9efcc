// The words guests use for days, months and parts of the day, and how a spoken hour is read at a spa.
import type { DayPeriod } from './types.ts';

export type Meridiem = 'am' | 'pm';

// The hour a period stands for when no clock time is given, and the hour it is over (spa opening hours).
export const PERIOD_HOURS: Record<DayPeriod, { at: number; until: number }> = {
  morning: { at: 9, until: 12 },
  afternoon: { at: 14, until: 18 },
  evening: { at: 18, until: 22 },
  night: { at: 20, until: 24 },
};

export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
export const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
export const WEEKDAY = String.raw`(?:sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)`;
export const MERIDIEM = String.raw`(?:\s*(?<mer>[ap])\.?\s?m\b\.?)`;
export const PERIOD = String.raw`(?:\s*(?:in\s+the\s+|at\s+|(?<thisDay>this\s+))?(?<period>morning|afternoon|evening|night|tonight)\b)`;
// A number followed by one of these counts something else (people, nights, minutes) or is part of a date.
export const NOT_A_CLOCK_AFTER = new RegExp(
  String.raw`^\s*(?:%|[-–/]\s*\d|x\b|of\b|(?:people|persons?|pax|guests?|adults?|kids?|child(?:ren)?|days?|nights?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|rooms?|beds?|times?|stars?|(?:st|nd|rd|th)\b)|${MONTH}(?!\w))`,
  'i',
);
export const MONTH_AFTER = new RegExp(String.raw`^\s*,?\s*(?:of\s+)?${MONTH}(?!\w)`, 'i'); // chrono reads the whole date
export const NOT_A_DAY_AFTER = /^\s+(?:time|floor|person|guest|visit|session|treatment|massage|day|night|week|one|option|choice|attempt|try|place|row|birthday|anniversary|year|round|course|booking|appointment|room)s?\b/i;

// ---- Hours ----

/** Reads a spoken hour as 24h. With no am/pm and no part of the day, 1-7 means pm: a spa books daytime, so
 * "at 3" is 15:00 while "at 9" is 9:00; a leading zero ("07:30") or a 24h hour is taken as written. */
export function resolveHour(hour: number, cue: { meridiem?: Meridiem; period?: DayPeriod; leadingZero?: boolean }): number {
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

/** The part of the day a word names ("tonight" is the night), if any. */
export function periodOf(word: string | undefined): DayPeriod | undefined {
  const w = word?.toLowerCase();
  if (w === 'tonight') return 'night';
  return w === 'morning' || w === 'afternoon' || w === 'evening' || w === 'night' ? w : undefined;
}

/** True when the words name today as well as the hour: "8 tonight", "9 this evening". */
export const namesToday = (g: Record<string, string | undefined>): boolean => Boolean(g.thisDay) || g.period?.toLowerCase() === 'tonight';

/** am or pm from the letter before the "m", if one was written. */
export function meridiemOf(letter: string | undefined): Meridiem | undefined {
  if (!letter) return undefined;
  return letter.toLowerCase() === 'p' ? 'pm' : 'am';
}
