import type { createClient } from 'redis';
import { StoreError, type ConversationStore } from '../core/index.ts';

/** The node-redis client this store needs; created and connected by the caller. */
export type RedisClient = ReturnType<typeof createClient>;

/** Keeps conversation state in Redis under `prefix`, each value with a TTL (`SET ... EX`). */
export function createRedisStore(client: RedisClient, options: { prefix?: string } = {}): ConversationStore {
  const prefix = options.prefix ?? 'spa:conv:';

  const fail = (what: string, error: unknown): never => {
    throw new StoreError(`Redis ${what} failed: ${(error as Error).message}`, { cause: error });
  };

  return {
    async read(key) {
      let raw: string | null = null;
      try {
        raw = await client.get(prefix + key);
      } catch (error) {
        fail('read', error);
      }
      if (raw === null) return undefined;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        // Damaged state is the core's to handle (it resets the conversation), not an outage.
        return { damaged: true };
      }
    },
    async write(key, value, ttlSeconds) {
      try {
        await client.set(prefix + key, JSON.stringify(value), { expiration: { type: 'EX', value: ttlSeconds } });
      } catch (error) {
        fail('write', error);
      }
    },
    async delete(key) {
      try {
        await client.del(prefix + key);
      } catch (error) {
        fail('delete', error);
      }
    },
  };
}
