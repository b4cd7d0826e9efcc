import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { withLogContext } from '../src/core/index.ts';
import { createLogger, REDACTED, type LogLevel } from '../src/logging.ts';
import { startServer } from './helpers/run-bot.ts';

/** A logger writing into an array of parsed JSON lines. */
function capture(level: LogLevel) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, stream), lines };
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

  it('keep what a guest wrote out of the log except at debug level', async () => {
    const info = capture('info');
    info.logger.info({ text: 'my back hurts', key: 'web:1' }, 'classified');
    const debug = capture('debug');
    debug.logger.debug({ text: 'my back hurts', key: 'web:1' }, 'classified');
    await flush();
    expect(info.lines[0]).toMatchObject({ text: REDACTED, key: 'web:1' });
    expect(debug.lines[0]).toMatchObject({ text: 'my back hurts' });
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
    const bot = await startServer({ PORT: '0', LOG_LEVEL: 'debug' });
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
    // At debug level what the guest wrote is there, for finding out why a message was misunderstood.
    expect(classified[0]?.text).toBe('does the upper back massage hurt?');
  });

  it('has no message text at the default level', async () => {
    const bot = await startServer({ PORT: '0', LOG_LEVEL: 'info' });
    await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'my name is Lan, call me on 0905 123 456' }) });
    const { stderr } = await bot.stop();
    expect(stderr).toMatch(/"reqId"/);
    expect(stderr).not.toMatch(/Lan|0905/);
  });
});
