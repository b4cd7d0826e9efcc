import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, useTestRedis } from '../helpers/redis.ts';
import { freePort, runBot, startServer } from '../helpers/run-bot.ts';

// The bots started here with Redis write under prefixes of their own, deleted afterwards.
const testRedis = useTestRedis();

describe('the terminal chat (npm run chat), with piped input', () => {
  it('greets, answers each line in turn and exits at the end of input', async () => {
    const { code, stdout, stderr } = await runBot(['--chat'], 'how long is the massage\ndoes it hurt?\n');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/L Spa/);
    const answerOrder = [stdout.indexOf('30 minutes'), stdout.indexOf('pressure')];
    expect(answerOrder[0]).toBeGreaterThan(0);
    expect(answerOrder[1]).toBeGreaterThan(answerOrder[0]!);
    expect(stderr).toMatch(/in memory/);
  });

  it('prints choices as numbered options, and a number picks one', async () => {
    const { stdout } = await runBot(['--chat'], 'how do i prepare\n1\n1\n');
    expect(stdout).toMatch(/1\) Next/);
    expect(stdout).toMatch(/Step 2 of 3/);
    expect(stdout).toMatch(/Step 3 of 3/);
  });

  it('keeps the conversation in Redis when REDIS_URL is set', async () => {
    const prefix = testRedis.newPrefix('terminal-chat');
    const { code, stdout, stderr } = await runBot(['--chat'], 'what is effleurage\n', { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info' });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/sweeping/i);
    expect(stderr).toMatch(/kept in Redis/);
    const added = await testRedis.client.keys(`${prefix}conv:cli:*`);
    expect(added).toHaveLength(1);
    expect(await testRedis.client.ttl(added[0]!)).toBeGreaterThan(3600);
  });

  it('stops at start-up, naming REDIS_URL, when Redis cannot be reached', async () => {
    const { code, stderr } = await runBot(['--chat'], '', { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Cannot reach Redis at REDIS_URL/);
  });

  it('npm start with nothing configured serves the web chat instead, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const bot = await startServer({ PORT: String(port) });
    try {
      expect(bot.url).toBe(`http://localhost:${port}`);
      // The printed address says localhost; the server listens on 127.0.0.1 unless HOST says otherwise.
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<h1[^>]*>L Spa<\/h1>/);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(bot.output().stderr).toMatch(/in memory/);
      // Reminders are timers in this process then, and it says what that means.
      expect(bot.output().stderr).toMatch(/reminders are kept in this process .*lost on restart/);
    } finally {
      const { code } = await bot.stop('SIGTERM');
      expect(code).toBe(0);
    }
  });

  it('npm start with REDIS_URL is ready once Redis answers, and stops on SIGINT', async () => {
    const bot = await startServer({ PORT: String(await freePort()), REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: testRedis.newPrefix('npm-start') });
    try {
      const ready = await fetch(`${bot.url.replace('localhost', '127.0.0.1')}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
    } finally {
      const { code } = await bot.stop('SIGINT');
      expect(code).toBe(0);
    }
  });

  it('npm start stops at start-up, naming PORT, when the port is taken', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    try {
      const { code, stderr } = await runBot([], '', { PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`Port ${port} is already in use: set PORT`));
    } finally {
      taken.close();
    }
  });

  it('stops at start-up with every bad setting named', async () => {
    const { code, stderr } = await runBot(['--chat'], '', { REDIS_URL: 'http://nope', STATE_TTL_SECONDS: 'soon' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(stderr).toMatch(/STATE_TTL_SECONDS/);
  });

  it('stops at start-up naming a bad PORT', async () => {
    const { code, stderr } = await runBot([], '', { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT: must be a port number/);
  });

  it('stops at start-up naming a broken content file', async () => {
    const { code, stderr } = await runBot(['--chat'], '', { CONTENT_DIR: '/nonexistent/content' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/spa\.yaml: cannot be read/);
  });
});
