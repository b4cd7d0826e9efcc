// Stopping the bot with a guest's message in flight, as a deployment does (SIGTERM): the message is
// still answered, nothing new is taken on, and the process exits cleanly and soon.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer, type TestRedisServer } from '../helpers/redis-server.ts';
import { startServer, type RunningServer } from '../helpers/run-bot.ts';
import { eventually, openDay, SLOW_START, unhandledFailures } from './support.ts';

let redis: TestRedisServer | undefined;
let bot: RunningServer | undefined;
afterEach(async () => {
  if (bot?.running()) bot.kill('SIGKILL');
  await redis?.close();
  bot = redis = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `POST /api/messages` sent in two halves over a socket of its own: the server has the request
 * (its headers and half its body) before `finish()` sends the rest, so it is in flight for sure.
 */
async function requestInTwoHalves(baseUrl: string, body: string) {
  const { hostname, port } = new URL(baseUrl);
  const socket: Socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
  let received = '';
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = received.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const content = rest.join('\r\n\r\n');
      resolve({ status, body: /transfer-encoding: chunked/i.test(head) ? unchunk(content) : content });
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const bytes = Buffer.from(body, 'utf8');
  const half = Math.floor(bytes.length / 2);
  socket.write(
    `POST /api/messages HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
  );
  socket.write(bytes.subarray(0, half));
  return {
    finish: () => void socket.write(bytes.subarray(half)),
    response,
  };
}

/** The body of a chunked HTTP/1.1 response. */
function unchunk(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, line), 16);
    if (!(size > 0)) return out;
    out += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}

/** What a request sent after the signal got: refused or cut off, or the status it was answered with. */
async function lateRequest(baseUrl: string): Promise<{ refused: true; reason: string } | { refused: false; status: number; text: string }> {
  try {
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'how long is a session?' }),
      signal: AbortSignal.timeout(10_000),
    });
    return { refused: false, status: response.status, text: await response.text() };
  } catch (error) {
    return { refused: true, reason: String((error as Error).cause ?? error) };
  }
}

/** The checks every variant shares: the message in flight answered, a late one not, a clean and quick exit. */
async function stopWithMessageInFlight(running: RunningServer, text: string, expected: RegExp) {
  const inFlight = await requestInTwoHalves(running.url, JSON.stringify({ text }));
  // Time for the server to read the headers and start on the request.
  await pause(300);
  const signalled = performance.now();
  running.kill('SIGTERM');
  await pause(300);

  const late = await lateRequest(running.url);
  // Refused, cut off, or the server's own "closing" 503: anything but the bot answering it.
  if (!late.refused) expect(late.status, `a request after SIGTERM was answered: ${late.text}`).toBe(503);

  inFlight.finish();
  const answer = await inFlight.response;
  expect(answer.status, answer.body).toBe(200);
  const replies = (JSON.parse(answer.body) as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join('\n');
  expect(replies).toMatch(expected);

  const exit = await running.exited(10_000);
  const took = performance.now() - signalled;
  expect(exit.code, exit.stderr.slice(-3000)).toBe(0);
  expect(took).toBeLessThan(5000);
  expect(unhandledFailures(exit.stderr)).toEqual([]);
  return exit;
}

describe('SIGTERM with a message in flight', () => {
  it('answers it, takes no new request, and exits with 0 (state in memory)', async () => {
    bot = await startServer({ PORT: '0' }, SLOW_START);
    const exit = await stopWithMessageInFlight(bot, 'does it hurt?', /hurt/i);
    // The sample spa.yaml is still in place: start-up says so, naming the parts.
    expect(exit.stderr).toMatch(/spa\.yaml still has sample values \(address, payment, contact, opening_hours, prices, booking, therapists, reminders\)/);
  }, 180_000);

  it('answers it from Redis, takes no new request, exits with 0 and leaves no connection open (state in Redis)', async () => {
    redis = await startRedisServer();
    bot = await startServer({ PORT: '0', REDIS_URL: redis.url }, SLOW_START);
    const day = openDay(3);
    await stopWithMessageInFlight(bot, `can I book a massage on ${day.words} at 3pm for an hour?`, /holding it for you/i);

    const client = await redis.connect();
    try {
      const own = String(await client.sendCommand(['CLIENT', 'ID']));
      await eventually('the bot has no connection to Redis left', async () => {
        const lines = String(await client.sendCommand(['CLIENT', 'LIST'])).trim().split('\n');
        return lines.every((line) => line.startsWith(`id=${own} `));
      }, 3000);
    } finally {
      client.destroy();
    }
  }, 180_000);
});
