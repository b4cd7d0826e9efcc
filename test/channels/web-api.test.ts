import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { registerWebChat, type MessagesResponse, type WebChatRateLimit } from '../../src/channels/web/index.ts';
import { StoreError, type Concierge, type ConversationStore, type Logger } from '../../src/core/index.ts';
import { createHttpServer } from '../../src/http/index.ts';
import { createTestConcierge, realKnowledge } from '../helpers/bot.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, so "tomorrow" is always Friday the 27th.
const now = () => new Date('2026-11-26T02:00:00Z');
// An id the server issued: a random UUID and its signature.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.[A-Za-z0-9_-]{22}$/;
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The HTTP server with the web chat, as main.ts wires them, over a real concierge. */
async function serve(options: { concierge?: Concierge; rateLimit?: Partial<WebChatRateLimit>; logger?: Logger } = {}): Promise<FastifyInstance> {
  const { content } = await realKnowledge();
  const logger = pino({ level: 'silent' });
  app = createHttpServer({ logger, ready: async () => true });
  await registerWebChat(app, {
    concierge: options.concierge ?? (await createTestConcierge({ now })),
    logger: options.logger ?? logger,
    page: { spaName: content.spa.name, texts: content.messages },
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  return app;
}

function post(server: FastifyInstance, payload: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return server.inject({ method: 'POST', url: '/api/messages', payload: payload as object, headers });
}

/** A guest of the API: keeps the conversation id, presses choices by label. */
function apiGuest(server: FastifyInstance) {
  let conversationId: string | undefined;
  let last: MessagesResponse | undefined;
  const send = async (body: { text: string } | { action: string }) => {
    const response = await post(server, { ...(conversationId ? { conversationId } : {}), ...body });
    expect(response.statusCode, response.body).toBe(200);
    last = response.json<MessagesResponse>();
    conversationId = last.conversationId;
    return last.replies.map((r) => r.text).join('\n');
  };
  return {
    say: (text: string) => send({ text }),
    press(label: string) {
      const choice = last?.replies.at(-1)?.choices?.find((c) => c.label === label);
      if (!choice) throw new Error(`"${label}" is not offered: ${JSON.stringify(last?.replies.at(-1)?.choices)}`);
      return send({ action: choice.action });
    },
    get conversationId() {
      return conversationId;
    },
    get last() {
      return last;
    },
  };
}

describe('POST /api/messages', () => {
  it('starts a conversation, answers an FAQ question and keeps the conversation id', async () => {
    const server = await serve();
    const guest = apiGuest(server);
    expect(await guest.say('how long does an upper back massage last?')).toMatch(/30 minutes/);
    expect(guest.conversationId).toMatch(UUID);
    const first = guest.conversationId;
    await guest.say('does it hurt?');
    expect(guest.conversationId).toBe(first);
  });

  it('answers the greeting action with the welcome and the menu as choices', async () => {
    const server = await serve();
    const response = await post(server, { action: 'i:greeting' });
    expect(response.statusCode).toBe(200);
    const body = response.json<MessagesResponse>();
    expect(body.replies[0]?.text).toMatch(/L Spa assistant/);
    expect(body.replies.at(-1)?.choices).toContainEqual({ label: 'Does it hurt?', action: 'i:faq.pain' });
    // Only text and choices travel: nothing else of the core's replies.
    for (const reply of body.replies) expect(Object.keys(reply).every((k) => k === 'text' || k === 'choices')).toBe(true);
  });

  it('follows a chosen action to its answer', async () => {
    const server = await serve();
    const guest = apiGuest(server);
    await guest.say('hello');
    expect(await guest.press('Does it hurt?')).toMatch(/shouldn't hurt/i);
  });

  it('books a session end to end', async () => {
    const server = await serve();
    const guest = apiGuest(server);
    expect(await guest.say('can I come tomorrow at 3pm, an hour please?')).toMatch(/Friday 27 November at 15:00/);
    await guest.press('No preference');
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    await guest.say('Lan');
    expect(await guest.say('0905 123 456')).toMatch(/When: Friday 27 November at 15:00/);
    expect(await guest.press('Confirm')).toMatch(/reference is LS-[A-Z0-9]{4}/);
  });

  it('continues a conversation under the id it issued, and starts a new one for an id it did not', async () => {
    const server = await serve();
    const first = await post(server, { text: 'I want to book a massage' });
    const conversationId = first.json<MessagesResponse>().conversationId;
    const response = await post(server, { conversationId, text: 'an hour' });
    expect(response.json<MessagesResponse>().conversationId).toBe(conversationId);
    expect(response.json<MessagesResponse>().replies.map((r) => r.text).join('\n')).toMatch(/which day/i);
    // A made-up id (a plain UUID as older pages kept, or a forged signature) opens nothing: a new conversation starts.
    const [uuid] = conversationId.split('.');
    for (const madeUp of ['3f1c2b7e-8a4d-4c1e-9b2a-5d6e7f8a9b0c', `${uuid}.${'A'.repeat(22)}`]) {
      const fresh = (await post(server, { conversationId: madeUp, text: 'an hour' })).json<MessagesResponse>();
      expect(fresh.conversationId).toMatch(UUID);
      expect(fresh.conversationId).not.toBe(madeUp);
      expect(fresh.conversationId).not.toBe(conversationId);
      expect(fresh.replies.map((r) => r.text).join('\n')).not.toMatch(/which day/i);
    }
    // And its waiting messages cannot be read with a made-up id.
    const pending = await server.inject({ method: 'GET', url: `/api/messages/pending?conversationId=${uuid}.${'A'.repeat(22)}` });
    expect(pending.statusCode).toBe(404);
  });

  it.each([
    ['no text and no action', {}, /send exactly one of "text" and "action"/],
    ['both text and action', { text: 'hi', action: 'i:greeting' }, /send exactly one of "text" and "action"/],
    ['an unknown field', { text: 'hi', admin: true }, /Unrecognized key: "admin"/],
    ['an empty text', { text: '' }, /text: must not be empty/],
    ['a text that is not a string', { text: 42 }, /text: must be a string/],
    ['a text over 2,000 characters', { text: 'a'.repeat(2001) }, /text: is too long: at most 2000 characters/],
    ['an action over 64 characters', { action: `i:${'a'.repeat(63)}` }, /action: is too long: at most 64 characters/],
    ['a conversation id that is not one', { conversationId: 'guest-1', text: 'hi' }, /conversationId: must be a conversation id returned by this API/],
    ['a JSON array', [{ text: 'hi' }], /the body must be a JSON object/],
  ])('refuses %s with a 400 that says what is wrong', async (_, payload, message) => {
    const server = await serve();
    const response = await post(server, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(message);
    expect(Object.keys(response.json())).toEqual(['error']);
  });

  it('accepts a text of exactly 2,000 characters', async () => {
    const server = await serve();
    const response = await post(server, { text: 'how long is it? '.repeat(125) });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a body that is not JSON', async () => {
    const server = await serve();
    const form = await server.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'text=hi' });
    expect(form.statusCode).toBe(415);
    expect(form.json().error).toMatch(/send JSON/);
    const plain = await server.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'text/plain' }, payload: 'hi' });
    expect(plain.statusCode).toBe(415);
    const broken = await server.inject({ method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json' }, payload: '{"text": "hi"' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatch(/not valid JSON/);
  });

  it('refuses a body over 16 KB with a 413', async () => {
    const server = await serve();
    const response = await post(server, { text: 'hi', padding: 'x'.repeat(20_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatch(/too large/);
  });

  it('answers kindly when the concierge fails, and logs the detail', async () => {
    const failing: ConversationStore = {
      read: async () => {
        throw new TypeError('a bug in reading state');
      },
      write: async () => {},
      delete: async () => {},
    };
    const logged: Array<{ details: object; message?: string }> = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (details, message) => void logged.push({ details, ...(message ? { message } : {}) }) };
    const server = await serve({ concierge: await createTestConcierge({ now, store: failing }), logger });
    const response = await post(server, { text: 'does it hurt?' });
    expect(response.statusCode).toBe(200);
    const body = response.json<MessagesResponse>();
    expect(body.conversationId).toMatch(UUID);
    expect(body.replies[0]?.text).toMatch(/something went wrong on our side/i);
    expect(body.replies[0]?.choices?.length).toBeGreaterThan(0);
    expect(response.body).not.toMatch(/a bug in reading state/);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toMatch(/web chat message failed/);
    expect(String((logged[0]?.details as { err?: Error }).err?.message)).toMatch(/a bug in reading state/);
    });

  it('says briefly that it is having trouble when the store cannot be reached, and logs why', async () => {
    const failing: ConversationStore = {
      read: async () => {
        throw new StoreError('Redis went away');
      },
      write: async () => {},
      delete: async () => {},
    };
    const logged: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn() {}, error: (details) => void logged.push(String((details as { err?: Error }).err?.message)) };
    const server = await serve({ concierge: await createTestConcierge({ now, store: failing, logger }), logger });
    const response = await post(server, { text: 'does it hurt?' });
    expect(response.statusCode).toBe(200);
    expect(response.json<MessagesResponse>().replies.map((r) => r.text)).toEqual(["Sorry, I'm having trouble right now. Please try again in a minute."]);
    expect(response.body).not.toMatch(/Redis went away/);
    expect(logged).toEqual(['Redis went away']);
});
});

describe('rate limits of POST /api/messages', () => {
  it('answers 429 with retryAfterSeconds when one conversation sends too many messages', async () => {
    const server = await serve({ rateLimit: { perConversation: 3, perAddress: 100 } });
    const guest = apiGuest(server);
    await guest.say('hello');
    await guest.say('does it hurt?');
    await guest.say('how long is it?');
    const limited = await post(server, { conversationId: guest.conversationId, text: 'and how often?' });
    expect(limited.statusCode).toBe(429);
    const body = limited.json();
    expect(body.error).toMatch(/Too many messages in this conversation: please wait \d+ seconds/);
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
    expect(body.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.headers['retry-after']).toBe(String(body.retryAfterSeconds));
    // Another conversation from the same address goes on.
    expect((await post(server, { text: 'hello' })).statusCode).toBe(200);
  });

  it('answers 429 when one address sends too many messages, across conversations', async () => {
    const server = await serve({ rateLimit: { perConversation: 100, perAddress: 3 } });
    for (let i = 0; i < 3; i++) expect((await post(server, { text: 'hello' })).statusCode).toBe(200);
    const limited = await post(server, { text: 'hello' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatch(/Too many messages from your address/);
    expect(limited.json().retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not held back.
    const other = await server.inject({ method: 'POST', url: '/api/messages', payload: { text: 'hello' }, remoteAddress: '203.0.113.7' });
    expect(other.statusCode).toBe(200);
  });

  it('lets a conversation talk again once its window has passed', async () => {
    const server = await serve({ rateLimit: { perConversation: 1, perAddress: 100, windowMs: 300 } });
    const guest = apiGuest(server);
    await guest.say('hello');
    expect((await post(server, { conversationId: guest.conversationId, text: 'hi' })).statusCode).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await post(server, { conversationId: guest.conversationId, text: 'hi' })).statusCode).toBe(200);
  });
});

describe('the chat page and the widget script', () => {
  it('serves the page in the spa’s name, with its own files only', async () => {
    const server = await serve();
    const page = await server.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.body).toMatch(/<title>L Spa<\/title>/);
    expect(page.body).toMatch(/role="log" aria-live="polite"/);
    expect(page.body).not.toMatch(/\{\{|https?:\/\//);
    for (const file of ['/chat.js', '/chat.css']) expect((await server.inject({ method: 'GET', url: file })).statusCode).toBe(200);
    // The templates are only served filled in.
    expect((await server.inject({ method: 'GET', url: '/index.html' })).statusCode).toBe(404);
  });

  it('serves the widget script with its labels filled in', async () => {
    const server = await serve();
    const widget = await server.inject({ method: 'GET', url: '/widget.js' });
    expect(widget.statusCode).toBe(200);
    expect(widget.headers['content-type']).toMatch(/javascript/);
    expect(widget.body).toMatch(/"openLabel":"Chat with us"/);
    expect(widget.body).not.toMatch(/\/\* settings \*\/ \{\}/);
  });
});
