// Shared set-up of the Slack staff desk tests: a fake Web API, the real Bolt app on a real Fastify
// server on loopback, and requests signed the way Slack signs them.
import { createHmac, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createStaffDesk, loadSlackTexts, type SlackStaffDesk, type SlackTexts, type StaffDeskOptions } from '../../../src/channels/slack/index.ts';
import type { Concierge, Reply } from '../../../src/core/index.ts';
import { createHttpServer } from '../../../src/http/index.ts';
import type { Language } from '../../../src/languages.ts';
import { createMemoryHandoverThreads, createMemorySeenUpdates } from '../../../src/store/index.ts';
import { CONTENT_DIR, fakeGuest, textOf } from '../../helpers/bot.ts';
import { FAKE_BOT, startFakeSlack, type FakeMessage, type FakeSlack } from '../../helpers/fake-slack.ts';
import { bookingConcierge, recordingLogger, waitFor } from '../telegram/harness.ts';

export { FIXED_NOW, bookingConcierge, recordingLogger, waitFor } from '../telegram/harness.ts';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
export const STAFF_CHANNEL = 'C0STAFF';
/** Another channel the bot is in, where nobody on the team is. */
export const OTHER_CHANNEL = 'C0LOBBY';
/** Hoa and Linh are in the staff channel; the manager is staff by SLACK_STAFF_USERS; Eve is not staff. */
export const HOA = 'U0HOA';
export const LINH = 'U0LINH';
export const MANAGER = 'U0MANAGER';
export const EVE = 'U0EVE';

let texts: Promise<SlackTexts> | undefined;
/** content/slack.yaml, loaded once per test file. */
export function slackTexts(): Promise<SlackTexts> {
  texts ??= loadSlackTexts(CONTENT_DIR);
  return texts;
}

/** What a guest channel delivered through the outbox (a staff answer, the hand-back). */
export interface Delivered {
  channel: string;
  conversationId: string;
  replies: Reply[];
}

