import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { BookingStore, DeliveredChange } from '../booking/index.ts';
import { startChangeReader, type ChangeReader, type ChangeReaderOptions } from './booking-change-reader.ts';
import { fillTemplate, isKnownTimeZone, type Content, type ContentSet } from '../content/index.ts';
import { DEFAULT_LANGUAGE, languageOfTag, type Language } from '../languages.ts';
import { withoutPersonalDetails, type Understanding, type Understandings } from '../nlu/index.ts';
import type { Outcome } from './answers.ts';
import { createBookingEvents, type BookingDesk, type BookingEvents } from './booking/index.ts';
import type { ConversationLock } from './conversation-lock.ts';
import type { ConversationStore } from './conversation-store.ts';
import type { MissedMessages } from './missed-messages.ts';
import { createEventHub, type EventHub } from './event-hub.ts';
import { cleanText, guestProfile } from './guest-turn.ts';
import { withRecent, type HandoverEvent } from './handover.ts';
import { cleanInput } from './input.ts';
import { createLanguageDesk, type LanguageDesk, type SharedDesk, type TurnTrace } from './language-desk.ts';
import { chooseLanguage } from './language-choice.ts';
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

// A missed message is kept up to this long: enough to see what was asked.
const MISSED_TEXT_MAX = 300;
// An answer on a score below this is reported with the missed ones (`/missed`).
const LOW_CONFIDENCE = 0.3;

/** A turn's replies and the language they are in. */
export interface AnsweredTurn {
  replies: Reply[];
  language?: Language;
}

/** The languages beside the default one: their content, and their understanding made on first use. */
export interface LanguageSupport {
  content: ContentSet;
  understandings: Understandings;
}

/** What the concierge is built from; everything with a side effect is passed in. */
export interface ConciergeDeps {
  /** The content in the spa's default language (English). */
  content: Content;
  /** The understanding of the default language. */
  understanding: Understanding;
  /** Every other language the bot speaks; without it the bot answers in the default language only. */
  languages?: LanguageSupport;
  store: ConversationStore;
  /** Where bookings live; without it the bot explains how to book by phone or email instead. */
  bookings?: BookingStore;
  /** Where the messages the bot did not understand are kept (without names or numbers) for the staff's report. */
  missed?: MissedMessages;
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
  /** The same as `handle`, with the language the replies are in (unknown when the turn failed before the conversation was read). */
  respond(turn: Turn): Promise<AnsweredTurn>;
  /** The kind reply for a failure the channel caught while handling a turn, in the guest's language when the channel knows it. */
  errorReplies(languageTag?: string): Reply[];
  /**
   * Booking events (created, moved, cancelled) as this process makes them, during the turn: for what
   * belongs to the guest's answer (the calendar file). What must follow every booking whatever
   * happens (reminders, the staff channel) follows the store's change log: `followBookingChanges`.
   */
  readonly events: BookingEvents;
  /**
   * Follows the booking store's change log as this process's reader of `group` (one group per kind
   * of follow-up), woken at once by this process's own bookings; undefined without a booking store.
   * `handle` must bear being called twice for one change (after a crash, say).
   */
  followBookingChanges(
    group: string,
    handle: (change: DeliveredChange) => Promise<void>,
    options?: Partial<Pick<ChangeReaderOptions, 'pollMs' | 'retryMs' | 'claimIdleMs' | 'maxAttempts' | 'logger'>>,
  ): ChangeReader | undefined;
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
  /** The content of a language the bot speaks (the default language's for any other tag). */
  contentFor(language: string | undefined): Content;
  /** Sends a staff member's answer to a guest who was handed over; false when the conversation is not (any more) with staff. */
  staffReply(key: string, staff: string, text: string): Promise<boolean>;
  /** Hands the conversation back to the bot and tells the guest; false when it was not with staff. */
  endHandover(key: string): Promise<boolean>;
  /**
   * Answers from new content (checked by its loader) from the next turn on: what guests read, the
   * spa's settings (hours, therapists, prices, booking rules) and the staff desk's. A turn under way
   * finishes on the content it started with; conversations and bookings are kept as they are.
   */
  reload(content: ReloadedContent): void;
}

/** The content a reload brings: the default language's, and every language's when the bot speaks others. */
export interface ReloadedContent {
  content: Content;
  languages?: ContentSet;
}

