import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, type ChannelName, type Concierge, type ConversationStore } from '../../src/core/index.ts';
import { createHttpServer } from '../../src/http/index.ts';
import { createMetrics, registerMetricsRoute, type Metrics } from '../../src/metrics/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';
import { parseExposition, sampleValue, type Sample } from './exposition.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang: the spa is open and tomorrow is bookable.
const now = () => new Date('2026-11-26T02:00:00Z');

let concierge: Concierge;
let metrics: Metrics;
let app: FastifyInstance | undefined;
/** Guest turns taken in each test, by channel: what the latency histogram must have seen. */
let turnsTaken: Map<ChannelName, number>;

async function serve(overrides: Parameters<typeof createTestConcierge>[0] = {}, before?: (c: Concierge) => void): Promise<void> {
  concierge = await createTestConcierge({ bookings: createMemoryBookingStore({ now: () => now().getTime() }), now, ...overrides });
  before?.(concierge);
  metrics = createMetrics();
  metrics.observeConcierge(concierge);
  const server = createHttpServer({ logger: pino({ level: 'silent' }), ready: async () => true });
  registerMetricsRoute(server, metrics);
  await server.ready();
  app = server;
}

beforeEach(() => {
  turnsTaken = new Map();
});

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** What an operator's Prometheus would read from `/metrics` now. */
async function scrape(): Promise<Sample[]> {
  if (!app) throw new Error('no server: call serve() first');
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  return parseExposition(response.body);
}

/** A guest on a channel whose every message and button press is tallied in `turnsTaken`. */
function guestOn(channel: ChannelName, id: string) {
  const guest = fakeGuest(concierge, { id, channel });
  const tally = <T>(turn: Promise<T>) => {
    turnsTaken.set(channel, (turnsTaken.get(channel) ?? 0) + 1);
    return turn;
  };
  return {
    say: (text: string) => tally(guest.say(text)),
    press: (label: string) => tally(guest.press(label)),
    get choices() {
      return guest.choices;
    },
  };
}

const MESSAGES = 'spa_concierge_messages_total';
const FALLBACKS = 'spa_concierge_fallbacks_total';

