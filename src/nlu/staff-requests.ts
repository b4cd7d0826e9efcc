// What staff type after a command ("/availability tomorrow 60", "/bookings next week"), read here so
// the channel and the staff desk act on what it means.

const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;
const DURATION = /^(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?)?$/i;

/**
 * Splits `/availability` text into the day or range and the session length: a trailing number is the
 * length in minutes ("tomorrow 60", "fri 1h"), unless it is a day of a month ("1 dec to dec 3"), or a
 * number from 1 to 31 that is no offered length ("sat 28", "28": the 28th).
 */
export function splitAvailabilityRequest(text: string, durations: readonly number[] = []): { when: string; minutes?: number } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  // "60 min" is two words; join a trailing unit to its number.
  if (words.length >= 2 && /^(m|min|mins|minutes?|h|hrs?|hours?)$/i.test(words.at(-1)!) && /^\d+$/.test(words.at(-2)!)) {
    words.splice(-2, 2, `${words.at(-2)}${words.at(-1)}`);
  }
  const last = words.at(-1);
  const match = last ? DURATION.exec(last) : null;
  const unit = match?.[2]?.toLowerCase();
  const dayOfMonth = !unit && words.length >= 2 && MONTH.test(words.at(-2)!);
  if (!match || dayOfMonth) return { when: words.join(' ') || 'today' };
  const n = Number(match[1]);
  if (!unit && durations.length > 0 && !durations.includes(n) && n >= 1 && n <= 31) {
    return { when: [...words.slice(0, -1), ordinal(n)].join(' ') };
  }
  const minutes = Number(match[1]) * (unit?.startsWith('h') ? 60 : 1);
  return { when: words.slice(0, -1).join(' ') || 'today', minutes };
}

/** 28 as "28th", 1 as "1st": how the date reader knows a number is a day of the month. */
function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** A week named by staff: "this week" and "next week" (Monday to Sunday), "the weekend", "next weekend". */
export type NamedWeek = 'this_week' | 'next_week' | 'weekend' | 'next_weekend';

/** The week a request names as the whole of it, if it names one. */
export function namedWeek(text: string): NamedWeek | undefined {
  const said = text.trim().toLowerCase();
  if (/^(?:this\s+)?week$/.test(said)) return 'this_week';
  if (/^next\s+week$/.test(said)) return 'next_week';
  if (/^(?:this\s+|the\s+)?weekend$/.test(said)) return 'weekend';
  if (/^next\s+weekend$/.test(said)) return 'next_weekend';
  return undefined;
}
