import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/index.ts';
import { bearerTokenCheck, createMetrics, registerMetricsRoute, type Metrics, type MetricsRouteOptions } from '../../src/metrics/index.ts';
import { createTestConcierge, fakeGuest } from '../helpers/bot.ts';
import { parseExposition, sampleValue, samplesNamed, type Sample } from './exposition.ts';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The metrics served as main.ts serves them, read back through `GET /metrics`. */
async function serve(metrics: Metrics, options: MetricsRouteOptions = {}): Promise<FastifyInstance> {
  app = createHttpServer({ logger: pino({ level: 'silent' }), ready: async () => true });
  registerMetricsRoute(app, metrics, options);
  await app.ready();
  return app;
}

async function scrape(metrics: Metrics): Promise<Sample[]> {
  return parseExposition(await metrics.text());
}

const PLATFORM_ERRORS = 'spa_concierge_platform_errors_total';
const STORE_ERRORS = 'spa_concierge_store_errors_total';

describe('GET /metrics', () => {
  it('answers in Prometheus text format, uncached, with the process metrics', async () => {
    const server = await serve(createMetrics());
    const response = await server.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const samples = parseExposition(response.body);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(samplesNamed(samples, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
    expect(response.body).toMatch(/^# HELP spa_concierge_messages_total /m);
    expect(response.body).toMatch(/^# TYPE spa_concierge_reply_duration_seconds histogram$/m);
  });

  it('with a token, answers only a scraper that sends it as a bearer token', async () => {
    const token = 'c0ffee-metrics-token-7d1e';
    const server = await serve(createMetrics(), { token });
    const scrapeWith = (authorization?: string) =>
      server.inject({ method: 'GET', url: '/metrics', headers: authorization === undefined ? {} : { authorization } });

    for (const refused of [undefined, '', `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Basic ${token}`, token, `Bearer ${token} extra`]) {
      const response = await scrapeWith(refused);
      expect(response.statusCode, `Authorization: ${refused}`).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(response.body).not.toContain('spa_concierge_');
      expect(response.json()).toEqual({ error: expect.stringContaining('Authorization: Bearer') });
    }
    for (const accepted of [`Bearer ${token}`, `bearer ${token}`, `Bearer   ${token} `]) {
      const response = await scrapeWith(accepted);
      expect(response.statusCode, `Authorization: ${accepted}`).toBe(200);
      expect(response.body).toMatch(/^# HELP spa_concierge_messages_total /m);
    }
  });

  it('compares tokens whole, whatever their length', () => {
    const check = bearerTokenCheck('0123456789abcdef');
    expect(check('Bearer 0123456789abcdef')).toBe(true);
    expect(check('Bearer 0123456789abcde')).toBe(false);
    expect(check('Bearer 0123456789abcdef0')).toBe(false);
    expect(check(`Bearer ${'x'.repeat(10_000)}`)).toBe(false);
    expect(check(undefined)).toBe(false);
  });

  it('leaves the process metrics out when asked', async () => {
    const samples = await scrape(createMetrics({ collectDefaults: false }));
    expect(samples.some((s) => s.name.startsWith('process_') || s.name.startsWith('nodejs_'))).toBe(false);
    expect(sampleValue(samples, 'spa_concierge_bookings_total', { change: 'created' })).toBe(0);
  });
});

describe('several sets of metrics in one process', () => {
  it('keeps each on its own registry: creating a second does not throw, and counts stay apart', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.platformError('telegram', 'sendMessage');
    expect(sampleValue(await scrape(first), PLATFORM_ERRORS, { platform: 'telegram', method: 'sendMessage' })).toBe(1);
    expect(sampleValue(await scrape(second), PLATFORM_ERRORS, { platform: 'telegram', method: 'sendMessage' })).toBeUndefined();
  });

  it('names its metrics with the prefix it is given', async () => {
    const samples = await scrape(createMetrics({ prefix: 'lspa_', collectDefaults: false }));
    expect(sampleValue(samples, 'lspa_turns_total', { outcome: 'answered' })).toBe(0);
    expect(samples.some((s) => s.name.startsWith('spa_concierge_'))).toBe(false);
  });
});

describe('platform and store errors', () => {
  it('counts platform API errors by platform and method', async () => {
    const metrics = createMetrics({ collectDefaults: false });
    metrics.platformError('telegram', 'sendMessage');
    metrics.platformError('telegram', 'sendMessage');
    metrics.platformError('slack', 'chat.postMessage');
    const samples = await scrape(metrics);
    expect(sampleValue(samples, PLATFORM_ERRORS, { platform: 'telegram', method: 'sendMessage' })).toBe(2);
    expect(sampleValue(samples, PLATFORM_ERRORS, { platform: 'slack', method: 'chat.postMessage' })).toBe(1);
  });

  it('counts a method name of any other shape under "other", never as its own label', async () => {
    const metrics = createMetrics({ collectDefaults: false });
    const hostile = ['sendMessage"} 1\nspa_concierge_pwned 1', 'chat.postMessage?token=xoxb-123', 'a'.repeat(41), '', 'send_message'];
    for (const method of hostile) metrics.platformError('slack', method);
    const samples = await scrape(metrics);
    expect(sampleValue(samples, PLATFORM_ERRORS, { platform: 'slack', method: 'other' })).toBe(hostile.length);
    expect(samplesNamed(samples, PLATFORM_ERRORS)).toHaveLength(1);
    expect(samplesNamed(samples, 'spa_concierge_pwned')).toEqual([]);
  });

  it('stops admitting new method names after a hundred, so a loop over made-up names stays bounded', async () => {
    const metrics = createMetrics({ collectDefaults: false });
    for (let i = 0; i < 150; i++) metrics.platformError('telegram', `method${String.fromCharCode(97 + (i % 26))}${'x'.repeat(Math.floor(i / 26))}`);
    const series = samplesNamed(await scrape(metrics), PLATFORM_ERRORS);
    expect(series).toHaveLength(101);
    expect(series.find((s) => s.labels.method === 'other')?.value).toBe(50);
  });

  it('counts store errors as connection errors unless an operation is named', async () => {
    const metrics = createMetrics({ collectDefaults: false });
    metrics.storeError();
    metrics.storeError();
    metrics.storeError('bookings.confirm');
    metrics.storeError('EVAL "redis.call(...)"');
    const samples = await scrape(metrics);
    expect(sampleValue(samples, STORE_ERRORS, { operation: 'connection' })).toBe(2);
    expect(sampleValue(samples, STORE_ERRORS, { operation: 'bookings.confirm' })).toBe(1);
    expect(sampleValue(samples, STORE_ERRORS, { operation: 'other' })).toBe(1);
  });
});

describe('observing a concierge', () => {
  it('counts an intent that is not among the known intents as "other"', async () => {
    const concierge = await createTestConcierge();
    const metrics = createMetrics({ collectDefaults: false, intents: ['greeting', 'thanks'] });
    metrics.observeConcierge(concierge);
    const guest = fakeGuest(concierge, { id: 'known-few' });
    await guest.say('hello there');
    await guest.say('does it hurt?');
    const samples = await scrape(metrics);
    expect(sampleValue(samples, 'spa_concierge_messages_total', { channel: 'web', intent: 'greeting' })).toBe(1);
    expect(sampleValue(samples, 'spa_concierge_messages_total', { channel: 'web', intent: 'other' })).toBe(1);
    expect(sampleValue(samples, 'spa_concierge_messages_total', { channel: 'web', intent: 'faq.pain' })).toBeUndefined();
  });

  it('stops counting once unsubscribed', async () => {
    const concierge = await createTestConcierge();
    const metrics = createMetrics({ collectDefaults: false });
    const stop = metrics.observeConcierge(concierge);
    const guest = fakeGuest(concierge, { id: 'brief' });
    await guest.say('hello there');
    stop();
    await guest.say('thanks so much');
    const samples = await scrape(metrics);
    expect(sampleValue(samples, 'spa_concierge_turns_total', { outcome: 'answered' })).toBe(1);
    expect(sampleValue(samples, 'spa_concierge_reply_duration_seconds_count', { channel: 'web' })).toBe(1);
  });
});
