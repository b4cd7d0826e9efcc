import { findDateTimes, type DateTimeMention } from '../../nlu/index.ts';
import type { BookingContext } from './booking-context.ts';

// "now" beside a real time is a figure of speech ("book now for tomorrow at 3pm", "now one for my
// wife on Friday"), not the time wanted; alone ("can I come now?") it is the time wanted.
const NOW = /^(?:right\s+)?now$/i;

/** The date or time a guest asks for in a message, in the spa's time zone; undefined when there is none. */
export function wantedTime(ctx: Pick<BookingContext, 'now' | 'calendar'>, text: string): DateTimeMention | undefined {
  const found = findDateTimes(text, { now: ctx.now(), timeZone: ctx.calendar.timeZone });
  return found.find((mention) => !NOW.test(mention.text.trim())) ?? found[0];
}

// "an hour earlier", "30 mins later", "half an hour sooner": a shift of the time already set.
const SHIFT =
  /\b(?<n>half\s+an?|an?|one|two|three|\d{1,3}(?:[.,]5)?)\s*(?<unit>hours?|hrs?|h|minutes?|mins?)\s+(?<dir>earlier|sooner|before|later|after)\b/i;
const WORD_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3 };

/** Minutes by which the guest asks to move a time they already have ("an hour earlier": -60); undefined for none. */
export function wantedShift(text: string): number | undefined {
  const g = SHIFT.exec(text)?.groups;
  if (!g) return undefined;
  const n = /^half/i.test(g.n!) ? 0.5 : (WORD_NUMBERS[g.n!.toLowerCase()] ?? Number(g.n!.replace(',', '.')));
  const minutes = Math.round(n * (/^h/i.test(g.unit!) ? 60 : 1));
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 12 * 60) return undefined;
  return /^(?:earlier|sooner|before)$/i.test(g.dir!) ? -minutes : minutes;
}
