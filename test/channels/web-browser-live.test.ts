// Live messages in the web chat page, in a real browser (Debian's chromium, driven by playwright-core):
// a staff answer written in Slack appears on the open page at once, through the event stream, also
// when another instance handled it (Redis); the page falls back to asking when the stream is refused,
// and says when its connection is lost and when it is back. These tests fail (never skip) when
// chromium or Redis is missing.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Concierge } from '../../src/core/index.ts';
import { createMemoryPendingMessages, createRedisHandoverThreads, createRedisPendingMessages, createRedisStore, type PendingMessages } from '../../src/store/index.ts';
import { browserForTests } from '../helpers/browser.ts';
import { createTestConcierge } from '../helpers/bot.ts';
import { FAKE_BOT, startFakeSlack, type FakeMessage, type FakeSlack } from '../helpers/fake-slack.ts';
import { useTestRedis } from '../helpers/redis.ts';
import { BOT_TOKEN, HOA, LINH, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './slack/harness.ts';
import { botSays, DESKTOP, lastMessage, PHONE, say, serveWebChat, storedConversationId, streamOpened, THURSDAY_9AM, type ServedWebChat } from './web-chat-harness.ts';

const redis = useTestRedis();
const { browser, close: closeBrowser } = browserForTests();
const contexts: BrowserContext[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await closeBrowser();
});

async function served(options: Parameters<typeof serveWebChat>[0]): Promise<ServedWebChat> {
  const web = await serveWebChat(options);
  cleanups.push(() => web.app.close());
  return web;
}

async function desk(options: Parameters<typeof startDesk>[0]): Promise<RunningDesk> {
  const running = await startDesk(options);
  cleanups.push(() => running.stop());
  return running;
}

/**
 * A page at `size` with the chat open and its stream connected; `pendingAsked` counts its requests for
 * waiting messages the plain way.
 */
async function openChat(url: string, size: typeof DESKTOP | typeof PHONE): Promise<{ page: Page; pendingAsked: () => number }> {
  const context = await (await browser()).newContext(size);
  context.setDefaultTimeout(8000);
  contexts.push(context);
  const page = await context.newPage();
  let asked = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/messages/pending')) asked++;
  });
  await page.goto(url);
  await botSays(page, /L Spa assistant/);
  await streamOpened(page);
  return { page, pendingAsked: () => asked };
}

/** The guest asks for a person; resolves to the thread the desk opened for it in the staff channel. */
async function askForPerson(page: Page, slack: FakeSlack): Promise<FakeMessage> {
  const before = slack.rootMessages(STAFF_CHANNEL).length;
  await say(page, 'can I talk to a real person please');
  await botSays(page, /member of our team/i);
  await waitFor('the hand-over thread', () => slack.rootMessages(STAFF_CHANNEL).length > before);
  return slack.rootMessages(STAFF_CHANNEL).at(-1)!;
}

/** Hoa answers in the thread, through Slack's Events API; resolves to when Slack got its 200. */
async function staffAnswers(running: RunningDesk, thread: FakeMessage, text: string): Promise<number> {
  const { response } = running.slack.threadReply(thread.ts, text, HOA);
  expect((await response).status).toBe(200);
  return Date.now();
}

