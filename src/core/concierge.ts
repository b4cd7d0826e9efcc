import type { BookingStore } from '../booking/index.ts';
import { BUILT_IN_INTENTS, fillTemplate, type Content } from '../content/index.ts';
import { createHealthCheck, type Understanding } from '../nlu/index.ts';
import { parseAction } from './actions.ts';
import { createAnswers, type Outcome } from './answers.ts';
import {
  calendarSettingsFrom,
  createBookingDesk,
  createBookingEvents,
  createBookingText,
  type BookingDesk,
  type BookingEvents,
  type BookingGuest,
  type BookingOutcome,
  BOOKING_INTENTS,
  senseOfMessage,
} from './booking/index.ts';
import type { ConversationLock } from './conversation-lock.ts';
import type { ConversationStore } from './conversation-store.ts';
import { createEventHub, type EventHub } from './event-hub.ts';
import { cleanText, guestProfile } from './guest-turn.ts';
import { withRecent, type HandoverEvent } from './handover.ts';
import { createHandoverDesk } from './handover-desk.ts';

import { cleanInput } from './input.ts';
import { silentLogger, type Logger } from './logger.ts';
import { createReplyBuilder } from './replies.ts';
import { createOutbox, type GuestOutbox } from './outbox.ts';
import type { RateLimiter } from './rate-limit.ts';
import { createKeyedQueue } from './serial.ts';
import { createStaffDesk, type StaffDesk } from './staff/index.ts';
import { conversationKey, conversationStateSchema, newConversationState, type ConversationState } from './state.ts';
import type { TurnEvent } from './turn-events.ts';
import type { Reply, Turn } from './types.ts';
import { StoreError } from '../errors.ts';

/** What the concierge is built from; everything with a side effect is passed in. */
export interface ConciergeDeps {
  content: Content;
  understanding: Understanding;
  store: ConversationStore;
  /** Where bookings live; without it the bot explains how to book by phone or email instead. */
  bookings?: BookingStore;
  /** Orders a conversation's messages across bot instances; one process needs none. */
  lock?: ConversationLock;
  /** Limits how many messages one guest may send per window; without it there is no limit. */
  rateLimiter?: RateLimiter;
  /** Seconds a conversation's state lives after its last message. */
  stateTtlSeconds: number;
  /** Below this classifier score the bot says it did not understand instead of guessing. */
  confidenceThreshold: number;
  now?: () => Date;
  logger?: Logger;
}

/** The channel-neutral bot: a Turn in, the replies out. */
export interface Concierge {
  handle(turn: Turn): Promise<Reply[]>;
  /** The kind reply for a failure the channel caught while handling a turn. */
  errorReplies(): Reply[];
  /** Booking events (created, moved, cancelled) for staff notifications, reminders and the like. */
  readonly events: BookingEvents;
  /** The booking side, when a booking store was given (staff tools read the calendar through it). */
  readonly bookingDesk?: BookingDesk;
  /** What staff can do from their desk, when a booking store was given. */
  readonly staffDesk?: StaffDesk;
  /** Hand-over events (a guest asked for a person, wrote while one had the chat, was handed back). */
  readonly handoverEvents: EventHub<HandoverEvent>;
  /** Where channels register how to reach their guests outside a reply. */
  readonly outbox: GuestOutbox;
  /** One event per guest turn (intent, confidence, outcome, duration), for metrics. */
  readonly turnEvents: EventHub<TurnEvent>;
  /** Sends a staff member's answer to a guest who was handed over; false when the conversation is not (any more) with staff. */
  staffReply(key: string, staff: string, text: string): Promise<boolean>;
  /** Hands the conversation back to the bot and tells the guest; false when it was not with staff. */
  endHandover(key: string): Promise<boolean>;
}


