// Two bot processes behind one Telegram webhook URL, sharing one Redis, as a spa scaling out would
// run them: a rush of guests on the same popular time never overbooks it, every guest hears back,
// and an update Telegram delivers to both instances has its effect once.
import { randomUUID } from 'node:crypto';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/store/index.ts';
import { startFakeTelegram, telegramGuest, type FakeTelegram } from '../helpers/fake-telegram.ts';
import { startRedisServer, type TestRedisServer } from '../helpers/redis-server.ts';
import { startServer, type RunningServer } from '../helpers/run-bot.ts';
import { contentFile, openDay, placesAtOnce, SLOW_START, spaSettings, unhandledFailures } from './support.ts';

const GUESTS = 40;
const SECRET = 'spa-two-instances_secret';
const HOLDING = /holding it for you/i;
const SUMMARY = /Shall I confirm/i;

let redis: TestRedisServer | undefined;
let fake: FakeTelegram | undefined;
let bots: RunningServer[] = [];
afterEach(async () => {
  for (const bot of bots) if (bot.running()) bot.kill('SIGKILL');
  await fake?.close();
  await redis?.close();
  bots = [];
  fake = redis = undefined;
});

/** What booking.yaml makes the bot say when a time is taken, on confirming, and when it went at the last moment. */
function bookingTexts() {
  const booking = contentFile<{ confirmed: string; taken_at_confirm: string; already_confirmed: string; reasons: { taken: string } }>('booking.yaml');
  return {
    // " is already taken.", after the time.
    takenWhenAsked: booking.reasons.taken.split('{when}')[1]!,
    // "You're booked! Your reference is ", before the reference.
    bookedPrefix: booking.confirmed.split('{ref}')[0]!,
    takenAtConfirm: booking.taken_at_confirm,
    alreadyPrefix: booking.already_confirmed.split('{ref}')[0]!,
  };
}

/** Every booking record in Redis. */
async function storedBookings(client: RedisClient): Promise<Array<{ ref: string; start: string; day: string; status: string; guest: { key: string } }>> {
  const found = [];
  for await (const keys of client.scanIterator({ MATCH: 'spa:booking:*', COUNT: 500 })) {
    for (const key of keys) found.push(JSON.parse((await client.get(key)) ?? 'null'));
  }
  return found;
}

/**
 * Lets every live hold lapse, as if the spa's hold time had passed: the guests keep their answers and
 * go on to confirm, and only the confirmation itself decides who gets the time.
 */
async function lapseHolds(client: RedisClient): Promise<void> {
  for (const pattern of ['spa:hold:*', 'spa:dayholds:*', 'spa:guesthold:*']) {
    for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 })) if (keys.length > 0) await client.del(keys);
  }
}

