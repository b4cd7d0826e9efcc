import { readDeskBooking, readGuestQuery, readTypedReference, splitAvailabilityRequest } from '../../nlu/index.ts';
import type { Concierge } from '../../core/index.ts';
import { availabilityMessage, bookingListMessage, bookingMessage, bookingView, missedMessage, textMessage, type SlackMessage } from './blocks.ts';
import { guestText } from './slack-text.ts';
import { fill, type SlackTexts } from './texts.ts';

/** The slash commands the desk answers; each must be created in the Slack app with the same name. */
export const SLACK_COMMANDS = ['/availability', '/bookings', '/booking', '/book', '/timeoff', '/missed'] as const;

/** The days `/missed` (and the Monday post) reports on. */
export const MISSED_REPORT_DAYS = 7;

/** Who typed a command, and the command's own id (a command delivered twice books once). */
export interface CommandAuthor {
  /** Their name as the team sees it (asked of Slack only when a command needs it). */
  staffName(): Promise<string>;
  commandId: string;
}


/** What the staff commands answer, as Block Kit messages; who may ask is checked before. */
export function createStaffCommands(concierge: Concierge, texts: SlackTexts) {
  const longest = () => Math.max(...(concierge.bookingDesk?.context.calendar.durations ?? [60]));

  return {
    /** `/availability [day or range] [minutes]`: free start times per therapist. */
    async availability(text: string): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      if (!desk) return textMessage(texts.no_bookings);
      const { when, minutes } = splitAvailabilityRequest(text, concierge.bookingDesk?.context.calendar.durations ?? []);
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

    /** `/booking REF`: one booking with its buttons; `/booking Anna` or a phone or email: that guest's bookings. */
    async booking(text: string): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      if (!desk) return textMessage(texts.no_bookings);
      const ref = readTypedReference(text);
      if (ref) {
        const booking = await desk.booking(ref);
        if (!booking) return textMessage(fill(texts.booking.not_found, { ref }));
        return bookingMessage(texts, bookingView(booking, desk, texts));
      }
      const query = readGuestQuery(text);
      if (!query) return textMessage(texts.booking.usage);
      const { from, bookings } = await desk.bookingsOf(query);
      const asked = guestText(text.trim(), 80);
      if (bookings.length === 1) return bookingMessage(texts, bookingView(bookings[0]!, desk, texts));
      const heading = { title: fill(texts.booking.found, { query: asked }), none: fill(texts.booking.none_found, { query: asked, from }) };
      return bookingListMessage(texts, from, bookings.map((booking) => bookingView(booking, desk, texts)), heading);
    },

    /** `/book tomorrow 15:00 60 Anna Tran +84 905 123 456 with Mai`: a walk-in or a caller, read as a guest's message is. */
    async book(text: string, author: CommandAuthor): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      const booking = concierge.bookingDesk?.context;
      if (!desk || !booking) return textMessage(texts.no_bookings);
      const t = texts.book;
      if (!text.trim()) return textMessage(t.usage);
      const durations = booking.calendar.durations;
      const line = readDeskBooking(text.slice(0, 500), booking.reader, { now: booking.now(), timeZone: booking.calendar.timeZone }, durations);
      const offered = durations.join(' or ');
      const missing = (['day', 'time', 'minutes', 'name'] as const).filter((part) => line[part] === undefined);
      if (missing.length > 0) {
        const parts = missing.map((part) => (part === 'minutes' ? fill(t.parts.minutes, { durations: offered }) : t.parts[part]));
        return textMessage(fill(t.missing, { missing: parts.join(', ') }));
      }
      const result = await desk.bookAtDesk(
        { day: line.day!, time: line.time!, minutes: line.minutes!, name: line.name!, ...(line.contact ? { contact: line.contact } : {}), ...(line.therapist ? { therapist: line.therapist } : {}), key: author.commandId },
        await author.staffName(),
      );
      if (!result.ok) {
        const when = `${line.day} ${line.time}`;
        return textMessage(fill(t.refused[result.reason], { when, durations: offered }));
      }
      const view = bookingView(result.booking, desk, texts);
      const headline = fill(result.duplicate ? t.already : t.booked, { ref: result.booking.ref });
      return bookingMessage(texts, view, { headline, notes: result.booking.guest.contact ? [] : [t.no_contact] });
    },

    /** `/missed`: what guests wrote over the last week that the bot did not understand, without names or numbers. */
    async missed(): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      return desk ? missedMessage(texts, await desk.missedReport(MISSED_REPORT_DAYS)) : textMessage(texts.no_bookings);
    },

    /**
     * `/timeoff Mai tomorrow`, `/timeoff An 2026-12-24 14:00-18:00`: a therapist's time off, with the
     * bookings it overlaps listed for staff to see to; `/timeoff` or `list` shows what is set, `remove` takes it back.
     */
    async timeoff(text: string, author: CommandAuthor): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      const booking = concierge.bookingDesk?.context;
      if (!desk || !booking) return textMessage(texts.no_bookings);
      const t = texts.timeoff;
      const outcome = await desk.timeOff(text, await author.staffName());
      switch (outcome.kind) {
        case 'added': {
          const { when, therapist } = desk.describeTimeOff(outcome.timeOff);
          const headline = fill(t.added, { therapist, when, id: outcome.timeOff.id });
          if (outcome.clashes.length === 0) return textMessage(headline);
          const title = `${headline}\n${fill(t.clashes, { therapist, count: outcome.clashes.length })}`;
          return bookingListMessage(texts, '', outcome.clashes.map((clash) => bookingView(clash, desk, texts)), { title, none: headline });
        }
        case 'removed': {
          const list = outcome.removed.map((off) => {
            const { when, therapist } = desk.describeTimeOff(off);
            return `${off.id} (${therapist}, ${when})`;
          });
          return textMessage(fill(t.removed, { list: list.join(', ') }));
        }
        case 'list': {
          if (outcome.entries.length === 0) return textMessage(`${t.list_empty}\n${t.usage}`);
          const lines = outcome.entries.map((off) => fill(t.line, { id: off.id, ...desk.describeTimeOff(off), by: guestText(off.by, 80) }));
          return textMessage(`*${t.list_title}*\n${lines.join('\n')}`);
        }
        case 'refused':
          return textMessage(fill(t.refused[outcome.reason], { therapists: booking.calendar.therapists.map((therapist) => therapist.name).join(', ') }));
      }
    },
  };
}

export type StaffCommands = ReturnType<typeof createStaffCommands>;
