import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Concierge } from '../../src/core/index.ts';
import { createRedisBookingStore, createRedisStore, type RedisClient } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../helpers/redis.ts';

// 09:00 on Thursday 26 November 2026 in Da Nang. Sample settings: 2 therapists, 2 rooms.
const now = () => new Date('2026-11-26T02:00:00Z');
const prefix = uniquePrefix('rush');
const clients: RedisClient[] = [];
let guests: Concierge[];

beforeAll(async () => {
  // Fifty bot instances, each with its own Redis connection, sharing one Redis.
  guests = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const client = await connectTestRedis();
      clients.push(client);
      return createTestConcierge({
        store: createRedisStore(client, { prefix: `${prefix}conv:` }),
        bookings: createRedisBookingStore(client, { prefix }),
        now,
      });
    }),
  );
});

afterAll(async () => {
  await deleteKeys(clients[0]!, prefix);
  await Promise.all(clients.map((c) => c.close()));
});

describe('fifty guests on fifty bot instances asking for the same time at once', () => {
  it('books exactly as many as there is room for, and offers the others the nearest free times', async () => {
    const people = guests.map((concierge, i) => fakeGuest(concierge, { id: `rush-${i}`, channel: 'telegram' }));
    const first = await Promise.all(people.map((p) => p.say('tomorrow at 3pm for an hour please').then(textOf)));
    const holding = people.filter((_, i) => /holding it for you/.test(first[i]!));
    const turnedAway = people.filter((_, i) => /already taken/.test(first[i]!));
    expect(holding).toHaveLength(2);
    expect(turnedAway).toHaveLength(48);
    for (const p of turnedAway) expect(p.choices.filter((c) => /Fri 27 Nov/.test(c)).length).toBe(3);

    // The two who hold it confirm at the same moment; both get their booking.
    await Promise.all(
      holding.map(async (p, i) => {
        await p.press('No preference');
        await p.press('Medium');
        await p.press('Nothing to mention');
        await p.say(`Guest ${i}`);
        await p.say(`guest${i}@example.com`);
      }),
    );
    const confirmations = await Promise.all(holding.map((p) => p.press('Confirm').then(textOf)));
    for (const text of confirmations) expect(text).toMatch(/reference is LS-/);

    const day = await createRedisBookingStore(clients[0]!, { prefix }).listByDay('2026-11-27');
    expect(day).toHaveLength(2);
    expect(new Set(day.map((b) => b.therapistId))).toEqual(new Set(['mai', 'an']));
  });
});
