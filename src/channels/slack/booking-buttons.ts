import { FRONT_DESK_CHANNEL } from '../../booking/index.ts';
import type { Concierge } from '../../core/index.ts';
import { bookingMessage, bookingView, channelName, plainMessage, textMessage, type SlackMessage } from './blocks.ts';
import { guestText, guestWords } from './slack-text.ts';
import { fill, type SlackTexts } from './texts.ts';

/** What pressing a booking button did: the answer for the staff member, and the line for the message it was on. */
export interface ButtonOutcome {
  answer: SlackMessage;
  /** Shown under the booking message for everyone; undefined when nothing changed. */
  status?: { line: string; keepButtons: boolean };
}

/** The booking buttons (Cancel, Arrived, No-show, Details); who may press them is checked before. */
export function createBookingButtons(concierge: Concierge, texts: SlackTexts) {
  const t = texts.actions;

  return {
    /** Cancels for the spa; the core tells the guest on their channel. */
    async cancel(ref: string, staffName: string): Promise<ButtonOutcome> {
      const desk = concierge.staffDesk;
      if (!desk) return { answer: textMessage(texts.no_bookings) };
      const result = await desk.cancel(ref, staffName);
      if (!result.ok) {
        if (result.reason === 'already_cancelled') return { answer: textMessage(fill(t.already_cancelled, { ref })), status: { line: texts.card.cancelled, keepButtons: false } };
        if (result.reason === 'over') return { answer: textMessage(fill(t.cancel_over, { ref })) };
        return { answer: textMessage(fill(t.not_found, { ref })) };
      }
      const { booking } = result;
      const channel = channelName(texts, booking.guest.channel);
      const answer =
        booking.guest.channel === FRONT_DESK_CHANNEL
          ? plainMessage(t.cancelled_at_desk, { ref: booking.ref, contact: booking.guest.contact ? guestWords(booking.guest.contact, 200) : texts.card.no_contact })
          : result.guestTold === true
          ? textMessage(fill(t.cancelled, { ref: booking.ref, channel }))
          : result.guestTold === 'pending'
            ? textMessage(fill(t.cancelled_guest_being_told, { ref: booking.ref, channel }))
            : plainMessage(t.cancelled_guest_not_told, { ref: booking.ref, channel, contact: guestWords(booking.guest.contact, 200) });
      return { answer, status: { line: fill(t.by_cancelled, { staff: guestText(staffName, 100) }), keepButtons: false } };
    },

    /** Marks that the guest came, or did not. */
    async attendance(ref: string, attendance: 'arrived' | 'no_show', staffName: string): Promise<ButtonOutcome> {
      const desk = concierge.staffDesk;
      if (!desk) return { answer: textMessage(texts.no_bookings) };
      const result = await desk.markAttendance(ref, attendance);
      if (!result.ok) {
        if (result.reason === 'cancelled') return { answer: textMessage(fill(t.attendance_cancelled, { ref })), status: { line: texts.card.cancelled, keepButtons: false } };
        if (result.reason === 'not_started') return { answer: textMessage(fill(t.attendance_not_started, { ref, when: desk.describe(result.booking).when })) };
        return { answer: textMessage(fill(t.not_found, { ref })) };
      }
      const done = attendance === 'arrived' ? t.arrived : t.no_show;
      const by = attendance === 'arrived' ? t.by_arrived : t.by_no_show;
      return { answer: textMessage(fill(done, { ref: result.booking.ref })), status: { line: fill(by, { staff: guestText(staffName, 100) }), keepButtons: true } };
    },

    /** The booking's card with its buttons (the Details button of `/bookings`). */
    async details(ref: string): Promise<SlackMessage> {
      const desk = concierge.staffDesk;
      if (!desk) return textMessage(texts.no_bookings);
      const booking = await desk.booking(ref);
      return booking ? bookingMessage(texts, bookingView(booking, desk, texts)) : textMessage(fill(t.not_found, { ref }));
    },
  };
}

export type BookingButtons = ReturnType<typeof createBookingButtons>;
