import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramBot, registerTelegramWebhook, setTelegramWebhook } from '../../../src/channels/telegram/index.ts';
import { ConfigError } from '../../../src/core/index.ts';
import { createHttpServer } from '../../../src/http/index.ts';
import { createMemorySeenUpdates } from '../../../src/store/index.ts';
import { startFakeTelegram, telegramGuest, type FakeTelegram } from '../../helpers/fake-telegram.ts';
import { bookingConcierge, recordingLogger, trackTurns, type TrackedConcierge } from './harness.ts';

const SECRET = 'spa-webhook_secret-1234';
const PATH = '/telegram/webhook';

let fake: FakeTelegram;
let app: FastifyInstance;
let url: string;
let tracked: TrackedConcierge;
let bot: ReturnType<typeof createTelegramBot>;

beforeEach(async () => {
  fake = await startFakeTelegram();
  tracked = trackTurns((await bookingConcierge()).concierge);
  bot = createTelegramBot({ token: '123:TEST', apiRoot: fake.apiRoot, concierge: tracked.concierge, seenUpdates: createMemorySeenUpdates(), logger: recordingLogger().logger });
  app = Fastify();
  registerTelegramWebhook(app, { bot, path: PATH, secret: SECRET });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  url = `${address}${PATH}`;
});

afterEach(async () => {
  await app.close();
  await fake.close();
});

/** Posts an update as Telegram does, with the given secret header (none when undefined). */
function post(update: Update, secret: string | undefined) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    body: JSON.stringify(update),
  });
}

describe('Telegram in webhook mode', () => {
  it('registers the webhook with its secret and the update types it needs', async () => {
    await setTelegramWebhook(bot, 'https://spa.example/telegram/webhook', SECRET);
    expect(fake.callsTo('setWebhook')[0]?.payload).toMatchObject({
      url: 'https://spa.example/telegram/webhook',
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
  });

  it('handles an update posted with the right secret, before answering Telegram', async () => {
    const lan = telegramGuest(fake, { id: 701, first_name: 'Lan' });
    const response = await post(lan.text('does it hurt?'), SECRET);
    expect(response.status).toBe(200);
    expect(fake.messagesTo(lan.id).map((m) => m.text).join('\n')).toMatch(/hurt/i);
  });

  it('answers 401 to a wrong or missing secret and handles nothing', async () => {
    const eve = telegramGuest(fake, { id: 702, first_name: 'Eve' });
    for (const secret of ['wrong-secret', undefined, `${SECRET}x`, '']) {
      const response = await post(eve.text('/start'), secret);
      expect(response.status, String(secret)).toBe(401);
    }
    expect(tracked.turns).toEqual([]);
    expect(fake.callsTo('sendMessage')).toEqual([]);
  });

  it('takes the large updates Telegram sends on the bot’s own server, and refuses them unsigned', async () => {
    const server = createHttpServer({ logger: pino({ level: 'silent' }), ready: async () => true });
    registerTelegramWebhook(server, { bot, path: PATH, secret: SECRET });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const mai = telegramGuest(fake, { id: 704, first_name: 'Mai' });
      // A question under a long quoted message: some 25 KB, over the server's 16 KB default.
      const update = mai.text('does it hurt?');
      const quoted = { message_id: 1, date: 0, chat: { id: 704, type: 'private', first_name: 'Mai' }, text: '🌸'.repeat(4096), entities: [] };
      const body = JSON.stringify({ ...update, message: { ...update.message, reply_to_message: quoted, quote: { text: 'ă'.repeat(4000), position: 0 } } });
      expect(Buffer.byteLength(body)).toBeGreaterThan(20_000);
      const send = (secret?: string) =>
        fetch(`${address}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) }, body });
      expect((await send()).status).toBe(401);
      expect((await send(SECRET)).status).toBe(200);
      expect(fake.messagesTo(mai.id).map((m) => m.text).join('\n')).toMatch(/hurt/i);
    } finally {
      await server.close();
    }
  });

  it('handles an update Telegram delivers again only once', async () => {
    const tom = telegramGuest(fake, { id: 703, first_name: 'Tom' });
    const update = tom.text('how long is a session?');
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200);
    expect(tracked.turns).toHaveLength(1);
  });

  it('refuses to serve or register a webhook without a usable secret', async () => {
    const other = Fastify();
    expect(() => registerTelegramWebhook(other, { bot, path: '/other', secret: '' })).toThrow(ConfigError);
    expect(() => registerTelegramWebhook(other, { bot, path: '/other', secret: 'has spaces' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    await expect(setTelegramWebhook(bot, 'https://spa.example/x', 'ü')).rejects.toThrow(ConfigError);
    await other.close();
  });
});
