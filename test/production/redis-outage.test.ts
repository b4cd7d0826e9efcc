// Redis goes away while guests are chatting, as an operator would see it: the bot answers briefly
// and quickly instead of hanging or failing, says it is not ready, comes back on its own when Redis
// does, and no booking is lost or half-written.
import { afterEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/store/index.ts';
import { startRedisServer, type TestRedisServer } from '../helpers/redis-server.ts';
import { startServer, type RunningServer } from '../helpers/run-bot.ts';
import { eventually, message, openDay, SLOW_START, unhandledFailures, webGuest } from './support.ts';

const REF = /LS-[A-Z0-9]{4}/;
/** How soon a guest must hear back while the records cannot be reached. */
const BRIEF_ANSWER_MS = 2000;

let redis: TestRedisServer | undefined;
let bot: RunningServer | undefined;
afterEach(async () => {
  if (bot?.running()) bot.kill('SIGKILL');
  await redis?.close();
  bot = redis = undefined;
});

type Guest = ReturnType<typeof webGuest>;

/** Takes a guest through booking `request` up to the question whether to confirm it. */
async function upToConfirm(guest: Guest, request: string): Promise<void> {
  expect((await guest.say(request)).text).toMatch(/holding it for you/i);
  await guest.press('No preference');
  await guest.press('Medium');
  await guest.press('Nothing to mention');
  const named = await guest.say('Lan');
  // The contact is asked for once; a second booking reuses it.
  const summary = /Shall I confirm/i.test(named.text) ? named : await guest.say('0905 123 456');
  expect(summary.text).toMatch(/Shall I confirm/i);
}

/** Presses Confirm and returns the reference of the booking made. */
async function confirm(guest: Guest): Promise<string> {
  const answer = await guest.press('Confirm');
  const ref = REF.exec(answer.text)?.[0];
  if (!ref) throw new Error(`not booked: ${answer.text}`);
  return ref;
}

/** While the store is out: confirming, a question and a new guest each get the short answer, quickly, as a normal chat reply. */
async function expectBriefAnswers(running: RunningServer, guest: Guest, unavailable: string): Promise<void> {
  const newcomer = webGuest(running.url);
  for (const [what, send] of [
    ['confirming', () => guest.press('Confirm')],
    ['a question', () => guest.say('does it hurt?')],
    ['a new guest', () => newcomer.say('hello')],
  ] as const) {
    const answer = await send();
    expect(answer.status, `${what}: ${answer.text}`).toBe(200);
    expect(answer.text, what).toContain(unavailable);
    expect(answer.ms, what).toBeLessThan(BRIEF_ANSWER_MS);
  }
  // The page's other calls are told to come back shortly, not that the server broke.
  const id = encodeURIComponent(guest.conversationId ?? '');
  for (const path of [`/api/messages/pending?conversationId=${id}`, `/api/bookings/LS-ABCD/calendar.ics?conversationId=${id}`]) {
    const answer = await fetch(`${running.url}${path}`, { signal: AbortSignal.timeout(5000) });
    expect(answer.status, `${path}: ${await answer.clone().text()}`).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(((await answer.json()) as { error: string }).error).toMatch(/try again/i);
  }
  const ready = await fetch(`${running.url}/readyz`, { signal: AbortSignal.timeout(5000) });
  expect(ready.status).toBe(503);
  expect((await fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
  expect(running.running()).toBe(true);
}

/** Once the store is back: normal answers again within a few seconds, and ready. */
async function expectRecovery(running: RunningServer, unavailable: string): Promise<void> {
  await eventually(
    'a new guest gets a normal answer again',
    async () => {
      const answer = await webGuest(running.url).say('does it hurt?');
      return answer.status === 200 && !answer.text.includes(unavailable) && /hurt/i.test(answer.text);
    },
    10_000,
    500,
  );
  await eventually('GET /readyz answers 200 again', async () => (await fetch(`${running.url}/readyz`)).status === 200, 5000);
}

/** Whether a stored booking is a whole record: every field the bot writes, with its type. */
function isCompleteBooking(raw: string | null): boolean {
  if (raw === null) return false;
  const b = JSON.parse(raw) as Record<string, unknown>;
  const guest = b.guest as Record<string, unknown> | undefined;
  const strings = ['ref', 'service', 'start', 'end', 'day', 'therapistId', 'therapistRequested', 'createdAt', 'updatedAt'];
  return (
    strings.every((field) => typeof b[field] === 'string' && b[field] !== '') &&
    typeof b.durationMinutes === 'number' &&
    (b.status === 'confirmed' || b.status === 'cancelled') &&
    typeof b.notes === 'object' &&
    ['key', 'name', 'contact', 'channel', 'conversationId'].every((field) => typeof guest?.[field] === 'string')
  );
}

/** Every key matching `pattern`, sorted. */
async function keys(client: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 500 })) found.push(...batch);
  return found.sort();
}

