// Everything the concierge says and reads in one language: its answers, its booking conversation and
// its hand-over texts, over the stores and event hubs every language shares. The concierge picks the
// desk of a conversation's language for each turn.
import type { BookingStore } from '../booking/index.ts';
import { BUILT_IN_INTENTS, isKnownTimeZone, type Content } from '../content/index.ts';
import { createHealthCheck, foldVietnamese, type Understanding } from '../nlu/index.ts';
import { parseAction } from './actions.ts';
import { createAnswers, type Outcome } from './answers.ts';
import {
  calendarSettingsFrom,
  createBookingDesk,
  createBookingText,
  type BookingDesk,
  type BookingEvents,
  type BookingGuest,
  type BookingOutcome,
  type BookingContext,
  type Awaiting,
  type MessageForm,
  BOOKING_INTENTS,
  senseOfMessage,
} from './booking/index.ts';
import type { EventHub } from './event-hub.ts';
import type { HandoverEvent } from './handover.ts';
import { createHandoverDesk, type HandoverDesk } from './handover-desk.ts';
import type { Logger } from './logger.ts';
import type { GuestOutbox } from './outbox.ts';
import { createReplyBuilder, type ReplyBuilder } from './replies.ts';
import { conversationKey, type ConversationState } from './state.ts';
import type { Turn } from './types.ts';

// The answer on cancelling and moving: what a question about fees means while doing either.
const CHANGE_RULES = 'q.cancel_policy';

/** What every language's desk shares: the stores, the event hubs and the settings of the concierge. */
export interface SharedDesk {
  bookings?: BookingStore;
  events: BookingEvents;
  handoverEvents: EventHub<HandoverEvent>;
  outbox: GuestOutbox;
  confidenceThreshold: number;
  now: () => Date;
  logger: Logger;
}

/** What a turn was understood as, filled in while it is handled. */
export interface TurnTrace {
  /** The language the turn was answered in. */
  language?: string;
  intent?: string;
  confidence?: number;
  answered?: string[];
  fallback: boolean;
}

/** The answers, booking conversation and hand-over of one language. */
export interface LanguageDesk {
  content: Content;
  replies: ReplyBuilder;
  booking?: BookingDesk;
  handover: HandoverDesk;
  respondToText(text: string, state: ConversationState, turn: Turn, key: string, trace: TurnTrace): Promise<Outcome>;
  respondToAction(action: string, state: ConversationState, turn: Turn): Promise<Outcome>;
}

