// The web chat's live messages, server side: GET /api/messages/stream over real HTTP on loopback (a
// stream never ends, so fastify's inject cannot read it), and the device's time zone in POST /api/messages.
import { afterEach, describe, expect, it } from 'vitest';
import type { MessagesResponse, PendingResponse } from '../../src/channels/web/index.ts';
import type { Concierge, Turn } from '../../src/core/index.ts';
import { createMemoryPendingMessages, createRedisPendingMessages, type PendingMessages } from '../../src/store/index.ts';
import { createTestConcierge } from '../helpers/bot.ts';
import { useTestRedis } from '../helpers/redis.ts';
import { waitFor } from './slack/harness.ts';
import { countingPending, openEventStream, serveWebChat, THURSDAY_9AM, type ServedWebChat } from './web-chat-harness.ts';

const redis = useTestRedis();
let servers: ServedWebChat[] = [];
let streams: Array<{ close: () => void }> = [];
let stores: PendingMessages[] = [];
afterEach(async () => {
  for (const stream of streams) stream.close();
  await Promise.all(servers.map((server) => server.app.close()));
  await Promise.all(stores.map((store) => store.close()));
  servers = [];
  streams = [];
  stores = [];
});

async function serve(options: Parameters<typeof serveWebChat>[0] = {}): Promise<ServedWebChat> {
  const server = await serveWebChat(options);
  servers.push(server);
  return server;
}

async function stream(server: ServedWebChat, query: string, headers: Record<string, string> = {}) {
  const opened = await openEventStream(`${server.url}api/messages/stream?${query}`, headers);
  streams.push(opened);
  return opened;
}

