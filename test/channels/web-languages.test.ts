// The web chat in the guest's language, in a real browser (Debian's chromium, driven by
// playwright-core) against the real server on a loopback port. Playwright's `locale` sets both
// `navigator.languages` and the Accept-Language header, as a browser set to that language does.
// These tests fail (never skip) when chromium is missing: `apt-get install chromium`.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { BookingStore } from '../../src/booking/index.ts';
import { registerWebChat, type MessagesResponse } from '../../src/channels/web/index.ts';
import { createHttpServer } from '../../src/http/index.ts';
import { createCalendarFiles } from '../../src/reminders/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { browserForTests } from '../helpers/browser.ts';
import { createTestConcierge, realKnowledge } from '../helpers/bot.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, so "tomorrow" is always Friday the 27th.
const now = () => new Date('2026-11-26T02:00:00Z');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const { browser, close: closeBrowser } = browserForTests();
// A fresh server for each test: its own conversations and bookings, with the clock standing still.
let main: { app: FastifyInstance; url: string; bookings: BookingStore };
const contexts: BrowserContext[] = [];

/** The HTTP server with the web chat as main.ts wires it (calendar links too), on a free loopback port. */
async function serve(): Promise<typeof main> {
  const { content } = await realKnowledge();
  const logger = pino({ level: 'silent' });
  const bookings = createMemoryBookingStore({ now: () => now().getTime() });
  const concierge = await createTestConcierge({ now, bookings });
  const app = createHttpServer({ logger, ready: async () => true });
  await registerWebChat(app, {
    concierge,
    logger,
    page: { spaName: content.spa.name, texts: content.messages },
    calendar: { booking: (ref) => bookings.get(ref), file: createCalendarFiles(content, now, concierge.contentFor), linkLabel: content.reminders.calendar.link_label },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`, bookings };
}


// Vietnamese is understood from a model loaded on first use: loaded here, with the browser, so no test pays for it.
beforeAll(async () => {
  await Promise.all([(await realKnowledge()).understandings.of('vi'), browser()]);
});

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

/** A fresh browser set to `locale` (its own storage), its clock on Da Nang's time as a guest at the spa's would be. */
async function newContext(locale: string, device: object = PHONE): Promise<BrowserContext> {
  const context = await (await browser()).newContext({ ...device, locale, timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(8000);
  contexts.push(context);
  return context;
}

/** A phone browser set to `locale` with the chat open and the greeting's menu shown. */
async function openChat(locale: string): Promise<Page> {
  const page = await (await newContext(locale)).newPage();
  await page.goto(main.url);
  await lastMessage(page).getByRole('button').first().waitFor();
  return page;
}

const lastMessage = (page: Page) => page.locator('.message').last();
const botBubbles = (page: Page) => page.locator('.message.bot .bubble');
const sendButton = (page: Page) => page.locator('#composer button[type="submit"]');
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

/** Waits until a bot message matching `pattern` is shown. */
async function botSays(page: Page, pattern: RegExp): Promise<void> {
  await botBubbles(page).filter({ hasText: pattern }).last().waitFor();
}

/** Types a message in the text box (found by its role, whatever its label's language) and sends it with Enter. */
async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
}

/** Presses a choice of the latest message, once the bot has answered. */
async function press(page: Page, label: string): Promise<void> {
  await lastMessage(page).getByRole('button', { name: label, exact: true }).click();
}

/** The page's own labels, as a guest sees or hears them. */
async function labels(page: Page) {
  return {
    lang: await htmlLang(page),
    tagline: await page.locator('.tagline').textContent(),
    inputLabel: await page.locator('label[for="message"]').textContent(),
    placeholder: await page.getByRole('textbox').getAttribute('placeholder'),
    send: await sendButton(page).textContent(),
    typing: await page.locator('#typing .typing-text').textContent(),
    log: await page.getByRole('log').getAttribute('aria-label'),
  };
}

const VIETNAMESE_LABELS = {
  lang: 'vi',
  tagline: 'Giải đáp về massage lưng trên và đặt lịch',
  inputLabel: 'Tin nhắn của bạn',
  placeholder: 'Nhập câu hỏi của bạn…',
  send: 'Gửi',
  typing: 'Đang soạn tin…',
  log: 'Cuộc trò chuyện',
};

const ENGLISH_LABELS = {
  lang: 'en',
  tagline: 'Questions about your upper back massage, and bookings',
  inputLabel: 'Your message',
  placeholder: 'Type your question…',
  send: 'Send',
  typing: 'Typing…',
  log: 'Conversation',
};

describe('a guest whose browser is in Vietnamese (vi-VN)', () => {
  it('gets the page, the greeting and the menu in Vietnamese, and books a session by typing Vietnamese', async () => {
    const page = await openChat('vi-VN');
    expect(await labels(page)).toEqual(VIETNAMESE_LABELS);
    // The text box is named in Vietnamese for a screen reader too.
    expect(await page.getByLabel('Tin nhắn của bạn').count()).toBe(1);
    await botSays(page, /Xin chào bạn! Mình là trợ lý của L Spa/);
    const menu = await lastMessage(page).getByRole('button').allTextContents();
    expect(menu).toContain('Massage có đau không?');
    expect(menu).toContain('Đặt lịch massage');
    expect(menu).toContain('🌐 Ngôn ngữ');

    await say(page, 'mình muốn đặt lịch 3 giờ chiều mai, 1 tiếng');
    await botSays(page, /Thứ Sáu, ngày 27\/11 lúc 15:00 \(giờ Đà Nẵng\) còn trống/);
    await press(page, 'Không yêu cầu');
    await botSays(page, /lực massage/);
    await say(page, 'vừa');
    await botSays(page, /sức khỏe/);
    await say(page, 'không có');
    await botSays(page, /tên nào/);
    await say(page, 'Lan');
    await botSays(page, /số điện thoại hoặc email/);
    await say(page, '0905 123 456');
    await botSays(page, /Thời gian: Thứ Sáu, ngày 27\/11 lúc 15:00/);
    await press(page, 'Xác nhận');
    await botSays(page, /Đặt lịch thành công! Mã đặt lịch của bạn là LS-[A-Z0-9]{4}/);

    const confirmation = page.locator('.message.bot', { hasText: /Mã đặt lịch/ }).last();
    const ref = /LS-[A-Z0-9]{4}/.exec((await confirmation.textContent()) ?? '')?.[0] ?? '';
    // The calendar link under the confirmation speaks Vietnamese too.
    expect(await confirmation.locator('a.link').textContent()).toBe('Thêm vào lịch');
    const booking = await main.bookings.get(ref);
    expect(booking?.status).toBe('confirmed');
    expect(booking?.guest.language).toBe('vi');
    expect(booking?.guest.name).toBe('Lan');
    expect(await labels(page)).toEqual(VIETNAMESE_LABELS);
    // Eight turns, the first Vietnamese booking request of the process among them (a few seconds).
  }, 40_000);

  it('is told in Vietnamese when a message does not reach the server', async () => {
    const page = await openChat('vi-VN');
    await page.route('**/api/messages', (route) => route.abort('internetdisconnected'));
    await say(page, 'massage có đau không?');
    await page.locator('#error', { hasText: /tin nhắn của bạn chưa gửi được/ }).waitFor();
    expect(await page.getByRole('textbox').inputValue()).toBe('massage có đau không?');
  });

  it('sees the chat bubble on the spa’s own site in Vietnamese', async () => {
    const site = await spaSite();
    try {
      const page = await (await newContext('vi-VN', { viewport: { width: 1280, height: 800 } })).newPage();
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Trò chuyện với spa' }).click();
      await page.frameLocator('iframe[title="L Spa"]').locator('.message.bot .bubble', { hasText: /trợ lý của L Spa/ }).waitFor();
      expect(await page.getByRole('button', { name: 'Đóng khung chat' }).getAttribute('aria-expanded')).toBe('true');
    } finally {
      site.server.close();
    }
  });
});

describe('a guest whose browser is in a language the bot does not speak (de-DE)', () => {
  it('gets the page and the greeting in English', async () => {
    const page = await openChat('de-DE');
    expect(await labels(page)).toEqual(ENGLISH_LABELS);
    await botSays(page, /L Spa assistant/);
    expect(await lastMessage(page).getByRole('button').allTextContents()).toContain('Book a session');
  });

  it('sees the labels follow the conversation into Vietnamese, after a reload too, and back to English by the language button', async () => {
    const page = await openChat('de-DE');
    await say(page, 'massage có đau không?');
    await botSays(page, /Bình thường massage sẽ không đau/);
    expect(await labels(page)).toEqual(VIETNAMESE_LABELS);

    // The conversation's language is remembered with it; the server still serves this browser English.
    await page.reload();
    await botSays(page, /Bình thường massage sẽ không đau/);
    expect(await labels(page)).toEqual(VIETNAMESE_LABELS);

    await press(page, 'Menu');
    await press(page, '🌐 Ngôn ngữ');
    await press(page, 'English');
    await botSays(page, /I'll chat in English from now on/);
    expect(await labels(page)).toEqual(ENGLISH_LABELS);
  });
});

describe('the languages a request tells', () => {
  function post(payload: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return main.app.inject({ method: 'POST', url: '/api/messages', payload: payload as object, headers });
  }

  it('ignores a malformed language list sent straight to the API: the message is answered in English', async () => {
    const malformed: unknown[] = ['vi'.repeat(7000), 42, null, { 0: 'vi' }, [['vi']], ['vi'.repeat(20)], ['<script>', 'vi VN'], Array(200).fill(7)];
    for (const languages of malformed) {
      const response = await post({ text: 'does it hurt?', languages });
      expect(response.statusCode, `${JSON.stringify(languages).slice(0, 40)}: ${response.body}`).toBe(200);
      const answer = response.json<MessagesResponse>();
      expect(answer.replies.map((r) => r.text).join('\n')).toMatch(/shouldn't hurt/i);
      expect(answer.language).toBe('en');
    }
  });

  it('uses the first well-formed language of a list that has junk in it too', async () => {
    const response = await post({ action: 'i:greeting', languages: ['x'.repeat(5000), 7, 'de-DE', 'vi-VN', 'ko-KR'] });
    expect(response.statusCode).toBe(200);
    const answer = response.json<MessagesResponse>();
    expect(answer.replies[0]?.text).toMatch(/Xin chào bạn!/);
    expect(answer.language).toBe('vi');
  });

  it('serves the page in the browser’s most wanted language the bot speaks, and English for a malformed header', async () => {
    const page = (acceptLanguage: string) => main.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': acceptLanguage } });
    const korean = await page('de-DE;q=1, vi;q=0.5, ko-KR;q=0.8');
    expect(korean.headers['content-language']).toBe('ko');
    expect(korean.body).toMatch(/<html lang="ko">/);
    expect(korean.body).toContain('보내기');
    for (const junk of ['', 'vi;q=0', ';;;,,,', `${'a'.repeat(9000)},vi`, 'vi-VN;q=abc']) {
      const response = await page(junk);
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/<html lang="en">/);
    }
  });
});

/** The spa's own site, on another origin, with the one tag the README gives (loopback, as chromium requires). */
async function spaSite(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(`<!doctype html><title>L Spa website</title><h1>L Spa</h1><script src="${main.url}widget.js" async></script>`);
  });
  server.listen(0, 'localhost');
  await once(server, 'listening');
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}