/** Builds the desk of one language from its content and understanding. */
export function createLanguageDesk(content: Content, understanding: Understanding, shared: SharedDesk): LanguageDesk {
  const { now, logger } = shared;
  const replies = createReplyBuilder(content);
  const answers = createAnswers(content, replies);
  const mentionsHealth = createHealthCheck(content.health.terms, content.language === 'vi' ? foldVietnamese : undefined);
  const builtIns = new Set<string>(BUILT_IN_INTENTS);
  const desk = shared.bookings ? createDesk(shared.bookings) : undefined;
  const handover = createHandoverDesk(content, replies, shared.handoverEvents, shared.outbox, now);

  function createDesk(bookings: BookingStore): BookingDesk {
    const calendar = calendarSettingsFrom(content);
    return createBookingDesk({
      calendar,
      store: bookings,
      content,
      text: createBookingText(content, calendar),
      reader: understanding.bookingReader(calendar.therapists),
      events: shared.events,
      now,
      serviceId: content.spa.services[0]?.id ?? 'massage',
      menuChoices: () => replies.menu().choices ?? [],
      mentionsHealth,
    });
  }

  const isKnownIntent = (id: string) => builtIns.has(id) || replies.hasTopic(id) || replies.hasQuestion(id) || replies.hasWalkthrough(id);
  // Answers given in one message that leave nothing waiting: a topic or a precise question.
  const isAnsweredInPlace = (id: string) => replies.hasTopic(id) || replies.hasQuestion(id);
  const bookingGuest = (turn: Turn): BookingGuest => ({
    key: `${turn.channel}:${turn.guest.id}`,
    channel: turn.channel,
    conversationId: turn.conversationId,
    language: content.language,
    ...(turn.guest.name ? { name: turn.guest.name } : {}),
    ...(isKnownTimeZone(turn.guest.timeZone) ? { timeZone: turn.guest.timeZone } : {}),
  });
  const withBooking = (state: ConversationState, outcome: BookingOutcome): Outcome => ({
    replies: outcome.replies,
    state: {
      ...state,
      ...(outcome.guestTimeZone ? { guest: { ...state.guest, timeZone: outcome.guestTimeZone } } : {}),
      misses: 0,
      walkthrough: undefined,
      booking: outcome.memory,
    },
  });

  /** An intent the guest expressed: booking intents go to the desk, a person to the staff desk, the rest are answered. */
  async function answer(intent: string, state: ConversationState, turn: Turn, advise: boolean, text?: string): Promise<Outcome> {
    if (intent === 'person' && handover.available) return handover.start(state, turn, conversationKey(turn), 'asked', text);
    if (desk && BOOKING_INTENTS.has(intent)) {
      const outcome = withBooking(state, await desk.forIntent(intent, bookingGuest(turn), state.booking ?? {}, text));
      // Advice goes with a new booking that names a health matter, not with one saying there is none
      // ("no old injuries"), nor with a cancellation's reason ("my child has a fever").
      const booking = intent === 'booking.start' || intent === 'booking.availability';
      const heeds = advise && booking && !(text !== undefined && desk.context.reader.saysHealthy(text));
      return heeds ? { ...outcome, replies: [{ text: content.health.advice }, ...outcome.replies] } : outcome;
    }
    return answers.answerIntent(intent, state, advise);
  }

  /** How a message mid-booking is put; only what the step waiting needs is read (dates cost). */
  function formOf(reader: BookingContext['reader'], text: string, advise: boolean, awaiting: Awaiting | undefined): MessageForm {
    const isQuestion = reader.asksInASentence(text);
    return {
      isQuestion,
      isShort: reader.isShort(text),
      asksIfSafe: advise && isQuestion && understanding.asksIfSafe(text),
      namesClockTime: awaiting === 'time' && reader.namesClockTime(text),
      // "around 3 maybe? flexible": the question is the time put forward.
      proposesTime: awaiting === 'time' && reader.putsTimeForward(text),
      comparesLengths: awaiting === 'duration' && reader.comparesLengths(text),
      comparesGenders: awaiting === 'therapist' && reader.namesBothGenders(text),
      choosesIf: (awaiting === 'duration' || awaiting === 'therapist' || awaiting === 'pressure') && isQuestion && reader.choosesIf(text),
      asksEnough: awaiting === 'duration' && isQuestion && reader.asksEnough(text),
    };
  }

  async function respondToText(text: string, state: ConversationState, turn: Turn, key: string, trace: TurnTrace): Promise<Outcome> {
    if (state.handover) return handover.forward(state, turn, key, text);
    const memory = state.booking ?? {};
    const advise = mentionsHealth(text);
    const interpret = () => understanding.interpret(text, { threshold: shared.confidenceThreshold, skipVocabularyCheck: advise });
    // While a booking waits for an answer, the whole message is read first, so "never mind, I'll think
    // about it" stops it and "wait, does it hurt?" is answered, however they are worded.
    const waiting = desk?.waiting(memory) === true;
    const early = waiting ? await interpret() : undefined;
    const pending = desk && waiting ? await desk.forText(bookingGuest(turn), memory, text, early ? senseOfMessage(early, formOf(desk.context.reader, text, advise, memory.draft?.awaiting), memory.draft?.awaiting) : {}) : undefined;
    if (pending && pending !== 'unhandled') {
      trace.answered = [pending.stopped ? 'booking.stop' : 'step'];
      return withBooking(state, pending);
    }
    if (state.walkthrough && understanding.movesOn(text, state.walkthrough.aside === true)) {
      trace.answered = [state.walkthrough.id];
      return answers.startWalkthrough(state.walkthrough.id, state.walkthrough.step + 1, state);
    }
    const meaning = early ?? (await interpret());
    trace.intent = meaning.kind === 'intent' ? meaning.intent : meaning.kind === 'unsure' ? 'None' : 'other-language';
    if (meaning.kind !== 'other-language') trace.confidence = meaning.kind === 'intent' ? meaning.score : meaning.guess.score;
    if (meaning.kind === 'other-language') {
      trace.answered = ['other-language'];
      return { replies: [replies.withLanguages(replies.say('other_language'))], state: { ...state, walkthrough: undefined } };
    }
    logger.debug({ key, kind: meaning.kind, intent: trace.intent, confidence: trace.confidence, text }, 'classified');
    // "Will I still be charged?" while cancelling or moving a booking asks about the rules for doing so.
    const asksFees = memory.manage?.awaiting !== undefined && isKnownIntent(CHANGE_RULES) && understanding.asksAboutFees(text) && (meaning.kind !== 'intent' || !BOOKING_INTENTS.has(meaning.intent));
    const understood = asksFees || (meaning.kind === 'intent' && isKnownIntent(meaning.intent));
    // "A female therapist tomorrow at 4pm", "I'd like to arrange 30 minutes with a female therapist": a
    // question asked with a day, a time, a length or in the words of a request can be a request to book.
    const read = asksFees ? CHANGE_RULES : meaning.kind !== 'intent' ? 'None' : meaning.namesTime || meaning.asksToBook ? (content.questions[meaning.intent]?.with_a_time ?? meaning.intent) : meaning.intent;
    // "I have a herniated disc, can I still do it?": asked whether it is safe, with a health matter, the health answer is the one.
    const intent = advise && meaning.kind === 'intent' && !BOOKING_INTENTS.has(read) && understanding.asksIfSafe(text) ? 'health' : read;
    // A second question in the same message ("how long is it and does it hurt?") is answered after the first.
    const second = !asksFees && meaning.kind === 'intent' && meaning.also && isAnsweredInPlace(meaning.also.intent) ? meaning.also.intent : undefined;
    if (pending === 'unhandled' && desk) {
      // Mid-booking: answer a question about something else, then ask the booking's question again.
      if (understood && BOOKING_INTENTS.has(intent)) {
        // "I need to move my booking" (no new time said) is about a booking the guest has, when they have one.
        const switched = intent === 'booking.reschedule' && meaning.kind === 'intent' && !meaning.namesTime && (await desk.switchToMoving(bookingGuest(turn), memory, text));
        if (switched) {
          trace.answered = [intent];
          return withBooking(state, switched);
        }
        // "Which ones did I book again?" mid-booking: the list, then the question waiting, asked again.
        // Choosing one to cancel or move, the question itself lists them.
        const again = intent === 'booking.mine' ? await desk.reprompt(bookingGuest(turn), memory) : undefined;
        if (again) {
          const listed = memory.manage?.awaiting === 'pick' ? [] : (await desk.forIntent(intent, bookingGuest(turn), memory, text)).replies;
          trace.answered = [intent];
          return withBooking(state, { replies: [...listed.map((r) => ({ text: r.text })), ...again.replies], memory: again.memory });
        }
        // "Can we make it 2pm instead?" while booking changes the booking under way, not one the guest has.
        const meant = memory.draft && (intent === 'booking.reschedule' || intent === 'booking.availability') ? 'booking.start' : intent;
        trace.answered = [meant];
        return answer(meant, state, turn, advise, text);
      }
      if (!understood) trace.fallback = true;
      trace.answered = understood ? [intent, ...(second ? [second] : [])] : ['fallback'];
      const aside = understood ? [...answers.answerIntent(intent, state, advise).replies, ...(second ? answers.answerIntent(second, state, false).replies : [])] : [{ text: content.booking.not_understood }];
      const again = await desk.reprompt(bookingGuest(turn), memory);
      if (!again) return { replies: aside, state: { ...state, booking: { ...memory, manage: undefined } } };
      return withBooking(state, { replies: [...aside.map((r) => ({ text: r.text })), ...again.replies], memory: again.memory });
    }
    if (!understood) {
      // The second miss in a row goes to a person when someone on the team is there to take it.
      trace.fallback = true;
      trace.answered = ['fallback'];
      if (!advise && state.misses >= 1 && handover.available) return handover.start(state, turn, key, 'misunderstood', text);
      return answers.didNotUnderstand(state, advise, meaning.kind === 'unsure' ? meaning.near.map((g) => g.intent) : []);
    }
    if (second && second !== intent) {
      trace.answered = [intent, second];
      // The answer that needs no further step goes first, so a booking's question stays the last thing said.
      const [first, then] = isAnsweredInPlace(intent) ? [intent, second] : [second, intent];
      const before = answers.answerIntent(first, state, advise);
      const after = await answer(then, before.state, turn, false, text);
      return { replies: [...before.replies.map((r) => ({ text: r.text })), ...after.replies], state: after.state };
    }
    trace.answered = [intent];
    return answer(intent, state, turn, advise, text);
  }

  async function respondToAction(action: string, state: ConversationState, turn: Turn): Promise<Outcome> {
    if (desk && /^[bm]:/.test(action)) {
      const outcome = await desk.forAction(action, bookingGuest(turn), state.booking ?? {});
      if (outcome) return withBooking(state, outcome);
    }
    const parsed = parseAction(action);
    if (parsed.kind === 'intent' && isKnownIntent(parsed.intent)) return answer(parsed.intent, state, turn, false);
    if (parsed.kind === 'walkthrough' && parsed.step < replies.walkthroughLength(parsed.id)) {
      return answers.startWalkthrough(parsed.id, parsed.step, state);
    }
    return { replies: [replies.withMenu(replies.say('unknown_choice'))], state };
  }

  return { content, replies, ...(desk ? { booking: desk } : {}), handover, respondToText, respondToAction };
}
