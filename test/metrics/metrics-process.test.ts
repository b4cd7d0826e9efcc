// `GET /metrics` on the bot as an operator runs it: Prometheus scrapes it after guests have chatted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/run-bot.ts';
import { parseExposition, sampleValue } from './exposition.ts';

let bot: RunningServer;
beforeAll(async () => {
  bot = await startServer({ PORT: '0' });
});
afterAll(async () => {
  const { code } = await bot.stop();
  expect(code).toBe(0);
});

async function say(text: string, conversationId?: string): Promise<string> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(conversationId ? { conversationId } : {}), text }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { conversationId: string }).conversationId;
}

async function scrape() {
  const response = await fetch(`${bot.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

describe('GET /metrics on the running bot', () => {
  it('counts the web chat’s messages by intent, the fallbacks and the reply times', async () => {
    const before = await scrape();
    const id = await say('does the upper back massage hurt?');
    await say('zxqv blorp wibble', id);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('spa_concierge_messages_total', { channel: 'web', intent: 'faq.pain' })).toBe(1);
    expect(delta('spa_concierge_fallbacks_total', { channel: 'web' })).toBe(1);
    expect(delta('spa_concierge_reply_duration_seconds_count', { channel: 'web' })).toBe(2);
    expect(delta('spa_concierge_turns_total', { outcome: 'answered' })).toBe(2);
    // The process's own figures, for memory and event-loop dashboards.
    expect(sampleValue(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