describe('two instances behind one Telegram webhook, sharing Redis', () => {
  it(`never overbooks a time ${GUESTS} guests confirm at once, answers each of them, and handles a doubly delivered update once`, async () => {
    redis = await startRedisServer();
    fake = await startFakeTelegram();
    const path = `/telegram/${randomUUID()}`;
    const env = {
      PORT: '0',
      REDIS_URL: redis.url,
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://example.invalid${path}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    };
    bots = await Promise.all([startServer(env, SLOW_START), startServer(env, SLOW_START)]);
    expect(fake.callsTo('setWebhook')).toHaveLength(2);
    const telegram = fake;
    const texts = bookingTexts();
    const places = placesAtOnce();
    const day = openDay(3);
    const client = await redis.connect();

    /** Posts an update to one instance as Telegram would; the answer comes once it is handled. */
    const deliver = async (instance: number, update: Update) => {
      const response = await fetch(`${bots[instance % bots.length]!.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(30_000),
      });
      expect(response.status, await response.text()).toBe(200);
    };
    const lastText = (chatId: number) => telegram.messagesTo(chatId).at(-1)?.text ?? '';

    try {
      const guests = Array.from({ length: GUESTS }, (_, i) => ({ i, sent: 0, user: telegramGuest(telegram, { id: 81_000 + i, first_name: `Guest${i}` }) }));
      /** Sends a guest's next update, to the two instances in turn. */
      const send = async (guest: (typeof guests)[number], update: Update) => deliver(guest.i + guest.sent++, update);
      const request = `can I book a massage on ${day.words} at 3pm for an hour?`;

      // Everyone asks for the same time at once: only as many as fit are held the time.
      await Promise.all(guests.map((g) => send(g, g.user.text(request))));
      const held = guests.filter((g) => HOLDING.test(lastText(g.user.id)));
      expect(held.length).toBeGreaterThan(0);
      expect(held.length).toBeLessThanOrEqual(places);
      for (const g of guests) {
        if (!held.includes(g)) expect(lastText(g.user.id), `guest ${g.i}`).toContain(texts.takenWhenAsked);
      }
      expect(await client.zCard(`spa:dayholds:${day.key}`)).toBeLessThanOrEqual(places);

      // Each guest in turn gets the time held, then takes longer than the hold lasts: in the end all of
      // them have the time in their answers and nothing holds it, so only confirming decides.
      await lapseHolds(client);
      for (const g of guests) {
        if (!held.includes(g)) {
          await send(g, g.user.text(`${day.words} at 3pm please`));
          expect(lastText(g.user.id), `guest ${g.i}`).toMatch(HOLDING);
        }
        await lapseHolds(client);
      }

      // Each goes through the questions, up to the summary.
      await Promise.all(
        guests.map(async (g) => {
          await send(g, g.user.press('No preference'));
          await send(g, g.user.press('Medium'));
          await send(g, g.user.press('Nothing to mention'));
          await send(g, g.user.text(`Guest${g.i}`));
          await send(g, g.user.text(`0905 123 ${String(400 + g.i)}`));
          expect(lastText(g.user.id), `guest ${g.i}`).toMatch(SUMMARY);
        }),
      );

      // All confirm at once, spread over both instances.
      const before = new Map(guests.map((g) => [g.i, telegram.messagesTo(g.user.id).length]));
      const confirms = guests.map((g) => ({ g, update: g.user.press('Confirm') }));
      await Promise.all(confirms.map(({ g, update }) => send(g, update)));

      const confirmedRefs: string[] = [];
      for (const g of guests) {
        const answers = telegram.messagesTo(g.user.id).slice(before.get(g.i));
        const said = answers.map((m) => m.text).join('\n');
        const ref = new RegExp(`${escape(texts.bookedPrefix)}(LS-[A-Z0-9]{4})`).exec(said)?.[1];
        if (ref) {
          confirmedRefs.push(ref);
          continue;
        }
        // Not booked: told so, with other times to pick.
        expect(said, `guest ${g.i} got no answer to Confirm`).toContain(texts.takenAtConfirm);
        const buttons = answers.at(-1)?.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
        expect(buttons.some((label) => /\d{1,2}:\d\d/.test(label)), `guest ${g.i}: ${buttons.join(', ')}`).toBe(true);
      }

      // Redis holds exactly the bookings guests were told about, and no more than fit at that time.
      const stored = (await storedBookings(client)).filter((b) => b.status === 'confirmed');
      expect(stored.length).toBeLessThanOrEqual(places);
      expect(stored.map((b) => b.ref).sort()).toEqual([...confirmedRefs].sort());
      // And every place was sold: the guests who were turned away were turned away for a full time.
      expect(stored.length).toBe(places);
      expect(new Set(stored.map((b) => b.start)).size).toBe(1);
      const clock = new Intl.DateTimeFormat('en-GB', { timeZone: spaSettings().time_zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      expect(clock.format(new Date(stored[0]!.start))).toBe('15:00');
      expect((await client.zRange(`spa:day:${day.key}`, 0, -1)).sort()).toEqual([...confirmedRefs].sort());

      // Telegram delivers one guest's Confirm to both instances at the same moment.
      const late = { i: GUESTS, sent: 0, user: telegramGuest(telegram, { id: 82_000, first_name: 'Late' }) };
      await send(late, late.user.text(`can I book a massage on ${day.words} at 11am for an hour?`));
      expect(lastText(late.user.id)).toMatch(HOLDING);
      await send(late, late.user.press('No preference'));
      await send(late, late.user.press('Medium'));
      await send(late, late.user.press('Nothing to mention'));
      await send(late, late.user.text('Late'));
      await send(late, late.user.text('0905 123 399'));
      expect(lastText(late.user.id)).toMatch(SUMMARY);
      const seenBefore = telegram.messagesTo(late.user.id).length;
      const confirm = late.user.press('Confirm');
      await Promise.all([deliver(0, confirm), deliver(1, confirm)]);
      expect(await client.sMembers(`spa:guest:telegram:${late.user.id}`)).toHaveLength(1);
      const told = telegram.messagesTo(late.user.id).slice(seenBefore).map((m) => m.text);
      expect(told.filter((t) => t.includes(texts.bookedPrefix)), told.join('\n---\n')).toHaveLength(1);
      expect(told.filter((t) => t.includes(texts.alreadyPrefix)), told.join('\n---\n')).toHaveLength(0);
      expect((await storedBookings(client)).filter((b) => b.status === 'confirmed')).toHaveLength(places + 1);
    } finally {
      client.destroy();
    }

    // Both stop cleanly, with nothing left unhandled.
    for (const bot of bots) bot.kill('SIGTERM');
    for (const bot of bots) {
      const exit = await bot.exited(10_000);
      expect(unhandledFailures(exit.stderr)).toEqual([]);
      expect(exit.code, exit.stderr.slice(-3000)).toBe(0);
    }
  }, 300_000);
});

/** `text` as a regular expression matching itself. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
