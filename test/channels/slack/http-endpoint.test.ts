import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaffDesk, type SlackStaffDesk, type StaffDeskOptions } from '../../../src/channels/slack/index.ts';
import { ConfigError, type Concierge } from '../../../src/core/index.ts';
import { createHttpServer } from '../../../src/http/index.ts';
import { createMemoryHandoverThreads, createMemorySeenUpdates } from '../../../src/store/index.ts';
import { fakeGuest } from '../../helpers/bot.ts';
import { startFakeSlack } from '../../helpers/fake-slack.ts';
import {
  bookingConcierge,
  bookThroughCore,
  BOT_TOKEN,
  HOA,
  nextEphemeral,
  recordingLogger,
  signature,
  SIGNING_SECRET,
  slackTexts,
  startDesk,
  STAFF_CHANNEL,
  waitFor,
  type RunningDesk,
} from './harness.ts';

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const now = () => Math.floor(Date.now() / 1000);

describe('verifying that requests come from Slack', () => {
  it('answers 401 to a forged signature and does nothing', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '42' });
    await waitFor('the notification', () => running!.fake.rootMessages(STAFF_CHANNEL).length === 1);
    const notification = running.fake.rootMessages(STAFF_CHANNEL)[0]!;
    await fakeGuest(running.concierge, { id: '43', channel: 'telegram' }).say('talk to a human');
    await waitFor('the hand-over thread', () => running!.fake.rootMessages(STAFF_CHANNEL).length === 2);
    const thread = running.fake.rootMessages(STAFF_CHANNEL)[1]!;
    const callsBefore = running.fake.calls.length;

    const ts = now();
    const forgeries: Array<[string, string]> = [
      [running.slack.clickBody({ actionId: 'booking_cancel', value: ref }, notification).body, 'application/x-www-form-urlencoded'],
      [running.slack.commandBody('/bookings', 'tomorrow'), 'application/x-www-form-urlencoded'],
      [running.slack.eventBody(running.slack.threadMessage(thread.ts, 'forged staff reply')).body, 'application/json'],
    ];
    for (const [body, type] of forgeries) {
      for (const forged of [signature(body, ts, 'not-the-secret'), 'v0=0000', `v1=${signature(body, ts).slice(3)}`, '', signature(`${body}x`, ts)]) {
        const response = await running.slack.post(body, type, { timestamp: ts, signature: forged });
        expect(response.status, forged).toBe(401);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(running.fake.calls.length).toBe(callsBefore);
    expect((await running.concierge.staffDesk!.booking(ref))?.status).toBe('confirmed');
    expect(running.delivered).toEqual([]);
    expect(running.log.messages('warn').filter((m) => m === 'a request to the Slack endpoint failed verification')).toHaveLength(15);
  });

  it('answers 401 to a correctly signed request that is six minutes old, or from the future, and does nothing', async () => {
    running = await startDesk();
    const before = running.fake.calls.length;
    for (const timestamp of [now() - 6 * 60, now() + 6 * 60]) {
      const body = new URLSearchParams({ command: '/bookings', text: '', user_id: HOA, channel_id: STAFF_CHANNEL, trigger_id: `old-${timestamp}`, team_id: 'T0SPA' }).toString();
      const response = await running.slack.post(body, 'application/x-www-form-urlencoded', { timestamp, signature: signature(body, timestamp) });
      expect(response.status).toBe(401);
    }
    // Without the headers at all.
    const bare = await fetch(running.slack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}' });
    expect(bare.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running.fake.calls.length).toBe(before);
  });

  it('answers the URL check with its challenge, and a body it cannot read with 400', async () => {
    running = await startDesk();
    const check = await running.slack.post(JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' }), 'application/json');
    expect(check).toEqual({ status: 200, text: '{"challenge":"c-123"}' });
    expect((await running.slack.post('{not json', 'application/json')).status).toBe(400);
    expect((await running.slack.post('ssl_check=1&token=t', 'application/x-www-form-urlencoded')).status).toBe(200);
  });
});

