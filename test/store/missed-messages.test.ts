import { describe, expect, it } from 'vitest';
import type { MissedMessages } from '../../src/core/index.ts';
import { createMemoryMissedMessages, createRedisMissedMessages, MISSED_KEPT_MAX } from '../../src/store/index.ts';
import { useTestRedis } from '../helpers/redis.ts';

// Where the messages the bot missed are kept for the staff's report: the same behaviour in memory and
// in the real Redis.
const redis = useTestRedis();
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T03:00:00Z');
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();

const stores: Array<[string, () => MissedMessages]> = [
  ['memory', () => createMemoryMissedMessages({ now: () => NOW })],
  ['Redis', () => createRedisMissedMessages(redis.client, { prefix: redis.newPrefix('missed'), now: () => NOW })],
];

describe.each(stores)('missed messages in %s', (_name, make) => {
  it('gives back what was kept since a day, oldest first, the same words twice as two', async () => {
    const missed = make();
    await missed.record({ text: 'do u do feet', language: 'en', at: at(10) });
    await missed.record({ text: 'có làm chân không', language: 'vi', at: at(3) });
    await missed.record({ text: 'do u do feet', language: 'en', at: at(2) });
    await missed.record({ text: 'do u do feet', language: 'en', at: at(1) });
    const week = await missed.since(new Date(NOW - 7 * DAY));
    expect(week.map((m) => `${m.language} ${m.text}`)).toEqual(['vi có làm chân không', 'en do u do feet', 'en do u do feet']);
  });

  it('drops what is older than five weeks as new ones come', async () => {
    const missed = make();
    await missed.record({ text: 'old', at: at(40) });
    await missed.record({ text: 'new', at: at(0) });
    expect((await missed.since(new Date(0))).map((m) => m.text)).toEqual(['new']);
  });
});

describe('missed messages in memory', () => {
  it(`keeps the latest ${MISSED_KEPT_MAX} at most`, async () => {
    const missed = createMemoryMissedMessages({ now: () => NOW });
    for (let i = 0; i < MISSED_KEPT_MAX + 5; i++) await missed.record({ text: `m${i}`, at: at(0) });
    const kept = await missed.since(new Date(0));
    expect(kept).toHaveLength(MISSED_KEPT_MAX);
    expect(kept[0]?.text).toBe('m5');
  });
});
