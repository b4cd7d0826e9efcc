// The web chat page as a guest sees and uses it, in a real browser (Debian's chromium, driven by
// playwright-core), at a laptop's size and a phone's: axe-core finds no colour-contrast, keyboard or
// focus problem with a conversation shown (old buttons, grouped times, a main button); every control
// stands out by 3:1; the keyboard reaches the newest buttons without passing old ones; old buttons stop
// working once the conversation moves on; each message shows its time; and the widget takes a phone's
// whole screen and closes with Escape. These tests fail (never skip) when chromium is missing.
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { browserForTests } from '../helpers/browser.ts';
import { botSays, CONTROL_CONTRAST, DESKTOP, lastMessage, PHONE, say, serveWebChat, storedConversationId, streamOpened, type ServedWebChat } from './web-chat-harness.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Colour, keyboard and focus: what a guest who cannot see well or uses no mouse would run into.
const AXE_RULES = [
  'color-contrast',
  'link-in-text-block',
  'target-size',
  'focus-order-semantics',
  'frame-focusable-content',
  'nested-interactive',
  'scrollable-region-focusable',
  'tabindex',
  'accesskeys',
  'bypass',
  'button-name',
  'label',
  'aria-allowed-attr',
  'aria-valid-attr-value',
];

/** A day's free times as the booking flow offers them: grouped by part of the day, then other days, Stop and a main choice. */
const FREE_TIMES = {
  text: 'These times are free on Friday 27 November. Which suits you?',
  choices: [
    ...['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((t) => ({ label: t, action: `b:t:${t}`, group: 'Morning' })),
    ...['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'].map((t) => ({ label: t, action: `b:t:${t}`, group: 'Afternoon' })),
    ...['17:00', '17:30', '18:00', '18:30'].map((t) => ({ label: t, action: `b:t:${t}`, group: 'Evening' })),
    { label: 'Saturday', action: 'b:d:sat' },
    { label: 'Stop', action: 'b:stop' },
    { label: 'Keep 15:00', action: 'b:keep', primary: true },
  ],
};

const { browser, close: closeBrowser } = browserForTests();
const contexts: BrowserContext[] = [];
let web: ServedWebChat | undefined;
let site: Server | undefined;

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await web?.app.close();
  site?.close();
  web = site = undefined;
});

afterAll(async () => {
  await closeBrowser();
});

async function newPage(size: typeof DESKTOP | typeof PHONE, extra: { timezoneId?: string } = {}): Promise<Page> {
  const context = await (await browser()).newContext({ ...size, ...extra });
  context.setDefaultTimeout(8000);
  contexts.push(context);
  return context.newPage();
}

/** The chat with a conversation under way: the menu used, an answer, then a day's free times sent by the stream. */
async function conversationWithFreeTimes(size: typeof DESKTOP | typeof PHONE): Promise<Page> {
  web = await serveWebChat();
  const page = await newPage(size);
  await page.goto(web.url);
  await botSays(page, /L Spa assistant/);
  await streamOpened(page);
  await lastMessage(page).getByRole('button', { name: 'Does it hurt?' }).click();
  await botSays(page, /shouldn't hurt/i);
  await web.concierge.outbox.deliver('web', await storedConversationId(page), [FREE_TIMES]);
  await lastMessage(page).getByRole('button', { name: 'Keep 15:00' }).waitFor();
  return page;
}

/** The labels of the buttons that can be pressed, in the order the keyboard reaches them from the top. */
async function tabOrder(page: Page): Promise<string[]> {
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  const reached: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = String(await page.evaluate("document.activeElement.id === 'message' ? '#message' : document.activeElement.textContent"));
    if (focused === '#message') return reached;
    reached.push(focused);
  }
  throw new Error(`the text box was not reached: ${reached.join(', ')}`);
}

