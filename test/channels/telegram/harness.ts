// Shared set-up of the Telegram channel tests: a fake Bot API, the real bot, and ways to wait for it.
import type { Update } from 'grammy/types';
import type { BookingStore } from '../../../src/booking/index.ts';
import { createTelegramBot, loadTelegramTexts, planMessages, startLongPolling, type TelegramBotOptions } from '../../../src/channels/telegram/index.ts';
import type { Concierge, ConversationStore, Logger, Reply, TurnInput } from '../../../src/core/index.ts';
import { createMemoryBookingStore, createMemorySeenUpdates, createMemoryStore, type SeenUpdates } from '../../../src/store/index.ts';
import { CONTENT_DIR, createTestConcierge } from '../../helpers/bot.ts';
import { startFakeTelegram, type FakeTelegram } from '../../helpers/fake-telegram.ts';

/** 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, as in the core's booking tests. */
export const FIXED_NOW = new Date('2026-11-26T02:00:00Z');

/** A logger that keeps every entry, to check what was logged. */
export function recordingLogger() {
  const entries: Array<{ level: string; details: object; message?: string }> = [];
  const at = (level: string) => (details: object, message?: string) => void entries.push({ level, details, ...(message ? { message } : {}) });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, entries, messages: (level: string) => entries.filter((e) => e.level === level).map((e) => e.message ?? '') };
}

/** The turns the concierge handled, per conversation, with what the channel will send back. */
export interface TrackedConcierge {
  concierge: Concierge;
  turns: Array<{ conversationId: string; input: TurnInput; replies: Reply[] }>;
}

/** The concierge with another respond() (and handle() made from it); everything else is the real one's. */
export function withResponder(inner: Concierge, respond: Concierge['respond']): Concierge {
  const handle: Concierge['handle'] = async (turn) => (await respond(turn)).replies;
  return new Proxy(inner, { get: (target, key) => (key === 'respond' ? respond : key === 'handle' ? handle : Reflect.get(target, key)) });
}

/** The concierge with another handle() (its replies in no known language); everything else is the real one's. */
export function withHandle(inner: Concierge, handle: Concierge['handle']): Concierge {
  return withResponder(inner, async (turn) => ({ replies: await handle(turn) }));
}

/** Wraps a concierge to record each turn; a failed turn records the error replies the channel then sends. */
export function trackTurns(inner: Concierge): TrackedConcierge {
  const turns: TrackedConcierge['turns'] = [];
  const concierge = withResponder(inner, async (turn) => {
    try {
      const answered = await inner.respond(turn);
      turns.push({ conversationId: turn.conversationId, input: turn.input, replies: answered.replies });
      return answered;
    } catch (error) {
      turns.push({ conversationId: turn.conversationId, input: turn.input, replies: inner.errorReplies() });
      throw error;
    }
  });
  return { concierge, turns };
}

/** A fake Telegram and the real bot long-polling it, over the given concierge, with every language's telegram.yaml as main.ts gives it. */
export async function startPollingBot(inner: Concierge, seenUpdates: SeenUpdates = createMemorySeenUpdates(), options: Partial<TelegramBotOptions> = {}) {
  const fake = await startFakeTelegram();
  const tracked = trackTurns(inner);
  const log = recordingLogger();
  const texts = await loadTelegramTexts(CONTENT_DIR);
  const bot = createTelegramBot({ token: '123:TEST', apiRoot: fake.apiRoot, concierge: tracked.concierge, seenUpdates, logger: log.logger, texts, ...options });
  const polling = await startLongPolling(bot, log.logger);
  return {
    fake,
    tracked,
    log,
    bot,
    polling,
    /** Sends an update and waits for the bot's answer (see deliver). */
    send: (chatId: number, update: Update) => deliver(fake, tracked, chatId, update),
    async stop() {
      await polling.stop();
      await fake.close();
    },
  };
}

/** A concierge over the real content and intents, with conversations and bookings in memory at the fixed time. */
export async function bookingConcierge(): Promise<{ concierge: Concierge; bookings: BookingStore; store: ConversationStore }> {
  const bookings = createMemoryBookingStore({ now: () => FIXED_NOW.getTime() });
  const store = createMemoryStore();
  return { concierge: await createTestConcierge({ bookings, store, now: () => FIXED_NOW }), bookings, store };
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * How many messages the channel sends for these replies, with or without a reply keyboard showing
 * before them (taking it away may cut a reply in two). A contact question is counted as showing the
 * contact keyboard, as a bot given the texts does.
 */
export function messagesFor(replies: Reply[], keyboardShowing = false): number {
  const sharePhone = { button: 'Share', placeholder: 'Or type' };
  return planMessages(replies, { logger: silent, sharePhone, keyboardShowing }).messages.length;
}

/**
 * Delivers an update through the fake and waits until the bot has handled it and every reply
 * has reached the chat; returns the texts sent for it.
 */
export async function deliver(fake: FakeTelegram, tracked: TrackedConcierge, chatId: number, update: Update): Promise<string[]> {
  const mine = () => tracked.turns.filter((t) => t.conversationId === String(chatId));
  const turnsBefore = mine().length;
  const sentBefore = fake.messagesTo(chatId).length;
  // A shared contact makes the bot take a reply keyboard away next, whether or not one was showing.
  const keyboardShowing = fake.replyKeyboardOf(chatId) !== undefined || update.message?.contact !== undefined;
  fake.push(update);
  await waitFor(`the bot to handle update ${update.update_id}`, () => mine().length > turnsBefore);
  const expected = messagesFor(mine()[turnsBefore]?.replies ?? [], keyboardShowing);
  await waitFor(`${expected} messages for update ${update.update_id}`, () => fake.messagesTo(chatId).length >= sentBefore + expected);
  return fake.messagesTo(chatId).slice(sentBefore).map((m) => m.text);
}
