import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey, silentLogger, type ConversationStore, type Reply, type Turn } from '../../src/core/index.ts';
import { createRedisStore, type RedisClient } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../helpers/redis.ts';

let client: RedisClient;
let store: ConversationStore;
const prefix = uniquePrefix('state');
beforeAll(async () => {
  client = await connectTestRedis();
  store = createRedisStore(client, { prefix });
});
afterAll(async () => {
  await deleteKeys(client, prefix);
  await client.close();
});

describe('dialogue state in Redis', () => {
  it('keeps a walk-through going across two bot instances sharing Redis', async () => {
    const first = await createTestConcierge({ store });
    const second = await createTestConcierge({ store });
    expect(textOf(await fakeGuest(first, { id: 'shared' }).say('how do i prepare'))).toMatch(/Step 1 of 3/);
    expect(textOf(await fakeGuest(second, { id: 'shared' }).say('next'))).toMatch(/Step 2 of 3/);
  });

  it('gives state the configured TTL', async () => {
    const concierge = await createTestConcierge({ store, stateTtlSeconds: 7200 });
    await fakeGuest(concierge, { id: 'ttl' }).say('hello');
    const ttl = await client.ttl(`${prefix}${conversationKey({ channel: 'web', conversationId: 'ttl' })}`);
    expect(ttl).toBeGreaterThan(7100);
    expect(ttl).toBeLessThanOrEqual(7200);
  });

  it.each([
    ['from an older version', JSON.stringify({ version: 0, step: 'x' })],
    ['damaged', '{"version":1,"guest":'],
    ['of the wrong type', '"just a string"'],
  ])('resets the conversation politely when stored state is %s', async (_, raw) => {
    const concierge = await createTestConcierge({ store });
    const id = `reset-${_}`;
    await client.set(`${prefix}web:${id}`, raw, { expiration: { type: 'EX', value: 60 } });
    const replies = await fakeGuest(concierge, { id }).say('does it hurt?');
    expect(textOf(replies)).toMatch(/start our conversation over/i);
    expect(textOf(replies)).toMatch(/pressure/i);
    // The state is whole again: the next message carries on normally.
    expect(textOf(await fakeGuest(concierge, { id }).say('how long is it'))).not.toMatch(/over/i);
  });

  it('handles the messages of one conversation in the order they arrived, even when sent together', async () => {
    const concierge = await createTestConcierge({ store });
    const turn = (text: string): Turn => ({ channel: 'telegram', conversationId: 'burst', guest: { id: 'burst' }, input: { kind: 'text', text } });
    const answers: Reply[][] = await Promise.all([
      concierge.handle(turn('how do i prepare')),
      concierge.handle(turn('next')),
      concierge.handle(turn('next')),
    ]);
    expect(textOf(answers[0]!)).toMatch(/Step 1 of 3/);
    expect(textOf(answers[1]!)).toMatch(/Step 2 of 3/);
    expect(textOf(answers[2]!)).toMatch(/Step 3 of 3/);
  });

  it('keeps the guest’s name and language from the channel in the state', async () => {
    const concierge = await createTestConcierge({ store });
    await concierge.handle({ channel: 'telegram', conversationId: 'profile', guest: { id: '42', name: 'Lan', language: 'vi' }, input: { kind: 'text', text: 'hi' } });
    const saved = JSON.parse((await client.get(`${prefix}telegram:profile`)) ?? '{}');
    expect(saved.guest).toEqual({ id: '42', name: 'Lan', language: 'vi' });
  });
});

describe('when the store fails', () => {
  it('tells the guest briefly that it is having trouble when Redis cannot be reached, and logs why', async () => {
    const broken = await connectTestRedis();
    await broken.close();
    const logged: string[] = [];
    const logger = { ...silentLogger, error: (details: object) => void logged.push(String((details as { err?: Error }).err?.message)) };
    const concierge = await createTestConcierge({ store: createRedisStore(broken, { prefix }), logger });
    const replies = await fakeGuest(concierge, { id: 'down' }).say('hi');
    expect(textOf(replies)).toBe("Sorry, I'm having trouble right now. Please try again in a minute.");
    expect(logged.some((m) => /Redis read failed/.test(m))).toBe(true);
  });
});
