import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { zonedInstant, type Booking, type CalendarSettings } from '../../booking/index.ts';
import { dateLocale, fillTemplate, placeholdersIn, spaFacts, type Content } from '../../content/index.ts';
import type { BookingDraft } from './booking-state.ts';

/** Dates, times and sentences of the booking conversations, in the spa's zone and words. */
export function createBookingText(content: Content, calendar: CalendarSettings) {
  const texts = content.booking;
  const facts = spaFacts(content);
  const zone = calendar.timeZone;
  const inZone = (instant: Date) => new TZDate(instant, zone);
  const locale = { locale: dateLocale(content.language) };
  const therapistName = (id: string) =>
    id === 'any' ? texts.any_therapist : (calendar.therapists.find((t) => t.id === id)?.name ?? id);

  // A sentence that shows a sample fact (the address, the phone) says so, as every other answer does.
  const showsSample = (template: string, values: Record<string, unknown>) => placeholdersIn(template).some((name) => !(name in values) && facts[name]?.sample);

  const text = {
    say(template: string, values: Record<string, string | number> = {}): string {
      const filled = fillTemplate(template, { address: facts.address?.value ?? '', phone: facts.phone?.value ?? '', ...values });
      return showsSample(template, values) ? `${filled}\n\n${content.messages.sample_notice}` : filled;
    },
    when: (instant: Date) => format(inZone(instant), texts.formats.when, locale),
    short: (instant: Date) => format(inZone(instant), texts.formats.short, locale),
    time: (instant: Date) => format(inZone(instant), texts.formats.time, locale),
    /** A day key ("2026-11-27") as the guest reads it. */
    day: (day: string) => format(inZone(zonedInstant(day, '12:00', zone)), texts.formats.day, locale),
    therapistName,
    durationLabel: (minutes: number) => fillTemplate(texts.labels.duration, { minutes }),

    /** The summary shown before confirming. */
    summary(draft: BookingDraft, start: Date): string {
      const lines = texts.summary_lines;
      const details = [
        fillTemplate(lines.when, { when: text.when(start) }),
        fillTemplate(lines.duration, { minutes: draft.durationMinutes ?? 0 }),
        fillTemplate(lines.therapist, { therapist: therapistName(draft.therapist ?? 'any') }),
        draft.pressure ? fillTemplate(lines.pressure, { pressure: texts.labels[draft.pressure] }) : undefined,
        fillTemplate(lines.health, { health: draft.health || texts.no_health_notes }),
        fillTemplate(lines.name, { name: draft.name ?? '' }),
        fillTemplate(lines.contact, { contact: draft.contact ?? '' }),
      ].filter(Boolean);
      return fillTemplate(texts.summary, { details: details.join('\n') });
    },

    /** The confirmation a guest keeps: reference, when, where, and how to prepare. */
    confirmation(booking: Booking): string {
      return text.say(texts.confirmed, { ref: booking.ref, when: text.when(new Date(booking.start)), minutes: booking.durationMinutes });
    },

    /** One line per booking, for "my bookings". */
    line(booking: Booking): string {
      return fillTemplate(texts.booking_line, { ref: booking.ref, when: text.short(new Date(booking.start)), minutes: booking.durationMinutes });
    },
  };
  return text;
}

export type BookingText = ReturnType<typeof createBookingText>;
