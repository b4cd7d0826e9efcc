// Shared set-up of the web chat's live-message tests: the web chat on a real loopback server (as
// main.ts wires it), a reader of its event stream as a browser's EventSource reads it, and the page's
// usual moves in a real browser.
import { get as httpGet, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { createConversationIds, registerWebChat, type ConversationIds, type WebChatOptions } from '../../src/channels/web/index.ts';
import type { Concierge } from '../../src/core/index.ts';
import { createHttpServer } from '../../src/http/index.ts';
import type { PendingMessages } from '../../src/store/index.ts';
import { createTestConcierge, realKnowledge } from '../helpers/bot.ts';

/** 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, so "tomorrow" is always Friday the 27th. */
export const THURSDAY_9AM = new Date('2026-11-26T02:00:00Z');
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 } };
/** A secret every instance of a test shares, so each accepts the ids the other issued. */
export const SHARED_ID_SECRET = 'web-chat-live-tests-secret';

/** A web chat server on loopback. */
export interface ServedWebChat {
  app: FastifyInstance;
  url: string;
  port: number;
  concierge: Concierge;
  ids: ConversationIds;
}

/** The web chat as main.ts wires it, on `port` (a free one by default); anything in `options` replaces the defaults. */
export async function serveWebChat(options: Partial<WebChatOptions> & { port?: number } = {}): Promise<ServedWebChat> {
  const { content } = await realKnowledge();
  const logger = pino({ level: 'silent' });
  const { port = 0, ...rest } = options;
  const concierge = options.concierge ?? (await createTestConcierge({ now: () => THURSDAY_9AM }));
  const ids = options.conversationIds ?? createConversationIds(SHARED_ID_SECRET);
  const app = createHttpServer({ logger, ready: async () => true });
  await registerWebChat(app, { logger, page: { spaName: content.spa.name, texts: content.messages }, ...rest, concierge, conversationIds: ids });
  await app.listen({ port, host: '127.0.0.1' });
  const listening = (app.server.address() as AddressInfo).port;
  return { app, concierge, ids, port: listening, url: `http://127.0.0.1:${listening}/` };
}

/** One event of a stream: its id and its data parsed. */
export interface StreamEvent {
  id: string | undefined;
  data: { id: number; replies: Array<{ text: string; choices?: Array<Record<string, unknown>> }> };
}

/**
 * Opens `GET /api/messages/stream` and reads its events as they come, as EventSource does (blocks
 * split at blank lines; `id:` and `data:` fields; comments skipped). Over node:http, whose `destroy`
 * closes the connection at once, as a browser leaving the page does.
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}) {
  const events: StreamEvent[] = [];
  let ended = false;
  let request: ClientRequest | undefined;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    request = httpGet(url, { headers: { accept: 'text/event-stream', ...headers } }, resolve);
    request.on('error', reject);
  });
  const finished = new Promise<void>((resolve) => {
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
        const lines = buffer.slice(0, at).split('\n');
        buffer = buffer.slice(at + 2);
        const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        const data = field('data');
        if (data !== undefined) events.push({ id: field('id'), data: JSON.parse(data) as StreamEvent['data'] });
      }
    });
    response.on('close', () => {
      ended = true;
      resolve();
    });
  });
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    events,
    /** Whether the server ended the stream (or the test closed it). */
    ended: () => ended,
    /** Resolves when the stream is over. */
    finished,
    close: () => void request?.destroy(),
  };
}

/** Wraps a store to count how often each of its methods is called. */
export function countingPending(inner: PendingMessages): PendingMessages & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const count = <T>(name: string, value: T) => ((calls[name] = (calls[name] ?? 0) + 1), value);
  return {
    calls,
    add: (conversationId, replies) => count('add', inner.add(conversationId, replies)),
    since: (conversationId, after) => count('since', inner.since(conversationId, after)),
    listen: (conversationId, onAdded) => count('listen', inner.listen(conversationId, onAdded)),
    close: () => inner.close(),
  };
}

/** The bot's bubbles on a page. */
export const botBubbles = (page: Page) => page.locator('.message.bot .bubble');
/** The latest message on a page. */
export const lastMessage = (page: Page) => page.locator('.message').last();

/** Waits until a bot message matching `pattern` is shown (within `timeout` ms, the context's default otherwise). */
export async function botSays(page: Page, pattern: RegExp, timeout?: number): Promise<void> {
  await botBubbles(page).filter({ hasText: pattern }).last().waitFor(timeout === undefined ? {} : { timeout });
}

/** Types a message and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  await page.getByLabel('Your message').fill(text);
  await page.getByLabel('Your message').press('Enter');
}

/** The conversation id the page keeps (a string evaluated in the page: the tests are type-checked without the DOM's types). */
export async function storedConversationId(page: Page): Promise<string> {
  return String(await page.evaluate("localStorage.getItem('spa-concierge.conversation-id')"));
}

/** Resolves once the page has its message stream open (the server counts it). */
export async function streamOpened(page: Page): Promise<void> {
  await page.locator('html[data-live="open"]').waitFor({ state: 'attached' });
}

/**
 * Evaluated in the page: how far each visible, enabled control stands out from what is around it
 * (WCAG's non-text contrast, which axe does not check): the better of its border and its fill against
 * the background behind it. Links are text, which axe's color-contrast checks.
 */
export const CONTROL_CONTRAST = `(() => {
  const rgb = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const opaque = (color) => { const parts = rgb(color); return parts.length === 3 || (parts.length === 4 && parts[3] === 1); };
  const behind = (element) => { for (let e = element.parentElement; e; e = e.parentElement) { const bg = getComputedStyle(e).backgroundColor; if (opaque(bg)) return rgb(bg); } return [255, 255, 255]; };
  const controls = [...document.querySelectorAll('button:not(:disabled), input, a[href]')].filter((e) => e.getClientRects().length > 0);
  return controls.map((control) => {
    const style = getComputedStyle(control);
    const around = behind(control);
    const fill = opaque(style.backgroundColor) ? rgb(style.backgroundColor) : around;
    const bordered = parseFloat(style.borderTopWidth) > 0 && opaque(style.borderTopColor);
    const lowest = bordered ? Math.max(ratio(rgb(style.borderTopColor), around), ratio(fill, around)) : ratio(fill, around);
    const name = control.tagName.toLowerCase() + ' ' + (control.textContent || control.getAttribute('aria-label') || control.id).trim();
    return { name, ratio: control.tagName === 'A' ? Infinity : Math.round(lowest * 100) / 100 };
  });
})()`;