/** The desk running over a fake Slack; `options` replaces any of the desk's parts. */
export async function startDesk(options: { concierge?: Concierge; desk?: Partial<StaffDeskOptions>; fake?: FakeSlack; realTelegram?: boolean } = {}) {
  const fake =
    options.fake ??
    (await startFakeSlack({
      token: BOT_TOKEN,
      channels: { [STAFF_CHANNEL]: [HOA, LINH, FAKE_BOT.userId], [OTHER_CHANNEL]: [EVE, HOA, MANAGER, FAKE_BOT.userId] },
      users: [
        { id: HOA, name: 'hoa', real_name: 'Hoa Tran', display_name: 'Hoa' },
        { id: LINH, name: 'linh', real_name: 'Linh Pham' },
        { id: MANAGER, name: 'minh', real_name: 'Minh Le', display_name: 'Minh' },
        { id: EVE, name: 'eve', real_name: 'Eve Outsider' },
      ],
    }));
  const concierge = options.concierge ?? (await bookingConcierge()).concierge;
  const log = recordingLogger();
  const delivered: Delivered[] = [];
  // A guest channel that can reach its guests outside a reply, as the Telegram bot registers (unless the real one runs).
  if (!options.realTelegram) concierge.outbox.register('telegram', async (conversationId, replies) => void delivered.push({ channel: 'telegram', conversationId, replies }));
  const desk: SlackStaffDesk = createStaffDesk({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    staffChannel: STAFF_CHANNEL,
    staffUsers: [MANAGER],
    concierge,
    threads: createMemoryHandoverThreads(),
    seenEvents: createMemorySeenUpdates(),
    logger: log.logger,
    texts: await slackTexts(),
    retry: { retries: 3, minDelayMs: 50, maxDelayMs: 200 },
    // The start-up notice of sample settings has a test of its own; elsewhere it would be one more message.
    announceSamples: false,
    scheduledPosts: false,
    ...options.desk,
  });
  const server: FastifyInstance = createHttpServer({ logger: pino({ level: 'silent' }), ready: async () => true });
  desk.registerRoutes(server);
  await server.listen({ port: 0, host: '127.0.0.1' });
  await desk.start();
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/slack/events`;
  return {
    fake,
    concierge,
    desk,
    log,
    delivered,
    server,
    slack: slackClient(url, fake),
    async stop() {
      await desk.stop();
      await server.close();
      if (!options.fake) await fake.close();
    },
  };
}

export type RunningDesk = Awaited<ReturnType<typeof startDesk>>;

/** Slack's signature of a request: `v0=` + HMAC-SHA256 of `v0:timestamp:body` with the signing secret. */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Sends requests to the desk's endpoint as Slack does: signed, as a form or JSON. */
export function slackClient(url: string, fake: FakeSlack) {
  const now = () => Math.floor(Date.now() / 1000);
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  /** Posts a body signed with the signing secret (or the given signature) at the given time (now by default). */
  async function post(body: string, contentType: string, options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {}) {
    const timestamp = options.timestamp ?? now();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? signature(body, timestamp),
        ...options.headers,
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  /** The body of a slash command typed by `user` in `channel`. */
  function commandBody(command: string, text: string, user = HOA, channel = STAFF_CHANNEL): string {
    const triggerId = randomUUID();
    return form({
      token: 'legacy-token',
      team_id: FAKE_BOT.teamId,
      team_domain: 'lspa',
      channel_id: channel,
      channel_name: 'front-desk',
      user_id: user,
      user_name: user.toLowerCase(),
      command,
      text,
      api_app_id: 'A0SPA',
      response_url: fake.responseUrl(triggerId),
      trigger_id: triggerId,
    });
  }

  /** The body of a click on a button of `message` (a message in a channel, or an ephemeral one). */
  function clickBody(button: { actionId: string; value: string }, message: FakeMessage | { ephemeral: { channel: string; text: string; blocks?: unknown } }, user = HOA) {
    const triggerId = randomUUID();
    const inChannel = 'ts' in message;
    const channel = inChannel ? message.channel : message.ephemeral.channel;
    const ts = inChannel ? message.ts : fake.nextTs();
    const payload = {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_BOT.teamId },
      api_app_id: 'A0SPA',
      token: 'legacy-token',
      container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: !inChannel },
      trigger_id: triggerId,
      team: { id: FAKE_BOT.teamId, domain: 'lspa' },
      channel: { id: channel, name: 'front-desk' },
      message: inChannel
        ? { type: 'message', ts, text: message.text, blocks: message.blocks, bot_id: FAKE_BOT.botId }
        : { type: 'message', ts, text: message.ephemeral.text, blocks: message.ephemeral.blocks },
      response_url: fake.responseUrl(triggerId),
      actions: [{ type: 'button', action_id: button.actionId, block_id: 'b', value: button.value, action_ts: String(now()), text: { type: 'plain_text', text: 'x' } }],
    };
    return { triggerId, body: form({ payload: JSON.stringify(payload) }) };
  }

  /** A dialog submitted by `user`: the view as opened, with the values chosen in its inputs. */
  function viewSubmissionBody(view: Record<string, unknown>, values: Record<string, Record<string, unknown>>, user = HOA) {
    const payload = {
      type: 'view_submission',
      team: { id: FAKE_BOT.teamId, domain: 'lspa' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_BOT.teamId },
      api_app_id: 'A0SPA',
      token: 'legacy-token',
      trigger_id: randomUUID(),
      view: { id: 'V1', team_id: FAKE_BOT.teamId, app_id: 'A0SPA', bot_id: FAKE_BOT.botId, hash: 'h', ...view, state: { values } },
    };
    return form({ payload: JSON.stringify(payload) });
  }

  /** The body of an Events API delivery. */
  function eventBody(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`) {
    const body = JSON.stringify({
      token: 'legacy-token',
      team_id: FAKE_BOT.teamId,
      api_app_id: 'A0SPA',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: now(),
      authorizations: [{ team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false }],
    });
    return { eventId, body };
  }

  /** A person's message in the thread of `threadTs` in the staff channel. */
  const threadMessage = (threadTs: string, text: string, user = HOA) => {
    const ts = fake.nextTs();
    return { type: 'message', channel: STAFF_CHANNEL, channel_type: 'channel', user, text, ts, thread_ts: threadTs, event_ts: ts };
  };

  return {
    url,
    post,
    commandBody,
    clickBody,
    eventBody,
    threadMessage,
    /** A slash command typed by `user` in `channel` (the staff channel by default). */
    command(command: string, text: string, user = HOA, channel = STAFF_CHANNEL) {
      return post(commandBody(command, text, user, channel), 'application/x-www-form-urlencoded');
    },
    /** A click on a button of `message`. */
    click(button: { actionId: string; value: string }, message: Parameters<typeof clickBody>[1], user = HOA) {
      const { triggerId, body } = clickBody(button, message, user);
      return { triggerId, body, response: post(body, 'application/x-www-form-urlencoded') };
    },
    /** A dialog submitted: Slack's answer is the desk's ack (errors to show in the dialog, or nothing). */
    async submitView(view: Record<string, unknown>, values: Record<string, Record<string, unknown>>, user = HOA) {
      const { status, text } = await post(viewSubmissionBody(view, values, user), 'application/x-www-form-urlencoded');
      return { status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    /** An Events API delivery; `retryNum` sends it as Slack's retry of an earlier delivery. */
    event(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}) {
      const { eventId, body } = eventBody(event, options.eventId);
      const headers: Record<string, string> = options.retryNum === undefined ? {} : { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' };
      return { eventId, body, response: post(body, 'application/json', { headers }) };
    },
    /** A person writing in the thread of `threadTs` in the staff channel. */
    threadReply(threadTs: string, text: string, user = HOA, options: { eventId?: string; retryNum?: number } = {}) {
      return this.event(threadMessage(threadTs, text, user), options);
    },
  };
}

/** Waits until the fake has `count` calls to `method` (the desk works after its ack). */
export function waitForCalls(fake: FakeSlack, method: string, count: number, timeoutMs?: number): Promise<void> {
  return waitFor(`${count} × ${method}`, () => fake.callsTo(method).length >= count, timeoutMs);
}

/** The ephemeral answer `user` gets next (after `before` of them). */
export async function nextEphemeral(fake: FakeSlack, user: string, before: number) {
  await waitFor(`an ephemeral message to ${user}`, () => fake.ephemeralsTo(user).length > before);
  return fake.ephemeralsTo(user)[before]!;
}

/** Books a session through the core as a guest on `channel` would; returns the reference. */
export async function bookThroughCore(
  concierge: Concierge,
  options: { id: string; channel?: 'telegram' | 'web'; name?: string; request?: string; health?: string; contact?: string },
): Promise<string> {
  const guest = fakeGuest(concierge, { id: options.id, channel: options.channel ?? 'telegram' });
  await guest.say(options.request ?? 'tomorrow at 3pm for an hour');
  if (guest.choices.includes('No preference')) await guest.press('No preference');
  await guest.press('Firm');
  if (options.health) await guest.say(options.health);
  else await guest.press('Nothing to mention');
  await guest.say(options.name ?? 'Lan Nguyen');
  await guest.say(options.contact ?? '+84 905 123 456');
  const confirmed = textOf(await guest.press('Confirm'));
  const ref = /LS-[A-Z0-9]{4}/.exec(confirmed)?.[0];
  if (!ref) throw new Error(`not booked: ${confirmed}`);
  return ref;
}

/**
 * Books a session through the core as a guest writing in `language` would: the request typed in it,
 * and the buttons pressed by their labels in it (content/<language>/booking.yaml), so a step answered
 * in another language fails here. Returns the reference.
 */
export async function bookInLanguage(
  concierge: Concierge,
  options: { id: string; language: Language; request: string; name: string; health?: string; channel?: 'telegram' | 'web'; tag?: string },
): Promise<string> {
  const labels = concierge.contentFor(options.language).booking.labels;
  const guest = fakeGuest(concierge, { id: options.id, channel: options.channel ?? 'telegram', ...(options.tag ? { language: options.tag } : {}) });
  await guest.say(options.request);
  if (guest.choices.includes(labels.any_therapist)) await guest.press(labels.any_therapist);
  await guest.press(labels.firm);
  if (options.health) await guest.say(options.health);
  else await guest.press(labels.no_health);
  await guest.say(options.name);
  await guest.say('+84 905 123 456');
  const confirmed = textOf(await guest.press(labels.confirm));
  const ref = /LS-[A-Z0-9]{4}/.exec(confirmed)?.[0];
  if (!ref) throw new Error(`not booked: ${confirmed}`);
  return ref;
}
