// Messages the bot did not understand, kept for the staff's weekly report: in this process's memory,
// or in one Redis sorted set (scored by time) shared by every instance. Old ones are dropped as new
// ones come, and there is a cap, so a flood of nonsense cannot fill the store.
import { randomUUID } from 'node:crypto';
import { MISSED_KEPT_DAYS, StoreError, type MissedMessage, type MissedMessages } from '../core/index.ts';
import type { RedisClient } from './redis.ts';

const DAY_MS = 86_400_000;
/** At most this many are kept, the latest. */
export const MISSED_KEPT_MAX = 5000;

/** Keeps missed messages in this process's memory (one process; lost on restart). */
export function createMemoryMissedMessages(options: { now?: () => number } = {}): MissedMessages {
  const now = options.now ?? Date.now;
  let kept: MissedMessage[] = [];
  return {
    async record(message) {
      kept.push({ ...message });
      // They come in order of time: the old ones are at the front.
      const oldest = now() - MISSED_KEPT_DAYS * DAY_MS;
      const firstKept = kept.findIndex((m) => Date.parse(m.at) >= oldest);
      kept = kept.slice(Math.max(firstKept < 0 ? kept.length : firstKept, kept.length - MISSED_KEPT_MAX));
    },
    async since(from) {
      return kept.filter((m) => Date.parse(m.at) >= from.getTime()).map((m) => ({ ...m }));
    },
  };
}

/** Keeps missed messages in Redis under `${prefix}missed`, scored by when they came. */
export function createRedisMissedMessages(client: RedisClient, options: { prefix?: string; now?: () => number } = {}): MissedMessages {
  const key = `${options.prefix ?? 'spa:'}missed`;
  const now = options.now ?? Date.now;
  const fail = (what: string, error: unknown): never => {
    throw new StoreError(`Redis missed-messages ${what} failed: ${(error as Error).message}`, { cause: error });
  };
  return {
    async record(message) {
      // A nonce keeps two guests' identical words two members of the set.
      const member = JSON.stringify({ ...message, id: randomUUID() });
      try {
        await client
          .multi()
          .zAdd(key, { score: Date.parse(message.at), value: member })
          .zRemRangeByScore(key, '-inf', now() - MISSED_KEPT_DAYS * DAY_MS)
          .zRemRangeByRank(key, 0, -(MISSED_KEPT_MAX + 1))
          .exec();
      } catch (error) {
        fail('record', error);
      }
    },
    async since(from) {
      let members: string[] = [];
      try {
        members = await client.zRangeByScore(key, from.getTime(), '+inf');
      } catch (error) {
        fail('read', error);
      }
      return members.flatMap((raw) => {
        try {
          const { text, language, at } = JSON.parse(raw) as MissedMessage;
          return typeof text === 'string' && typeof at === 'string' ? [{ text, at, ...(typeof language === 'string' ? { language } : {}) }] : [];
        } catch {
          return [];
        }
      });
    },
  };
}