describe.each([
  ['1280×800', DESKTOP],
  ['390×844', PHONE],
])('the chat page at %s', (_, size) => {
  it('shows grouped times under their headings, the main choice as the main button, and axe finds no colour, keyboard or focus problem', async () => {
    const page = await conversationWithFreeTimes(size);
    const times = lastMessage(page);
    for (const [group, first] of [
      ['Morning', '09:00'],
      ['Afternoon', '13:00'],
      ['Evening', '17:00'],
    ]) {
      const section = times.getByRole('group', { name: group });
      expect(await section.getByRole('button').first().textContent()).toBe(first);
    }
    expect(await times.getByRole('group').count()).toBe(3);
    // A day's 18 times fit in a few rows, not a long column.
    const morning = await times.getByRole('group', { name: 'Morning' }).boundingBox();
    expect(morning?.height).toBeLessThan(size === PHONE ? 160 : 110);
    const fill = (label: string) =>
      page.evaluate(`getComputedStyle([...document.querySelectorAll('.message:last-child button')].find((b) => b.textContent === ${JSON.stringify(label)})).backgroundColor`);
    expect(await fill('Keep 15:00')).toBe('rgb(47, 93, 87)');
    expect(await fill('Stop')).toBe('rgb(255, 255, 255)');

    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'rule', values: ${JSON.stringify(AXE_RULES)} } }).then((result) => result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    expect(violations).toEqual([]);
  });

  it('keeps every control apart from its surroundings by at least 3:1 (the text box too)', async () => {
    const page = await conversationWithFreeTimes(size);
    const contrasts = (await page.evaluate(CONTROL_CONTRAST)) as Array<{ name: string; ratio: number }>;
    expect(contrasts.map((c) => c.name)).toEqual(expect.arrayContaining(['input message', 'button Send', 'button Keep 15:00', 'button 09:00']));
    expect(contrasts.filter((c) => c.ratio < 3)).toEqual([]);
  });

  it('lets the keyboard reach the newest buttons, and no old one', async () => {
    const page = await conversationWithFreeTimes(size);
    const newest = await lastMessage(page).getByRole('button').allTextContents();
    expect(await tabOrder(page)).toEqual(newest);
    // Back from the text box: the main choice, the last of the newest message.
    await page.getByLabel('Your message').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.locator(':focus').textContent()).toBe('Keep 15:00');
  });
});

describe('the conversation moving on', () => {
  it('stops the old buttons once the guest types instead, and shows each message’s time on the guest’s clock, after a reload too', async () => {
    web = await serveWebChat();
    const page = await newPage(PHONE, { timezoneId: 'Asia/Seoul' });
    await page.goto(web.url);
    await botSays(page, /L Spa assistant/);
    // The welcome, then the menu.
    const menu = page.locator('.message').nth(1);
    await menu.getByRole('button').first().waitFor();
    expect(await menu.getByRole('button', { name: 'Does it hurt?' }).isEnabled()).toBe(true);

    await say(page, 'how long is a session?');
    await botSays(page, /30 minutes/);
    for (const button of await menu.getByRole('button').all()) expect(await button.isDisabled()).toBe(true);
    // Nothing was picked there: no button looks chosen.
    expect(await menu.locator('button.picked').count()).toBe(0);
    expect(await lastMessage(page).getByRole('button').first().isEnabled()).toBe(true);

    // Every message shows the time it was shown, on the guest's own clock (Seoul's here).
    const seoul = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
    const shown = await page.locator('.message time').allTextContents();
    expect(shown.length).toBe(await page.locator('.message').count());
    for (const time of shown) expect([seoul(), new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() - 60_000))]).toContain(time);
    await page.reload();
    await botSays(page, /30 minutes/);
    expect(await page.locator('.message time').allTextContents()).toEqual(shown);
    expect(await page.locator('.message').first().getByRole('button').count()).toBe(0);
    expect(await page.locator('.message').nth(1).getByRole('button').first().isDisabled()).toBe(true);
  });

  it('stops the old buttons when a newer message offers choices of its own, and gives them back when a message does not reach the server', async () => {
    web = await serveWebChat();
    const page = await newPage(DESKTOP);
    await page.goto(web.url);
    await botSays(page, /L Spa assistant/);
    await streamOpened(page);
    const menu = page.locator('.message').nth(1);
    await web.concierge.outbox.deliver('web', await storedConversationId(page), [{ text: 'See you tomorrow at 15:00!', choices: [{ label: 'Move it', action: 'm:move:LS-7K3Q' }] }]);
    await lastMessage(page).getByRole('button', { name: 'Move it' }).waitFor();
    expect(await menu.getByRole('button', { name: 'Does it hurt?' }).isDisabled()).toBe(true);
    expect(await lastMessage(page).getByRole('button', { name: 'Move it' }).isEnabled()).toBe(true);

    await page.route('**/api/messages', (route) => route.abort('internetdisconnected'));
    await say(page, 'does it hurt?');
    await page.locator('#error', { hasText: /didn't reach us/ }).waitFor();
    expect(await lastMessage(page).getByRole('button', { name: 'Move it' }).isEnabled()).toBe(true);
  });
});