describe('answering in time', () => {
  it('acknowledges a command at once and answers when the slow work is done', async () => {
    const { concierge: inner } = await bookingConcierge();
    const desk = inner.staffDesk!;
    const slowDesk = { ...desk, describe: desk.describe, bookingsOn: async (when?: string) => (await new Promise((r) => setTimeout(r, 3500)), desk.bookingsOn(when)) };
    const concierge = new Proxy(inner, { get: (target, key) => (key === 'staffDesk' ? slowDesk : Reflect.get(target, key)) }) as Concierge;
    running = await startDesk({ concierge });
    const started = Date.now();
    expect((await running.slack.command('/bookings', '')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(running.fake.ephemeralsTo(HOA)).toEqual([]);
    expect((await nextEphemeral(running.fake, HOA, 0)).text).toMatch(/No bookings/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
  });
});

describe('starting the desk', () => {
  async function desk(overrides: { token?: string; channel?: string; appToken?: string } = {}) {
    const fake = await startFakeSlack({ token: BOT_TOKEN, channels: { [STAFF_CHANNEL]: [HOA] }, users: [] });
    const options: StaffDeskOptions = {
      botToken: overrides.token ?? BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      ...(overrides.appToken ? { appToken: overrides.appToken } : {}),
      apiUrl: fake.apiUrl,
      staffChannel: overrides.channel ?? STAFF_CHANNEL,
      staffUsers: [],
      concierge: (await bookingConcierge()).concierge,
      threads: createMemoryHandoverThreads(),
      seenEvents: createMemorySeenUpdates(),
      logger: recordingLogger().logger,
      texts: await slackTexts(),
      retry: { retries: 1, minDelayMs: 10, maxDelayMs: 10 },
    };
    const staffDesk: SlackStaffDesk = createStaffDesk(options);
    return { fake, staffDesk, options };
  }

  it('stops start-up with the setting to fix when Slack refuses the token or does not know the channel', async () => {
    const refused = await desk({ token: 'xoxb-wrong' });
    await expect(refused.staffDesk.start()).rejects.toThrow(ConfigError);
    await expect(refused.staffDesk.start()).rejects.toThrow(/SLACK_BOT_TOKEN \(invalid_auth\)/);
    await refused.fake.close();
    const unknown = await desk({ channel: 'C0NOPE' });
    await expect(unknown.staffDesk.start()).rejects.toThrow(/SLACK_STAFF_CHANNEL=C0NOPE \(channel_not_found\)/);
    await unknown.fake.close();
  });

  it('needs the signing secret in HTTP mode', async () => {
    const { options, fake } = await desk();
    expect(() => createStaffDesk({ ...options, signingSecret: '' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createStaffDesk({ ...options, signingSecret: undefined, appToken: 'xapp-1-A0SPA-1-abc' })).not.toThrow();
    await fake.close();
  });

  it('leaves the other routes of the shared server as they were', async () => {
    const { staffDesk, fake } = await desk();
    const server = createHttpServer({ logger: pino({ level: 'silent' }), ready: async () => true });
    server.post('/echo', async (request) => ({ got: request.body }));
    staffDesk.registerRoutes(server);
    expect((await server.inject({ method: 'POST', url: '/echo', payload: { a: 1 } })).json()).toEqual({ got: { a: 1 } });
    expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await server.close();
    await fake.close();
  });

  it('serves no route in Socket Mode, and refuses requests before start in HTTP mode', async () => {
    const socket = await desk({ appToken: 'xapp-1-A0SPA-1-abc' });
    const server = createHttpServer({ logger: pino({ level: 'silent' }), ready: async () => true });
    socket.staffDesk.registerRoutes(server);
    expect((await server.inject({ method: 'POST', url: '/slack/events', payload: {} })).statusCode).toBe(404);
    await server.close();
    await socket.fake.close();

    const http = await desk();
    const other = createHttpServer({ logger: pino({ level: 'silent' }), ready: async () => true });
    http.staffDesk.registerRoutes(other);
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    const ts = now();
    const early = await other.inject({ method: 'POST', url: '/slack/events', payload: body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, ts) } });
    expect(early.statusCode).toBe(503);
    await other.close();
    await http.fake.close();
  });
});

// A guest can ask for a person only while a desk listens.
describe('the hand-over offer', () => {
  it('follows the desk: on after start, off after stop', async () => {
    running = await startDesk();
    expect(running.concierge.handoverEvents.hasListeners).toBe(true);
    await running.desk.stop();
    expect(running.concierge.handoverEvents.hasListeners).toBe(false);
    const reply = await fakeGuest(running.concierge, { id: '9', channel: 'telegram' }).say('talk to a human');
    expect(reply.map((r) => r.text).join('\n')).not.toMatch(/asked a member of our team/);
  });
});