describe.each([
  ['1280×800', DESKTOP],
  ['390×844', PHONE],
])('live messages at %s', (_, size) => {
  it('shows a staff answer written in Slack within 2 seconds, through the stream, without a reload', async () => {
    const concierge = await createTestConcierge({ now: () => THURSDAY_9AM });
    const running = await desk({ concierge });
    // The page would ask for waiting messages only every 30 seconds: the answer comes by the stream.
    const web = await served({ concierge });
    const { page, pendingAsked } = await openChat(web.url, size);
    const thread = await askForPerson(page, running.fake);

    await staffAnswers(running, thread, 'Hi, Hoa here. Friday at 3pm works, see you then!');
    const sent = Date.now();
    await botSays(page, /From our team \(Hoa\): Hi, Hoa here\. Friday at 3pm works/, 2000);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(pendingAsked()).toBe(0);
    // Shown once, with the time on the guest's clock, and kept for a reload.
    await page.waitForTimeout(300);
    expect(await page.locator('.message.bot .bubble', { hasText: /Hoa here/ }).count()).toBe(1);
    expect(await lastMessage(page).locator('time').textContent()).toMatch(/^\d\d:\d\d$/);
    await page.reload();
    await botSays(page, /Hoa here/);
    await streamOpened(page);
    await page.waitForTimeout(300);
    expect(await page.locator('.message.bot .bubble', { hasText: /Hoa here/ }).count()).toBe(1);
  });

  it('shows a staff answer that another instance handled, through Redis, within 2 seconds', async () => {
    const prefix = redis.newPrefix('web-live');
    const fake = await startFakeSlack({
      token: BOT_TOKEN,
      channels: { [STAFF_CHANNEL]: [HOA, LINH, FAKE_BOT.userId] },
      users: [
        { id: HOA, name: 'hoa', real_name: 'Hoa Tran', display_name: 'Hoa' },
        { id: LINH, name: 'linh', real_name: 'Linh Pham' },
      ],
    });
    cleanups.push(() => fake.close());
    /** One instance: its concierge over the shared state, its staff desk and its web chat. */
    const instance = async (): Promise<{ concierge: Concierge; desk: RunningDesk; web: ServedWebChat }> => {
      const concierge = await createTestConcierge({ now: () => THURSDAY_9AM, store: createRedisStore(redis.client, { prefix: `${prefix}conv:` }) });
      const pending: PendingMessages = createRedisPendingMessages(redis.client, { prefix: `${prefix}pending:` });
      cleanups.push(() => pending.close());
      const running = await desk({ concierge, fake, desk: { threads: createRedisHandoverThreads(redis.client, { prefix: `${prefix}thread:` }) } });
      return { concierge, desk: running, web: await served({ concierge, pending }) };
    };
    const a = await instance();
    const b = await instance();
    const { page, pendingAsked } = await openChat(a.web.url, size);
    const thread = await askForPerson(page, fake);

    // Slack delivers the staff member's message to instance B (behind the same load balancer).
    await staffAnswers(b.desk, thread, 'Linh is free at 4pm too.');
    const sent = Date.now();
    await botSays(page, /From our team \(Hoa\): Linh is free at 4pm too\./, 2000);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(pendingAsked()).toBe(0);
  });

  it('asks for waiting messages the plain way when the stream is refused, and does not alarm the guest', async () => {
    const concierge = await createTestConcierge({ now: () => THURSDAY_9AM });
    const web = await served({ concierge, pendingPollSeconds: 1 });
    const context = await (await browser()).newContext(size);
    context.setDefaultTimeout(8000);
    contexts.push(context);
    const page = await context.newPage();
    // A proxy in front of the bot that does not pass event streams on.
    await page.route('**/api/messages/stream?**', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }));
    await page.goto(web.url);
    await botSays(page, /L Spa assistant/);
    await concierge.outbox.deliver('web', await storedConversationId(page), [{ text: 'See you tomorrow at 15:00! Your reminder.' }]);
    await botSays(page, /Your reminder\./, 3000);
    expect(await page.locator('#status').isHidden()).toBe(true);
    expect(await page.evaluate('document.documentElement.dataset.live')).not.toBe('open');
  });

  it('says when the connection is lost and when it is back, and shows what came meanwhile once', async () => {
    const concierge = await createTestConcierge({ now: () => THURSDAY_9AM });
    const pending = createMemoryPendingMessages();
    const first = await served({ concierge, pending });
    const { page } = await openChat(first.url, size);
    const conversationId = await storedConversationId(page);

    // The instance restarts (a deployment): its streams are closed, and for a moment nothing answers.
    await first.app.close();
    const status = page.getByRole('status');
    await status.filter({ hasText: "We've lost the connection. Trying to reconnect…" }).waitFor();
    await concierge.outbox.deliver('web', conversationId, [{ text: 'From our team (Hoa): sent while the page was reconnecting.' }]);
    await page.waitForTimeout(1500);
    expect(await status.textContent()).toBe("We've lost the connection. Trying to reconnect…");

    await served({ concierge, pending, port: first.port });
    await status.filter({ hasText: "You're connected again." }).waitFor({ timeout: 10_000 });
    await botSays(page, /sent while the page was reconnecting/);
    // The word that it is back goes after a few seconds.
    await page.locator('#status:empty').waitFor({ state: 'attached', timeout: 6000 });
    expect(await page.locator('#status').isHidden()).toBe(true);
    expect(await page.locator('.message.bot .bubble', { hasText: /sent while the page was reconnecting/ }).count()).toBe(1);
  });
});
