// Reminders in the web chat page, in a real browser (Debian's chromium, driven by playwright-core):
// messages sent while the page was closed appear when it opens (and while it is open), and the
// confirmation offers the calendar file. These tests fail (never skip) when chromium is missing.
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerWebChat } from '../../src/channels/web/index.ts';
import type { Concierge } from '../../src/core/index.ts';
import { createHttpServer } from '../../src/http/index.ts';
import { createCalendarFiles } from '../../src/reminders/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, realKnowledge } from '../helpers/bot.ts';

const CHROMIUM = '/usr/bin/chromium';
// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, so "tomorrow" is always Friday the 27th.
const now = () => new Date('2026-11-26T02:00:00Z');
const UUID_IN_STORAGE = "localStorage.getItem('spa-concierge.conversation-id')";

let launched: Promise<Browser> | undefined;
let served: { app: FastifyInstance; url: string; concierge: Concierge } | undefined;
const contexts: BrowserContext[] = [];

/** The web chat as main.ts wires it, polling for waiting messages every second. */
async function serve(): Promise<{ app: FastifyInstance; url: string; concierge: Concierge }> {
  const { content } = await realKnowledge();
  const logger = pino({ level: 'silent' });
  const bookings = createMemoryBookingStore({ now: () => now().getTime() });
  const concierge = await createTestConcierge({ bookings, now });
  const app = createHttpServer({ logger, ready: async () => true });
  await registerWebChat(app, {
    concierge,
    logger,
    page: { spaName: content.spa.name, texts: content.messages },
    pendingPollSeconds: 1,
    calendar: { booking: (ref) => bookings.get(ref), file: createCalendarFiles(content, now), linkLabel: content.reminders.calendar.link_label },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  served = { app, concierge, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/` };
  return served;
}

function browser(): Promise<Browser> {
  launched ??= chromium
    .launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
    .catch((error: Error) => {
      throw new Error(`The browser tests need chromium at ${CHROMIUM} (apt-get install chromium): ${error.message}`, { cause: error });
    });
  return launched;
}

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await served?.app.close();
  served = undefined;
});

afterAll(async () => {
  await (await launched?.catch(() => undefined))?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await (await browser()).newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  context.setDefaultTimeout(8000);
  contexts.push(context);
  return context;
}

const botBubbles = (page: Page) => page.locator('.message.bot .bubble');
const botSays = (page: Page, pattern: RegExp) => botBubbles(page).filter({ hasText: pattern }).last().waitFor();

describe('the web chat page and reminders', () => {
  it('shows what was sent while it was closed when it opens, and what comes while it is open', async () => {
    const { url, concierge } = await serve();
    const context = await newContext();
    const first = await context.newPage();
    await first.goto(url);
    await botSays(first, /L Spa assistant/);
    const conversationId = String(await first.evaluate(UUID_IN_STORAGE));
    await first.close();

    // The guest has left; the reminder is due.
    await concierge.outbox.deliver('web', conversationId, [
      { text: 'See you tomorrow at 15:00! Your reminder.', choices: [{ label: 'Move it', action: 'm:move:LS-7K3Q' }] },
    ]);
    const page = await context.newPage();
    await page.goto(url);
    await botSays(page, /See you tomorrow at 15:00! Your reminder\./);
    await page.locator('.message').last().getByRole('button', { name: 'Move it' }).waitFor();

    // While the page is open, the next one arrives within a poll.
    await concierge.outbox.deliver('web', conversationId, [{ text: 'Thank you for visiting L Spa! Your follow-up.' }]);
    await botSays(page, /Your follow-up\./);

    // Kept in the transcript, and shown once after a reload.
    await page.reload();
    await botSays(page, /Your follow-up\./);
    await page.waitForTimeout(1500);
    expect(await botBubbles(page).filter({ hasText: /Your reminder\./ }).count()).toBe(1);
    expect(await botBubbles(page).filter({ hasText: /Your follow-up\./ }).count()).toBe(1);
  });

  it('offers the calendar file under the booking confirmation', async () => {
    const { url } = await serve();
    const page = await (await newContext()).newPage();
    await page.goto(url);
    await botSays(page, /L Spa assistant/);
    const say = async (text: string) => {
      await page.getByLabel('Your message').fill(text);
      await page.getByLabel('Your message').press('Enter');
    };
    const press = (label: string) => page.locator('.message').last().getByRole('button', { name: label, exact: true }).click();
    await say('can I come tomorrow at 3pm, an hour please?');
    await botSays(page, /Friday 27 November at 15:00/);
    await press('No preference');
    await botSays(page, /pressure/i);
    await press('Medium');
    await press('Nothing to mention');
    await botSays(page, /name/i);
    await say('Lan');
    await botSays(page, /phone|email/i);
    await say('0905 123 456');
    await botSays(page, /When: Friday 27 November at 15:00/);
    await press('Confirm');
    await botSays(page, /reference is LS-[A-Z0-9]{4}/);

    const link = page.getByRole('link', { name: 'Add to calendar' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^l-spa-LS-[A-Z0-9]{4}\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261127T150000');
    // After a reload the link is still under the confirmation.
    await page.reload();
    await page.getByRole('link', { name: 'Add to calendar' }).waitFor();
  });
});
