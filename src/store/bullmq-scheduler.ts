// Reminders kept in Redis as BullMQ delayed jobs: any instance's worker may send them, each is sent
// once, and they survive restarts.
//
// BullMQ needs connections of its own (a worker blocks one while it waits), so this module opens them
// from the URL, over node-redis, rather than taking the app's client; stop() closes them.
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { createClient } from 'redis';
import type { Booking } from '../booking/index.ts';
import { StoreError, type Logger } from '../core/index.ts';
import {
  planMessages,
  plannedMessageSchema,
  type DeliverMessage,
  type MessageScheduler,
  type PlannedMessage,
  type ReminderSettings,
  type ScheduledMessage,
} from '../reminders/index.ts';
import type { RedisClient } from './redis.ts';

/** What the BullMQ scheduler needs. */
export interface BullmqSchedulerOptions {
  /** REDIS_URL. */
  redisUrl: string;
  /** Namespace of every key, BullMQ's and this module's (no trailing colon); "spa" by default. */
  prefix?: string;
  settings: ReminderSettings;
  deliver: DeliverMessage;
  /** The clock messages are planned by; a job's delay is its planned instant minus now(). */
  now?: () => Date;
  logger: Logger;
  /** Messages one worker sends at once. */
  concurrency?: number;
  /** Tries per message when the guest's channel fails, and the first wait between them (doubling). */
  attempts?: number;
  backoffMs?: number;
}

const QUEUE_NAME = 'reminders';
/** How long sent messages and finished jobs are remembered, so nothing is sent twice. */
const KEEP_SECONDS = 30 * 86_400;
/** A worker's claim on a message while it sends it; another worker waits this long before trying. */
const SENDING_LEASE_MS = 5 * 60_000;

