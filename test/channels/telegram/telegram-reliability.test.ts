import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkTelegramBot, createTelegramBot, MAX_MESSAGE_CHARS } from '../../../src/channels/telegram/index.ts';
import { StoreError, type Concierge } from '../../../src/core/index.ts';
import { createRedisSeenUpdates, type RedisClient } from '../../../src/store/index.ts';
import { startFakeTelegram, telegramGuest } from '../../helpers/fake-telegram.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../../helpers/redis.ts';
import { bookingConcierge, recordingLogger, startPollingBot, trackTurns, waitFor, withHandle } from './harness.ts';

type Running = Awaited<ReturnType<typeof startPollingBot>>;
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(concierge?: Concierge): Promise<Running> {
  running = await startPollingBot(concierge ?? (await bookingConcierge()).concierge);
  return running;
}

describe('reliability on Telegram', () => {
  it('handles an update delivered twice only once', async () => {
    const { fake, tracked, send } = await start();
    const lan = telegramGuest(fake, { id: 601, first_name: 'Lan' });
    const question = lan.text('how long is a session?');
    const first = await send(lan.id, question);
    expect(first.length).toBeGreaterThan(0);
    fake.push(question);
    // The chat's updates are handled in order, so once the next one is answered the duplicate is done with.
    await send(lan.id, lan.text('thanks'));
    expect(tracked.turns).toHaveLength(2);
    expect(fake.messagesTo(lan.id).filter((m) => m.text === first[0])).toHaveLength(1);
  });

  it('retries a sendMessage answered with 429 after retry_after, and the message arrives', async () => {
    const { fake, send } = await start();
    const tom = telegramGuest(fake, { id: 602, first_name: 'Tom' });
    fake.rateLimitNextSendMessage(1);
    const [reply] = await send(tom.id, tom.text('does it hurt?'));
    expect(reply).toMatch(/hurt/i);
    const attempts = fake.callsTo('sendMessage').filter((call) => call.payload.text === reply);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('splits a reply over 4,096 characters at line breaks, with the keyboard under the last piece', async () => {
    const base = (await bookingConcierge()).concierge;
    const lines = Array.from({ length: 150 }, (_, i) => `Line ${i + 1}: the upper back massage eases tension in the shoulders.`);
    const long = lines.join('\n');
    const { fake, send } = await start(withHandle(base, async () => [{ text: long, choices: [{ label: 'Menu', action: 'i:help' }] }]));
    const mai = telegramGuest(fake, { id: 603, first_name: 'Mai' });
    const pieces = await send(mai.id, mai.text('tell me everything'));
    expect(long.length).toBeGreaterThan(2 * MAX_MESSAGE_CHARS);
    expect(pieces.length).toBe(3);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(pieces.join('\n')).toBe(long);
    const sent = fake.messagesTo(mai.id);
    expect(sent.map((m) => Boolean(m.reply_markup))).toEqual([false, false, true]);
  });

  it('sends plain text: guest-looking markup and entities go out untouched, with no parse_mode', async () => {
    const base = (await bookingConcierge()).concierge;
    const text = 'Hi <b>Lan</b> & *friends* _here_ [link](x)';
    const { fake, send } = await start(withHandle(base, async () => [{ text }]));
    const an = telegramGuest(fake, { id: 604, first_name: 'An' });
    expect(await send(an.id, an.text('hello'))).toEqual([text]);
    expect(fake.callsTo('sendMessage').at(-1)?.payload.parse_mode).toBeUndefined();
  });

  it('sends the error replies when the core fails, logs it, and goes on', async () => {
    const base = (await bookingConcierge()).concierge;
    let fail = true;
    const { fake, send, log } = await start(
      withHandle(base, async (turn) => {
        if (fail) throw new StoreError('Redis went away');
        return base.handle(turn);
      }),
    );
    const ha = telegramGuest(fake, { id: 605, first_name: 'Ha' });
    const sorry = await send(ha.id, ha.text('does it hurt?'));
    expect(sorry.join('\n')).toMatch(/something went wrong/i);
    expect(log.messages('error')).toContain('handling a Telegram update failed');
    fail = false;
    expect((await send(ha.id, ha.text('does it hurt?'))).join('\n')).toMatch(/hurt/i);
  });

  it('logs a network failure towards Telegram and keeps running', async () => {
    const { fake, send, log, tracked, polling } = await start();
    const bao = telegramGuest(fake, { id: 606, first_name: 'Bao' });
    fake.dropNextCall('sendMessage');
    fake.push(bao.text('does it hurt?'));
    await waitFor('the failure to be logged', () => log.messages('error').includes('a call to Telegram failed while handling an update'));
    expect(tracked.turns).toHaveLength(1);
    // A failed poll (the one after the next update) is logged and retried too.
    fake.dropNextCall('getUpdates');
    expect((await send(bao.id, bao.text('how long is a session?'))).length).toBeGreaterThan(0);
    await waitFor('the failed poll to be logged', () => log.messages('warn').some((m) => /fetching updates from Telegram failed/.test(m)));
    expect(polling.isRunning()).toBe(true);
    expect((await send(bao.id, bao.text('what should I wear?'))).length).toBeGreaterThan(0);
  });

  it('reaches a guest outside a reply through the outbox (a staff answer)', async () => {
    const { fake, tracked } = await start();
    await tracked.concierge.outbox.deliver('telegram', '607', [{ text: 'Hello from Linh at the front desk.' }]);
    expect(fake.messagesTo(607).map((m) => m.text)).toEqual(['Hello from Linh at the front desk.']);
  });

  it('sends a staff answer after the replies a turn is still sending, never between them', async () => {
    const base = (await bookingConcierge()).concierge;
    const { fake, tracked } = await start(withHandle(base, async () => [{ text: 'First, the tips.' }, { text: 'Then the buttons.' }]));
    const vy = telegramGuest(fake, { id: 608, first_name: 'Vy' });
    // Telegram holds the turn's first message back for a second; the staff answer comes meanwhile.
    fake.rateLimitNextSendMessage(1);
    fake.push(vy.text('hello'));
    await waitFor('the turn to start sending', () => fake.callsTo('sendMessage').length > 0);
    await tracked.concierge.outbox.deliver('telegram', '608', [{ text: 'Hello from Linh at the front desk.' }]);
    expect(fake.messagesTo(608).map((m) => m.text)).toEqual(['First, the tips.', 'Then the buttons.', 'Hello from Linh at the front desk.']);
  });

  it('stops polling cleanly', async () => {
    const { fake, polling } = await start();
    await waitFor('the first poll', () => fake.callsTo('getUpdates').length > 0);
    await polling.stop();
    expect(polling.isRunning()).toBe(false);
    const polls = fake.callsTo('getUpdates').length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.callsTo('getUpdates').length).toBe(polls);
  });
});

describe('two bot instances sharing Redis', () => {
  let client: RedisClient;
  const prefix = uniquePrefix('telegram-seen');
  beforeAll(async () => {
    client = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.close();
  });

  it('answer an update delivered to both only once', async () => {
    const fake = await startFakeTelegram();
    try {
      const instances = await Promise.all(
        [1, 2].map(async () => {
          const tracked = trackTurns((await bookingConcierge()).concierge);
          const seenUpdates = createRedisSeenUpdates(client, { prefix });
          const bot = createTelegramBot({ token: '123:TEST', apiRoot: fake.apiRoot, concierge: tracked.concierge, seenUpdates, logger: recordingLogger().logger });
          await checkTelegramBot(bot);
          return { bot, tracked };
        }),
      );
      const lan = telegramGuest(fake, { id: 608, first_name: 'Lan' });
      const update = lan.text('does it hurt?');
      // As two webhook instances would each receive it: at the same time.
      await Promise.all(instances.map(({ bot }) => bot.handleUpdate(update)));
      expect(instances.map(({ tracked }) => tracked.turns.length).sort()).toEqual([0, 1]);
      expect(fake.messagesTo(lan.id)).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
