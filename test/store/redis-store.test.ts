import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import { createRedisStore } from '../../src/store/index.ts';
import { connectTestRedis, uniquePrefix, useTestRedis } from '../helpers/redis.ts';
import { conversationStoreContract } from './conversation-store.contract.ts';

const redis = useTestRedis();

const newStore = (label: string) => {
  const prefix = redis.newPrefix(label);
  return { store: createRedisStore(redis.client, { prefix }), prefix };
};

conversationStoreContract('Redis', async () => ({
  store: newStore('contract').store,
  // Redis keeps its own clock, so expiry is tested in real (short) time.
  elapse: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
}));

describe('Redis conversation store', () => {
  it('sets a TTL on every write', async () => {
    const { store, prefix } = newStore('ttl');
    await store.write('web:a', { n: 1 }, 3600);
    const ttl = await redis.client.ttl(`${prefix}web:a`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
  });

  it('hands back unparseable data as a value the core will reject, not as an outage', async () => {
    const { store, prefix } = newStore('damaged');
    await redis.client.set(`${prefix}web:a`, '{not json', { expiration: { type: 'EX', value: 60 } });
    expect(await store.read('web:a')).toEqual({ damaged: true });
  });

  it('reports a lost connection as a StoreError', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    const store = createRedisStore(lost, { prefix: uniquePrefix('closed') });
    await expect(store.read('web:a')).rejects.toBeInstanceOf(StoreError);
    await expect(store.write('web:a', {}, 60)).rejects.toBeInstanceOf(StoreError);
  });
});
