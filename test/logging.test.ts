import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { withLogContext } from '../src/core/index.ts';
import { createLogger, REDACTED, type LogLevel } from '../src/logging.ts';
import { startFakeSlack } from './helpers/fake-slack.ts';
import { startServer } from './helpers/run-bot.ts';
import { openDay, SLOW_START, webGuest } from './production/support.ts';

/** A logger writing into an array of parsed JSON lines. */
function capture(level: LogLevel, options: { messageText?: boolean } = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, stream, options), lines };
}

/**
 * The words a log shows a reader: every string value of its JSON lines, and any other line as it is.
 * Numbers are left out: a timestamp such as 1796648750905 holds "0905" without saying anything.
 */
function wordsIn(stderr: string): string {
  const words: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') words.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.entries(value).forEach(([key, inner]) => (words.push(key), collect(inner)));
  };
  for (const line of stderr.split('\n')) {
    let parsed: unknown;
    try {
      parsed = line.startsWith('{') ? JSON.parse(line) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) words.push(line);
    else collect(parsed);
  }
  return words.join('\n');
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('log lines', () => {
  it('never carry names, phone numbers, email addresses or secrets', async () => {
    const { logger, lines } = capture('info');
    logger.info({ name: 'Lan Nguyen', guest: { id: 'g1', name: 'Lan' }, phone: '+84 905 123 456', details: { email: 'lan@example.com' } }, 'booked');
    logger.warn({ token: '123456:ABC', slack: { signingSecret: 'shh' } }, 'settings');
    await flush();
    const text = JSON.stringify(lines);
    for (const secret of ['Lan', '905 123', 'lan@example.com', '123456:ABC', 'shh']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ name: REDACTED, phone: REDACTED, guest: REDACTED, details: { email: REDACTED }, msg: 'booked' });
  });

  it('keep what a guest wrote out of the log, except at debug level when the operator asks for it', async () => {
    const info = capture('info', { messageText: true });
    info.logger.info({ text: 'my back hurts' }, 'classified');
    const debug = capture('debug');
    debug.logger.debug({ text: 'my back hurts' }, 'classified');
    const asked = capture('debug', { messageText: true });
    asked.logger.debug({ text: 'my back hurts' }, 'classified');
    await flush();
    expect(info.lines[0]).toMatchObject({ text: REDACTED });
    expect(debug.lines[0]).toMatchObject({ text: REDACTED });
    expect(asked.lines[0]).toMatchObject({ text: 'my back hurts' });
  });

  it('show a conversation only as a short hash, the same one on every line', async () => {
    const { logger, lines } = capture('debug');
    const id = '6d762023-41a0-44ae-a7c8-e846eaedb1d7';
    logger.info({ key: `web:${id}` }, 'one');
    logger.info({ conversationId: id, chatId: 90210 }, 'two');
    logger.info({ req: { method: 'GET', url: `/api/messages/pending?conversationId=${id}&after=3` } }, 'incoming request');
    await flush();
    const text = JSON.stringify(lines);
    expect(text).not.toContain(id);
    expect(text).not.toContain('90210');
    const hash = String(lines[1]?.conversationId);
    expect(hash).toMatch(/^#[0-9a-f]{12}$/);
    expect(lines[0]?.key).toBe(`web:${hash}`);
    expect((lines[2]?.req as { url: string }).url).toBe(`/api/messages/pending?conversationId=${hash}&after=3`);
  });

  it('drop the request a platform error carries (the message and its recipient)', async () => {
    const { logger, lines } = capture('info');
    const error = Object.assign(new Error("Call to 'sendMessage' failed! (400: Bad Request)"), { payload: { chat_id: 42, text: 'Your booking LS-AB12' } });
    logger.error({ err: error }, 'sending failed');
    await flush();
    expect(JSON.stringify(lines)).not.toContain('LS-AB12');
    expect((lines[0]?.err as { message: string }).message).toMatch(/sendMessage/);
  });

  it('carry the id of the request or update they were written for', async () => {
    const { logger, lines } = capture('info');
    await withLogContext({ reqId: 'req-7' }, async () => {
      await flush();
      logger.info({}, 'inside');
      await withLogContext({ updateId: 99 }, async () => logger.info({}, 'nested'));
    });
    logger.info({}, 'outside');
    await flush();
    expect(lines.map((l) => [l.msg, l.reqId, l.updateId])).toEqual([
      ['inside', 'req-7', undefined],
      ['nested', 'req-7', 99],
      ['outside', undefined, undefined],
    ]);
  });
});

