import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, blockText, type FakeSlack } from '../../helpers/fake-slack.ts';
import { startServer, type RunningServer } from '../../helpers/run-bot.ts';
import { BOT_TOKEN, HOA, SIGNING_SECRET, STAFF_CHANNEL, nextEphemeral, slackClient } from './harness.ts';

let fake: FakeSlack | undefined;
let bot: RunningServer | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = fake = undefined;
});

describe('npm start with SLACK_BOT_TOKEN', () => {
  it('serves the staff desk at /slack/events on the same server as the web chat', async () => {
    fake = await startFakeSlack({ token: BOT_TOKEN, channels: { [STAFF_CHANNEL]: [HOA] }, users: [{ id: HOA, name: 'Hoa' }] });
    bot = await startServer({
      PORT: '0',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
    });
    const slack = slackClient(`${bot.url}/slack/events`, fake);
    const before = fake.ephemeralsTo(HOA).length;
    const { status } = await slack.command('/availability', 'tomorrow 60');
    expect(status).toBe(200);
    const answer = await nextEphemeral(fake, HOA, before);
    expect(blockText(answer.blocks) + answer.text).toMatch(/Mai|An/);
    // A forged request is refused by the running process too.
    expect((await slack.post(slack.commandBody('/bookings', ''), 'application/x-www-form-urlencoded', { signature: 'v0=forged' })).status).toBe(401);
    // A guest on the web chat asking for a person opens a thread for the staff.
    const web = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'can I talk to a real person' }) });
    expect(JSON.stringify(await web.json())).toMatch(/member of our team/);
    // (The channel also hears at start-up of the sample settings and, while the spa is open, the day's schedule.)
    const handovers = () => fake!.rootMessages(STAFF_CHANNEL).filter((m) => /would like to talk to a person/.test(m.text));
    for (let i = 0; i < 100 && handovers().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(handovers()).toHaveLength(1);
  });

  it('stops at start-up naming what to set when the staff channel is missing', async () => {
    const result = await startServer({ PORT: '0', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }).then(
      (running) => running.stop().then(() => 'started'),
      (error: Error) => error.message,
    );
    expect(result).toMatch(/SLACK_STAFF_CHANNEL: is required with SLACK_BOT_TOKEN/);
  });
});
