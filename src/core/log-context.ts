// Which request or platform update a log line belongs to. Channels open a context around the work
// for one request or update; the logger adds its fields to every line written inside it, including
// lines the core writes without knowing about requests.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that tie log lines to one request or update, e.g. `{ reqId }` or `{ updateId }`. */
export type LogContext = Readonly<Record<string, string | number>>;

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with these fields added to the current context (nested contexts keep the outer ids). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The fields of the context this code runs in; empty outside any. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
