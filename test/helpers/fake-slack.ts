// A small fake of the Slack Web API on loopback, for the real Bolt app (its WebClient) to talk HTTP to.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the app made. */
export interface SlackCall {
  method: string;
  payload: Record<string, unknown>;
  /** When it arrived (Date.now()). */
  at: number;
}

/** A message the bot posted, as the fake keeps it (chat.update changes it). */
export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: Array<Record<string, unknown>>;
  /** The message's metadata (event_type, event_payload), as conversations.history gives it back. */
  metadata?: Record<string, unknown>;
}

/** A message only one user sees. */
export interface FakeEphemeral {
  channel: string;
  user: string;
  thread_ts?: string;
  text: string;
  blocks?: Array<Record<string, unknown>>;
}

/** A Slack user as users.info answers. */
export interface FakeUser {
  id: string;
  name: string;
  real_name?: string;
  display_name?: string;
}

/** What the fake knows: the bot, the channels and their members, the users. */
export interface FakeSlackSetup {
  token: string;
  /** Channel id -> member ids. Posting elsewhere answers channel_not_found. */
  channels: Record<string, string[]>;
  users: FakeUser[];
}

/** How a call can be made to fail once. */
export type FakeFailure = 500 | 'ratelimited' | { error: string };

/** The bot the fake plays. */
export const FAKE_BOT = { userId: 'U0BOT', botId: 'B0BOT', teamId: 'T0SPA' };

/** A fake Web API server: inspect what the app called, make calls fail. */
export interface FakeSlack {
  /** The WebClient's slackApiUrl (SLACK_API_URL). */
  readonly apiUrl: string;
  /** A response_url for a command or click; what is posted to it lands in `responses`. */
  responseUrl(id: string): string;
  readonly calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Messages posted in a channel, thread replies included, in order. */
  messagesIn(channel: string): FakeMessage[];
  /** Top-level messages of a channel. */
  rootMessages(channel: string): FakeMessage[];
  /** Replies in the thread of `ts`. */
  threadReplies(channel: string, ts: string): FakeMessage[];
  /** Ephemeral messages to a user, in order. */
  ephemeralsTo(user: string): FakeEphemeral[];
  /** The dialogs opened (views.open), in order. */
  readonly modals: Array<Record<string, unknown>>;
  /** The Home tab last published for a user (views.publish). */
  homeOf(user: string): { type: string; blocks: Array<Record<string, unknown>> } | undefined;
  /** What was posted to response URLs, by id. */
  readonly responses: Array<{ id: string; body: Record<string, unknown> }>;
  /** Makes the next call to `method` fail: HTTP 500, HTTP 429 `ratelimited` (Retry-After 1 s), or an `ok: false` error. */
  failNext(method: string, failure: FakeFailure): void;
  /** A ts for a message someone else (a person) writes. */
  nextTs(): string;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startFakeSlack(setup: FakeSlackSetup): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const messages: FakeMessage[] = [];
  const ephemerals: FakeEphemeral[] = [];
  const responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  const homes = new Map<string, { type: string; blocks: Array<Record<string, unknown>> }>();
  const modals: Array<Record<string, unknown>> = [];
  const failures = new Map<string, FakeFailure[]>();
  let tsCounter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
  const ok = (result: Record<string, unknown> = {}): Answer => ({ status: 200, body: { ok: true, ...result } });
  const error = (code: string): Answer => ({ status: 200, body: { ok: false, error: code } });
  const known = (channel: unknown) => typeof channel === 'string' && channel in setup.channels;
  const blocksOf = (payload: Record<string, unknown>) => (Array.isArray(payload.blocks) ? (payload.blocks as Array<Record<string, unknown>>) : undefined);

