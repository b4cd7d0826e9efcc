// `GET /metrics` on the bot as an operator runs it: Prometheus scrapes it after guests have chatted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../helpers/run-bot.ts';
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

describe('GET /metrics on a port of its own, behind a token', () => {
  it('is served only there and only with the token; the chat port has none', async () => {
    const metricsPort = await freePort();
    const token = 'prometheus-scrape-token-4e2b9a';
    const separate = await startServer({ PORT: '0', METRICS_PORT: String(metricsPort), METRICS_TOKEN: token });
    try {
      const metricsUrl = `http://localhost:${metricsPort}`;
      expect(separate.output().stdout).toContain(`Metrics for Prometheus: ${metricsUrl}/metrics`);
      // The public port: the chat works, /metrics is not there at all.
      expect((await fetch(`${separate.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
      expect((await fetch(`${separate.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' })).status).toBe(200);
      // The metrics port: a 401 without the token, the figures with it, and its own probes.
      const refused = await fetch(`${metricsUrl}/metrics`);
      expect(refused.status).toBe(401);
      const scraped = await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      const samples = parseExposition(await scraped.text());
      expect(sampleValue(samples, 'spa_concierge_messages_total', { channel: 'web', intent: 'greeting' })).toBe(1);
      expect((await fetch(`${metricsUrl}/readyz`)).status).toBe(200);
      expect((await fetch(`${metricsUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' })).status).toBe(404);
    } finally {
      const { code } = await separate.stop();
      expect(code).toBe(0);
    }
    // Stopped: both ports are closed.
    await expect(fetch(`http://127.0.0.1:${metricsPort}/healthz`)).rejects.toThrow();
  });
});
