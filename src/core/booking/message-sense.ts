import type { Interpretation } from '../../nlu/index.ts';
import type { Awaiting, MessageSense } from './apply-answer.ts';

/** The guest's booking intents: starting, checking what is free, their own bookings, cancelling, moving. */
export const BOOKING_INTENTS = new Set(['booking.start', 'booking.availability', 'booking.mine', 'booking.cancel', 'booking.reschedule']);
// Mid-booking, these are no question of the guest's own: the booking's step reads the message.
const NOT_AN_ASIDE = new Set(['greeting', 'thanks', 'goodbye', 'out_of_scope', 'stop', 'help']);
// Politeness around an answer ("yes dear that's all correct thank you").
const POLITE = new Set(['thanks', 'greeting', 'goodbye']);
// How sure the classifier must be that a question mid-booking is about something else.
const ASIDE_MIN_SCORE = 0.4;
// This sure, the question goes first even where the message also answers the step ("will firm hurt a lot?").
const CLEAR_ASIDE_SCORE = 0.8;
// A question about something other than the step goes first from this sure on, even where it names
// one of the step's answers in passing ("how much are the 30 and the 60?", "are you open on Sunday?").
const CLEAR_OTHER_ASIDE_SCORE = 0.5;
// A question putting a time forward at the time question is asked aside only this sure.
const SURE_ASIDE_SCORE = 0.95;
// The questions about a step's own answers: asked with an answer in them ("can it be firm?", "could I
// have Mai?"), they are more likely the answer put as a question.
const ABOUT_THE_STEP: Partial<Record<Awaiting, ReadonlySet<string>>> = {
  duration: new Set(['faq.duration', 'q.choose_length', 'q.longest', 'q.shortest', 'q.short_on_time']),
  therapist: new Set(['q.therapist_gender']),
  // "Can it be softer?" asks for a pressure; "will firm hurt?" asks about pain, and is answered first.
  pressure: new Set(['q.firmer_pressure', 'q.softer_pressure']),
  health: new Set(['health']),
};

/** How a message is put, as the booking reader reads it: as a question, and short. */
export interface MessageForm {
  isQuestion: boolean;
  isShort: boolean;
  /** With a health matter, it asks whether the massage is safe ("cao huyết áp thì có sao không?"). */
  asksIfSafe?: boolean;
  /** It names a time of the clock, the time question's own answer ("after dinner, between 7 and 8"). */
  namesClockTime?: boolean;
  /** Its question puts a time forward ("around 3 maybe? flexible", "is 4 ok?"): at the time question, the answer. */
  proposesTime?: boolean;
  /** It names two different lengths ("what's the difference between the 30 and 60?"): at the length question, no answer. */
  comparesLengths?: boolean;
  /** It names a woman and a man ("is An a man or a woman?"): at the therapist question, no answer. */
  comparesGenders?: boolean;
  /** It puts one of the step's choices as "if" ("if I go firm, will it hurt?"): a question about it, not the choice. */
  choosesIf?: boolean;
  /** It asks whether a length would be enough ("is 30 min enough?"): at the length question, no answer. */
  asksEnough?: boolean;
}

/**
 * What a message means for a booking waiting for an answer at `awaiting`: a stop, or a question of
 * the guest's own (clear when it goes before any answer the message holds).
 */
export function senseOfMessage(meaning: Interpretation, form: MessageForm, awaiting?: Awaiting): MessageSense {
  // At the health question, "is it safe with my condition?" is answered before the question comes again.
  if (awaiting === 'health' && form.asksIfSafe === true) return { asksAside: true, asideIsClear: true, asksIfSafe: true };
  // Comparing two lengths at the length question chooses neither: the question goes first, however the classifier reads it.
  if (awaiting === 'duration' && form.comparesLengths === true && form.isQuestion) return { asksAside: true, asideIsClear: true };
  // So does asking whether a therapist is a man or a woman at the therapist question.
  if (awaiting === 'therapist' && form.comparesGenders === true && form.isQuestion) return { asksAside: true, asideIsClear: true };
  if (meaning.kind !== 'intent') return {};
  // "around 3 maybe? flexible": a question that puts a time forward is the answer, unless the classifier
  // is all but certain it asks something else ("вы же с 9 открыты?", you do open at 9?).
  if (awaiting === 'time' && form.proposesTime === true && meaning.score < SURE_ASIDE_SCORE) return meaning.intent === 'stop' ? { stops: true } : {};
  if (meaning.intent === 'stop') return { stops: true };
  if (POLITE.has(meaning.intent)) return { polite: true };
  const aside = !BOOKING_INTENTS.has(meaning.intent) && !NOT_AN_ASIDE.has(meaning.intent) && meaning.score >= ASIDE_MIN_SCORE && form.isQuestion;
  // "If I go firm, will it hurt?", "is 30 min enough?": whatever the classifier's doubt, a question about the choice.
  if ((form.choosesIf === true || form.asksEnough === true) && !BOOKING_INTENTS.has(meaning.intent) && !NOT_AN_ASIDE.has(meaning.intent)) return { asksAside: true, asideIsClear: true };
  if (!aside) return {};
  // A short question is most likely the answer put as one ("how about 11?", "60?"); the step reads it.
  // So is one naming a time at the time question: whatever else it mentions, it is most likely the answer.
  const aboutTheStep = (awaiting !== undefined && ABOUT_THE_STEP[awaiting]?.has(meaning.intent) === true) || form.isShort || (awaiting === 'time' && form.namesClockTime === true);
  return { asksAside: true, asideIsClear: meaning.score >= (aboutTheStep ? CLEAR_ASIDE_SCORE : CLEAR_OTHER_ASIDE_SCORE) };
}