  function call(method: string, payload: Record<string, unknown>): Answer {
    switch (method) {
      case 'auth.test':
        return ok({ url: 'https://lspa.slack.com/', team: 'L Spa', user: 'lspa_bot', team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId });
      case 'chat.postMessage': {
        if (!known(payload.channel)) return error('channel_not_found');
        const text = String(payload.text ?? '');
        if (!text && !blocksOf(payload)) return error('no_text');
        const message: FakeMessage = { channel: String(payload.channel), ts: nextTs(), text, ...(payload.thread_ts ? { thread_ts: String(payload.thread_ts) } : {}) };
        const blocks = blocksOf(payload);
        if (blocks) message.blocks = blocks;
        if (payload.metadata && typeof payload.metadata === 'object') message.metadata = payload.metadata as Record<string, unknown>;
        messages.push(message);
        return ok({ channel: message.channel, ts: message.ts, message: { type: 'message', text, ts: message.ts, bot_id: FAKE_BOT.botId } });
      }
      case 'chat.postEphemeral': {
        if (!known(payload.channel)) return error('channel_not_found');
        const user = String(payload.user);
        if (!setup.channels[String(payload.channel)]?.includes(user)) return error('user_not_in_channel');
        const blocks = blocksOf(payload);
        ephemerals.push({ channel: String(payload.channel), user, text: String(payload.text ?? ''), ...(payload.thread_ts ? { thread_ts: String(payload.thread_ts) } : {}), ...(blocks ? { blocks } : {}) });
        return ok({ message_ts: nextTs() });
      }
      case 'chat.update': {
        const message = messages.find((m) => m.channel === payload.channel && m.ts === payload.ts);
        if (!message) return error('message_not_found');
        message.text = String(payload.text ?? message.text);
        const blocks = blocksOf(payload);
        if (blocks) message.blocks = blocks;
        return ok({ channel: message.channel, ts: message.ts, text: message.text });
      }
      case 'conversations.members': {
        const members = setup.channels[String(payload.channel)];
        if (!members) return error('channel_not_found');
        const limit = Number(payload.limit ?? 100);
        const start = payload.cursor ? Number(payload.cursor) : 0;
        const page = members.slice(start, start + limit);
        const next = start + limit < members.length ? String(start + limit) : '';
        return ok({ members: page, response_metadata: { next_cursor: next } });
      }
      case 'conversations.history': {
        if (!known(payload.channel)) return error('channel_not_found');
        const oldest = Number(payload.oldest ?? 0);
        // Newest first, as Slack answers; metadata only when asked for.
        const found = messages
          .filter((m) => m.channel === payload.channel && !m.thread_ts && Number(m.ts) >= oldest)
          .reverse()
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: FAKE_BOT.botId, ...(payload.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}) }));
        const limit = Number(payload.limit ?? 100);
        const start = payload.cursor ? Number(payload.cursor) : 0;
        const next = start + limit < found.length ? String(start + limit) : '';
        return ok({ messages: found.slice(start, start + limit), has_more: next !== '', response_metadata: { next_cursor: next } });
      }
      case 'views.open': {
        const view = payload.view as { type?: unknown; blocks?: unknown } | undefined;
        if (typeof payload.trigger_id !== 'string' || !payload.trigger_id) return error('invalid_trigger_id');
        if (view?.type !== 'modal' || !Array.isArray(view.blocks)) return error('invalid_arguments');
        modals.push(view as Record<string, unknown>);
        return ok({ view: { id: `V${modals.length}`, ...view } });
      }
      case 'views.publish': {
        const view = payload.view as { type?: unknown; blocks?: unknown } | undefined;
        if (typeof payload.user_id !== 'string' || !setup.users.some((u) => u.id === payload.user_id)) return error('user_not_found');
        if (view?.type !== 'home' || !Array.isArray(view.blocks)) return error('invalid_arguments');
        if (view.blocks.length > 100) return error('invalid_blocks');
        homes.set(payload.user_id, { type: view.type, blocks: view.blocks as Array<Record<string, unknown>> });
        return ok({ view: { id: `V${homes.size}`, type: 'home' } });
      }
      case 'users.info': {
        const user = setup.users.find((u) => u.id === payload.user);
        if (!user) return error('user_not_found');
        return ok({ user: { id: user.id, name: user.name, real_name: user.real_name, profile: { display_name: user.display_name ?? '', real_name: user.real_name ?? '' } } });
      }
      default:
        return error('unknown_method');
    }
  }

  function parse(raw: string, contentType: string): Record<string, unknown> {
    if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    // The WebClient sends forms, with objects (blocks) as JSON strings.
    const payload: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      payload[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
    return payload;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (answer: Answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      };
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      const respond = /^\/respond\/([\w-]+)$/.exec(url);
      if (respond) {
        responses.push({ id: respond[1]!, body: JSON.parse(raw) as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const method = /^\/api\/([\w.]+)$/.exec(url)?.[1] ?? '';
      const payload = parse(raw, req.headers['content-type'] ?? '');
      calls.push({ method, payload, at: Date.now() });
      const failure = failures.get(method)?.shift();
      if (failure === 500) return send({ status: 500, body: { ok: false, error: 'internal_error' } });
      if (failure === 'ratelimited') return send({ status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } });
      if (failure) return send(error(failure.error));
      if (req.headers.authorization !== `Bearer ${setup.token}`) return send(error('invalid_auth'));
      send(call(method, payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    messagesIn: (channel) => messages.filter((m) => m.channel === channel),
    rootMessages: (channel) => messages.filter((m) => m.channel === channel && !m.thread_ts),
    threadReplies: (channel, ts) => messages.filter((m) => m.channel === channel && m.thread_ts === ts),
    ephemeralsTo: (user) => ephemerals.filter((e) => e.user === user),
    homeOf: (user) => homes.get(user),
    modals,
    responses,
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    nextTs,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** All the text of a message's blocks (sections, fields, contexts, buttons), one line each, for assertions. */
export function blockText(blocks: Array<Record<string, unknown>> | undefined, only?: 'mrkdwn' | 'plain_text'): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string') {
        if (!only || object.type === only) texts.push(object.text);
      } else Object.values(object).forEach(visit);
    }
  };
  visit(blocks);
  return texts.join('\n');
}

/** The buttons of a message's blocks: label, action id and value. */
export function buttonsOf(blocks: Array<Record<string, unknown>> | undefined): Array<{ label: string; actionId: string; value: string }> {
  const found: Array<{ label: string; actionId: string; value: string }> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (object.type === 'button') found.push({ label: String((object.text as { text?: string })?.text), actionId: String(object.action_id), value: String(object.value ?? '') });
      else Object.values(object).forEach(visit);
    }
  };
  visit(blocks);
  return found;
}
