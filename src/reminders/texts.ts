// The reminder and the follow-up as replies, from content/reminders.yaml, in the spa's zone and words
// (and on the guest's own clock too, when their device's zone is known and differs).
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { cancellationTerms, dayKey, shiftDay, type Booking } from '../booking/index.ts';
import { dateLocale, fillTemplate, spaFacts, withClocks, type Content } from '../content/index.ts';
import type { Reply } from '../core/index.ts';

/** The values every reminders.yaml sentence may use, for one booking. */
export function sessionValues(content: Content, booking: Booking): Record<string, string | number> {
  const facts = spaFacts(content);
  const service = content.spa.services.find((s) => s.id === booking.service) ?? content.spa.services[0];
  return {
    spa_name: content.spa.name,
    service: service?.name ?? booking.service,
    ref: booking.ref,
    minutes: booking.durationMinutes,
    address: facts.address?.value ?? '',
    phone: facts.phone?.value ?? '',
  };
}

/** Builds the messages sent around a booking. */
export function createReminderTexts(content: Content) {
  const texts = content.reminders;
  const zone = content.spa.time_zone;
  const formats = content.booking.formats;
  const locale = { locale: dateLocale(content.language) };
  // As everywhere the bot shows a sample value, a note says so.
  const sampleNote = content.spa.address.sample ? `\n\n${content.messages.sample_notice}` : '';

  /** "today", "tomorrow" or "on Friday 27 November", as seen from `now`. */
  const dayWords = (start: Date, now: Date): string => {
    const day = dayKey(start, zone);
    const today = dayKey(now, zone);
    if (day === today) return texts.days.today;
    if (day === shiftDay(today, 1)) return texts.days.tomorrow;
    return fillTemplate(texts.days.later, { day: format(new TZDate(start, zone), formats.day, locale) });
  };

  return {
    /** The reminder before a session: day, time and place, how to prepare, and moving or cancelling. */
    reminder(booking: Booking, now: Date): Reply {
      const start = new Date(booking.start);
      const text = fillTemplate(texts.reminder, {
        ...sessionValues(content, booking),
        day: dayWords(start, now),
        // The spa's clock, named, and the guest's own when they booked from a device on another zone.
        time: withClocks(content, format(new TZDate(start, zone), formats.time, locale), start, booking.guest.timeZone),
      });
      // Moving or cancelling is offered while it is still free; closer to the session only the spa can.
      const free = cancellationTerms(booking, now, { freeCancellationHours: content.spa.booking.free_cancellation_hours }).kind === 'free';
      const choices = free
        ? [
            { label: fillTemplate(texts.labels.move, { ref: booking.ref }), action: `m:move:${booking.ref}` },
            { label: fillTemplate(texts.labels.cancel, { ref: booking.ref }), action: `m:cancel:${booking.ref}` },
          ]
        : [{ label: content.messages.labels.person, action: 'i:person' }];
      return { text: text + sampleNote, choices };
    },

    /** The follow-up after a session: aftercare, and an offer to book the next one. */
    followUp(booking: Booking): Reply {
      return {
        text: fillTemplate(texts.follow_up, sessionValues(content, booking)),
        choices: [{ label: fillTemplate(texts.labels.book_next, { ref: booking.ref }), action: 'i:booking.start' }],
      };
    },
  };
}

export type ReminderTexts = ReturnType<typeof createReminderTexts>;
