// `npm run screenshots`: pictures of the web chat for the README, at a laptop's size (1280×800) and a
// phone's (390×844), written to docs/screenshots/. It starts the bot as `npm start` does (in memory,
// on a free loopback port, no settings file) and drives Debian's chromium (/usr/bin/chromium) through
// a question answered, a booking up to its summary (the day's free times, then the summary; the
// browser set to Asia/Seoul, so times can show the guest's own clock beside the spa's), the status line of a lost connection (the bot is
// stopped under the open page), and the widget on a phone. Run it again whenever the page changes.
// The labels' emoji ("🌐 Language") need a colour emoji font, or they show as empty boxes: on Debian,
// `apt-get install fonts-noto-color-emoji`. Times are the machine's clock at the run (the bot's real one).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;
type Size = keyof typeof SIZES;

/** The buttons a guest presses while booking, as content/booking.yaml names them. */
const labels = (parse(readFileSync(join(ROOT, 'content', 'booking.yaml'), 'utf8')) as { labels: Record<string, string> }).labels;

/** A free loopback port. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** The bot as `npm start` runs it, on `port`; resolves once it says where it serves. */
async function startBot(port: number, idSecret: string): Promise<ChildProcess> {
  const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ENV_FILE: '', PORT: String(port), HOST: '127.0.0.1', WEB_ID_SECRET: idSecret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    bot.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/running: open/.test(output)) resolve();
    });
    bot.once('exit', (code) => reject(new Error(`the bot stopped (${code}) before it served:\n${output}`)));
  });
  return bot;
}

async function stopBot(bot: ChildProcess): Promise<void> {
  if (bot.exitCode !== null) return;
  bot.kill('SIGTERM');
  await once(bot, 'exit');
}

const lastMessage = (page: Page) => page.locator('.message').last();

async function botSays(page: Page, pattern: RegExp): Promise<void> {
  await page.locator('.message.bot .bubble').filter({ hasText: pattern }).last().waitFor();
}

async function say(page: Page, text: string): Promise<void> {
  const count = await page.locator('.message.bot').count();
  await page.getByLabel('Your message').fill(text);
  await page.getByLabel('Your message').press('Enter');
  await settled(page, count);
}

/** Presses a choice of the latest message when it offers one with this label; the conversation goes on either way. */
async function pressIfOffered(page: Page, label: string | undefined): Promise<void> {
  if (!label) return;
  const button = lastMessage(page).getByRole('button', { name: label, exact: true });
  if ((await button.count()) === 0) return;
  const count = await page.locator('.message.bot').count();
  await button.click();
  await settled(page, count);
}

/** Waits for the bot's answer: a new message and no typing dots. */
async function settled(page: Page, botMessagesBefore: number): Promise<void> {
  // (Locators, not waitForFunction: the page's Content-Security-Policy allows no eval.)
  await page.locator('.message.bot').nth(botMessagesBefore).waitFor().catch(() => {});
  await page.locator('#typing').waitFor({ state: 'hidden' });
  await page.waitForTimeout(250);
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  process.stdout.write(`wrote ${path}\n`);
}

async function newPage(browser: Browser, size: Size, timezoneId = 'Asia/Ho_Chi_Minh'): Promise<Page> {
  const context = await browser.newContext({ ...SIZES[size], timezoneId, locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** A question answered. */
async function question(browser: Browser, url: string, size: Size): Promise<void> {
  const page = await newPage(browser, size);
  await page.goto(url);
  await botSays(page, /assistant/);
  await say(page, 'does it hurt?');
  await shoot(page, `question-${size}`);
  await page.context().close();
}

/** A booking up to its summary, from a browser in Seoul: the day's free times first, grouped by part of the day. */
async function bookingSummary(browser: Browser, url: string, size: Size): Promise<void> {
  const page = await newPage(browser, size, 'Asia/Seoul');
  await page.goto(url);
  await botSays(page, /assistant/);
  await say(page, 'can I book an hour tomorrow?');
  await shoot(page, `booking-times-${size}`);
  const offered = lastMessage(page).getByRole('button', { name: /^15:00/ });
  if ((await offered.count()) > 0) {
    const count = await page.locator('.message.bot').count();
    await offered.first().click();
    await settled(page, count);
  } else {
    await say(page, 'at 3pm');
  }
  await pressIfOffered(page, labels.any_therapist);
  await pressIfOffered(page, labels.medium);
  await pressIfOffered(page, labels.no_health);
  await say(page, 'Lan');
  await say(page, '0905 123 456');
  await shoot(page, `booking-summary-${size}`);
  await page.context().close();
}

/** The status line under an open page whose bot stops, then the page once the bot is back. */
async function reconnecting(browser: Browser, url: string, sizes: Size[], restart: () => Promise<void>): Promise<void> {
  const pages = await Promise.all(sizes.map((size) => newPage(browser, size)));
  for (const page of pages) {
    await page.goto(url);
    await botSays(page, /assistant/);
    await say(page, 'how long is a session?');
    await page.locator('html[data-live="open"]').waitFor({ state: 'attached' });
  }
  await restart();
  for (const [i, page] of pages.entries()) {
    await page.getByRole('status').waitFor();
    await shoot(page, `reconnecting-${sizes[i]}`);
    await page.context().close();
  }
}

/** The widget on a spa's own site: a panel on a laptop, the whole screen on a phone. */
async function widget(browser: Browser, url: string, size: Size): Promise<void> {
  const site = createHttpServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><meta name="viewport" content="width=device-width, initial-scale=1"><title>L Spa</title>
<body style="margin:0;font:18px/1.5 Georgia,serif;color:#2b2b2b;background:#f6f1ea">
<header style="padding:28px 24px;background:#fff"><strong style="font-size:24px">L Spa</strong> · Da Nang</header>
<main style="padding:24px;max-width:720px"><h1>Upper back massage</h1><p>Thirty or sixty minutes of calm, a short walk from the beach.</p></main>
<script src="${url}widget.js" async></script></body></html>`);
  });
  site.listen(0, 'localhost');
  await once(site, 'listening');
  const page = await newPage(browser, size);
  await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
  await page.getByRole('button', { name: /chat/i }).click();
  await page.frameLocator('iframe').locator('.message.bot .bubble').first().waitFor();
  await page.waitForTimeout(500);
  await shoot(page, `widget-${size}`);
  await page.context().close();
  site.close();
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const port = await freePort();
  // Kept across the restart, so the page's conversation is still the bot's after it.
  const idSecret = randomBytes(32).toString('hex');
  let bot = await startBot(port, idSecret);
  const url = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const size of ['desktop', 'phone'] as const) {
      await question(browser, url, size);
      await bookingSummary(browser, url, size);
    }
    await reconnecting(browser, url, ['desktop', 'phone'], async () => {
      await stopBot(bot);
    });
    bot = await startBot(port, idSecret);
    for (const size of ['desktop', 'phone'] as const) await widget(browser, url, size);
  } finally {
    await browser.close();
    await stopBot(bot);
  }
}

await main();
