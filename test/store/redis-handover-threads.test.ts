import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import { createRedisHandoverThreads, HANDOVER_THREADS_TTL_SECONDS } from '../../src/store/index.ts';
import { connectTestRedis, useTestRedis } from '../helpers/redis.ts';
import { handoverThreadsContract, thread } from './handover-threads.contract.ts';

const redis = useTestRedis();

const { newPrefix } = redis;

handoverThreadsContract('Redis', async () => ({
  make: (ttlSeconds) => createRedisHandoverThreads(redis.client, { prefix: newPrefix('threads'), ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
  // Redis keeps its own clock, so expiry is tested in real (short) time.
  elapse: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
}));

describe('Redis hand-over threads', () => {
  it('sets the TTL on every key it writes', async () => {
    const prefix = newPrefix('threads-ttl');
    await createRedisHandoverThreads(redis.client, { prefix }).write(thread('telegram:1', '1.000001'));
    const keys: string[] = [];
    for await (const batch of redis.client.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
    expect(keys.sort()).toEqual([`${prefix}key:telegram:1`, `${prefix}thread:C0STAFF:1.000001`]);
    for (const key of keys) {
      const ttl = await redis.client.ttl(key);
      expect(ttl, key).toBeGreaterThan(HANDOVER_THREADS_TTL_SECONDS - 100);
      expect(ttl, key).toBeLessThanOrEqual(HANDOVER_THREADS_TTL_SECONDS);
    }
  });

  it('is shared by every instance on the same Redis', async () => {
    const prefix = newPrefix('threads-shared');
    await createRedisHandoverThreads(redis.client, { prefix }).write(thread('web:x', '2.000002'));
    expect(await createRedisHandoverThreads(redis.client, { prefix }).byThread('C0STAFF', '2.000002')).toMatchObject({ key: 'web:x' });
  });

  it('treats a damaged entry as missing', async () => {
    const prefix = newPrefix('threads-damaged');
    await redis.client.set(`${prefix}key:web:y`, 'C0STAFF:3.000003', { expiration: { type: 'EX', value: 60 } });
    await redis.client.set(`${prefix}thread:C0STAFF:3.000003`, '{"key": 1', { expiration: { type: 'EX', value: 60 } });
    expect(await createRedisHandoverThreads(redis.client, { prefix }).byKey('web:y')).toBeUndefined();
  });

  it('reports a lost connection as a StoreError', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    await expect(createRedisHandoverThreads(lost, { prefix: newPrefix('closed') }).byKey('web:z')).rejects.toBeInstanceOf(StoreError);
  });
});