describe('the running bot’s log', () => {
  it('ties every line of a web chat request to its id, and keeps the guest’s details out', async () => {
    const bot = await startServer({ PORT: '0', LOG_LEVEL: 'debug', LOG_MESSAGE_TEXT: 'true' });
    let conversationId: string | undefined;
    const say = async (text: string) => {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(conversationId ? { conversationId } : {}), text }),
      });
      const body = (await response.json()) as { conversationId: string };
      conversationId = body.conversationId;
    };
    await say('does the upper back massage hurt?');
    await say('how long does it take?');
    const { stderr } = await bot.stop();
    const lines = stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const classified = lines.filter((l) => l.msg === 'classified');
    expect(classified).toHaveLength(2);
    // The core's own lines carry the request id Fastify gave the request they belong to.
    const requestIds = new Set(lines.filter((l) => l.msg === 'incoming request').map((l) => l.reqId));
    expect(requestIds.size).toBe(2);
    for (const line of classified) expect(requestIds.has(line.reqId)).toBe(true);
    // At debug level, when asked for, what the guest wrote is there, for finding out why a message was misunderstood.
    expect(classified[0]?.text).toBe('does the upper back massage hurt?');
  });

  it('has no message text at the default level', async () => {
    const bot = await startServer({ PORT: '0', LOG_LEVEL: 'info' });
    await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'my name is Lan, call me on 0905 123 456' }) });
    const { stderr } = await bot.stop();
    expect(stderr).toMatch(/"reqId"/);
    expect(wordsIn(stderr)).not.toMatch(/Lan|0905/);
  });

  it('at debug level with Slack on, never shows a booking guest’s name, phone, email or conversation', async () => {
    const channel = 'C0STAFF';
    const slack = await startFakeSlack({ token: 'xoxb-log-test', channels: { [channel]: ['U0HOA'] }, users: [{ id: 'U0HOA', name: 'hoa' }] });
    try {
      const bot = await startServer(
        { PORT: '0', LOG_LEVEL: 'debug', SLACK_BOT_TOKEN: 'xoxb-log-test', SLACK_SIGNING_SECRET: 'log-test-secret', SLACK_API_URL: slack.apiUrl, SLACK_STAFF_CHANNEL: channel },
        SLOW_START,
      );
      const day = openDay(4);
      const guests = [
        { clock: '10am', name: 'Anneliese Vandermeer', contact: '+84 905 771 234' },
        { clock: '3pm', name: 'Bartholomew Quist', contact: 'bart.quist@example.com' },
      ];
      const conversations: string[] = [];
      for (const guest of guests) {
        const chat = webGuest(bot.url);
        await chat.say(`can I book a massage on ${day.words} at ${guest.clock} for an hour?`);
        await chat.press('No preference');
        await chat.press('Medium');
        await chat.press('Nothing to mention');
        await chat.say(guest.name);
        await chat.say(guest.contact);
        expect((await chat.press('Confirm')).text).toMatch(/LS-[A-Z0-9]{4}/);
        await fetch(`${bot.url}/api/messages/pending?conversationId=${chat.conversationId}`);
        conversations.push(chat.conversationId ?? '');
      }
      // Both bookings reached the staff channel, with the guests' details (that is where staff need them).
      for (let i = 0; i < 50 && slack.rootMessages(channel).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(JSON.stringify(slack.rootMessages(channel))).toContain('Anneliese Vandermeer');
      const { stderr } = await bot.stop();
      // The Slack client's debug lines were there, without what they carried.
      expect(stderr).toMatch(/http request body: \(not logged\)/);
      for (const secret of ['Anneliese', 'Vandermeer', 'Bartholomew', 'Quist', '771 234', '771234', 'bart.quist', ...conversations]) {
        expect(wordsIn(stderr), secret).not.toContain(secret);
      }
    } finally {
      await slack.close();
    }
  }, 120_000);
});
