import { randomUUID } from 'node:crypto';
import type { ConversationLock } from '../core/index.ts';
import { StoreError } from '../errors.ts';
import type { RedisClient } from './redis.ts';

// Deletes the lock only if it is still ours: a lock that expired and was taken by another
// instance must not be released by us.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Options of the Redis conversation lock. */
export interface RedisLockOptions {
  prefix?: string;
  /** How long a holder may keep the lock before it expires on its own (a crashed instance). */
  leaseMs?: number;
  /** How long to wait for the lock before giving up with a StoreError. */
  waitMs?: number;
  /** Pause between attempts. */
  retryMs?: number;
}

/** A per-conversation lock in Redis: `SET key token NX PX lease`, released by a compare-and-delete script. */
export function createRedisConversationLock(client: RedisClient, options: RedisLockOptions = {}): ConversationLock {
  const prefix = options.prefix ?? 'spa:lock:';
  const leaseMs = options.leaseMs ?? 10_000;
  const waitMs = options.waitMs ?? 5_000;
  const retryMs = options.retryMs ?? 15;

  return {
    async run(key, task) {
      const lockKey = prefix + key;
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      for (;;) {
        let acquired: string | null;
        try {
          acquired = await client.set(lockKey, token, { condition: 'NX', expiration: { type: 'PX', value: leaseMs } });
        } catch (error) {
          throw new StoreError(`Redis lock failed: ${(error as Error).message}`, { cause: error });
        }
        if (acquired === 'OK') break;
        if (Date.now() >= deadline) throw new StoreError(`conversation ${key} stayed locked for ${waitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
      try {
        return await task();
      } finally {
        await client.eval(RELEASE, { keys: [lockKey], arguments: [token] }).catch(() => undefined);
      }
    },
  };
}
