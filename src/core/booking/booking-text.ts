import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { zonedInstant, type Booking, type CalendarSettings } from '../../booking/index.ts';
import { dateLocale, fillTemplate, placeholdersIn, servicePrice, spaFacts, withClocks, type Content } from '../../content/index.ts';
import type { BookingDraft } from './booking-state.ts';

/**
 * Dates, times and sentences of the booking conversations, in the spa's zone and words. Every time a
 * guest reads names the spa's clock, and the guest's own when `guestZone` (their device's) differs.
 */
export function createBookingText(content: Content, calendar: CalendarSettings, guestZone?: string, facts = spaFacts(content)) {
  const texts = content.booking;
  const zone = calendar.timeZone;
  const inZone = (instant: Date) => new TZDate(instant, zone);
  const locale = { locale: dateLocale(content.language) };
  const serviceId = content.spa.services[0]?.id ?? '';
  const therapistName = (id: string) =>
    id === 'any' ? texts.any_therapist : (calendar.therapists.find((t) => t.id === id)?.name ?? id);

  // A sentence that shows a sample fact (the address, the phone) says so, as every other answer does.
  const showsSample = (template: string, values: Record<string, unknown>) => placeholdersIn(template).some((name) => !(name in values) && facts[name]?.sample);
  const withSampleNotice = (filled: string, sample: boolean | undefined) => (sample ? `${filled}\n\n${content.messages.sample_notice}` : filled);

  /** The therapist line: the one asked for, or the one free at that time when the guest had no preference. */
  const therapistLine = (requested: string | undefined, assigned: string | undefined): string => {
    const lines = texts.summary_lines;
    if ((!requested || requested === 'any') && assigned) return fillTemplate(lines.therapist_assigned, { therapist: therapistName(assigned) });
    return fillTemplate(lines.therapist, { therapist: therapistName(requested ?? 'any') });
  };

  const text = {
    say(template: string, values: Record<string, string | number> = {}): string {
      const filled = fillTemplate(template, { address: facts.address?.value ?? '', phone: facts.phone?.value ?? '', city: facts.city?.value ?? '', ...values });
      return withSampleNotice(filled, showsSample(template, values));
    },
    /** "Thursday 3 December at 15:00 Da Nang time (17:00 your time)". */
    when: (instant: Date) => withClocks(content, format(inZone(instant), texts.formats.when, locale), instant, guestZone),
    /** "Thu 3 Dec, 15:00 Da Nang time", for lists of bookings. */
    short: (instant: Date) => withClocks(content, format(inZone(instant), texts.formats.short, locale), instant, guestZone),
    /** "15:00 Da Nang time (17:00 your time)". */
    clock: (instant: Date) => withClocks(content, format(inZone(instant), texts.formats.time, locale), instant, guestZone),
    /** "Thu 3 Dec, 15:00" with no clock named: buttons (whose message names it) and staff, who are at the spa. */
    shortLabel: (instant: Date) => format(inZone(instant), texts.formats.short, locale),
    /** "15:00" on the spa's clock: buttons and staff. */
    time: (instant: Date) => format(inZone(instant), texts.formats.time, locale),
    /** A day key ("2026-11-27") as the guest reads it. */
    day: (day: string) => format(inZone(zonedInstant(day, '12:00', zone)), texts.formats.day, locale),
    therapistName,
    durationLabel: (minutes: number) => fillTemplate(texts.labels.duration, { minutes }),
    /** The same texts for a guest whose device is on `timeZone` (an unknown zone shows the spa's clock only). */
    // The spa's facts are the same on every clock: built once, not for each guest's turn.
    forGuest: (timeZone: string | undefined) => (timeZone === guestZone ? text : createBookingText(content, calendar, timeZone, facts)),

    /** The summary shown before confirming: the price, the therapist assigned, and how long the time stays held. */
    summary(draft: BookingDraft, start: Date): string {
      const lines = texts.summary_lines;
      const minutes = draft.durationMinutes ?? 0;
      const price = servicePrice(content, serviceId, minutes);
      const details = [
        fillTemplate(lines.when, { when: text.when(start) }),
        fillTemplate(lines.duration, { minutes }),
        price ? fillTemplate(lines.price, { price: price.value }) : undefined,
        therapistLine(draft.therapist, draft.hold?.therapistId),
        draft.pressure ? fillTemplate(lines.pressure, { pressure: texts.labels[draft.pressure] }) : undefined,
        fillTemplate(lines.health, { health: draft.health || texts.no_health_notes }),
        fillTemplate(lines.name, { name: draft.name ?? '' }),
        fillTemplate(lines.contact, { contact: draft.contact ?? '' }),
      ].filter(Boolean);
      // How long the time is held comes last before the question, set apart from the booking's details.
      const held = draft.hold?.until ? `\n\n${fillTemplate(texts.held_until, { until: text.clock(new Date(draft.hold.until)) })}` : '';
      return withSampleNotice(fillTemplate(texts.summary, { details: details.join('\n') + held }), price?.sample);
    },

    /** The confirmation a guest keeps: reference, when, with whom, the price, where, and how to prepare. */
    confirmation(booking: Booking): string {
      const price = servicePrice(content, booking.service, booking.durationMinutes);
      const values = {
        ref: booking.ref,
        when: text.when(new Date(booking.start)),
        minutes: booking.durationMinutes,
        therapist: therapistName(booking.therapistId),
        price: price ? fillTemplate(texts.summary_lines.price, { price: price.value }) : '',
      };
      // A spa without a price for this length has no price line (rather than an empty one).
      const filled = fillTemplate(texts.confirmed, { address: facts.address?.value ?? '', phone: facts.phone?.value ?? '', ...values })
        .split('\n')
        .filter((line) => line.trim() !== '')
        .join('\n');
      return withSampleNotice(filled, showsSample(texts.confirmed, values) || price?.sample);
    },

    /** One line per booking, for "my bookings". */
    line(booking: Booking): string {
      return fillTemplate(texts.booking_line, { ref: booking.ref, when: text.short(new Date(booking.start)), minutes: booking.durationMinutes });
    },
  };
  return text;
}

export type BookingText = ReturnType<typeof createBookingText>;
