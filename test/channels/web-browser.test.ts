// The web chat in a real browser: Debian's chromium, driven by playwright-core, against the real
// server on a loopback port. These tests fail (never skip) when chromium is missing: install it with
// `apt-get install chromium` (.ci/run does). A booking from a browser on Seoul's clock is made at a
// laptop's size (1280×800) and a phone's (390×844).
//
// One test also saves a screenshot of the page mid-conversation, to a temporary file; set
// WEB_CHAT_SCREENSHOT=docs/web-chat.png to refresh the one in the README.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerWebChat, type WebChatRateLimit } from '../../src/channels/web/index.ts';
import { createHttpServer } from '../../src/http/index.ts';
import { browserForTests } from '../helpers/browser.ts';
import { createTestConcierge, realKnowledge } from '../helpers/bot.ts';
import { DESKTOP, PHONE } from './web-chat-harness.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, so "tomorrow" is always Friday the 27th.
const now = () => new Date('2026-11-26T02:00:00Z');

const { browser, close: closeBrowser } = browserForTests();
// A fresh server for each test: its own conversations and bookings, with the clock standing still.
let main: { app: FastifyInstance; url: string };
const contexts: BrowserContext[] = [];

/** The HTTP server with the web chat, as main.ts wires them, listening on a free loopback port. */
async function serve(rateLimit?: Partial<WebChatRateLimit>): Promise<{ app: FastifyInstance; url: string }> {
  const { content } = await realKnowledge();
  const logger = pino({ level: 'silent' });
  const app = createHttpServer({ logger, ready: async () => true });
  await registerWebChat(app, {
    concierge: await createTestConcierge({ now }),
    logger,
    page: { spaName: content.spa.name, texts: content.messages },
    ...(rateLimit ? { rateLimit } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/` };
}


beforeEach(async () => {
  main = await serve();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await main?.app.close();
});

afterAll(async () => {
  await closeBrowser();
});

/** How a guest's browser is set up: its screen, its zone, and (for pictures) a clock standing at the bot's time. */
interface BrowserSetUp {
  size?: typeof PHONE | typeof DESKTOP;
  timezoneId?: string;
  at?: Date;
}

/**
 * A fresh browser (its own storage), phone-sized unless `size` says otherwise, with the chat open and
 * the welcome shown; its zone is Da Nang's unless `timezoneId` says otherwise (the page tells the bot,
 * which then gives the guest's time too).
 */
async function openChat(url = main.url, { size = PHONE, timezoneId = 'Asia/Ho_Chi_Minh', at }: BrowserSetUp = {}): Promise<Page> {
  const context = await (await browser()).newContext({ ...size, timezoneId });
  context.setDefaultTimeout(8000);
  contexts.push(context);
  // The times under messages then match the conversation's ("holding it for 10 minutes" at 09:00).
  if (at) await context.clock.setFixedTime(at);
  const page = await context.newPage();
  await page.goto(url);
  await botSays(page, /L Spa assistant/);
  await lastMessage(page).getByRole('button').first().waitFor();
  return page;
}

const lastMessage = (page: Page) => page.locator('.message').last();
const botBubbles = (page: Page) => page.locator('.message.bot .bubble');

/** Waits until a bot message matching `pattern` is shown. */
async function botSays(page: Page, pattern: RegExp): Promise<void> {
  await botBubbles(page).filter({ hasText: pattern }).last().waitFor();
}

/** Types a message and sends it with Enter. */
async function say(page: Page, text: string): Promise<void> {
  await page.getByLabel('Your message').fill(text);
  await page.getByLabel('Your message').press('Enter');
}

/** Presses a choice of the latest message, once the bot has answered. */
async function press(page: Page, label: string): Promise<void> {
  await lastMessage(page).getByRole('button', { name: label, exact: true }).click();
}

describe('the web chat page', () => {
  it('shows the spa’s name, greets with the menu and answers a typed FAQ question', async () => {
    const page = await openChat();
    expect(await page.locator('h1').textContent()).toBe('L Spa');
    expect(await page.title()).toBe('L Spa');
    const log = page.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    const menu = await lastMessage(page).getByRole('button').allTextContents();
    expect(menu).toContain('Does it hurt?');
    expect(menu).toContain('Book a session');

    await say(page, 'how long does an upper back massage last?');
    await botSays(page, /30 minutes/);
    expect(await page.locator('.message.guest .bubble').last().textContent()).toMatch(/how long does an upper back massage last\?$/);
    expect(await page.getByLabel('Your message').inputValue()).toBe('');
    expect(await page.locator('#typing').isHidden()).toBe(true);
  });

  it('sends a pressed choice, then disables that message’s buttons', async () => {
    const page = await openChat();
    const menuMessage = page.locator('.message').nth((await page.locator('.message').count()) - 1);
    await press(page, 'Does it hurt?');
    await botSays(page, /shouldn't hurt/i);
    expect(await page.locator('.message.guest .bubble').last().textContent()).toMatch(/Does it hurt\?$/);
    const buttons = menuMessage.getByRole('button');
    for (const button of await buttons.all()) expect(await button.isDisabled()).toBe(true);
    expect(await menuMessage.locator('button.picked').textContent()).toBe('Does it hurt?');
    // The answer's own follow-up choices are live.
    expect(await lastMessage(page).getByRole('button').first().isEnabled()).toBe(true);
  });

  it('can be used from the keyboard: the choices are reachable with Tab and pressed with Enter', async () => {
    const page = await openChat();
    await page.getByLabel('Your message').focus();
    // Back from the text box lands on the last choice of the latest message (the language button), then the one before.
    await page.keyboard.press('Shift+Tab');
    expect(await page.locator(':focus').textContent()).toBe('🌐 Language');
    await page.keyboard.press('Shift+Tab');
    expect(await page.locator(':focus').textContent()).toBe('Talk to a person');
    await page.keyboard.press('Enter');
    await botSays(page, /call us at/i);
    // After a choice, the focus goes back to the text box.
    expect(await page.locator(':focus').getAttribute('id')).toBe('message');
  });

  it.each([
    ['1280×800', DESKTOP],
    ['390×844', PHONE],
  ])('at %s, books a session end to end with buttons and typing, keeping the summary’s line breaks, with the time on the guest’s clock too', async (_, size) => {
    // A guest whose laptop or phone is still on Seoul's time.
    const page = await openChat(main.url, { timezoneId: 'Asia/Seoul', size });
    await say(page, 'can I come tomorrow at 3pm, an hour please?');
    await botSays(page, /Friday 27 November at 15:00/);
    await press(page, 'No preference');
    await botSays(page, /pressure/i);
    await press(page, 'Medium');
    await press(page, 'Nothing to mention');
    await botSays(page, /name/i);
    await say(page, 'Lan');
    await botSays(page, /phone|email/i);
    await say(page, '0905 123 456');
    await botSays(page, /When: Friday 27 November at 15:00/);
    const summary = botBubbles(page).filter({ hasText: /When:/ }).last();
    // Rendered as separate lines, as the bot wrote them.
    expect(await summary.innerText()).toMatch(/When: Friday 27 November at 15:00 Da Nang time \(17:00 your time\)\nLength: 60 minutes/);
    // The price of the length, the therapist a "no preference" guest gets, and until when the time is held.
    expect(await summary.innerText()).toMatch(/Price: 600,000 VND\nTherapist: Mai \(sample\) \(free at that time\)/);
    expect(await summary.innerText()).toMatch(/holding this time for you until \d\d:\d\d Da Nang time \(\d\d:\d\d your time\)/);
    // The summary fits the screen's width, and Confirm is in view without scrolling.
    const { width, height } = size.viewport;
    const bubble = await summary.boundingBox();
    expect(bubble && bubble.x >= 0 && bubble.x + bubble.width <= width).toBe(true);
    const confirm = await lastMessage(page).getByRole('button', { name: 'Confirm', exact: true }).boundingBox();
    expect(confirm && confirm.y >= 0 && confirm.y + confirm.height <= height).toBe(true);
    await press(page, 'Confirm');
    await botSays(page, /reference is LS-[A-Z0-9]{4}/);
  });

  it('shows the conversation again after a reload and continues it where it was', async () => {
    const page = await openChat();
    await say(page, 'tomorrow at 3pm for an hour');
    await press(page, 'No preference');
    await botSays(page, /pressure/i);
    const before = await page.locator('.message').allInnerTexts();
    // A string, evaluated in the page (the tests are type-checked without the DOM's types).
    const storedId = "localStorage.getItem('spa-concierge.conversation-id')";
    const id = await page.evaluate(storedId);
    expect(id).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);

    await page.reload();
    await botSays(page, /pressure/i);
    expect(await page.locator('.message').allInnerTexts()).toEqual(before);
    expect(await page.evaluate(storedId)).toBe(id);
    // The used choice stays used; the latest question's buttons still work, and the server remembers the booking.
    expect(await page.locator('.message .choices button', { hasText: 'No preference' }).first().isDisabled()).toBe(true);
    await press(page, 'Medium');
    await botSays(page, /health|injur|mention/i);
    await press(page, 'Nothing to mention');
    await botSays(page, /name/i);
  });

  it('shows guest text as text, never as HTML', async () => {
    const page = await openChat();
    await say(page, '<img src=x onerror="document.title=\'hacked\'"> <b>hi</b>');
    await botBubbles(page).nth(2).waitFor();
    expect(await page.locator('.log img, .log b').count()).toBe(0);
    expect(await page.locator('.message.guest .bubble').last().textContent()).toMatch(/<img src=x/);
    expect(await page.title()).toBe('L Spa');
  });

  it('says so clearly when a message does not reach the server, and gives the text back', async () => {
    const page = await openChat();
    await page.route('**/api/messages', (route) => route.abort('internetdisconnected'));
    await say(page, 'does it hurt?');
    await page.locator('#error', { hasText: /didn't reach us/ }).waitFor();
    expect(await page.locator('#error').getAttribute('role')).toBe('alert');
    expect(await page.getByLabel('Your message').inputValue()).toBe('does it hurt?');
    expect(await page.locator('.message.guest').count()).toBe(0);

    await page.unroute('**/api/messages');
    await page.getByRole('button', { name: 'Send' }).click();
    await botSays(page, /shouldn't hurt/i);
    expect(await page.locator('#error').textContent()).toBe('');
    expect(await page.locator('#error').isHidden()).toBe(true);
  });

  it('says so clearly when the server answers 429', async () => {
    const limited = await serve({ perConversation: 2 });
    try {
      const page = await openChat(limited.url);
      await say(page, 'does it hurt?');
      await botSays(page, /shouldn't hurt/i);
      await say(page, 'how long is it?');
      await page.locator('#error', { hasText: /a little too fast/ }).waitFor();
      expect(await page.getByLabel('Your message').inputValue()).toBe('how long is it?');
    } finally {
      await limited.app.close();
    }
  });

  it('looks right mid-conversation on a phone (screenshot)', async () => {
    const page = await openChat(main.url, { at: now() });
    await press(page, 'How long is a session?');
    await botSays(page, /30 minutes/);
    await say(page, 'can I come tomorrow at 3pm, an hour please?');
    await botSays(page, /Friday 27 November at 15:00/);
    await lastMessage(page).getByRole('button', { name: 'No preference' }).waitFor();
    const path = process.env.WEB_CHAT_SCREENSHOT ?? join(tmpdir(), 'web-chat.png');
    const png = await page.screenshot({ path });
    expect(png.length).toBeGreaterThan(10_000);
  });
});

describe('the widget on the spa’s own site', () => {
  let siteToClose: Server | undefined;
  afterEach(() => {
    siteToClose?.close();
  });

  it('adds a corner bubble that opens the chat in a panel and closes it again', async () => {
    const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(8000);
    contexts.push(context);
    const page = await context.newPage();
    // The spa's own site, on another origin, with the one tag the README gives. It is a real server
    // on loopback, as chromium lets only loopback pages load from a loopback address.
    const site = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><title>L Spa website</title><h1>Welcome to L Spa</h1><script src="${main.url}widget.js" async></script>`);
    });
    site.listen(0, 'localhost');
    await once(site, 'listening');
    siteToClose = site;
    await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
    const bubble = page.getByRole('button', { name: 'Chat with us' });
    await bubble.waitFor();
    expect(await bubble.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('iframe').count()).toBe(0);

    await bubble.click();
    const frame = page.frameLocator('iframe[title="L Spa"]');
    await frame.locator('.message.bot .bubble', { hasText: /L Spa assistant/ }).waitFor();
    const close = page.getByRole('button', { name: 'Close the chat' });
    expect(await close.getAttribute('aria-expanded')).toBe('true');
    const box = await page.locator('iframe').boundingBox();
    expect(box && box.x + box.width).toBeGreaterThan(1200);
    expect(box && box.y + box.height).toBeLessThan(800);

    await frame.getByRole('button', { name: 'Does it hurt?' }).click();
    await frame.locator('.message.bot .bubble', { hasText: /shouldn't hurt/i }).waitFor();

    await close.click();
    expect(await page.locator('iframe').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Chat with us' }).getAttribute('aria-expanded')).toBe('false');
  });
});
