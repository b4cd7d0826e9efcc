import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, telegramGuest, type FakeTelegram } from '../../helpers/fake-telegram.ts';
import { TEST_REDIS_URL, useTestRedis } from '../../helpers/redis.ts';
import { startServer, type RunningServer } from '../../helpers/run-bot.ts';

// The bot started here with Redis writes under a prefix of its own, deleted afterwards.
const testRedis = useTestRedis();
let fake: FakeTelegram | undefined;
let bot: RunningServer | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = fake = undefined;
});

/** Waits until the bot has sent a chat at least `count` messages. */
async function messagesTo(chatId: number, count: number) {
  for (let i = 0; i < 200; i++) {
    const messages = fake!.messagesTo(chatId);
    if (messages.length >= count) return messages;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the bot sent ${fake!.messagesTo(chatId).length} messages, expected ${count}`);
}

describe('npm start with TELEGRAM_BOT_TOKEN', () => {
  it('answers Telegram guests by long polling, next to the web chat, with state in Redis', async () => {
    fake = await startFakeTelegram();
    bot = await startServer({ PORT: '0', TELEGRAM_BOT_TOKEN: '123456:TEST-token', TELEGRAM_API_ROOT: fake.apiRoot, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedis.newPrefix('telegram-process') });
    const guest = telegramGuest(fake, { id: 9001, first_name: 'Lan', language_code: 'en' });
    fake.push(guest.text('/start'));
    const greeting = await messagesTo(9001, 2);
    expect(greeting[0]?.text).toMatch(/L Spa/);
    fake.push(guest.text('does it hurt?'));
    const answer = await messagesTo(9001, 3);
    expect(answer[2]?.text).toMatch(/pressure/i);
    expect(fake.callsTo('setMyCommands').length).toBeGreaterThan(0);
    // What a guest sees before pressing Start, in every language, with the spa's name in it.
    for (const method of ['setMyDescription', 'setMyShortDescription']) {
      const set = new Map(fake.callsTo(method).map((call) => [call.payload.language_code ?? 'default', String(call.payload.description ?? call.payload.short_description)]));
      expect([...set.keys()].sort(), method).toEqual(['default', 'ko', 'ru', 'vi', 'zh']);
      for (const text of set.values()) expect(text).toContain('L Spa');
      expect(set.get('default')).toMatch(/upper back massage/);
      expect(set.get('ko')).toMatch(/윗등 마사지/);
    }
    // The web chat runs beside it on the same process.
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('still stops with exit code 0 within 10 s on SIGTERM while Telegram does not answer its replies', async () => {
    fake = await startFakeTelegram();
    bot = await startServer({ PORT: '0', TELEGRAM_BOT_TOKEN: '123456:TEST-token', TELEGRAM_API_ROOT: fake.apiRoot });
    const guest = telegramGuest(fake, { id: 9002, first_name: 'Minh' });
    fake.stopAnswering('sendMessage');
    fake.push(guest.text('does it hurt?'));
    // The bot has the message and is waiting on Telegram to take its reply.
    for (let i = 0; i < 200 && fake.callsTo('sendMessage').length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(fake.callsTo('sendMessage').length).toBeGreaterThan(0);
    const started = Date.now();
    const { code } = await bot.stop('SIGTERM');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    bot = undefined;
  }, 30_000);

  it('stops at start-up, naming the setting, when Telegram cannot be reached', async () => {
    const result = await startServer({ PORT: '0', TELEGRAM_BOT_TOKEN: '123456:TEST-token', TELEGRAM_API_ROOT: 'http://127.0.0.1:1' }).then(
      (running) => running.stop().then(() => 'started'),
      (error: Error) => error.message,
    );
    expect(result).toMatch(/Cannot reach the Telegram Bot API/);
  });
});
