// Follows the booking change log for one kind of follow-up (a group: the reminders, the staff
// channel), as one reader of that group. Each change is handled, then acknowledged; a change whose
// handling fails stays in the log and is tried again (by this reader after `retryMs`, or by another
// process's once this one has died and the change has lain idle `claimIdleMs`), so a crash between a
// booking and its follow-up loses nothing. Handlers must bear a second call for the same change
// (`change.redelivered` says when one may have run before).
import type { BookingChangeLog, DeliveredChange } from '../booking/index.ts';
import type { Logger } from './logger.ts';

export interface ChangeReaderOptions {
  changes: BookingChangeLog;
  /** The kind of follow-up; every group gets every change. */
  group: string;
  /** This process's name within the group; unique per process. */
  reader: string;
  handle: (change: DeliveredChange) => Promise<void>;
  logger: Logger;
  /** How often the log is asked when nothing wakes the reader (changes made by other processes). */
  pollMs?: number;
  /** How long a failed change waits before this reader tries it again. */
  retryMs?: number;
  /**
   * How long a change handed to another reader must lie untouched before this one takes it over. A
   * reader touches the changes in hand three times in that span, so only a dead reader's are taken.
   */
  claimIdleMs?: number;
  /** After this many failures here, a change is given up (logged as an error with its booking). */
  maxAttempts?: number;
  batchSize?: number;
}

/** A running reader. */
export interface ChangeReader {
  /** Reads now rather than at the next poll (this process has just written a change). */
  wake(): void;
  /** Finishes the change in hand and stops; what is left stays in the log for the next reader. */
  stop(): Promise<void>;
}

export const CHANGE_READER_DEFAULTS = { pollMs: 1000, retryMs: 5000, claimIdleMs: 10_000, maxAttempts: 10, batchSize: 20 };

/** Starts reading at once; the group is joined first (retried while the store is unreachable). */
export function startChangeReader(options: ChangeReaderOptions): ChangeReader {
  const settings = { ...CHANGE_READER_DEFAULTS, ...definedOnly(options) };
  const { changes, group, reader, handle, logger } = options;
  const attempts = new Map<string, number>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let lastRetry = 0;

  /** Waits `ms`, or less when woken or stopped. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  /** Handles one change; false when it failed and is to be tried again. */
  async function handleOne(change: DeliveredChange): Promise<boolean> {
    try {
      await handle(change);
      attempts.delete(change.id);
      return true;
    } catch (error) {
      const attempt = (attempts.get(change.id) ?? 0) + 1;
      const details = { err: error, group, ref: change.booking.ref, change: change.id, type: change.type, attempt };
      if (attempt < settings.maxAttempts) {
        logger.warn(details, 'a booking change could not be followed up; it will be tried again');
        attempts.set(change.id, attempt);
        return false;
      }
      logger.error(details, 'a booking change was given up after repeated failures (the booking itself is saved)');
      attempts.delete(change.id);
      return true;
    }
  }

  /** Handles one batch; returns how many changes it held. */
  async function readOnce(): Promise<number> {
    const retryOwn = Date.now() - lastRetry >= settings.retryMs;
    if (retryOwn) lastRetry = Date.now();
    const batch = await changes.read(group, reader, { count: settings.batchSize, retryOwn, claimIdleMs: settings.claimIdleMs });
    const done: string[] = [];
    // One booking's changes in order: after a failure, its later changes wait for the retry too.
    const held = new Set<string>();
    // While a change waits or is handled here, it is touched, so no other reader thinks this one dead.
    const inHand = new Set(batch.map((change) => change.id));
    const touching = setInterval(() => {
      changes.touch(group, reader, [...inHand]).catch((error: unknown) => logger.warn({ err: error, group }, 'the booking changes in hand could not be touched'));
    }, settings.claimIdleMs / 3);
    touching.unref();
    try {
      for (const change of batch) {
        if (stopped) break;
        if (held.has(change.booking.ref)) continue;
        if (await handleOne(change)) done.push(change.id);
        else held.add(change.booking.ref);
        inHand.delete(change.id);
      }
    } finally {
      clearInterval(touching);
    }
    await changes.ack(group, done);
    return batch.length;
  }

  const running = (async () => {
    while (!stopped) {
      try {
        await changes.join(group);
        break;
      } catch (error) {
        logger.warn({ err: error, group }, 'the booking change log could not be joined; trying again');
        await pause(settings.pollMs);
      }
    }
    while (!stopped) {
      let count = 0;
      try {
        count = await readOnce();
      } catch (error) {
        logger.warn({ err: error, group }, 'the booking change log could not be read; trying again');
      }
      if (count < settings.batchSize) await pause(settings.pollMs);
    }
  })();

  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
