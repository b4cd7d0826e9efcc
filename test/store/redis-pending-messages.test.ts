import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import { createRedisPendingMessages, PENDING_TTL_SECONDS } from '../../src/store/index.ts';
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

  it('reports a lost connection as a StoreError', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    await expect(createRedisPendingMessages(lost, { prefix: newPrefix('closed') }).add('c1', [{ text: 'x' }])).rejects.toBeInstanceOf(StoreError);
  });
});
