// Reminders kept as timers in this process: the scheduler for a bot without Redis.
import type { Booking } from '../booking/index.ts';
import type { Logger } from '../core/index.ts';
import { planMessages, type DeliverMessage, type MessageScheduler, type PlannedMessage, type ReminderSettings, type ScheduledMessage } from '../reminders/index.ts';

/** What the in-process scheduler needs. */
export interface InProcessSchedulerOptions {
  settings: ReminderSettings;
  deliver: DeliverMessage;
  /** The clock messages are planned and timed by. */
  now: () => Date;
  logger: Logger;
  /** How long to wait before trying a failed send again, and how many tries in all. */
  retryDelayMs?: number;
  attempts?: number;
}

// setTimeout takes at most 2^31-1 ms (about 24.8 days); longer waits are taken in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps each booking's messages as timers in this process. One process only: the messages are lost
 * on restart (start() says so in the log) and two instances would each send them.
 */
export function createInProcessScheduler(options: InProcessSchedulerOptions): MessageScheduler {
  const { deliver, now, logger } = options;
  let { settings } = options;
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  const attempts = options.attempts ?? 3;
  /** Waiting messages per booking reference, by message id. */
  const waiting = new Map<string, Map<string, { message: PlannedMessage; timer: NodeJS.Timeout }>>();
  /** Ids already sent (or given up on), so a message is never sent twice. */
  const done = new Set<string>();
  const sending = new Set<Promise<void>>();
  let stopped = false;

  function arm(message: PlannedMessage, delayMs: number, attempt: number): void {
    // A wait longer than a timer can take is taken in steps; the clock is not asked again, so a test's
    // clock that stands still still gets its message.
    const step = Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
    const timer = setTimeout(() => (delayMs > MAX_TIMER_MS ? arm(message, delayMs - MAX_TIMER_MS, attempt) : fire(message, attempt)), step);
    // Pending reminders alone never keep the process alive.
    timer.unref();
    const forRef = waiting.get(message.ref) ?? new Map();
    forRef.set(message.id, { message, timer });
    waiting.set(message.ref, forRef);
  }

  function forget(message: PlannedMessage): void {
    const forRef = waiting.get(message.ref);
    forRef?.delete(message.id);
    if (forRef?.size === 0) waiting.delete(message.ref);
  }

  function fire(message: PlannedMessage, attempt: number): void {
    forget(message);
    if (stopped || done.has(message.id)) return;
    const task = (async () => {
      try {
        const outcome = await deliver(message);
        done.add(message.id);
        logger.debug({ id: message.id, outcome: outcome.kind }, 'planned message handled');
      } catch (error) {
        if (attempt < attempts) {
          logger.warn({ err: error, id: message.id, attempt }, 'sending a planned message failed; trying again later');
          arm(message, retryDelayMs, attempt + 1);
        } else {
          done.add(message.id);
          logger.error({ err: error, id: message.id, attempt }, 'sending a planned message failed; giving up');
        }
      }
    })();
    sending.add(task);
    void task.finally(() => sending.delete(task));
  }

  async function unschedule(ref: string): Promise<void> {
    for (const { timer } of waiting.get(ref)?.values() ?? []) clearTimeout(timer);
    waiting.delete(ref);
  }

  async function schedule(booking: Booking): Promise<void> {
    const at = now();
    for (const message of planMessages(booking, settings, at)) {
      if (done.has(message.id) || waiting.get(message.ref)?.has(message.id)) continue;
      arm(message, new Date(message.sendAt).getTime() - at.getTime(), 1);
    }
  }

  return {
    useSettings(next) {
      settings = next;
    },
    schedule,
    async reschedule(booking) {
      await unschedule(booking.ref);
      await schedule(booking);
    },
    unschedule,
    async scheduled(ref) {
      const messages = [...(waiting.get(ref)?.values() ?? [])].map(({ message }): ScheduledMessage => {
        const { id, kind, sendAt, deferred } = message;
        return { id, kind, ref: message.ref, sendAt, deferred };
      });
      return messages.sort((a, b) => a.sendAt.localeCompare(b.sendAt));
    },
    async start() {
      stopped = false;
      logger.warn({}, 'reminders are kept in this process (no REDIS_URL): reminders and follow-ups already planned are lost on restart');
    },
    async stop() {
      stopped = true;
      for (const ref of [...waiting.keys()]) await unschedule(ref);
      await Promise.allSettled([...sending]);
    },
  };
}
