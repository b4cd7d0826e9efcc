import { z } from 'zod';
import { StoreError } from '../errors.ts';
import type { RedisClient } from './redis.ts';

/**
 * A hand-over's thread in the staff channel: the conversation it is about, where the thread is, and
 * what its first message showed (so it can be redrawn without its button when the hand-over ends).
 */
export interface HandoverThread {
  /** The conversation key, e.g. "telegram:42". */
  key: string;
  /** The Slack channel and the ts of the thread's first message. */
  channel: string;
  ts: string;
  /** True once the conversation went back to the bot; a later staff reply there is not delivered. */
  ended: boolean;
  opening: {
    guestName?: string;
    /** The language of the conversation ("ko"), shown beside the guest's name; absent on threads opened before. */
    language?: string;
    guestChannel: string;
    reason: 'asked' | 'misunderstood' | 'wrote';
    recent: Array<{ from: 'guest' | 'bot' | 'staff'; text: string }>;
  };
}

/** Where the staff desk keeps which thread belongs to which conversation, looked up both ways. */
export interface HandoverThreads {
  /** Saves a thread; it becomes the conversation's current thread. Every entry gets the TTL. */
  write(thread: HandoverThread): Promise<void>;
  /** The conversation's current thread. */
  byKey(key: string): Promise<HandoverThread | undefined>;
  /** The thread whose first message is `ts` in `channel` (also an earlier, ended one). */
  byThread(channel: string, ts: string): Promise<HandoverThread | undefined>;
  /** Forgets the conversation's current thread. */
  delete(key: string): Promise<void>;
}

/** How long a thread is remembered after its last change: hand-overs last minutes to hours. */
export const HANDOVER_THREADS_TTL_SECONDS = 7 * 86_400;

const threadSchema = z.object({
  key: z.string(),
  channel: z.string(),
  ts: z.string(),
  ended: z.boolean(),
  opening: z.object({
    guestName: z.string().optional(),
    language: z.string().optional(),
    guestChannel: z.string(),
    reason: z.enum(['asked', 'misunderstood', 'wrote']),
    recent: z.array(z.object({ from: z.enum(['guest', 'bot', 'staff']), text: z.string() })),
  }),
});

const threadId = (channel: string, ts: string) => `${channel}:${ts}`;

/**
 * Keeps threads in this process's memory. One process only: lost on restart and not shared, so a
 * staff reply that reaches another instance would not find its conversation; use Redis there.
 */
export function createMemoryHandoverThreads(options: { ttlSeconds?: number; now?: () => number } = {}): HandoverThreads {
  const ttlMs = (options.ttlSeconds ?? HANDOVER_THREADS_TTL_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const threads = new Map<string, { thread: HandoverThread; expiresAt: number }>();
  const current = new Map<string, { id: string; expiresAt: number }>();

  const live = <V extends { expiresAt: number }>(map: Map<string, V>, id: string): V | undefined => {
    const entry = map.get(id);
    if (entry && entry.expiresAt > now()) return entry;
    map.delete(id);
    return undefined;
  };

  return {
    async write(thread) {
      const expiresAt = now() + ttlMs;
      const id = threadId(thread.channel, thread.ts);
      threads.set(id, { thread: structuredClone(thread), expiresAt });
      current.set(thread.key, { id, expiresAt });
    },
    async byKey(key) {
      const pointer = live(current, key);
      return pointer ? structuredClone(live(threads, pointer.id)?.thread) : undefined;
    },
    async byThread(channel, ts) {
      return structuredClone(live(threads, threadId(channel, ts))?.thread);
    },
    async delete(key) {
      const pointer = current.get(key);
      current.delete(key);
      if (pointer) threads.delete(pointer.id);
    },
  };
}

/** Keeps threads in Redis: `thread:<channel>:<ts>` holds the thread, `key:<conversation>` the current one's id; every SET has EX. */
export function createRedisHandoverThreads(client: RedisClient, options: { prefix?: string; ttlSeconds?: number } = {}): HandoverThreads {
  const prefix = options.prefix ?? 'spa:slack-thread:';
  const ttlSeconds = options.ttlSeconds ?? HANDOVER_THREADS_TTL_SECONDS;
  const threadKey = (id: string) => `${prefix}thread:${id}`;
  const pointerKey = (key: string) => `${prefix}key:${key}`;

  const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new StoreError(`Redis hand-over threads ${what} failed: ${(error as Error).message}`, { cause: error });
    }
  };
  const parse = (raw: string | null): HandoverThread | undefined => {
    if (raw === null) return undefined;
    try {
      const parsed = threadSchema.safeParse(JSON.parse(raw));
      return parsed.success ? (parsed.data as HandoverThread) : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    write(thread) {
      const id = threadId(thread.channel, thread.ts);
      return attempt('write', async () => {
        await client
          .multi()
          .set(threadKey(id), JSON.stringify(thread), { expiration: { type: 'EX', value: ttlSeconds } })
          .set(pointerKey(thread.key), id, { expiration: { type: 'EX', value: ttlSeconds } })
          .exec();
      });
    },
    byKey(key) {
      return attempt('read', async () => {
        const id = await client.get(pointerKey(key));
        return id === null ? undefined : parse(await client.get(threadKey(id)));
      });
    },
    byThread(channel, ts) {
      return attempt('read', async () => parse(await client.get(threadKey(threadId(channel, ts)))));
    },
    delete(key) {
      return attempt('delete', async () => {
        const id = await client.get(pointerKey(key));
        await client.del(id === null ? [pointerKey(key)] : [pointerKey(key), threadKey(id)]);
      });
    },
  };
}