describe('what /metrics shows after guest conversations', () => {
  beforeEach(async () => {
    await serve();
  });

  it('counts an understood question once, under its intent and its channel, with its confidence', async () => {
    const before = await scrape();
    expect(sampleValue(before, MESSAGES, { channel: 'telegram', intent: 'faq.pain' })).toBeUndefined();

    expect(textOf(await guestOn('telegram', 'lan').say('does it hurt?'))).toMatch(/pressure/i);

    const after = await scrape();
    expect(sampleValue(after, MESSAGES, { channel: 'telegram', intent: 'faq.pain' })).toBe(1);
    expect(sampleValue(after, MESSAGES, { channel: 'web', intent: 'faq.pain' })).toBeUndefined();
    expect(sampleValue(after, FALLBACKS, { channel: 'telegram' })).toBe(0);
    expect(sampleValue(after, 'spa_concierge_intent_confidence_count')).toBe(1);
    // Understood means scored above the threshold (0.15): not in the lowest bucket, within the top one.
    expect(sampleValue(after, 'spa_concierge_intent_confidence_bucket', { le: '0.1' })).toBe(0);
    expect(sampleValue(after, 'spa_concierge_intent_confidence_bucket', { le: '1' })).toBe(1);
    expect(sampleValue(after, 'spa_concierge_turns_total', { outcome: 'answered' })).toBe(1);
  });

  it('counts nonsense as a fallback, under the intent "none"', async () => {
    const guest = guestOn('web', 'puzzled');
    await guest.say('does it hurt?');
    const before = await scrape();
    expect(sampleValue(before, FALLBACKS, { channel: 'web' })).toBe(0);

    expect(textOf(await guest.say('qwzx vbnm'))).toMatch(/didn't quite get|not sure/i);

    const after = await scrape();
    expect(sampleValue(after, FALLBACKS, { channel: 'web' })).toBe(1);
    expect(sampleValue(after, MESSAGES, { channel: 'web', intent: 'none' })).toBe(1);
    expect(sampleValue(after, MESSAGES, { channel: 'web', intent: 'faq.pain' })).toBe(1);
  });

  it('counts a button press under the intent "action", not as a fallback', async () => {
    const guest = guestOn('web', 'presser');
    await guest.say('how long is a session');
    await guest.press('Does it hurt?');

    const after = await scrape();
    expect(sampleValue(after, MESSAGES, { channel: 'web', intent: 'action' })).toBe(1);
    expect(sampleValue(after, MESSAGES, { channel: 'web', intent: 'faq.duration' })).toBe(1);
    expect(sampleValue(after, FALLBACKS, { channel: 'web' })).toBe(0);
    // A press is not classified, so only the typed question has a confidence.
    expect(sampleValue(after, 'spa_concierge_intent_confidence_count')).toBe(1);
  });

  it('counts a booking made end to end as created, and every turn in the reply latency', async () => {
    const guest = guestOn('telegram', 'booker');
    await guest.say('can I come tomorrow at 3pm, an hour please?');
    if (guest.choices.includes('No preference')) await guest.press('No preference');
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    await guest.say('Lan');
    await guest.say('0905 123 456');
    expect(textOf(await guest.press('Confirm'))).toMatch(/LS-[A-Z0-9]{4}/);
    await guestOn('web', 'asker').say('where are you located?');

    const after = await scrape();
    expect(sampleValue(after, 'spa_concierge_bookings_total', { change: 'created' })).toBe(1);
    expect(sampleValue(after, 'spa_concierge_bookings_total', { change: 'moved' })).toBe(0);
    expect(sampleValue(after, 'spa_concierge_bookings_total', { change: 'cancelled' })).toBe(0);

    const telegramTurns = turnsTaken.get('telegram') ?? 0;
    expect(telegramTurns).toBeGreaterThanOrEqual(6);
    expect(sampleValue(after, 'spa_concierge_reply_duration_seconds_count', { channel: 'telegram' })).toBe(telegramTurns);
    expect(sampleValue(after, 'spa_concierge_reply_duration_seconds_count', { channel: 'web' })).toBe(1);
    expect(sampleValue(after, 'spa_concierge_reply_duration_seconds_bucket', { channel: 'telegram', le: '+Inf' })).toBe(telegramTurns);
    expect(sampleValue(after, 'spa_concierge_reply_duration_seconds_sum', { channel: 'telegram' })).toBeGreaterThan(0);
    expect(sampleValue(after, 'spa_concierge_turns_total', { outcome: 'answered' })).toBe(telegramTurns + 1);
    // The guest's name and phone number were answers to the booking's questions, not classified text.
    expect(sampleValue(after, MESSAGES, { channel: 'telegram', intent: 'unclassified' })).toBe(2);
    expect(after.some((s) => Object.values(s.labels).some((v) => /Lan|0905/.test(v)))).toBe(false);
  });

  it('does not make the bot promise a person when no staff desk listens', async () => {
    const guest = guestOn('web', 'lost');
    await guest.say('qwzx vbnm');
    expect(textOf(await guest.say('plorf zib'))).not.toMatch(/asked a member of our team/i);

    const after = await scrape();
    expect(sampleValue(after, 'spa_concierge_handovers_total', { reason: 'misunderstood' })).toBe(0);
    expect(sampleValue(after, FALLBACKS, { channel: 'web' })).toBe(2);
  });
});

describe('hand-overs on /metrics', () => {
  it('counts a hand-over by its reason when a staff desk listens', async () => {
    await serve({}, (c) => void c.handoverEvents.on(() => {}));
    await guestOn('telegram', 'wants-a-person').say('can I talk to a real person please');
    const lost = guestOn('telegram', 'lost');
    await lost.say('qwzx vbnm');
    expect(textOf(await lost.say('plorf zib'))).toMatch(/asked a member of our team/i);

    const after = await scrape();
    expect(sampleValue(after, 'spa_concierge_handovers_total', { reason: 'asked' })).toBe(1);
    expect(sampleValue(after, 'spa_concierge_handovers_total', { reason: 'misunderstood' })).toBe(1);
  });
});

describe('store failures on /metrics', () => {
  it('counts a turn that could not reach the store by its outcome and as a store error', async () => {
    const failing: ConversationStore = {
      read: async () => {
        throw new StoreError('Redis is away');
      },
      write: async () => {},
      delete: async () => {},
    };
    await serve({ store: failing });
    await guestOn('web', 'unlucky').say('does it hurt?');

    const after = await scrape();
    expect(sampleValue(after, 'spa_concierge_turns_total', { outcome: 'store_unavailable' })).toBe(1);
    expect(sampleValue(after, 'spa_concierge_turns_total', { outcome: 'answered' })).toBe(0);
    expect(sampleValue(after, 'spa_concierge_store_errors_total', { operation: 'turn' })).toBe(1);
    expect(sampleValue(after, 'spa_concierge_store_errors_total', { operation: 'connection' })).toBe(0);
  });
});
