// Which language a web chat turn was answered in, so the page can show its own labels in it too.
//
// The concierge decides the language (a button, a language asked for by name, a message written in
// another one) and announces it in its turn event, which names no conversation. The event is told to
// listeners in the async context of the turn, so a context opened around `handle` tells whose it is.
// The hub queues each listener as the event is emitted, inside `handle`, so the listener has run by
// the time the `await` on `handle` resumes.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Concierge } from '../../core/index.ts';
import { isLanguage, type Language } from '../../languages.ts';

/** Filled in while a turn is handled: the language its replies are in, when the concierge said. */
export interface TurnLanguage {
  language?: Language;
}

/** Watches the concierge's turn events; the returned function runs a turn and records its language in `seen`. */
export function trackTurnLanguages(scope: FastifyInstance, concierge: Concierge): <T>(seen: TurnLanguage, turn: () => Promise<T>) => Promise<T> {
  const current = new AsyncLocalStorage<TurnLanguage>();
  // Observed, not listened to: a watcher like the metrics, which the core does not wait on.
  const stop = concierge.turnEvents.observe((event) => {
    const seen = current.getStore();
    if (seen && isLanguage(event.language)) seen.language = event.language;
  });
  scope.addHook('onClose', async () => void stop());
  return (seen, turn) => current.run(seen, turn);
}
