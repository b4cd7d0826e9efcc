import { findBookingRef } from '../../booking/index.ts';
import type { Concierge } from '../../core/index.ts';
import { availabilityMessage, bookingListMessage, bookingMessage, bookingView, textMessage, type SlackMessage } from './blocks.ts';
import { guestText } from './slack-text.ts';
import { fill, type SlackTexts } from './texts.ts';

/** The slash commands the desk answers; each must be created in the Slack app with the same name. */
export const SLACK_COMMANDS = ['/availability', '/bookings', '/booking'] as const;

const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;
const DURATION = /^(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?)?$/i;
const REF = /^[A-Z0-9][A-Z0-9-]{2,19}$/;

/**
 * Splits `/availability` text into the day or range and the session length: a trailing number is the
 * length in minutes ("tomorrow 60", "fri 1h"), unless it is a day of a month ("1 dec to dec 3"), or a
 * number from 1 to 31 that is no offered length ("sat 28", "28": the 28th).
 */
export function splitAvailabilityText(text: string, durations: readonly number[] = []): { when: string; minutes?: number } {
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

/** What the staff commands answer, as Block Kit messages; who may ask is checked before. */
export function createStaffCommands(concierge: Concierge, texts: SlackTexts) {
  const longest = () => Math.max(...(concierge.bookingDesk?.context.calendar.durations ?? [60]));

  return {
    /** `/availability [day or range] [minutes]`: free start times per therapist. */
    async availability(text: string): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      if (!desk) return textMessage(texts.no_bookings);
      const { when, minutes } = splitAvailabilityText(text, concierge.bookingDesk?.context.calendar.durations ?? []);
      const result = await desk.availability(when, minutes);
      if (result.ok) return availabilityMessage(texts, minutes ?? longest(), result.days);
      const t = texts.availability;
      const answers = { bad_day: t.bad_day, bad_duration: t.bad_duration, too_long_range: t.too_long_range };
      return textMessage(fill(answers[result.reason], { when: guestText(when, 100), minutes: minutes ?? '' }));
    },

    /** `/bookings [day]`: the day's confirmed bookings in order. */
    async bookings(text: string): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      if (!desk) return textMessage(texts.no_bookings);
      const when = text.trim();
      const result = await desk.bookingsOn(when || undefined);
      if (!result.ok) return textMessage(fill(texts.bookings.bad_day, { when: guestText(when, 100) }));
      return bookingListMessage(texts, result.dayLabel, result.bookings.map((booking) => bookingView(booking, desk, texts)));
    },

    /** `/booking REF`: one booking with its buttons. */
    async booking(text: string): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      if (!desk) return textMessage(texts.no_bookings);
      // Written as guests write it too: "ls 7k3q", "LS7K3Q", a phone's long dash.
      const ref = findBookingRef(text) ?? text.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
      if (!REF.test(ref)) return textMessage(texts.booking.usage);
      const booking = await desk.booking(ref);
      if (!booking) return textMessage(fill(texts.booking.not_found, { ref }));
      return bookingMessage(texts, bookingView(booking, desk, texts));
    },
  };
}

export type StaffCommands = ReturnType<typeof createStaffCommands>;