describe('the widget on a phone', () => {
  it('takes the whole screen at 390×844, closes with Escape from inside the chat, and gives the focus back to the bubble', async () => {
    web = await serveWebChat();
    const chatUrl = web.url;
    const host = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><title>L Spa website</title><h1>Welcome to L Spa</h1><p style="height:3000px"><a href="#treatments">Our treatments…</a></p><script src="${chatUrl}widget.js" async></script>`);
    });
    site = host;
    host.listen(0, 'localhost');
    await once(host, 'listening');
    const page = await newPage(PHONE);
    await page.goto(`http://localhost:${(host.address() as AddressInfo).port}/`);
    const bubble = page.getByRole('button', { name: 'Chat with us' });
    await bubble.click();
    const frame = page.frameLocator('iframe[title="L Spa"]');
    await frame.locator('.message.bot .bubble', { hasText: /L Spa assistant/ }).waitFor();
    expect(await page.locator('iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    // The close button sits in the top corner, clear of the chat's text box and Send button.
    const close = page.getByRole('button', { name: 'Close the chat' });
    const closeBox = await close.boundingBox();
    expect(closeBox && closeBox.y + closeBox.height).toBeLessThan(80);
    const send = await frame.getByRole('button', { name: 'Send' }).boundingBox();
    expect(send && send.y).toBeGreaterThan(700);
    // The site behind is inert while the chat covers it: Tab from the close button never reaches its link.
    expect(await page.evaluate("document.querySelector('a').closest('[inert]') !== null")).toBe(true);
    await close.focus();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate("document.activeElement && document.activeElement.tagName"), `Tab ${i + 1}`).not.toBe('A');
    }

    await frame.getByLabel('Your message').click();
    await page.keyboard.press('Escape');
    await page.locator('iframe').waitFor({ state: 'hidden' });
    const focused = await page.evaluate("document.activeElement.shadowRoot && document.activeElement.shadowRoot.activeElement.getAttribute('aria-label')");
    expect(focused).toBe('Chat with us');
    expect(await bubble.getAttribute('aria-expanded')).toBe('false');
    // Back in the corner, and the site scrolls again.
    const corner = await bubble.boundingBox();
    expect(corner && corner.x + corner.width).toBeGreaterThan(360);
    expect(corner && corner.y + corner.height).toBeGreaterThan(800);
    expect(await page.evaluate('document.documentElement.style.overflow')).toBe('');
    expect(await page.evaluate("document.querySelector('[inert]')")).toBeNull();

    // Open again from the keyboard; Escape on the site itself closes it too.
    await page.keyboard.press('Enter');
    await page.locator('iframe').waitFor({ state: 'visible' });
    await close.focus();
    await page.keyboard.press('Escape');
    await page.locator('iframe').waitFor({ state: 'hidden' });
    expect(await page.evaluate("document.activeElement.shadowRoot.activeElement.getAttribute('aria-label')")).toBe('Chat with us');
  });
});
