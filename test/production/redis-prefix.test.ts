import { describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, useTestRedis } from '../helpers/redis.ts';
import { freePort, startServer } from '../helpers/run-bot.ts';

// Two deployments can share one Redis: every key a bot writes starts with its REDIS_PREFIX.
const redis = useTestRedis();

async function say(url: string, text: string, conversationId?: string): Promise<{ conversationId: string; text: string }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(conversationId ? { conversationId } : {}), text }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { conversationId: string; replies: Array<{ text: string }> };
  return { conversationId: body.conversationId, text: body.replies.map((r) => r.text).join('\n') };
}

const keysUnder = async (pattern: string) => {
  const found: string[] = [];
  for await (const keys of redis.client.scanIterator({ MATCH: pattern, COUNT: 500 })) found.push(...keys);
  return found;
};

describe('REDIS_PREFIX', () => {
  it('keeps every key of a booking made in the web chat under the prefix, reminders included', async () => {
    const prefix = redis.newPrefix('deployment');
    const before = new Set(await keysUnder('*'));
    const bot = await startServer({ PORT: String(await freePort()), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
    const url = bot.url.replace('localhost', '127.0.0.1');
    try {
      let { conversationId } = await say(url, 'book a massage tomorrow at 3pm for 60 minutes');
      for (const text of ['no preference', 'medium', 'no', 'Lan Pham', '+84 905 111 222']) ({ conversationId } = await say(url, text, conversationId));
      expect((await say(url, 'yes', conversationId)).text).toMatch(/LS-\w{4}/);
    } finally {
      expect((await bot.stop('SIGTERM')).code).toBe(0);
    }
    const written = (await keysUnder('*')).filter((key) => !before.has(key));
    expect(written.length).toBeGreaterThan(3);
    expect(written.filter((key) => !key.startsWith(prefix))).toEqual([]);
    // The booking, the conversation and BullMQ's reminder queue are all there, under the prefix.
    expect(written.some((key) => key.startsWith(`${prefix}conv:`))).toBe(true);
    expect(written.some((key) => key.startsWith(`${prefix}reminders:`))).toBe(true);
  });
});