/** Starts a conversation through the API; returns its id. */
async function startConversation(server: ServedWebChat): Promise<string> {
  const response = await fetch(`${server.url}api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hello' }) });
  return ((await response.json()) as MessagesResponse).conversationId;
}

const times = {
  text: 'Here are the free times on Friday:',
  choices: [
    { label: '10:00', action: 'b:t:1000', group: 'Morning' },
    { label: '15:00', action: 'b:t:1500', group: 'Afternoon' },
    { label: 'Another day', action: 'b:other-day' },
    { label: 'Confirm', action: 'b:confirm', primary: true },
  ],
};

describe('GET /api/messages/stream', () => {
  it.each([
    ['no conversation id', ''],
    ['an id that is not one', 'conversationId=guest-1'],
    ['a negative after', 'conversationId=3f1c2b7e-8a4d-4c1e-9b2a-5d6e7f8a9b0c&after=-1'],
    ['an unknown parameter', 'conversationId=3f1c2b7e-8a4d-4c1e-9b2a-5d6e7f8a9b0c&admin=1'],
  ])('refuses %s with a 400 that says what is wrong', async (_, query) => {
    const server = await serve();
    const response = await server.app.inject({ method: 'GET', url: `/api/messages/stream?${query}` });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json())).toEqual(['error']);
  });

  it('opens nothing for an id the server did not issue (404)', async () => {
    const server = await serve();
    const conversationId = await startConversation(server);
    const [uuid] = conversationId.split('.');
    for (const madeUp of ['3f1c2b7e-8a4d-4c1e-9b2a-5d6e7f8a9b0c', `${uuid}.${'A'.repeat(22)}`]) {
      const response = await server.app.inject({ method: 'GET', url: `/api/messages/stream?conversationId=${encodeURIComponent(madeUp)}` });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatch(/No such conversation/);
    }
  });

  it('sends what was waiting, then each message the moment it is added, with its groups and main choice, each once', async () => {
    const server = await serve();
    const conversationId = await startConversation(server);
    await server.concierge.outbox.deliver('web', conversationId, [{ text: 'Sent while you were away.' }]);
    const opened = await stream(server, `conversationId=${conversationId}&after=0`);
    expect(opened.status).toBe(200);
    expect(opened.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(opened.headers['cache-control']).toBe('no-store');
    await waitFor('the waiting message', () => opened.events.length === 1);
    expect(opened.events[0]?.data.replies).toEqual([{ text: 'Sent while you were away.' }]);
    expect(opened.events[0]?.id).toBe(String(opened.events[0]?.data.id));

    const sentAt = Date.now();
    await server.concierge.outbox.deliver('web', conversationId, [times]);
    await waitFor('the live message', () => opened.events.length === 2, 1000);
    expect(Date.now() - sentAt).toBeLessThan(500);
    // What the page needs to draw the groups and the main button, and nothing else of the core's.
    expect(opened.events[1]?.data.replies).toEqual([times]);
    expect(opened.events[1]!.data.id).toBeGreaterThan(opened.events[0]!.data.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(opened.events).toHaveLength(2);
  });

  it('sends a page that reconnects only what it has not shown: after its `after`, or its Last-Event-ID', async () => {
    const server = await serve();
    const conversationId = await startConversation(server);
    for (const text of ['one', 'two', 'three']) await server.concierge.outbox.deliver('web', conversationId, [{ text }]);
    const first = await stream(server, `conversationId=${conversationId}`);
    await waitFor('three messages', () => first.events.length === 3);
    first.close();
    const [one, two] = first.events.map((event) => event.data.id);

    const byAfter = await stream(server, `conversationId=${conversationId}&after=${one}`);
    await waitFor('the rest', () => byAfter.events.length === 2);
    expect(byAfter.events.map((event) => event.data.replies[0]?.text)).toEqual(['two', 'three']);
    byAfter.close();
    // The browser's own reconnection keeps the first URL and says what it got in Last-Event-ID.
    const byHeader = await stream(server, `conversationId=${conversationId}&after=${one}`, { 'last-event-id': String(two) });
    await waitFor('the last one', () => byHeader.events.length === 1);
    expect(byHeader.events[0]?.data.replies[0]?.text).toBe('three');
    // What the page acknowledged is forgotten; the rest still waits for a page that polls.
    const pending = await server.app.inject({ method: 'GET', url: `/api/messages/pending?conversationId=${conversationId}` });
    expect(pending.json<PendingResponse>().messages.map((m) => m.replies[0]?.text)).toEqual(['three']);
  });

  it('catches up at each keep-alive on a message whose announcement never came', async () => {
    const inner = createMemoryPendingMessages();
    // A store that keeps messages but announces none, as a Redis subscriber that was reconnecting would.
    const silent: PendingMessages = { ...inner, listen: async () => async () => {} };
    const server = await serve({ pending: silent, streams: { keepAliveSeconds: 0.2 } });
    const conversationId = await startConversation(server);
    const opened = await stream(server, `conversationId=${conversationId}`);
    await server.concierge.outbox.deliver('web', conversationId, [{ text: 'Late but here.' }]);
    await waitFor('the message, at the next keep-alive', () => opened.events.length === 1, 2000);
    expect(opened.events[0]?.data.replies[0]?.text).toBe('Late but here.');
  });

  it('keeps at most a few streams open per conversation and per address (429 past them)', async () => {
    const server = await serve({ streams: { perConversation: 2, perAddress: 3 } });
    const [a, b] = [await startConversation(server), await startConversation(server)];
    const first = await stream(server, `conversationId=${a}`);
    await stream(server, `conversationId=${a}`);
    const third = await fetch(`${server.url}api/messages/stream?conversationId=${a}`);
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: string }).error).toMatch(/Too many open message streams in this conversation/);
    await stream(server, `conversationId=${b}`);
    const fourth = await fetch(`${server.url}api/messages/stream?conversationId=${b}`);
    expect(fourth.status).toBe(429);
    expect(((await fourth.json()) as { error: string }).error).toMatch(/from your address/);
    // A closed stream frees its place.
    first.close();
    await first.finished;
    let again = await stream(server, `conversationId=${a}`);
    for (let tries = 0; tries < 50 && again.status !== 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      again = await stream(server, `conversationId=${a}`);
    }
    expect(again.status).toBe(200);
  });

  it('ends open streams when the server shuts down, without holding it up', async () => {
    const server = await serve();
    const conversationId = await startConversation(server);
    const opened = await stream(server, `conversationId=${conversationId}`);
    expect(opened.status).toBe(200);
    const started = Date.now();
    await server.app.close();
    servers = servers.filter((s) => s !== server);
    expect(Date.now() - started).toBeLessThan(1000);
    await opened.finished;
    expect(opened.ended()).toBe(true);
  });

  it('reaches a page streaming from another instance, through Redis, when the message is added on this one', async () => {
    const prefix = redis.newPrefix('web-stream');
    const [pendingA, pendingB] = [createRedisPendingMessages(redis.client, { prefix }), createRedisPendingMessages(redis.client, { prefix })];
    stores.push(pendingA, pendingB);
    const a = await serve({ pending: pendingA });
    const b = await serve({ pending: pendingB });
    const conversationId = await startConversation(a);
    // The answer's headers come once the stream listens.
    const opened = await stream(a, `conversationId=${conversationId}`);
    expect(opened.status).toBe(200);
    await b.concierge.outbox.deliver('web', conversationId, [{ text: 'From our team (Hoa): we are here.' }]);
    await waitFor('the message from the other instance', () => opened.events.length === 1, 2000);
    expect(opened.events[0]?.data.replies[0]?.text).toBe('From our team (Hoa): we are here.');
  });

  it('reads the store once per announcement, not once per keep-alive in between', async () => {
    const pending = countingPending(createMemoryPendingMessages());
    const server = await serve({ pending });
    const conversationId = await startConversation(server);
    const opened = await stream(server, `conversationId=${conversationId}`);
    await waitFor('the first read', () => (pending.calls.since ?? 0) === 1);
    await server.concierge.outbox.deliver('web', conversationId, [{ text: 'hi' }]);
    await waitFor('the message', () => opened.events.length === 1);
    expect(pending.calls.since).toBe(2);
  });
});

describe('the device’s time zone in POST /api/messages', () => {
  /** A concierge that records the turns the web chat gives it. */
  async function recordingConcierge(): Promise<{ concierge: Concierge; turns: Turn[] }> {
    const inner = await createTestConcierge({ now: () => THURSDAY_9AM });
    const turns: Turn[] = [];
    const concierge = new Proxy(inner, {
      get: (target, key) => (key === 'respond' ? (turn: Turn) => (turns.push(turn), target.respond(turn)) : Reflect.get(target, key)),
    });
    return { concierge, turns };
  }

  it('passes a real IANA zone on to the core as the guest’s', async () => {
    const { concierge, turns } = await recordingConcierge();
    const server = await serve({ concierge });
    // Chromium still reports some zones by their older names ("Asia/Saigon"): those are real zones too.
    for (const zone of ['Asia/Seoul', 'America/Argentina/Buenos_Aires', 'UTC', 'Asia/Saigon']) {
      const response = await server.app.inject({ method: 'POST', url: '/api/messages', payload: { text: 'hello', timeZone: zone } });
      expect(response.statusCode).toBe(200);
    }
    expect(turns.map((turn) => turn.guest.timeZone)).toEqual(['Asia/Seoul', 'America/Argentina/Buenos_Aires', 'UTC', 'Asia/Saigon']);
  });

  it.each([
    ['an unknown zone', 'Mars/Olympus_Mons'],
    ['an offset', '+07:00'],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['a very long name', `Asia/${'X'.repeat(300)}`],
    ['a number', 7],
    ['an object', { zone: 'Asia/Seoul' }],
    ['an empty string', ''],
  ])('ignores %s: the message is answered, no zone is passed on, and the value is not echoed', async (_, zone) => {
    const { concierge, turns } = await recordingConcierge();
    const server = await serve({ concierge });
    const response = await server.app.inject({ method: 'POST', url: '/api/messages', payload: { text: 'does it hurt?', timeZone: zone } });
    expect(response.statusCode).toBe(200);
    expect(response.json<MessagesResponse>().replies[0]?.text).toMatch(/hurt/i);
    expect(turns[0]?.guest).not.toHaveProperty('timeZone');
    if (typeof zone === 'string' && zone !== '') expect(response.body).not.toContain(zone);
  });
});
