// A booking's follow-ups survive a crash: guests confirm at once, the bot is killed (SIGKILL) a few
// milliseconds later, again and again; after each restart every booking in Redis gets its reminder
// jobs and exactly one post in the staff channel, because both follow the booking change log that
// the booking's own Lua script writes to.
import { afterEach, describe, expect, it } from 'vitest';
import { planMessages, reminderSettingsFrom } from '../../src/reminders/index.ts';
import type { Booking } from '../../src/booking/index.ts';
import type { RedisClient } from '../../src/store/index.ts';
import { realKnowledge } from '../helpers/bot.ts';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.ts';
import { startRedisServer, type TestRedisServer } from '../helpers/redis-server.ts';
import { startServer, type RunningServer } from '../helpers/run-bot.ts';
import { eventually, openDay, placesAtOnce, SLOW_START, webGuest } from './support.ts';

const ROUNDS = 3;
const GUESTS = 10;
const STAFF_CHANNEL = 'C0STAFF';
const BOT_TOKEN = 'xoxb-crash-test';
const SUMMARY = /Shall I confirm/i;

let redis: TestRedisServer | undefined;
let slack: FakeSlack | undefined;
let bot: RunningServer | undefined;
afterEach(async () => {
  if (bot?.running()) bot.kill('SIGKILL');
  await slack?.close();
  await redis?.close();
  bot = slack = redis = undefined;
});

/** 10 -> "10am", 13 -> "1pm". */
const clock = (hour: number) => (hour < 12 ? `${hour}am` : `${hour === 12 ? 12 : hour - 12}pm`);

async function storedBookings(client: RedisClient): Promise<Booking[]> {
  const found: Booking[] = [];
  for await (const keys of client.scanIterator({ MATCH: 'spa:booking:*', COUNT: 500 })) {
    for (const key of keys) found.push(JSON.parse((await client.get(key)) ?? 'null') as Booking);
  }
  return found.filter((b) => b.status === 'confirmed');
}

describe('a crash between a booking and its follow-ups', () => {
  it(`loses no reminder and no staff post, and doubles none, when the bot is killed ${ROUNDS} times while ${GUESTS} guests confirm`, async () => {
    redis = await startRedisServer();
    slack = await startFakeSlack({ token: BOT_TOKEN, channels: { [STAFF_CHANNEL]: ['U0HOA'] }, users: [{ id: 'U0HOA', name: 'hoa' }] });
    const env = {
      PORT: '0',
      REDIS_URL: redis.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'crash-test-secret',
      SLACK_API_URL: slack.apiUrl,
      SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
      GUEST_MESSAGES_PER_MINUTE: '1000',
      ADDRESS_MESSAGES_PER_MINUTE: '100000',
    };
    const settings = reminderSettingsFrom((await realKnowledge()).content);
    const client = await redis.connect();
    try {
      bot = await startServer(env, SLOW_START);
      for (let round = 0; round < ROUNDS; round++) {
        const day = openDay(3 + round);
        // As many guests as fit at once every two hours from 09:00 (an hour and the buffer apart): all can be booked.
        const guests = Array.from({ length: GUESTS }, (_, i) => ({ i, chat: webGuest(bot!.url), hour: 9 + 2 * Math.floor(i / placesAtOnce()) }));
        await Promise.all(
          guests.map(async (g) => {
            const held = await g.chat.say(`can I book a massage on ${day.words} at ${clock(g.hour)} for an hour?`);
            expect(held.text, `guest ${g.i}`).toMatch(/holding it for you/i);
            await g.chat.press('No preference');
            await g.chat.press('Medium');
            await g.chat.press('Nothing to mention');
            await g.chat.say(`Guest R${round}N${g.i}`);
            const summary = await g.chat.say(`0905 12${round} ${String(400 + g.i)}`);
            expect(summary.text, `guest ${g.i}`).toMatch(SUMMARY);
          }),
        );
        // Everyone confirms at once; the bot dies a few milliseconds after the first guest hears back,
        // while other confirmations and the follow-ups of the first are under way.
        const running = bot;
        const confirming = guests.map((g) => g.chat.press('Confirm').catch(() => undefined));
        await Promise.race(confirming);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        running.kill('SIGKILL');
        await running.exited();
        await Promise.all(confirming);
        bot = await startServer(env, SLOW_START);
      }

      const bookings = await storedBookings(client);
      expect(bookings.length).toBeGreaterThan(0);
      // Every booking, whenever it was made, has its reminder jobs in BullMQ and one post in the channel.
      await eventually(
        'every booking to have its reminders and one staff post',
        async () => {
          for (const booking of bookings) {
            for (const message of planMessages(booking, settings, new Date())) {
              if ((await client.exists(`spa:reminders:${message.id}`)) === 0) throw new Error(`${booking.ref} has no job ${message.id}`);
            }
            const posts = slack!.rootMessages(STAFF_CHANNEL).filter((m) => m.text.includes(booking.ref));
            if (posts.length !== 1) throw new Error(`${booking.ref} has ${posts.length} staff posts`);
          }
          return true;
        },
        30_000,
      );
      // The start-up and scheduled posts came once each, however often the bot started: the sample
      // settings, and (when the test runs while the spa is open) the day's schedule, on Mondays the missed report.
      const [notices, others] = partition(slack.rootMessages(STAFF_CHANNEL), (m) => /still samples|Today, \w+day \d+|What the bot missed|Nothing missed since/.test(m.text));
      expect(notices.filter((m) => /still samples/.test(m.text))).toHaveLength(1);
      expect(notices.filter((m) => /Today, /.test(m.text)).length).toBeLessThanOrEqual(1);
      expect(notices.filter((m) => /missed/i.test(m.text)).length).toBeLessThanOrEqual(1);
      // Nothing was posted for a booking that is not there.
      const refs = new Set(bookings.map((b) => b.ref));
      const posted = others.map((m) => /LS-[A-Z0-9]{4}/.exec(m.text)?.[0]);
      expect(posted.filter((ref) => !ref || !refs.has(ref))).toEqual([]);
      expect(posted).toHaveLength(bookings.length);
    } finally {
      client.destroy();
    }
    const exit = await bot.stop('SIGTERM');
    expect(exit.code, exit.stderr.slice(-3000)).toBe(0);
  }, 300_000);
});

/** The items that pass the test, and the others. */
function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
