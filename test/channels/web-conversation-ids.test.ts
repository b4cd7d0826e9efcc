import { describe, expect, it } from 'vitest';
import { createConversationIds, CONVERSATION_ID } from '../../src/channels/web/index.ts';
import { sharedSecret } from '../../src/store/index.ts';
import { useTestRedis } from '../helpers/redis.ts';

const redis = useTestRedis();

describe('web chat conversation ids', () => {
  it('are issued fresh each time, and only those issued with the same secret are accepted', () => {
    const ids = createConversationIds('a-secret-of-the-spa-that-is-32-chars-long');
    const id = ids.issue();
    expect(id).toMatch(CONVERSATION_ID);
    expect(ids.issue()).not.toBe(id);
    expect(ids.isIssued(id)).toBe(true);
    expect(createConversationIds('a-secret-of-the-spa-that-is-32-chars-long').isIssued(id)).toBe(true);
    expect(createConversationIds('another-secret-of-another-deployment').isIssued(id)).toBe(false);
    const [uuid, signature = ''] = id.split('.');
    // The signature with its last character changed (to another one: it may already end in "A").
    const altered = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [uuid ?? '', `${uuid}.${altered}`, `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.${signature}`, `${id} `, '']) {
      expect(ids.isIssued(forged), forged).toBe(false);
    }
  });

  it('share one secret in Redis across instances and restarts, made once', async () => {
    const key = `${redis.newPrefix('web-secret')}web:id-secret`;
    const [first, second] = await Promise.all([sharedSecret(redis.client, key), sharedSecret(redis.client, key)]);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toBe(first);
    const issued = createConversationIds(first).issue();
    expect(createConversationIds(await sharedSecret(redis.client, key)).isIssued(issued)).toBe(true);
  });
});
