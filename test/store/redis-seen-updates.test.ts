import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import { createRedisSeenUpdates } from '../../src/store/index.ts';
import { connectTestRedis, useTestRedis } from '../helpers/redis.ts';
import { seenUpdatesContract } from './seen-updates.contract.ts';

const redis = useTestRedis();

const { newPrefix } = redis;

seenUpdatesContract('Redis', async () => ({
  make: (ttlSeconds) => createRedisSeenUpdates(redis.client, { prefix: newPrefix('seen'), ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
  // Redis keeps its own clock, so expiry is tested in real (short) time.
  elapse: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
}));

describe('Redis seen updates', () => {
  it('sets a TTL of one day by default', async () => {
    const prefix = newPrefix('seen-ttl');
    await createRedisSeenUpdates(redis.client, { prefix }).firstTime('telegram:1');
    const ttl = await redis.client.ttl(`${prefix}telegram:1`);
    expect(ttl).toBeGreaterThan(86_300);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });

  it('is shared by every instance on the same Redis', async () => {
    const prefix = newPrefix('seen-shared');
    const a = createRedisSeenUpdates(redis.client, { prefix });
    const b = createRedisSeenUpdates(redis.client, { prefix });
    expect(await a.firstTime('telegram:5')).toBe(true);
    expect(await b.firstTime('telegram:5')).toBe(false);
  });

  it('reports a lost connection as a StoreError', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    await expect(createRedisSeenUpdates(lost, { prefix: newPrefix('closed') }).firstTime('telegram:1')).rejects.toBeInstanceOf(StoreError);
  });
});
