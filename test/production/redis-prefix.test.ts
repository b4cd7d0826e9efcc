import { describe, expect, it } from 'vitest';
import { keysMatching, TEST_REDIS_URL, useTestRedis } from '../helpers/redis.ts';
import { freePort, startServer } from '../helpers/run-bot.ts';
import { webGuest } from './support.ts';

// Two deployments can share one Redis: every key a bot writes starts with its REDIS_PREFIX.
const redis = useTestRedis();

describe('REDIS_PREFIX', () => {
  it('keeps every key of a booking made in the web chat under the prefix, reminders included', async () => {
    const prefix = redis.newPrefix('deployment');
    const before = new Set(await keysMatching(redis.client, '*'));
    const bot = await startServer({ PORT: String(await freePort()), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
    const guest = webGuest(bot.url.replace('localhost', '127.0.0.1'));
    try {
      for (const text of ['book a massage tomorrow at 3pm for 60 minutes', 'no preference', 'medium', 'no', 'Lan Pham', '+84 905 111 222']) await guest.say(text);
      expect((await guest.say('yes')).text).toMatch(/LS-\w{4}/);
    } finally {
      expect((await bot.stop('SIGTERM')).code).toBe(0);
    }
    const written = (await keysMatching(redis.client, '*')).filter((key) => !before.has(key));
    expect(written.length).toBeGreaterThan(3);
    expect(written.filter((key) => !key.startsWith(prefix))).toEqual([]);
    // The booking, the conversation and BullMQ's reminder queue are all there, under the prefix.
    expect(written.some((key) => key.startsWith(`${prefix}conv:`))).toBe(true);
    expect(written.some((key) => key.startsWith(`${prefix}reminders:`))).toBe(true);
  });
});
