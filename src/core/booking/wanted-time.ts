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