/** Creates the scheduler; start() connects and starts this instance's worker. */
export function createBullmqScheduler(options: BullmqSchedulerOptions): MessageScheduler {
  const { deliver, logger } = options;
  let { settings } = options;
  const prefix = options.prefix ?? 'spa';
  const now = options.now ?? (() => new Date());
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 30_000;
  const indexKey = (ref: string) => `${prefix}:reminder-jobs:${ref}`;
  const sentKey = (id: string) => `${prefix}:reminder-sent:${id}`;

  let opened: Promise<{ client: RedisClient; queue: Queue }> | undefined;
  let worker: Worker | undefined;
  let stopped = false;

  /** The connection and the queue, opened on first use (scheduling needs no worker). */
  function open(): Promise<{ client: RedisClient; queue: Queue }> {
    // A booking event arriving while the bot stops must not open new connections.
    if (stopped) return Promise.reject(new StoreError('reminders: the scheduler has stopped'));
    opened ??= (async () => {
      let connected = false;
      const client: RedisClient = createClient({
        url: options.redisUrl,
        socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => (!connected && retries >= 3 ? false : Math.min(200 * 2 ** retries, 5000)) },
      });
      client.on('error', (error: Error) => logger.error({ err: error }, 'reminders: Redis connection error'));
      try {
        await client.connect();
        connected = true;
      } catch (error) {
        opened = undefined;
        throw new StoreError(`reminders: cannot reach Redis: ${(error as Error).message}`, { cause: error });
      }
      const queue = new Queue(QUEUE_NAME, { connection: client, prefix });
      queue.on('error', (error: Error) => logger.error({ err: error }, 'reminders: queue error'));
      return { client, queue };
    })();
    return opened;
  }

  async function schedule(booking: Booking): Promise<void> {
    const { client, queue } = await open();
    const at = now();
    const planned = planMessages(booking, settings, at);
    if (planned.length === 0) return;
    // Which jobs belong to a booking, so moving or cancelling it finds them; written first, so no job
    // is ever missing from it, and kept a while after the last one.
    const last = Math.max(...planned.map((m) => new Date(m.sendAt).getTime()));
    const ttl = Math.ceil((last - at.getTime()) / 1000) + KEEP_SECONDS;
    await client.multi().sAdd(indexKey(booking.ref), planned.map((m) => m.id)).expire(indexKey(booking.ref), ttl).exec();
    for (const message of planned) {
      // The same id twice is a no-op in BullMQ: scheduling a booking again adds nothing.
      await queue.add(message.kind, message, {
        jobId: message.id,
        delay: Math.max(0, new Date(message.sendAt).getTime() - at.getTime()),
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
        removeOnComplete: { age: KEEP_SECONDS },
        removeOnFail: { age: KEEP_SECONDS },
      });
    }
  }

  async function unschedule(ref: string): Promise<void> {
    const { client, queue } = await open();
    for (const id of await client.sMembers(indexKey(ref))) {
      // 0: the job is being sent right now; the check at sending time skips it if the booking changed.
      if ((await queue.remove(id)) === 0) logger.info({ id }, 'reminders: a job being sent was not removed');
    }
    await client.del(indexKey(ref));
  }

  /** Sends one message, claiming it first so that no other worker sends it too. */
  async function sendOne(job: Job): Promise<string> {
    const parsed = plannedMessageSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ jobId: job.id }, 'reminders: a job with damaged data was dropped');
      throw new UnrecoverableError('damaged reminder job');
    }
    const message: PlannedMessage = parsed.data;
    // The connection stays open until the worker has finished, even while stopping.
    const { client } = await (opened ?? open());
    const key = sentKey(message.id);
    // BullMQ gives a job to one worker at a time; the claim also covers a job retried after a worker
    // stalled while it was sending.
    const claimed = await client.set(key, 'sending', { condition: 'NX', expiration: { type: 'PX', value: SENDING_LEASE_MS } });
    if (claimed !== 'OK') {
      if ((await client.get(key)) === 'sending') throw new Error(`message ${message.id} is being sent by another worker`);
      logger.info({ id: message.id }, 'reminders: already sent; not sent again');
      return 'duplicate';
    }
    try {
      const outcome = await deliver(message);
      await client.set(key, outcome.kind, { expiration: { type: 'EX', value: KEEP_SECONDS } });
      return outcome.kind;
    } catch (error) {
      await client.del(key).catch(() => undefined);
      throw error;
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
      const { client, queue } = await open();
      const found: ScheduledMessage[] = [];
      for (const id of await client.sMembers(indexKey(ref))) {
        const job = await queue.getJob(id);
        if (!job || !['delayed', 'waiting', 'prioritized'].includes(await job.getState())) continue;
        const message = plannedMessageSchema.safeParse(job.data);
        if (message.success) found.push({ id: message.data.id, kind: message.data.kind, ref: message.data.ref, sendAt: message.data.sendAt, deferred: message.data.deferred });
      }
      return found.sort((a, b) => a.sendAt.localeCompare(b.sendAt));
    },
    async start() {
      if (worker) return;
      stopped = false;
      const { client } = await open();
      worker = new Worker(QUEUE_NAME, sendOne, { connection: client, prefix, concurrency: options.concurrency ?? 4 });
      worker.on('error', (error: Error) => logger.error({ err: error }, 'reminders: worker error'));
      worker.on('failed', (job: Job | undefined, error: Error) => {
        const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
        const details = { err: error, id: job?.id, attempt: job?.attemptsMade };
        if (final) logger.error(details, 'reminders: a message could not be sent; giving up');
        else logger.warn(details, 'reminders: sending a message failed; it will be tried again');
      });
      await worker.waitUntilReady();
      logger.info({ prefix }, 'reminders are kept in Redis (BullMQ)');
    },
    async stop() {
      stopped = true;
      const running = worker;
      worker = undefined;
      // close() waits for the messages being sent.
      await running?.close();
      const current = opened;
      opened = undefined;
      if (!current) return;
      const { client, queue } = await current.catch(() => ({ client: undefined, queue: undefined }));
      await queue?.close();
      if (client?.isOpen) await client.close();
    },
  };
}
