import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import { createRedisPendingMessages, PENDING_TTL_SECONDS, type RedisClient } from '../../src/store/index.ts';
import { connectTestRedis, useTestRedis } from '../helpers/redis.ts';
import { pendingMessagesContract } from './pending-messages.contract.ts';

const redis = useTestRedis();

const { newPrefix } = redis;

pendingMessagesContract('Redis', async () => ({
  make: (ttlSeconds) => createRedisPendingMessages(redis.client, { prefix: newPrefix('pending'), ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
  // Redis keeps its own clock, so expiry is tested in real (short) time.
  elapse: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
}));

describe('Redis pending messages', () => {
  it('sets a TTL of a week on every write', async () => {
    const prefix = newPrefix('pending-ttl');
    await createRedisPendingMessages(redis.client, { prefix }).add('c1', [{ text: 'hi' }]);
    const ttl = await redis.client.ttl(`${prefix}c1`);
    expect(ttl).toBeGreaterThan(PENDING_TTL_SECONDS - 100);
    expect(ttl).toBeLessThanOrEqual(PENDING_TTL_SECONDS);
  });

  it('is shared by every instance on the same Redis', async () => {
    const prefix = newPrefix('pending-shared');
    await createRedisPendingMessages(redis.client, { prefix }).add('c1', [{ text: 'from the worker' }]);
    const messages = await createRedisPendingMessages(redis.client, { prefix }).since('c1', 0);
    expect(messages.map((m) => m.replies)).toEqual([[{ text: 'from the worker' }]]);
  });

  it('announces a message added by one instance to a listener of another, over a connection of its own', async () => {
    const prefix = newPrefix('pending-announced');
    const [worker, web] = [createRedisPendingMessages(redis.client, { prefix }), createRedisPendingMessages(redis.client, { prefix })];
    try {
      const heard: number[] = [];
      await web.listen('c1', (id) => heard.push(id));
      await worker.add('c1', [{ text: 'from the worker' }]);
      const deadline = Date.now() + 2000;
      while (heard.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(heard).toEqual((await web.since('c1', 0)).map((m) => m.id));
      // The client itself stays free for commands: subscribing took another connection.
      expect(await redis.client.ping()).toBe('PONG');
    } finally {
      await Promise.all([worker.close(), web.close()]);
    }
  });

  it('refuses to listen with a StoreError when Redis cannot be reached', async () => {
    // Nothing listens on port 1: the subscriber's connection is refused.
    const nowhere: RedisClient = createClient({ url: 'redis://127.0.0.1:1', socket: { reconnectStrategy: false, connectTimeout: 500 } });
    const pending = createRedisPendingMessages(nowhere, { prefix: newPrefix('nowhere'), onSubscriberError: () => {} });
    await expect(pending.listen('c1', () => {})).rejects.toBeInstanceOf(StoreError);
    await pending.close();
  });

  it('reports a lost connection as a StoreError', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    await expect(createRedisPendingMessages(lost, { prefix: newPrefix('closed') }).add('c1', [{ text: 'x' }])).rejects.toBeInstanceOf(StoreError);
  });
});
