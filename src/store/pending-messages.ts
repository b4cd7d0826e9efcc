// Messages for web chat guests outside a reply (a reminder, a staff answer): kept until the page
// fetches them, and announced the moment they are added, so an open page can show them at once. Behind
// a load balancer the page may be streaming from another instance than the one that added the
// message: the Redis store announces through Redis pub/sub, the memory one within its process.
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
  /**
   * Calls `onAdded` with the id of each message added for the conversation from now on (by any
   * instance sharing the store); resolves once listening, to the function that stops it.
   */
  listen(conversationId: string, onAdded: (id: number) => void): Promise<() => Promise<void>>;
  /** Stops every listener and lets go of what listening holds (the Redis subscriber connection). */
  close(): Promise<void>;
}

/** Listeners by conversation, in this process: what both stores call when a message is added. */
function createListeners() {
  const byConversation = new Map<string, Set<(id: number) => void>>();
  return {
    /** Adds a listener; returns whether it is the conversation's first. */
    add(conversationId: string, onAdded: (id: number) => void): boolean {
      const listeners = byConversation.get(conversationId) ?? new Set();
      listeners.add(onAdded);
      byConversation.set(conversationId, listeners);
      return listeners.size === 1;
    },
    /** Removes a listener; returns whether it was the conversation's last. */
    remove(conversationId: string, onAdded: (id: number) => void): boolean {
      const listeners = byConversation.get(conversationId);
      if (!listeners?.delete(onAdded)) return false;
      if (listeners.size > 0) return false;
      byConversation.delete(conversationId);
      return true;
    },
    /** Tells the conversation's listeners; one that throws does not keep the others from hearing. */
    notify(conversationId: string, id: number): void {
      for (const onAdded of [...(byConversation.get(conversationId) ?? [])]) {
        try {
          onAdded(id);
        } catch {
          // A listener's own failure is its own (the stream closes itself); the message is kept either way.
        }
      }
    },
    clear: () => byConversation.clear(),
  };
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
  const listeners = createListeners();
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
      listeners.notify(conversationId, lastId);
    },
    async since(conversationId, after) {
      const entry = live(conversationId, now());
      if (!entry) return [];
      entry.messages = entry.messages.filter((m) => m.id > after);
      if (entry.messages.length === 0) conversations.delete(conversationId);
      return entry.messages.map((m) => ({ ...m }));
    },
    async listen(conversationId, onAdded) {
      listeners.add(conversationId, onAdded);
      return async () => void listeners.remove(conversationId, onAdded);
    },
    async close() {
      listeners.clear();
    },
  };
}

// Adds one message with an id from the server's clock (milliseconds: Lua writes numbers with 14
// digits), above the last one kept, keeps at most ARGV[3] messages, refreshes the TTL and announces the
// id on the conversation's channel (ARGV[5]): one script, so two instances never take one id, and the
// announcements of a conversation come in the order of its ids.
const ADD_SCRIPT = `
local time = redis.call('TIME')
local id = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and tonumber(last[2]) >= id then id = tonumber(last[2]) + 1 end
redis.call('ZADD', KEYS[1], id, cjson.encode({ id = id, at = ARGV[1], replies = cjson.decode(ARGV[2]) }))
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
redis.call('PUBLISH', ARGV[5], id)
return id
`;

/** What the Redis store is given besides its client. */
export interface RedisPendingMessagesOptions {
  prefix?: string;
  ttlSeconds?: number;
  /** Told of the subscriber connection's errors (it reconnects by itself, as the client it copies does). */
  onSubscriberError?: (error: Error) => void;
}

/**
 * Keeps waiting messages in Redis, one sorted set per conversation (score: the id), with a TTL. Each
 * added message's id is published on the conversation's channel; listening takes a second connection
 * (a subscribing client can do nothing else), made from `client` on first use and shared by every
 * conversation this process listens to, each subscribed while someone listens.
 */
export function createRedisPendingMessages(client: RedisClient, options: RedisPendingMessagesOptions = {}): PendingMessages {
  const prefix = options.prefix ?? 'spa:pending:';
  const ttlSeconds = options.ttlSeconds ?? PENDING_TTL_SECONDS;
  const channelPrefix = `${prefix}added:`;
  const listeners = createListeners();
  const subscriptions = new Map<string, Promise<void>>();
  let subscriber: Promise<RedisClient> | undefined;
  const fail = (what: string, error: unknown): never => {
    throw new StoreError(`Redis pending messages ${what} failed: ${(error as Error).message}`, { cause: error });
  };
  const onPublished = (message: string, channel: string) => listeners.notify(channel.slice(channelPrefix.length), Number(message));
  const connectSubscriber = async (): Promise<RedisClient> => {
    const connection = client.duplicate();
    // Without a listener an 'error' event would end the process; node-redis reconnects and resubscribes.
    connection.on('error', (error: Error) => options.onSubscriberError?.(error));
    await connection.connect();
    return connection;
  };

  return {
    async add(conversationId, replies) {
      try {
        await client.eval(ADD_SCRIPT, {
          keys: [prefix + conversationId],
          arguments: [new Date().toISOString(), JSON.stringify(replies), String(MAX_PENDING_PER_CONVERSATION), String(ttlSeconds), channelPrefix + conversationId],
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
    async listen(conversationId, onAdded) {
      const first = listeners.add(conversationId, onAdded);
      try {
        subscriber ??= connectSubscriber().catch((error: unknown) => {
          subscriber = undefined;
          throw error;
        });
        const connection = await subscriber;
        if (first) subscriptions.set(conversationId, connection.subscribe(channelPrefix + conversationId, onPublished));
        await subscriptions.get(conversationId);
      } catch (error) {
        if (listeners.remove(conversationId, onAdded)) subscriptions.delete(conversationId);
        fail('listen', error);
      }
      return async () => {
        if (!listeners.remove(conversationId, onAdded)) return;
        subscriptions.delete(conversationId);
        try {
          await (await subscriber)?.unsubscribe(channelPrefix + conversationId, onPublished);
        } catch {
          // The connection is down: it holds no subscriptions to end, and resubscribes only to what is left.
        }
      };
    },
    async close() {
      listeners.clear();
      subscriptions.clear();
      const connection = await subscriber?.catch(() => undefined);
      subscriber = undefined;
      if (connection?.isOpen) await connection.close();
    },
  };
}

function cleanReply(reply: Reply): Reply {
  return Array.isArray(reply.choices) && reply.choices.length > 0 ? { text: String(reply.text), choices: reply.choices } : { text: String(reply.text) };
}