/** Creates the concierge over the spa's content, an understanding of guest text and the stores. */
export function createConcierge(deps: ConciergeDeps): Concierge {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const queue = createKeyedQueue();
  const events = createBookingEvents(logger);
  const handoverEvents = createEventHub<HandoverEvent>(logger, 'handover');
  const outbox = createOutbox();
  const turnEvents = createEventHub<TurnEvent>(logger, 'turn');
  // This process's name in every group of the change log: a restarted process is a new reader, and
  // what the old one left is taken over once it has lain idle.
  const readerName = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const shared: SharedDesk = {
    ...(deps.bookings ? { bookings: deps.bookings } : {}),
    events,
    handoverEvents,
    outbox,
    confidenceThreshold: deps.confidenceThreshold,
    now,
    logger,
  };
  // What the content makes, replaced whole by a reload: a turn keeps the desk it started with.
  let content = deps.content;
  let languageContent = deps.languages?.content;
  let home = createLanguageDesk(content, deps.understanding, shared);
  let desks = new Map<Language, Promise<LanguageDesk>>([[DEFAULT_LANGUAGE, Promise.resolve(home)]]);
  const speaks = (language: Language | undefined): language is Language => language !== undefined && (language === DEFAULT_LANGUAGE || deps.languages !== undefined);
  const contentFor = (language: string | undefined): Content => {
    const spoken = languageOfTag(language);
    return spoken && languageContent ? languageContent[spoken] : content;
  };
  const makeStaffDesk = () => (home.booking ? createStaffDesk(home.booking.context, outbox, logger, contentFor, readerName, deps.missed) : undefined);
  let staffDesk = makeStaffDesk();
  /** The desk of a language, made the first time a guest writes it (its understanding trained or loaded then). */
  const deskFor = (language: Language): Promise<LanguageDesk> => {
    let desk = desks.get(language);
    if (!desk) {
      const support = deps.languages!;
      const inLanguage = (languageContent ?? support.content)[language];
      const made = support.understandings.of(language).then((understanding) => createLanguageDesk(inLanguage, understanding, shared));
      const current = desks;
      made.catch(() => current.delete(language));
      current.set(language, made);
      desk = made;
    }
    return desk;
  };
  const reload = (next: ReloadedContent): void => {
    content = next.content;
    languageContent = next.languages ?? languageContent;
    home = createLanguageDesk(content, deps.understanding, shared);
    desks = new Map([[DEFAULT_LANGUAGE, Promise.resolve(home)]]);
    staffDesk = makeStaffDesk();
  };
  const serialized = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const { lock } = deps;
    return queue.run(key, () => (lock ? lock.run(key, task) : task()));
  };

  async function loadState(key: string, turn: Turn): Promise<{ state: ConversationState; reset: boolean }> {
    const stored = await store.read(key);
    if (stored === undefined) return { state: newConversationState(turn, now()), reset: false };
    const parsed = conversationStateSchema.safeParse(stored);
    if (parsed.success) return { state: parsed.data, reset: false };
    logger.warn({ key, issues: parsed.error.issues.length }, 'conversation state did not validate; starting over');
    return { state: newConversationState(turn, now()), reset: true };
  }

  async function handleInOrder(turn: Turn, key: string, trace: TurnTrace): Promise<AnsweredTurn> {
    const loaded = await loadState(key, turn);
    const state: ConversationState = { ...loaded.state, guest: { ...loaded.state.guest, ...guestProfile(turn) } };
    // A zone the guest told (the time on their phone) stands in where the channel sends none.
    const told = state.guest.timeZone;
    const seen: Turn = !isKnownTimeZone(turn.guest.timeZone) && isKnownTimeZone(told) ? { ...turn, guest: { ...turn.guest, timeZone: told } } : turn;
    const input = turn.input.kind === 'text' ? cleanInput(turn.input.text) : undefined;
    const choice = chooseLanguage(turn, input?.kind === 'text' ? input.text : undefined, state, deps.languages?.understandings);
    const language = speaks(choice.language) ? choice.language : DEFAULT_LANGUAGE;
    trace.language = language;
    const desk = await deskFor(language);
    const { replies } = desk;
    const current: ConversationState = { ...state, ...(language === DEFAULT_LANGUAGE && !state.language ? {} : { language }) };
    let outcome: Outcome;
    const notes: Reply[] = loaded.reset ? [{ text: replies.say('state_reset') }] : [];
    if (choice.switched) {
      // Asked for by name or by its button: said in the new language, with what the bot can do.
      trace.answered = ['language'];
      outcome = { replies: [replies.withMenu(replies.say('language_switched'))], state: current };
    } else if (choice.unspoken) {
      trace.answered = ['other-language'];
      trace.intent = 'other-language';
      outcome = { replies: [replies.withLanguages(replies.say('other_language'))], state: { ...current, walkthrough: undefined } };
    } else if (turn.input.kind === 'action') {
      outcome = await desk.respondToAction(turn.input.action, current, seen);
    } else if (!input || input.kind === 'empty') {
      outcome = { replies: [replies.withMenu(replies.say('empty_input'))], state: current };
    } else if (input.kind === 'emoji' && !current.booking?.draft && !current.booking?.manage) {
      outcome = { replies: [replies.withMenu(replies.say('emoji_only'))], state: current };
    } else if (input.kind === 'emoji') {
      // Mid-booking an emoji answers the question asked ("👍" at the summary), or the question comes again.
      outcome = await desk.respondToText(input.text, current, seen, key, trace);
    } else {
      if (input.truncated) notes.push({ text: replies.say('too_long') });
      outcome = await desk.respondToText(input.text, current, seen, key, trace);
    }
    const all = [...notes, ...outcome.replies];
    // The recent lines are for a person taking over: kept only while a staff desk listens.
    let { recent } = outcome.state;
    if (desk.handover.available) {
      const said = turn.input.kind === 'text' ? [{ from: 'guest' as const, text: cleanText(turn.input.text) }] : [];
      recent = withRecent(recent, [...said, ...all.map((r) => ({ from: 'bot' as const, text: r.text }))]);
    }
    await store.write(key, { ...outcome.state, recent, updatedAt: now().toISOString() }, deps.stateTtlSeconds);
    return { replies: all, language };
  }

  /** Loads a conversation's state, lets its language's desk update it, and saves it: for work that is not a guest's turn. */
  function updateConversation(key: string, change: (state: ConversationState, desk: LanguageDesk) => Promise<ConversationState>): Promise<boolean> {
    return serialized(key, async () => {
      const parsed = conversationStateSchema.safeParse(await store.read(key));
      if (!parsed.success || !parsed.data.handover) return false;
      const language = parsed.data.language;
      const desk = await deskFor(speaks(language) ? language : DEFAULT_LANGUAGE);
      const next = await change(parsed.data, desk);
      await store.write(key, { ...next, updatedAt: now().toISOString() }, deps.stateTtlSeconds);
      return true;
    });
  }

  /** Keeps a message the bot did not understand for the staff's report, without what says who wrote it; never in the way of the reply. */
  function keepMissed(text: string, language: string | undefined): void {
    if (!deps.missed) return;
    const kept = withoutPersonalDetails(text.slice(0, MISSED_TEXT_MAX));
    if (!kept) return;
    deps.missed.record({ text: kept, ...(language ? { language } : {}), at: now().toISOString() }).catch((error: unknown) => logger.warn({ err: error }, 'a missed message could not be kept'));
  }

  /** A turn, handled in its conversation's order: the replies and their language. */
  async function respond(turn: Turn): Promise<AnsweredTurn> {
    const started = performance.now();
    const key = conversationKey(turn);
    const trace: TurnTrace = { fallback: false };
    const announce = (outcome: TurnEvent['outcome']) =>
      turnEvents.emit({ type: 'turn', channel: turn.channel, input: turn.input.kind, ...trace, outcome, durationMs: performance.now() - started });
    // Before the conversation is read, the channel's idea of the guest's language is the best there is.
    const told = () => contentFor(turn.guest.language).messages;
    try {
      // Counted before queueing, so a flood never piles up behind the guest's own conversation.
      const decision = deps.rateLimiter ? await deps.rateLimiter.take(key) : { allowed: true as const };
      if (!decision.allowed) {
        logger.info({ key, retryAfterSeconds: decision.retryAfterSeconds }, 'guest rate-limited');
        announce('limited');
        return { replies: decision.first ? [{ text: fillTemplate(told().slow_down, { seconds: String(decision.retryAfterSeconds) }) }] : [] };
      }
      const result = await serialized(key, () => handleInOrder(turn, key, trace));
      announce('answered');
      // Not understood, or answered on a low score (a booking step's answer aside): worth a phrasing.
      const unsure = trace.confidence !== undefined && trace.confidence < LOW_CONFIDENCE && !trace.answered?.includes('step');
      if ((trace.fallback || unsure) && turn.input.kind === 'text') keepMissed(turn.input.text, result.language);
      return result;
    } catch (error) {
      // The records cannot be reached for a moment: say so briefly; nothing was half-written,
      // since every booking write is one atomic step and state is written last.
      if (error instanceof StoreError) {
        logger.error({ err: error, key }, 'the store failed during a turn');
        announce('store_unavailable');
        return { replies: [{ text: told().store_unavailable }] };
      }
      announce('failed');
      throw error;
    }
  }

  return {
    handle: async (turn) => (await respond(turn)).replies,
    respond,
    errorReplies(languageTag) {
      const replies = createReplyBuilder(contentFor(languageTag));
      return [replies.withMenu(replies.say('internal_error'))];
    },
    contentFor,
    events,
    followBookingChanges(group, handle, options = {}) {
      if (!deps.bookings) return undefined;
      const reader = startChangeReader({ logger, ...options, changes: deps.bookings.changes, group, reader: readerName, handle });
      const unsubscribe = events.on(() => reader.wake());
      return {
        wake: reader.wake,
        async stop() {
          unsubscribe();
          await reader.stop();
        },
      };
    },
    get bookingDesk() {
      return home.booking;
    },
    get staffDesk() {
      return staffDesk;
    },
    handoverEvents,
    outbox,
    turnEvents,
    staffReply: (key, staff, text) => updateConversation(key, (state, desk) => desk.handover.staffReply(state, staff, text)),
    endHandover: (key) => updateConversation(key, (state, desk) => desk.handover.end(state, key)),
    reload,
  };
}