/**
 * Redis holds exactly these bookings (by day), each a whole record, each in its day's index once,
 * each with its reminders planned.
 */
async function expectExactlyTheseBookings(server: TestRedisServer, byDay: Record<string, string>): Promise<void> {
  const client = await server.connect();
  try {
    const refs = Object.values(byDay);
    expect(await keys(client, 'spa:booking:*')).toEqual(refs.map((ref) => `spa:booking:${ref}`).sort());
    for (const ref of refs) expect(isCompleteBooking(await client.get(`spa:booking:${ref}`)), ref).toBe(true);
    expect(await keys(client, 'spa:day:*')).toEqual(Object.keys(byDay).map((day) => `spa:day:${day}`).sort());
    for (const [day, ref] of Object.entries(byDay)) expect(await client.zRange(`spa:day:${day}`, 0, -1)).toEqual([ref]);
    for (const ref of refs) {
      await eventually(
        `the reminders of ${ref} are scheduled`,
        async () => {
          const jobs = await client.sMembers(`spa:reminder-jobs:${ref}`);
          const stored = await Promise.all(jobs.map((id) => client.exists(`spa:reminders:${id}`)));
          return jobs.length > 0 && stored.every((n) => n === 1);
        },
        5000,
      );
    }
  } finally {
    client.destroy();
  }
}

/** The same process all along, nothing unhandled in its log, and a clean stop on SIGTERM. */
async function expectCleanStop(running: RunningServer): Promise<void> {
  expect(running.running()).toBe(true);
  running.kill('SIGTERM');
  const exit = await running.exited(10_000);
  expect(unhandledFailures(exit.stderr)).toEqual([]);
  expect(exit.code, exit.stderr.slice(-3000)).toBe(0);
}

describe('npm start with REDIS_URL when Redis goes away', () => {
  it('answers every message within 2 s while Redis is down, recovers without a restart, and keeps every booking whole', async () => {
    redis = await startRedisServer();
    bot = await startServer({ PORT: '0', REDIS_URL: redis.url }, SLOW_START);
    const unavailable = message('store_unavailable');
    const first = openDay(3);
    const second = openDay(4);

    // A guest books a session, then starts a second one, up to the question whether to confirm it.
    const guest = webGuest(bot.url);
    await upToConfirm(guest, `can I book a massage on ${first.words} at 3pm for an hour?`);
    const firstRef = await confirm(guest);
    await upToConfirm(guest, `I'd like to book another on ${second.words} at 5pm for an hour`);

    // Redis crashes; then comes back on the same port, with its data. The bot is not restarted.
    await redis.stop('kill');
    await expectBriefAnswers(bot, guest, unavailable);
    await redis.restart();
    await expectRecovery(bot, unavailable);

    // The guest confirms the second booking now, and sees both.
    const secondRef = await confirm(guest);
    const mine = (await guest.say('my bookings')).text;
    expect(mine).toContain(firstRef);
    expect(mine).toContain(secondRef);

    await expectExactlyTheseBookings(redis, { [first.key]: firstRef, [second.key]: secondRef });
    await expectCleanStop(bot);
  }, 240_000);
});

describe('npm start with REDIS_URL when Redis hangs', () => {
  it('answers every message within 2 s while Redis answers nothing, and serves the same guest normally once it does', async () => {
    redis = await startRedisServer();
    bot = await startServer({ PORT: '0', REDIS_URL: redis.url }, SLOW_START);
    const unavailable = message('store_unavailable');
    const day = openDay(5);
    const guest = webGuest(bot.url, { timeoutMs: 10_000 });
    await upToConfirm(guest, `can I book a massage on ${day.words} at 3pm for an hour?`);

    // Redis freezes (a stalled disk, a stuck host): its connections stay open, nothing is answered.
    redis.pause();
    try {
      await expectBriefAnswers(bot, guest, unavailable);
    } finally {
      redis.resume();
    }
    await expectRecovery(bot, unavailable);

    // The same guest's conversation is not stuck: within a few seconds they confirm, and get one booking.
    const ref = await eventually('the guest who was waiting can confirm', async () => REF.exec((await guest.press('Confirm')).text)?.[0], 10_000, 500);
    expect((await guest.say('my bookings')).text).toContain(ref);
    await expectExactlyTheseBookings(redis, { [day.key]: ref });
    await expectCleanStop(bot);
  }, 240_000);
});
