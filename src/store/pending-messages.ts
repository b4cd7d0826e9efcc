// Messages for web chat guests who are not on the page: kept until the page fetches them.
import { StoreError, type Reply } from '../core/index.ts';
import type { RedisClient } from './redis.ts';

/** One message waiting for a web chat page. */
export interface PendingMessage {
  /** Increasing within a conversation; the page acknowledges by the last id it showed. */
  id: number;
  replies: Reply[];
  /** When it was kept (ISO). */
  at: string;
}

/** Messages waiting for a conversation's page (a reminder, a staff answer). */
export interface PendingMessages {
  /** Keeps a message for the conversation. */
  add(conversationId: string, replies: Reply[]): Promise<void>;
  /** The messages after `after`, oldest first; those up to `after` were shown and are forgotten. */
  since(conversationId: string, after: number): Promise<PendingMessage[]>;
}

/** How long a message waits for the guest to open the chat again. */
export const PENDING_TTL_SECONDS = 7 * 86_400;
/** The most messages kept per conversation; older ones go first. */
export const MAX_PENDING_PER_CONVERSATION = 50;

/**
 * Keeps waiting messages in this process's memory. One process only: they are lost on restart, and a
 * page served by another instance would not see them.
 */
export function createMemoryPendingMessages(options: { ttlSeconds?: number; now?: () => number } = {}): PendingMessages {
  const ttlMs = (options.ttlSeconds ?? PENDING_TTL_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const conversations = new Map<string, { messages: PendingMessage[]; expiresAt: number }>();
  let lastId = 0;
  let calls = 0;

  const live = (conversationId: string, t: number) => {
    if (++calls % 1000 === 0) for (const [id, c] of conversations) if (c.expiresAt <= t) conversations.delete(id);
    const found = conversations.get(conversationId);
    if (found && found.expiresAt <= t) {
      conversations.delete(conversationId);
      return undefined;
    }
    return found;
  };

  return {
    async add(conversationId, replies) {
      const t = now();
      // Milliseconds since the epoch, as the Redis store uses: ids keep increasing across restarts.
      lastId = Math.max(t, lastId + 1);
      const entry = live(conversationId, t) ?? { messages: [], expiresAt: 0 };
      entry.messages.push({ id: lastId, replies, at: new Date(t).toISOString() });
      entry.messages.splice(0, Math.max(0, entry.messages.length - MAX_PENDING_PER_CONVERSATION));
      entry.expiresAt = t + ttlMs;
      conversations.set(conversationId, entry);
    },
    async since(conversationId, after) {
      const entry = live(conversationId, now());
      if (!entry) return [];
      entry.messages = entry.messages.filter((m) => m.id > after);
      if (entry.messages.length === 0) conversations.delete(conversationId);
      return entry.messages.map((m) => ({ ...m }));
    },
  };
}

// Adds one message with an id from the server's clock (milliseconds: Lua writes numbers with 14
// digits), above the last one kept, keeps at most ARGV[3] messages, and refreshes the TTL: one script,
// so two instances never take one id.
const ADD_SCRIPT = `
local time = redis.call('TIME')
local id = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and tonumber(last[2]) >= id then id = tonumber(last[2]) + 1 end
redis.call('ZADD', KEYS[1], id, cjson.encode({ id = id, at = ARGV[1], replies = cjson.decode(ARGV[2]) }))
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return id
`;

/** Keeps waiting messages in Redis, one sorted set per conversation (score: the id), with a TTL. */
export function createRedisPendingMessages(client: RedisClient, options: { prefix?: string; ttlSeconds?: number } = {}): PendingMessages {
  const prefix = options.prefix ?? 'spa:pending:';
  const ttlSeconds = options.ttlSeconds ?? PENDING_TTL_SECONDS;
  const fail = (what: string, error: unknown): never => {
    throw new StoreError(`Redis pending messages ${what} failed: ${(error as Error).message}`, { cause: error });
  };

  return {
    async add(conversationId, replies) {
      try {
        await client.eval(ADD_SCRIPT, {
          keys: [prefix + conversationId],
          arguments: [new Date().toISOString(), JSON.stringify(replies), String(MAX_PENDING_PER_CONVERSATION), String(ttlSeconds)],
        });
      } catch (error) {
        fail('add', error);
      }
    },
    async since(conversationId, after) {
      const key = prefix + conversationId;
      let raw: string[] = [];
      try {
        const results = await client
          .multi()
          .zRemRangeByScore(key, '-inf', after)
          .zRangeByScore(key, `(${after}`, '+inf')
          .exec();
        raw = (results[1] as unknown as string[] | null) ?? [];
      } catch (error) {
        fail('read', error);
      }
      return raw.flatMap((text) => {
        try {
          const parsed = JSON.parse(text) as PendingMessage;
          // cjson writes an empty array as {}: no choices.
          return [{ id: Number(parsed.id), at: String(parsed.at), replies: (Array.isArray(parsed.replies) ? parsed.replies : []).map(cleanReply) }];
        } catch {
          return [];
        }
      });
    },
  };
}

function cleanReply(reply: Reply): Reply {
  return Array.isArray(reply.choices) && reply.choices.length > 0 ? { text: String(reply.text), choices: reply.choices } : { text: String(reply.text) };
}
