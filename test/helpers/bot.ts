import { fileURLToPath } from 'node:url';
import { loadContent, type Content } from '../../src/content/index.ts';
import { createConcierge, type Concierge, type ConciergeDeps, type ConversationStore, type Reply, type Turn } from '../../src/core/index.ts';
import { createUnderstanding, loadIntentDefinitions, loadVocabulary, type Understanding } from '../../src/nlu/index.ts';
import { createMemoryBookingStore, createMemoryStore } from '../../src/store/index.ts';

export const CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));
export const INTENTS_DIR = fileURLToPath(new URL('../../intents', import.meta.url));
/** Where the trained model is kept, as `npm start` keeps it: trained once, loaded by every test file after. */
export const MODEL_CACHE_DIR = fileURLToPath(new URL('../../.cache', import.meta.url));

let shared: Promise<{ content: Content; understanding: Understanding }> | undefined;

/** The real content and a classifier trained on the real intents; trained once per test file. */
export function realKnowledge(): Promise<{ content: Content; understanding: Understanding }> {
  shared ??= (async () => {
    const [content, definitions, vocabulary] = await Promise.all([loadContent(CONTENT_DIR), loadIntentDefinitions(INTENTS_DIR), loadVocabulary(INTENTS_DIR)]);
    return { content, understanding: await createUnderstanding(definitions, { modelCacheDir: MODEL_CACHE_DIR, vocabulary }) };
  })();
  return shared;
}

/**
 * A concierge over the real content and intents, with the given stores (memory by default).
 * Pass `bookings: undefined` for a spa without booking.
 */
export async function createTestConcierge(overrides: Partial<ConciergeDeps> & { store?: ConversationStore } = {}): Promise<Concierge> {
  const { content, understanding } = await realKnowledge();
  const now = overrides.now ?? (() => new Date());
  return createConcierge({
    content,
    understanding,
    store: overrides.store ?? createMemoryStore(),
    ...('bookings' in overrides ? {} : { bookings: createMemoryBookingStore({ now: () => now().getTime() }) }),
    stateTtlSeconds: 3600,
    confidenceThreshold: 0.15,
    ...overrides,
  });
}

/** A guest chatting through a fake channel: says things, presses buttons by their label. */
export function fakeGuest(concierge: Concierge, options: { id?: string; channel?: Turn['channel']; name?: string } = {}) {
  const id = options.id ?? 'guest-1';
  let last: Reply[] = [];
  const send = async (input: Turn['input']) => {
    last = await concierge.handle({
      channel: options.channel ?? 'web',
      conversationId: id,
      guest: { id, ...(options.name ? { name: options.name } : {}) },
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
