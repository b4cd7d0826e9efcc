// Editing the spa's content while the bot runs: SIGHUP (or a saved file with CONTENT_WATCH=1) reads
// content/ again; a good edit is what guests read from their next message, a bad one is refused with
// what is wrong (in the log and the staff channel) and the bot goes on as it was.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../helpers/fake-slack.ts';
import { startServer, type RunningServer } from '../helpers/run-bot.ts';
import { eventually, openDay, SLOW_START, webGuest } from './support.ts';

const CONTENT = new URL('../../content/', import.meta.url);
let folders: string[] = [];
let bots: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(bots.filter((bot) => bot.running()).map((bot) => bot.stop()));
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
  bots = [];
  folders = [];
});

/** A copy of content/ the test may edit. */
async function contentCopy(): Promise<{ dir: string; edit: (file: string, from: string, to: string) => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'spa-content-'));
  folders.push(dir);
  await cp(CONTENT, dir, { recursive: true });
  return {
    dir,
    async edit(file, from, to) {
      const path = join(dir, file);
      const text = await readFile(path, 'utf8');
      if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
      await writeFile(path, text.replace(from, to));
    },
  };
}

async function start(env: Record<string, string>): Promise<RunningServer> {
  const bot = await startServer({ PORT: '0', LOG_LEVEL: 'info', ...env }, SLOW_START);
  bots.push(bot);
  return bot;
}

const priceAnswer = async (url: string) => (await webGuest(url).say('how much is it?')).text;

describe('reading the content again while the bot runs', () => {
  it('on SIGHUP: the next message, the page and a booking under way use the edited prices and name', async () => {
    const content = await contentCopy();
    const bot = await start({ CONTENT_DIR: content.dir });
    expect(await priceAnswer(bot.url)).toMatch(/60 min 600,000 VND/);
    // A guest half-way through a booking when the content changes.
    const guest = webGuest(bot.url);
    expect((await guest.say(`can I book ${openDay(2).words} at 3pm for an hour?`)).text).toMatch(/therapist/i);

    await content.edit('spa.yaml', '"60": 600000', '"60": 650000');
    await content.edit('spa.yaml', 'name: L Spa\n', 'name: L Spa Riverside\n');
    bot.kill('SIGHUP');
    await eventually('the new prices', async () => /60 min 650,000 VND/.test(await priceAnswer(bot.url)));
    expect(await priceAnswer(bot.url)).not.toMatch(/600,000/);
    const page = await (await fetch(bot.url)).text();
    expect(page).toContain('L Spa Riverside');
    // The booking goes on where it was, priced as the spa now says.
    expect((await guest.press('No preference')).text).toMatch(/pressure/i);
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    await guest.say('Lan Tran');
    expect((await guest.say('0905 123 456')).text).toMatch(/650,000 VND/);
    expect(bot.output().stderr).toMatch(/content read again and in use/);
  }, 120_000);

  it('refuses a bad edit with the file and field, tells the staff channel, and goes on with the version it had', async () => {
    const channel = 'C0STAFF';
    const slack = await startFakeSlack({ token: 'xoxb-reload', channels: { [channel]: ['U0HOA'] }, users: [{ id: 'U0HOA', name: 'hoa' }] });
    try {
      const content = await contentCopy();
      const bot = await start({
        CONTENT_DIR: content.dir,
        SLACK_BOT_TOKEN: 'xoxb-reload',
        SLACK_SIGNING_SECRET: 'reload-secret',
        SLACK_API_URL: slack.apiUrl,
        SLACK_STAFF_CHANNEL: channel,
      });
      await content.edit('spa.yaml', 'phone: "+84 000 000 000"', 'phone: "call us"');
      await content.edit('spa.yaml', '"60": 600000', '"60": 650000');
      bot.kill('SIGHUP');
      const told = await eventually('the staff channel to be told', async () => slack.rootMessages(channel).find((m) => /not taken/.test(m.text ?? '')));
      expect(told.text).toMatch(/spa\.yaml/);
      expect(told.text).toMatch(/phone/);
      expect(bot.output().stderr).toMatch(/the edited content was refused/);
      // Nothing of the bad version was taken, the good line beside the bad one neither.
      expect(await priceAnswer(bot.url)).toMatch(/60 min 600,000 VND/);
      expect(bot.running()).toBe(true);

      // Put right, it is taken.
      await content.edit('spa.yaml', 'phone: "call us"', 'phone: "+84 236 123 4567"');
      bot.kill('SIGHUP');
      await eventually('the new prices', async () => /60 min 650,000 VND/.test(await priceAnswer(bot.url)));
    } finally {
      await slack.close();
    }
  }, 120_000);

  it('with CONTENT_WATCH=1, takes a saved edit without a signal', async () => {
    const content = await contentCopy();
    const bot = await start({ CONTENT_DIR: content.dir, CONTENT_WATCH: '1' });
    expect(await priceAnswer(bot.url)).toMatch(/30 min 350,000 VND/);
    await content.edit('spa.yaml', '"30": 350000', '"30": 380000');
    await eventually('the new prices', async () => /30 min 380,000 VND/.test(await priceAnswer(bot.url)));
    // A file saved half-typed is refused as on SIGHUP: the bot keeps the last good version.
    await content.edit('spa.yaml', 'name: L Spa\n', 'name: [L Spa\n');
    await eventually('the refusal', async () => /the edited content was refused/.test(bot.output().stderr));
    expect(await priceAnswer(bot.url)).toMatch(/30 min 380,000 VND/);
  }, 120_000);
});
