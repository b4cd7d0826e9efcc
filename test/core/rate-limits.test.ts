// One guest flooding the bot: counted per conversation, shared by every instance through Redis.
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, createMemoryStore, createRedisRateLimiter, createRedisStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';
import { connectTestRedis, useTestRedis } from '../helpers/redis.ts';

const SLOW_DOWN = /You're sending messages faster than I can read them\. Please wait \d+ seconds/;
const redis = useTestRedis();

describe('a guest who sends too many messages', () => {
  it('is asked once to wait, then not answered until the window has passed; other guests are not affected', async () => {
    const concierge = await createTestConcierge({ rateLimiter: createMemoryRateLimiter({ points: 3, windowSeconds: 1, prefix: 'guest' }) });
    const flooder = fakeGuest(concierge, { id: 'flooder' });
    for (let i = 0; i < 3; i++) expect(textOf(await flooder.say('does it hurt?'))).toMatch(/hurt|pain|pressure/i);
    expect(textOf(await flooder.say('does it hurt?'))).toMatch(SLOW_DOWN);
    expect(await flooder.say('does it hurt?')).toEqual([]);
    expect(textOf(await fakeGuest(concierge, { id: 'someone-else' }).say('does it hurt?'))).not.toMatch(SLOW_DOWN);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(textOf(await flooder.say('does it hurt?'))).not.toMatch(SLOW_DOWN);
  });

  it('is counted once across two bot instances sharing Redis', async () => {
    const prefix = redis.newPrefix('limit');
    const settings = { points: 4, windowSeconds: 60, prefix };
    const store = createRedisStore(redis.client, { prefix: `${prefix}conv:` });
    const first = await createTestConcierge({ store, rateLimiter: createRedisRateLimiter(redis.client, settings) });
    const second = await createTestConcierge({ store, rateLimiter: createRedisRateLimiter(redis.client, settings) });
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(textOf(await fakeGuest(i % 2 === 0 ? first : second, { id: 'busy' }).say('how long is the massage?')));
    expect(answers.map((a) => SLOW_DOWN.test(a))).toEqual([false, false, false, false, true, false]);
    expect(answers[5]).toBe('');
  });

  it('is still limited, per instance, while Redis cannot be reached, and nobody is refused because of the outage', async () => {
    const broken = await connectTestRedis();
    await broken.close();
    const limiter = createRedisRateLimiter(broken, { points: 2, windowSeconds: 60, prefix: redis.newPrefix('limit-down') });
    const concierge = await createTestConcierge({ store: createMemoryStore(), rateLimiter: limiter });
    const guest = fakeGuest(concierge, { id: 'during-outage' });
    expect(textOf(await guest.say('does it hurt?'))).not.toMatch(SLOW_DOWN);
    expect(textOf(await guest.say('does it hurt?'))).not.toMatch(SLOW_DOWN);
    expect(textOf(await guest.say('does it hurt?'))).toMatch(SLOW_DOWN);
  });
});
