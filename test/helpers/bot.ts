import { fileURLToPath } from 'node:url';
import { loadContentSet, type Content, type ContentSet } from '../../src/content/index.ts';
import { createConcierge, type Concierge, type ConciergeDeps, type ConversationStore, type Reply, type Turn } from '../../src/core/index.ts';
import { loadUnderstandings, type Understanding, type Understandings } from '../../src/nlu/index.ts';
import type { BookingStore } from '../../src/booking/index.ts';
import { createMemoryBookingStore, createMemoryStore } from '../../src/store/index.ts';

export const CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));
export const INTENTS_DIR = fileURLToPath(new URL('../../intents', import.meta.url));
/** Where the trained model is kept, as `npm start` keeps it: trained once, loaded by every test file after. */
export const MODEL_CACHE_DIR = fileURLToPath(new URL('../../.cache', import.meta.url));

/** The real content and understanding, in English and every other language the bot speaks. */
export interface RealKnowledge {
  content: Content;
  understanding: Understanding;
  contents: ContentSet;
  understandings: Understandings;
}

let shared: Promise<RealKnowledge> | undefined;

/**
 * The real content and classifiers trained on the real intents, once per test file (the models are
 * trained before the tests start, by test/helpers/prepare-models.ts, and only loaded here).
 */
export function realKnowledge(): Promise<RealKnowledge> {
  shared ??= (async () => {
    const [contents, understandings] = await Promise.all([loadContentSet(CONTENT_DIR), loadUnderstandings(INTENTS_DIR, { modelCacheDir: MODEL_CACHE_DIR })]);
    return { content: contents.en, understanding: await understandings.of('en'), contents, understandings };
  })();
  return shared;
}

/**
 * A concierge over the real content and intents, with the given stores (memory by default).
 * Pass `bookings: undefined` for a spa without booking.
 */
export async function createTestConcierge(overrides: Partial<ConciergeDeps> & { store?: ConversationStore } = {}): Promise<Concierge> {
  const { content, understanding, contents, understandings } = await realKnowledge();
  const now = overrides.now ?? (() => new Date());
  return createConcierge({
    content,
    understanding,
    languages: { content: contents, understandings },
    store: overrides.store ?? createMemoryStore(),
    ...('bookings' in overrides ? {} : { bookings: createMemoryBookingStore({ now: () => now().getTime() }) }),
    stateTtlSeconds: 3600,
    confidenceThreshold: 0.15,
    ...overrides,
  });
}

/** 03:00 UTC is 10:00 on Friday 27 November 2026 in Da Nang; the spa (sample hours) opens 09:00–21:00. */
export const FRIDAY_10AM = new Date('2026-11-27T03:00:00Z');

/** A concierge over the real content with bookings in memory, its clock stopped at `now`. */
export async function conciergeAt(now: Date): Promise<{ concierge: Concierge; bookings: BookingStore }> {
  const bookings = createMemoryBookingStore({ now: () => now.getTime() });
  return { bookings, concierge: await createTestConcierge({ bookings, now: () => now }) };
}

/** A guest chatting through a fake channel: says things, presses buttons by their label. */
export function fakeGuest(concierge: Concierge, options: { id?: string; channel?: Turn['channel']; name?: string; language?: string; timeZone?: string } = {}) {
  const id = options.id ?? 'guest-1';
  let last: Reply[] = [];
  const send = async (input: Turn['input']) => {
    last = await concierge.handle({
      channel: options.channel ?? 'web',
      conversationId: id,
      guest: {
        id,
        ...(options.name ? { name: options.name } : {}),
        ...(options.language ? { language: options.language } : {}),
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      },
      input,
    });
    return last;
  };
  return {
    /** Types a message; returns the bot's replies. */
    say: (text: string) => send({ kind: 'text', text }),
    /** Presses the offered choice with this label (throws when it is not offered). */
    press(label: string) {
      const choices = last.at(-1)?.choices ?? [];
      const choice = choices.find((c) => c.label === label);
      if (!choice) throw new Error(`"${label}" is not offered; offered: ${choices.map((c) => c.label).join(', ')}`);
      return send({ kind: 'action', action: choice.action });
    },
    /** Sends a raw action string, as a forged button would. */
    sendAction: (action: string) => send({ kind: 'action', action }),
    /** The choices under the last reply, with their actions. */
    lastChoices: () => last.at(-1)?.choices ?? [],
    /** The last reply as the channel gets it (its choices' groups, what it asks for). */
    lastReply: () => last.at(-1),
    /** The labels of the choices under the last reply. */
    get choices() {
      return (last.at(-1)?.choices ?? []).map((c) => c.label);
    },
  };
}

/** All the text of a set of replies, as one string. */
export function textOf(replies: Reply[]): string {
  return replies.map((r) => r.text).join('\n');
}
