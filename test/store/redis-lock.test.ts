import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import { createRedisBookingStore, createRedisStore, type RedisClient } from '../../src/store/index.ts';
import { createRedisConversationLock } from '../../src/store/redis-lock.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../helpers/redis.ts';

const prefix = uniquePrefix('lock');
let a: RedisClient;
let b: RedisClient;
beforeAll(async () => {
  [a, b] = await Promise.all([connectTestRedis(), connectTestRedis()]);
});
afterAll(async () => {
  await deleteKeys(a, prefix);
  await Promise.all([a.close(), b.close()]);
});

describe('the Redis conversation lock', () => {
  it('makes two bot instances take turns on one conversation: no step is lost or shown twice', async () => {
    const instance = (client: RedisClient) =>
      createTestConcierge({
        store: createRedisStore(client, { prefix: `${prefix}conv:` }),
        bookings: createRedisBookingStore(client, { prefix: `${prefix}b:` }),
        lock: createRedisConversationLock(client, { prefix: `${prefix}lock:` }),
      });
    const [first, second] = await Promise.all([instance(a), instance(b)]);
    for (let round = 0; round < 5; round++) {
      const id = `walk-${round}`;
      await fakeGuest(first, { id }).say('how do i prepare');
      const answers = await Promise.all([fakeGuest(first, { id }).say('next'), fakeGuest(second, { id }).say('next')]);
      const steps = answers.map((r) => /Step (\d) of 3/.exec(textOf(r))?.[1]).sort();
      expect(steps).toEqual(['2', '3']);
    }
  });

  it('waits for a holder that crashed until its lease runs out', async () => {
    const lock = createRedisConversationLock(a, { prefix: `${prefix}lease:`, leaseMs: 300, waitMs: 2000 });
    await b.set(`${prefix}lease:web:x`, 'crashed-instance', { expiration: { type: 'PX', value: 300 } });
    const started = Date.now();
    expect(await lock.run('web:x', async () => 'done')).toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('gives up with a StoreError when the conversation stays locked', async () => {
    const lock = createRedisConversationLock(a, { prefix: `${prefix}busy:`, waitMs: 100 });
    await b.set(`${prefix}busy:web:y`, 'someone', { expiration: { type: 'PX', value: 5000 } });
    await expect(lock.run('web:y', async () => 'never')).rejects.toBeInstanceOf(StoreError);
  });

  it('releases only its own lock', async () => {
    const lock = createRedisConversationLock(a, { prefix: `${prefix}own:`, leaseMs: 50 });
    await lock.run('web:z', async () => {
      await new Promise((resolve) => setTimeout(resolve, 120));
      // Our lease ran out and another instance took the lock meanwhile.
      await b.set(`${prefix}own:web:z`, 'other', { expiration: { type: 'PX', value: 5000 } });
    });
    expect(await a.get(`${prefix}own:web:z`)).toBe('other');
  });
});
