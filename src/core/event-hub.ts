import type { Logger } from './logger.ts';

export type Listener<E> = (event: E) => void | Promise<void>;

/** Where the core announces events; other parts (staff desk, reminders) subscribe with `on`. */
export interface EventHub<E> {
  /** Subscribes; returns a function that unsubscribes. */
  on(listener: Listener<E>): () => void;
  /** Subscribes a listener that only watches (metrics): it is told every event but does not count for `hasListeners`. */
  observe(listener: Listener<E>): () => void;
  /** Tells every listener; a failing listener is logged and never fails the guest's turn. */
  emit(event: E): void;
  /** Whether anyone listens (e.g. a staff desk that can take over conversations). */
  readonly hasListeners: boolean;
}

/** Creates an event hub whose listener failures are logged, not thrown. */
export function createEventHub<E extends { type: string }>(logger: Logger, name: string): EventHub<E> {
  const listeners = new Set<Listener<E>>();
  const observers = new Set<Listener<E>>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    observe(listener) {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    emit(event) {
      for (const listener of [...listeners, ...observers]) {
        Promise.resolve()
          .then(() => listener(event))
          .catch((error: unknown) => logger.error({ err: error, hub: name, event: event.type }, 'an event listener failed'));
      }
    },
    get hasListeners() {
      return listeners.size > 0;
    },
  };
}
