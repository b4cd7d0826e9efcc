import { describe, expect, it } from 'vitest';
import { loadConfig, SETTING_NAMES } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';
import { runBot } from './helpers/run-bot.ts';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

describe('settings', () => {
  it('runs with nothing set: memory state, port 3000 on loopback, limits on', () => {
    const config = loadConfig({});
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.GUEST_MESSAGES_PER_MINUTE).toBe(30);
    expect(config.ADDRESS_MESSAGES_PER_MINUTE).toBe(120);
    expect(config.TRUST_PROXY_HOPS).toBe(0);
    expect(config.REDIS_PREFIX).toBe('spa:');
  });

  it('treats an empty variable as not set', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('lists every problem at once, each with the variable and what to set', () => {
    const message = problemsOf({
      REDIS_URL: 'localhost:6379',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      GUEST_MESSAGES_PER_MINUTE: '0',
      TRUST_PROXY_HOPS: '-1',
      STATE_TTL_SECONDS: 'a day',
      REDIS_PREFIX: 'spa',
      SLACK_BOT_TOKEN: 'xoxb-123',
      TELEGRAM_WEBHOOK_URL: 'http://example.com/hook',
    });
    const lines = message.split('\n').slice(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/),
        expect.stringMatching(/^ {2}PORT: must be a port number/),
        expect.stringMatching(/^ {2}LOG_LEVEL: /),
        expect.stringMatching(/^ {2}GUEST_MESSAGES_PER_MINUTE: must be a number of messages from 1 to 10000/),
        expect.stringMatching(/^ {2}TRUST_PROXY_HOPS: must be a number of proxies from 0 to 10/),
        expect.stringMatching(/^ {2}TELEGRAM_WEBHOOK_URL: must be the https URL/),
        expect.stringMatching(/^ {2}STATE_TTL_SECONDS: must be a number of seconds from 60 to 2592000/),
        expect.stringMatching(/^ {2}REDIS_PREFIX: must be a short name ending in a colon/),
      ]),
    );
    expect(lines.length).toBeGreaterThanOrEqual(8);
  });

  it('names the setting that goes with another one', () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-123-abc' });
    expect(message).toMatch(/SLACK_STAFF_CHANNEL: is required with SLACK_BOT_TOKEN/);
    expect(message).toMatch(/SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN in HTTP mode/);
  });

  it('keeps /metrics on PORT unless METRICS_PORT names another port, and wants a long METRICS_TOKEN', () => {
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(loadConfig({ PORT: '3000', METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(problemsOf({ PORT: '3000', METRICS_PORT: '3000' })).toMatch(/METRICS_PORT: must differ from PORT \(3000\)/);
    expect(problemsOf({ METRICS_PORT: '70000' })).toMatch(/METRICS_PORT: must be a port number from 0 to 65535/);
    const short = problemsOf({ METRICS_TOKEN: 'secret' });
    expect(short).toMatch(/METRICS_TOKEN: must be 16 to 200 characters without spaces/);
    expect(short).not.toMatch(/: secret\b/);
    expect(problemsOf({ METRICS_TOKEN: 'a long token with spaces in it' })).toMatch(/METRICS_TOKEN: /);
    expect(loadConfig({ METRICS_TOKEN: '3f9c2a7e5b1d4c8f9a6e' }).METRICS_TOKEN).toBe('3f9c2a7e5b1d4c8f9a6e');
  });

  it('never repeats a secret it refuses', () => {
    const message = problemsOf({ TELEGRAM_BOT_TOKEN: 'not-a-token-but-secret-ish', SLACK_SIGNING_SECRET: 'short' });
    expect(message).not.toContain('not-a-token-but-secret-ish');
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN: must be the token @BotFather gave you/);
  });
});

describe('starting with bad settings', () => {
  it('prints every problem without a stack trace and exits non-zero', async () => {
    const { code, stdout, stderr } = await runBot([], '', { PORT: '99999', REDIS_URL: 'mysql://db', GUEST_MESSAGES_PER_MINUTE: 'many' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Invalid settings:/);
    expect(stderr).toMatch(/PORT: must be a port number from 0/);
    expect(stderr).toMatch(/REDIS_URL: must be a redis/);
    expect(stderr).toMatch(/GUEST_MESSAGES_PER_MINUTE: must be a number of messages/);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('.env.example', () => {
  it('lists every setting, and its values start the bot', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../.env.example', import.meta.url), 'utf8');
    const entries = text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
    expect(entries.map(([name]) => name).sort()).toEqual([...SETTING_NAMES].sort());
    expect(() => loadConfig(Object.fromEntries(entries))).not.toThrow();
  });

  it('matches the README’s table of settings', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)`(?: \/ `([A-Z_]+)`)? \|/gm)].flatMap((m) => [m[1], m[2]]).filter(Boolean));
    expect([...SETTING_NAMES].filter((name) => !documented.has(name))).toEqual([]);
  });
});
