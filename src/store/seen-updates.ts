import { StoreError } from '../errors.ts';
import type { RedisClient } from './redis.ts';

/** Remembers which platform updates were already handled, so one delivered twice is handled once. */
export interface SeenUpdates {
  /** True the first time `id` is seen (and records it); false for every later call with the same id. */
  firstTime(id: string): Promise<boolean>;
}

/** How long an update id is remembered by default: Telegram gives up redelivering well within a day. */
export const SEEN_UPDATES_TTL_SECONDS = 86_400;

/**
 * Remembers update ids in this process's memory. One process only: ids are lost on restart and not
 * shared between instances, so two instances behind one webhook need the Redis implementation.
 */
export function createMemorySeenUpdates(options: { ttlSeconds?: number; now?: () => number } = {}): SeenUpdates {
  const ttlMs = (options.ttlSeconds ?? SEEN_UPDATES_TTL_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  let calls = 0;

  // Sweep now and then so a long-running process does not grow without bound.
  const sweep = (t: number) => {
    for (const [id, expiresAt] of expiries) if (expiresAt <= t) expiries.delete(id);
  };

  return {
    async firstTime(id) {
      const t = now();
      if (++calls % 1000 === 0) sweep(t);
      const expiresAt = expiries.get(id);
      if (expiresAt !== undefined && expiresAt > t) return false;
      expiries.set(id, t + ttlMs);
      return true;
    },
  };
}

/** Records update ids in Redis with `SET key 1 NX EX ttl`: atomic, so instances sharing Redis agree on who goes first. */
export function createRedisSeenUpdates(client: RedisClient, options: { prefix?: string; ttlSeconds?: number } = {}): SeenUpdates {
  const prefix = options.prefix ?? 'spa:seen:';
  const ttlSeconds = options.ttlSeconds ?? SEEN_UPDATES_TTL_SECONDS;

  return {
    async firstTime(id) {
      try {
        const set = await client.set(prefix + id, '1', { condition: 'NX', expiration: { type: 'EX', value: ttlSeconds } });
        return set === 'OK';
      } catch (error) {
        throw new StoreError(`Redis seen-updates check failed: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
