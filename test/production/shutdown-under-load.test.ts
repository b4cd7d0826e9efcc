// Stopping the bot while 20 web chat clients keep sending over keep-alive connections, as a rolling
// deployment does under traffic: every request the server took is answered, clients are told to close
// their connections, and the process exits 0 well within the 10 s a container runtime waits.
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer, type TestRedisServer } from '../helpers/redis-server.ts';
import { startServer, type RunningServer } from '../helpers/run-bot.ts';
import { SLOW_START, unhandledFailures } from './support.ts';

const CLIENTS = 20;

let bot: RunningServer | undefined;
let redis: TestRedisServer | undefined;
afterEach(async () => {
  if (bot?.running()) bot.kill('SIGKILL');
  await redis?.close();
  bot = redis = undefined;
});

/** How one request ended: answered (with its status and whether the server asked to close), or cut off. */
type Outcome = ({ answered: true; status: number; closing: boolean } | { answered: false; error: string; reused: boolean }) & { sentAfterSignal: boolean; sentAt: number };

// A request written this shortly before the signal may reach the server after it began to close, and
// be told 503 and to close, as one sent after it; one sent earlier must be answered in full.
const IN_FLIGHT_WINDOW_MS = 250;

/** One POST over the agent's keep-alive connections. */
function post(agent: Agent, url: URL, body: string, signalledAt: () => number | undefined): Promise<Outcome> {
  return new Promise((resolve) => {
    const sentAfterSignal = signalledAt() !== undefined;
    const sentAt = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ answered: true, status: res.statusCode ?? 0, closing: res.headers.connection === 'close', sentAfterSignal, sentAt }));
      res.on('error', (error) => resolve({ answered: false, error: error.message, sentAfterSignal, sentAt, reused: req.reusedSocket }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ answered: false, error: error.code ?? error.message, sentAfterSignal, sentAt, reused: req.reusedSocket }));
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

describe('SIGTERM under load', () => {
  it(`answers what it took from ${CLIENTS} keep-alive clients, closes their connections, and exits 0 within 10 s`, async () => {
    // State in Redis, as in production: a turn takes a few round trips, so some are always in flight.
    redis = await startRedisServer();
    bot = await startServer({ PORT: '0', REDIS_URL: redis.url, LOG_LEVEL: 'info', ADDRESS_MESSAGES_PER_MINUTE: '100000', GUEST_MESSAGES_PER_MINUTE: '10000' }, SLOW_START);
    const url = new URL('/api/messages', bot.url.replace('localhost', '127.0.0.1'));
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const signal: { at?: number } = {};
    const outcomes: Outcome[] = [];
    // Each client sends its next message as soon as the last is answered, until its connection is refused.
    const clients = Array.from({ length: CLIENTS }, async (_, i) => {
      for (let n = 0; ; n++) {
        const outcome = await post(agent, url, JSON.stringify({ text: n % 2 ? 'does it hurt?' : `how long is a session? (${i})` }), () => signal.at);
        outcomes.push(outcome);
        if (!outcome.answered && outcome.sentAfterSignal) return;
        if (outcome.answered && outcome.status === 503) return;
      }
    });
    // Under way: every client answered twice over (however slow the machine), and all of those sent
    // well before the signal.
    for (let waited = 0; outcomes.filter((o) => o.answered).length < 2 * CLIENTS && waited < 30_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_WINDOW_MS + 50));
    const running = bot;
    signal.at = performance.now();
    running.kill('SIGTERM');
    const exit = await running.exited(15_000);
    const took = performance.now() - signal.at;
    await Promise.all(clients);
    agent.destroy();

    expect(exit.code, exit.stderr.slice(-3000)).toBe(0);
    expect(took).toBeLessThan(10_000);
    expect(unhandledFailures(exit.stderr)).toEqual([]);
    const signalled = signal.at;
    const before = outcomes.filter((o) => !o.sentAfterSignal && o.sentAt < signalled - IN_FLIGHT_WINDOW_MS);
    expect(before.length).toBeGreaterThan(CLIENTS);
    // Every request sent well before the signal was answered in full.
    expect(before.filter((o) => !o.answered)).toEqual([]);
    expect(before.filter((o) => o.answered && o.status !== 200)).toEqual([]);
    // Every request the server took (it logs each one coming in and each answer) was answered, and
    // the clients got every one of those answers: no answer was cut off.
    const lines = exit.stderr.split('\n').flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as { msg?: string; reqId?: string }] : []));
    const taken = new Set(lines.filter((l) => l.msg === 'incoming request').map((l) => l.reqId));
    const completed = new Set(lines.filter((l) => l.msg === 'request completed').map((l) => l.reqId));
    expect([...taken].filter((id) => !completed.has(id))).toEqual([]);
    // (Fastify's own 503 for a request arriving while it closes is not logged as one taken.)
    expect(outcomes.filter((o) => o.answered && o.status !== 503)).toHaveLength(completed.size);
    // After the signal: answered (200 until the bot stopped listening, then 503), or not taken at all
    // (the connection refused or reset before the server read a request).
    const after = outcomes.filter((o) => o.sentAfterSignal || o.sentAt >= signalled - IN_FLIGHT_WINDOW_MS);
    for (const o of after) {
      if (o.answered) expect([200, 503]).toContain(o.status);
      else expect(o.error).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
    }
    // What was answered after the signal told the client to close its connection (or came before the bot had the signal).
    expect(after.filter((o) => o.answered && o.status !== 200 && !o.closing)).toEqual([]);
  }, 120_000);
});
