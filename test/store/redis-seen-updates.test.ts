import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import { createRedisSeenUpdates, type RedisClient } from '../../src/store/index.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../helpers/redis.ts';
import { seenUpdatesContract } from './seen-updates.contract.ts';

let client: RedisClient;
const prefixes: string[] = [];
beforeAll(async () => {
  client = await connectTestRedis();
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(client, prefix);
  await client.close();
});

const newPrefix = (label: string) => {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  return prefix;
};

seenUpdatesContract('Redis', async () => ({
  make: (ttlSeconds) => createRedisSeenUpdates(client, { prefix: newPrefix('seen'), ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
  // Redis keeps its own clock, so expiry is tested in real (short) time.
  elapse: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
}));

describe('Redis seen updates', () => {
  it('sets a TTL of one day by default', async () => {
    const prefix = newPrefix('seen-ttl');
    await createRedisSeenUpdates(client, { prefix }).firstTime('telegram:1');
    const ttl = await client.ttl(`${prefix}telegram:1`);
    expect(ttl).toBeGreaterThan(86_300);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });

  it('is shared by every instance on the same Redis', async () => {
    const prefix = newPrefix('seen-shared');
    const a = createRedisSeenUpdates(client, { prefix });
    const b = createRedisSeenUpdates(client, { prefix });
    expect(await a.firstTime('telegram:5')).toBe(true);
    expect(await b.firstTime('telegram:5')).toBe(false);
  });

  it('reports a lost connection as a StoreError', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    await expect(createRedisSeenUpdates(lost, { prefix: newPrefix('closed') }).firstTime('telegram:1')).rejects.toBeInstanceOf(StoreError);
  });
});