/** Creates the concierge over the spa's content, an understanding of guest text and the stores. */
export function createConcierge(deps: ConciergeDeps): Concierge {
  const { content, understanding, store } = deps;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const replies = createReplyBuilder(content);
  const answers = createAnswers(content, replies);
  const mentionsHealth = createHealthCheck(content.health.terms);
  const queue = createKeyedQueue();
  const builtIns = new Set<string>(BUILT_IN_INTENTS);
  const events = createBookingEvents(logger);
  const desk = deps.bookings ? createDesk(deps.bookings) : undefined;
  const handoverEvents = createEventHub<HandoverEvent>(logger, 'handover');
  const outbox = createOutbox();
  const turnEvents = createEventHub<TurnEvent>(logger, 'turn');
  const handover = createHandoverDesk(content, replies, handoverEvents, outbox, now);
  const staffDesk = desk ? createStaffDesk(desk.context, outbox, logger) : undefined;
  const serialized = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const { lock } = deps;
    return queue.run(key, () => (lock ? lock.run(key, task) : task()));
  };

  function createDesk(bookings: BookingStore): BookingDesk {
    const calendar = calendarSettingsFrom(content);
    return createBookingDesk({
      calendar,
      store: bookings,
      content,
      text: createBookingText(content, calendar),
      reader: understanding.bookingReader(calendar.therapists),
      events,
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
    ...(turn.guest.name ? { name: turn.guest.name } : {}),
  });
  const withBooking = (state: ConversationState, outcome: BookingOutcome): Outcome => ({
    replies: outcome.replies,
    state: { ...state, misses: 0, walkthrough: undefined, booking: outcome.memory },
  });

  async function loadState(key: string, turn: Turn): Promise<{ state: ConversationState; reset: boolean }> {
    const stored = await store.read(key);
    if (stored === undefined) return { state: newConversationState(turn, now()), reset: false };
    const parsed = conversationStateSchema.safeParse(stored);
    if (parsed.success) return { state: parsed.data, reset: false };
    logger.warn({ key, issues: parsed.error.issues.length }, 'conversation state did not validate; starting over');
    return { state: newConversationState(turn, now()), reset: true };
  }

  /** An intent the guest expressed: booking intents go to the desk, a person to the staff desk, the rest are answered. */
  async function answer(intent: string, state: ConversationState, turn: Turn, advise: boolean, text?: string): Promise<Outcome> {
    if (intent === 'person' && handover.available) return handover.start(state, turn, conversationKey(turn), 'asked', text);
    if (desk && BOOKING_INTENTS.has(intent)) {
      const outcome = withBooking(state, await desk.forIntent(intent, bookingGuest(turn), state.booking ?? {}, text));
      return advise ? { ...outcome, replies: [{ text: content.health.advice }, ...outcome.replies] } : outcome;
    }
    return answers.answerIntent(intent, state, advise);
  }

  async function respondToText(text: string, state: ConversationState, turn: Turn, key: string, trace: TurnTrace): Promise<Outcome> {
    if (state.handover) return handover.forward(state, turn, key, text);
    const memory = state.booking ?? {};
    const advise = mentionsHealth(text);
    const interpret = () => understanding.interpret(text, { threshold: deps.confidenceThreshold, skipVocabularyCheck: advise });
    // While a booking waits for an answer, the whole message is read first, so "never mind, I'll think
    // about it" stops it and "wait, does it hurt?" is answered, however they are worded.
    const waiting = desk?.waiting(memory) === true;
    const early = waiting ? await interpret() : undefined;
    const pending = desk && waiting ? await desk.forText(bookingGuest(turn), memory, text, early ? senseOfMessage(early, desk.context.reader.isQuestion(text)) : {}) : undefined;
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
      return { replies: [replies.withMenu(replies.say('other_language'))], state: { ...state, walkthrough: undefined } };
    }
    logger.debug({ key, kind: meaning.kind, intent: trace.intent, confidence: trace.confidence, text }, 'classified');
    const understood = meaning.kind === 'intent' && isKnownIntent(meaning.intent);
    // "A female therapist tomorrow at 4pm": a question asked with a day or time can be a request to book.
    const read = meaning.kind !== 'intent' ? 'None' : meaning.namesTime ? (content.questions[meaning.intent]?.with_a_time ?? meaning.intent) : meaning.intent;
    // "I have a herniated disc, can I still do it?": asked whether it is safe, with a health matter, the health answer is the one.
    const intent = advise && meaning.kind === 'intent' && !BOOKING_INTENTS.has(read) && understanding.asksIfSafe(text) ? 'health' : read;
    // A second question in the same message ("how long is it and does it hurt?") is answered after the first.
    const second = meaning.kind === 'intent' && meaning.also && isAnsweredInPlace(meaning.also.intent) ? meaning.also.intent : undefined;
    if (pending === 'unhandled' && desk) {
      // Mid-booking: answer a question about something else, then ask the booking's question again.
      if (understood && BOOKING_INTENTS.has(intent)) {
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

  async function handleInOrder(turn: Turn, key: string, trace: TurnTrace): Promise<Reply[]> {
    const loaded = await loadState(key, turn);
    const state: ConversationState = { ...loaded.state, guest: { ...loaded.state.guest, ...guestProfile(turn) } };
    let outcome: Outcome;
    const notes: Reply[] = loaded.reset ? [{ text: replies.say('state_reset') }] : [];
    if (turn.input.kind === 'action') {
      outcome = await respondToAction(turn.input.action, state, turn);
    } else {
      const input = cleanInput(turn.input.text);
      if (input.kind === 'empty') outcome = { replies: [replies.withMenu(replies.say('empty_input'))], state };
      else if (input.kind === 'emoji') outcome = { replies: [replies.withMenu(replies.say('emoji_only'))], state };
      else {
        if (input.truncated) notes.push({ text: replies.say('too_long') });
        outcome = await respondToText(input.text, state, turn, key, trace);
      }
    }
    const all = [...notes, ...outcome.replies];
    // The recent lines are for a person taking over: kept only while a staff desk listens.
    let { recent } = outcome.state;
    if (handover.available) {
      const said = turn.input.kind === 'text' ? [{ from: 'guest' as const, text: cleanText(turn.input.text) }] : [];
      recent = withRecent(recent, [...said, ...all.map((r) => ({ from: 'bot' as const, text: r.text }))]);
    }
    await store.write(key, { ...outcome.state, recent, updatedAt: now().toISOString() }, deps.stateTtlSeconds);
    return all;
  }

  /** Loads a conversation's state, lets `change` update it, and saves it: for work that is not a guest's turn. */
  function updateConversation(key: string, change: (state: ConversationState) => Promise<ConversationState>): Promise<boolean> {
    return serialized(key, async () => {
      const parsed = conversationStateSchema.safeParse(await store.read(key));
      if (!parsed.success || !parsed.data.handover) return false;
      const next = await change(parsed.data);
      await store.write(key, { ...next, updatedAt: now().toISOString() }, deps.stateTtlSeconds);
      return true;
    });
  }

  return {
    async handle(turn) {
      const started = performance.now();
      const key = conversationKey(turn);
      const trace: TurnTrace = { fallback: false };
      const announce = (outcome: TurnEvent['outcome']) =>
        turnEvents.emit({ type: 'turn', channel: turn.channel, input: turn.input.kind, ...trace, outcome, durationMs: performance.now() - started });
      try {
        // Counted before queueing, so a flood never piles up behind the guest's own conversation.
        const decision = deps.rateLimiter ? await deps.rateLimiter.take(key) : { allowed: true as const };
        if (!decision.allowed) {
          logger.info({ key, retryAfterSeconds: decision.retryAfterSeconds }, 'guest rate-limited');
          announce('limited');
          return decision.first ? [{ text: fillTemplate(content.messages.slow_down, { seconds: String(decision.retryAfterSeconds) }) }] : [];
        }
        const result = await serialized(key, () => handleInOrder(turn, key, trace));
        announce('answered');
        return result;
      } catch (error) {
        // The records cannot be reached for a moment: say so briefly; nothing was half-written,
        // since every booking write is one atomic step and state is written last.
        if (error instanceof StoreError) {
          logger.error({ err: error, key }, 'the store failed during a turn');
          announce('store_unavailable');
          return [{ text: content.messages.store_unavailable }];
        }
        announce('failed');
        throw error;
      }
    },
    errorReplies() {
      return [replies.withMenu(replies.say('internal_error'))];
    },
    events,
    ...(desk ? { bookingDesk: desk } : {}),
    ...(staffDesk ? { staffDesk } : {}),
    handoverEvents,
    outbox,
    turnEvents,
    staffReply: (key, staff, text) => updateConversation(key, (state) => handover.staffReply(state, staff, text)),
    endHandover: (key) => updateConversation(key, (state) => handover.end(state, key)),
  };
}

/** What a turn was understood as, filled in while it is handled. */
interface TurnTrace {
  intent?: string;
  confidence?: number;
  answered?: string[];
  fallback: boolean;
}
