import type { Interpretation } from '../../nlu/index.ts';
import type { MessageSense } from './apply-answer.ts';

/** The guest's booking intents: starting, checking what is free, their own bookings, cancelling, moving. */
export const BOOKING_INTENTS = new Set(['booking.start', 'booking.availability', 'booking.mine', 'booking.cancel', 'booking.reschedule']);
// Mid-booking, these are no question of the guest's own: the booking's step reads the message.
const NOT_AN_ASIDE = new Set(['greeting', 'thanks', 'goodbye', 'out_of_scope', 'stop', 'help']);
// How sure the classifier must be that a question mid-booking is about something else.
const ASIDE_MIN_SCORE = 0.4;
// This sure, the question goes first even where the message also answers the step ("will firm hurt a lot?").
const CLEAR_ASIDE_SCORE = 0.8;

/** What a message means for a booking waiting for an answer: a stop, or a question of the guest's own. */
export function senseOfMessage(meaning: Interpretation, isQuestion: boolean): MessageSense {
  if (meaning.kind !== 'intent') return {};
  if (meaning.intent === 'stop') return { stops: true };
  const aside = !BOOKING_INTENTS.has(meaning.intent) && !NOT_AN_ASIDE.has(meaning.intent) && meaning.score >= ASIDE_MIN_SCORE && isQuestion;
  return aside ? { asksAside: true, asideIsClear: meaning.score >= CLEAR_ASIDE_SCORE } : {};
}
