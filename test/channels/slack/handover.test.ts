import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Concierge } from '../../../src/core/index.ts';
import {
  createMemoryBookingStore,
  createMemoryHandoverThreads,
  createRedisHandoverThreads,
  createRedisSeenUpdates,
  createRedisStore,
  type RedisClient,
} from '../../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../../helpers/bot.ts';
import { blockText, buttonsOf, startFakeSlack, type FakeMessage } from '../../helpers/fake-slack.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../../helpers/redis.ts';
import { telegramGuest } from '../../helpers/fake-telegram.ts';
import { startPollingBot } from '../telegram/harness.ts';
import { bookingConcierge, BOT_TOKEN, EVE, FIXED_NOW, HOA, LINH, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

let running: RunningDesk[] = [];
afterEach(async () => {
  for (const desk of running) await desk.stop();
  running = [];
});

async function start(options: Parameters<typeof startDesk>[0] = {}): Promise<RunningDesk> {
  const desk = await startDesk(options);
  running.push(desk);
  return desk;
}

/** The hand-over thread's first message, once the desk has posted it. */
async function threadOpened(desk: RunningDesk, n = 1): Promise<FakeMessage> {
  await waitFor('the hand-over thread', () => desk.fake.rootMessages(STAFF_CHANNEL).length >= n);
  return desk.fake.rootMessages(STAFF_CHANNEL)[n - 1]!;
}

/** Waits for the thread to have `count` replies and returns their texts. */
async function repliesIn(desk: RunningDesk, thread: FakeMessage, count: number): Promise<string[]> {
  await waitFor(`${count} replies in the thread`, () => desk.fake.threadReplies(STAFF_CHANNEL, thread.ts).length >= count);
  return desk.fake.threadReplies(STAFF_CHANNEL, thread.ts).map((m) => m.text);
}

/** A staff member writes in the thread; resolves when Slack got its 200. */
async function staffWrites(desk: RunningDesk, thread: FakeMessage, text: string, user = HOA) {
  const { response } = desk.slack.threadReply(thread.ts, text, user);
  expect((await response).status).toBe(200);
}

describe('handing a guest over to the team in Slack', () => {
  it('goes round trip: guest asks, thread opens, staff answer on Telegram, guest writes back into the thread, hand back, bot again', async () => {
    const desk = await start();
    const guest = fakeGuest(desk.concierge, { id: '42', channel: 'telegram', name: 'Lan' });
    await guest.say('how long is the massage');
    expect(textOf(await guest.say('can I talk to a real person please'))).toMatch(/asked a member of our team/i);

    const thread = await threadOpened(desk);
    expect(thread.text).toBe(':raising_hand: Lan on Telegram would like to talk to a person');
    const opening = blockText(thread.blocks);
    expect(opening).toMatch(/Guest: how long is the massage/);
    expect(opening).toMatch(/Bot:.*30 minutes/s);
    expect(opening).toMatch(/Reply in this thread to answer the guest on Telegram/);
    expect(buttonsOf(thread.blocks).map((b) => b.label)).toEqual(['Hand back to the bot']);

    // A staff reply in the thread reaches the guest on Telegram, signed with the staff member's name.
    await staffWrites(desk, thread, 'Hi Lan, Hoa here. How can I help?');
    await waitFor('the staff answer on Telegram', () => desk.delivered.length === 1);
    expect(desk.delivered[0]).toEqual({ channel: 'telegram', conversationId: '42', replies: [{ text: 'From our team (Hoa): Hi Lan, Hoa here. How can I help?' }] });

    // The guest's next message goes into the thread, and the bot stays quiet.
    expect(await guest.say('Can I come with my sister on Friday?')).toEqual([]);
    expect(await repliesIn(desk, thread, 1)).toEqual(['Lan: Can I come with my sister on Friday?']);

    // Linh has no display name: her real name is used.
    await staffWrites(desk, thread, 'Yes, both therapists are free at 3pm.', LINH);
    await waitFor('the second answer', () => desk.delivered.length === 2);
    expect(desk.delivered[1]?.replies).toEqual([{ text: 'From our team (Linh Pham): Yes, both therapists are free at 3pm.' }]);

    // Hand back: the guest is told, the thread says so and its button is gone.
    const { response } = desk.slack.click(buttonsOf(thread.blocks)[0]!, thread);
    expect((await response).status).toBe(200);
    await waitFor('the hand-back on Telegram', () => desk.delivered.length === 3);
    expect(textOf(desk.delivered[2]!.replies)).toMatch(/back with the L Spa assistant/);
    expect((await repliesIn(desk, thread, 2))[1]).toMatch(/back with the bot/);
    await waitFor('the button to go', () => buttonsOf(thread.blocks).length === 0);
    expect(blockText(thread.blocks)).toMatch(/Handed back to the bot/);
    expect(blockText(thread.blocks)).toMatch(/how long is the massage/);

    // The bot answers the guest again.
    expect(textOf(await guest.say('does it hurt?'))).toMatch(/pressure/i);

    // A late reply in the closed thread does not reach the guest, and the staff member is told.
    await staffWrites(desk, thread, 'One more thing!');
    const note = await nextEphemeral(desk.fake, HOA, 0);
    expect(note).toMatchObject({ thread_ts: thread.ts, text: expect.stringMatching(/did not get that/) });
    expect(desk.delivered).toHaveLength(3);
  });

  it('opens the thread when the bot failed to understand twice', async () => {
    const desk = await start();
    const guest = fakeGuest(desk.concierge, { id: '7', channel: 'telegram' });
    await guest.say('qwzx vbnm');
    expect(textOf(await guest.say('plorf zib'))).toMatch(/trouble understanding/i);
    const thread = await threadOpened(desk);
    expect(thread.text).toBe(":raising_hand: The bot couldn't understand A guest on Telegram; please take over");
    expect(blockText(thread.blocks)).toMatch(/Guest: qwzx vbnm/);
  });

  it('keeps guest words out of Slack markup, so a guest named <!channel> pings nobody and *bold* or a link does nothing', async () => {
    const desk = await start();
    const guest = fakeGuest(desk.concierge, { id: '66', channel: 'telegram', name: '<!channel> & <@U0HOA> *URGENT*' });
    await guest.say('is <https://evil.example|free massage> or _http://evil.example_ ~yours~ `now`?');
    await guest.say('talk to a human');
    const thread = await threadOpened(desk);
    // In the blocks, guest words are plain text only: Slack reads no formatting, links or mentions there.
    const markup = blockText(thread.blocks, 'mrkdwn');
    for (const word of ['channel', 'U0HOA', 'URGENT', 'evil.example', 'yours']) expect(markup).not.toContain(word);
    const plain = blockText(thread.blocks, 'plain_text');
    expect(plain).toContain('<!channel> & <@U0HOA> *URGENT* on Telegram');
    expect(plain).toContain('Guest: is <https://evil.example|free massage> or _http://evil.example_ ~yours~ `now`?');
    // The fallback text is escaped and posted with formatting off.
    expect(thread.text).toContain('&lt;!channel&gt; &amp; &lt;@U0HOA&gt;');
    expect(thread.text).not.toMatch(/<[!@#h]/);
    await guest.say('<!here> *hello*?');
    expect(await repliesIn(desk, thread, 1)).toEqual(['&lt;!channel&gt; &amp; &lt;@U0HOA&gt; *URGENT*: &lt;!here&gt; *hello*?']);
    const posts = desk.fake.callsTo('chat.postMessage').map((call) => call.payload);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    for (const post of posts) expect(String(post.mrkdwn), String(post.text)).toBe('false');
  });

  it('turns a staff member’s Slack formatting into plain text for the guest', async () => {
    const desk = await start();
    await fakeGuest(desk.concierge, { id: '43', channel: 'telegram', name: 'Mai' }).say('talk to a human');
    const thread = await threadOpened(desk);
    await staffWrites(desk, thread, 'See <https://lspa.example/prices|our prices> &amp; write to <mailto:hi@lspa.example|hi@lspa.example> &lt;3');
    await waitFor('the answer', () => desk.delivered.length === 1);
    expect(desk.delivered[0]?.replies[0]?.text).toBe('From our team (Hoa): See our prices (https://lspa.example/prices) & write to hi@lspa.example <3');
  });

  it('ignores replies from someone not on the team and from bots, and threads that are not hand-overs', async () => {
    const desk = await start();
    await fakeGuest(desk.concierge, { id: '44', channel: 'telegram' }).say('talk to a human');
    const thread = await threadOpened(desk);
    await staffWrites(desk, thread, 'I am not staff', EVE);
    await desk.slack.event({ type: 'message', channel: STAFF_CHANNEL, bot_id: 'B0OTHER', subtype: 'bot_message', text: 'beep', ts: desk.fake.nextTs(), thread_ts: thread.ts }).response;
    await desk.slack.threadReply('1700000000.000001', 'a thread about something else').response;
    await staffWrites(desk, thread, 'Only this one');
    await waitFor('the staff answer', () => desk.delivered.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(desk.delivered.map((d) => d.replies[0]?.text)).toEqual(['From our team (Hoa): Only this one']);
  });

  it('handles a retried event delivery once', async () => {
    const desk = await start();
    await fakeGuest(desk.concierge, { id: '45', channel: 'telegram' }).say('talk to a human');
    const thread = await threadOpened(desk);
    const first = desk.slack.threadReply(thread.ts, 'Hello from Hoa');
    expect((await first.response).status).toBe(200);
    // Slack did not get our 200 in time and sends the same event again, with X-Slack-Retry-Num.
    const retry = await desk.slack.post(first.body, 'application/json', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await waitFor('the staff answer', () => desk.delivered.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(desk.delivered).toHaveLength(1);
    expect(desk.log.messages('info')).toContain('Slack event delivered again; already handled');
  });

  it('handles a click delivered twice once', async () => {
    const desk = await start();
    await fakeGuest(desk.concierge, { id: '46', channel: 'telegram' }).say('talk to a human');
    const thread = await threadOpened(desk);
    const click = desk.slack.click(buttonsOf(thread.blocks)[0]!, thread);
    await click.response;
    await desk.slack.post(click.body, 'application/x-www-form-urlencoded');
    await waitFor('the hand-back', () => desk.delivered.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(desk.delivered).toHaveLength(1);
    expect(desk.fake.ephemeralsTo(HOA)).toEqual([]);
  });

  it('tells the staff member when the guest cannot be reached on their channel', async () => {
    const desk = await start();
    await fakeGuest(desk.concierge, { id: 'w1', channel: 'web' }).say('talk to a human');
    const thread = await threadOpened(desk);
    expect(thread.text).toMatch(/on the web chat/);
    // The web chat has no way to reach its guests outside a reply (no sender registered here).
    await staffWrites(desk, thread, 'Hello?');
    const note = await nextEphemeral(desk.fake, HOA, 0);
    expect(note.text).toMatch(/sending on the web chat failed/);
  });

  it('keeps the guest’s message when the thread cannot be found: a new thread opens with it', async () => {
    const threads = createMemoryHandoverThreads();
    const desk = await start({ desk: { threads } });
    const guest = fakeGuest(desk.concierge, { id: '47', channel: 'telegram', name: 'Bao' });
    await guest.say('talk to a human');
    await threadOpened(desk);
    // As if the thread record expired, or was written by an instance without shared storage.
    await threads.delete('telegram:47');
    await guest.say('hello? anyone?');
    const second = await threadOpened(desk, 2);
    expect(second.text).toBe(':raising_hand: Bao on Telegram wrote while waiting for the team');
    expect(blockText(second.blocks)).toMatch(/Guest: hello\? anyone\?/);
    await staffWrites(desk, second, 'Sorry for the wait!');
    await waitFor('the answer', () => desk.delivered.length === 1);
  });
});

describe('with the real Telegram bot', () => {
  it('carries the conversation between a Telegram chat and the thread', async () => {
    const { concierge } = await bookingConcierge();
    const telegram = await startPollingBot(concierge);
    try {
      const desk = await start({ concierge, realTelegram: true });
      const lan = telegramGuest(telegram.fake, { id: 901, first_name: 'Lan', last_name: '<!channel>' });
      await telegram.send(lan.id, lan.text('does it hurt?'));
      expect((await telegram.send(lan.id, lan.text('I want to talk to a person'))).join('\n')).toMatch(/asked a member of our team/i);
      const thread = await threadOpened(desk);
      expect(thread.text).toBe(':raising_hand: Lan &lt;!channel&gt; on Telegram would like to talk to a person');

      await staffWrites(desk, thread, 'Hi Lan, it should not hurt at all.');
      await waitFor('the answer in the Telegram chat', () => telegram.fake.messagesTo(lan.id).some((m) => m.text === 'From our team (Hoa): Hi Lan, it should not hurt at all.'));
      telegram.fake.push(lan.text('Thank you!'));
      expect(await repliesIn(desk, thread, 1)).toEqual(['Lan &lt;!channel&gt;: Thank you!']);

      await desk.slack.click(buttonsOf(thread.blocks)[0]!, thread).response;
      await waitFor('the hand-back in the Telegram chat', () => telegram.fake.messagesTo(lan.id).some((m) => /back with the L Spa assistant/.test(m.text)));
      expect((await telegram.send(lan.id, lan.text('how long is a session?'))).join('\n')).toMatch(/30 minutes/);
    } finally {
      await telegram.stop();
    }
  });
});

describe('two desk instances sharing Redis', () => {
  let client: RedisClient;
  const prefix = uniquePrefix('slack-desk');
  beforeAll(async () => {
    client = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.close();
  });

  it('route a staff reply through either instance, and handle an event that reaches both once', async () => {
    const fake = await startFakeSlack({
      token: BOT_TOKEN,
      channels: { [STAFF_CHANNEL]: [HOA, 'U0BOT'] },
      users: [{ id: HOA, name: 'hoa', display_name: 'Hoa' }],
    });
    try {
      // Both instances share conversations, threads and handled events through Redis, as in production.
      const store = createRedisStore(client, { prefix: `${prefix}conv:` });
      const concierge = async (): Promise<Concierge> => createTestConcierge({ store, bookings: createMemoryBookingStore({ now: () => FIXED_NOW.getTime() }), now: () => FIXED_NOW });
      const shared = () => ({ threads: createRedisHandoverThreads(client, { prefix: `${prefix}threads:` }), seenEvents: createRedisSeenUpdates(client, { prefix: `${prefix}seen:` }) });
      const a = await start({ fake, concierge: await concierge(), desk: shared() });
      const b = await start({ fake, concierge: await concierge(), desk: shared() });

      // The guest's turn is handled by instance A, which opens the thread.
      await fakeGuest(a.concierge, { id: '50', channel: 'telegram', name: 'Lan' }).say('talk to a human');
      const thread = await threadOpened(a);
      // Slack delivers the staff reply to B, and the same event reaches A too.
      const event = b.slack.threadReply(thread.ts, 'Hoa here, from either desk');
      const [fromB, fromA] = await Promise.all([event.response, a.slack.post(event.body, 'application/json')]);
      expect([fromA.status, fromB.status]).toEqual([200, 200]);
      await waitFor('the answer on Telegram', () => a.delivered.length + b.delivered.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([...a.delivered, ...b.delivered]).toEqual([{ channel: 'telegram', conversationId: '50', replies: [{ text: 'From our team (Hoa): Hoa here, from either desk' }] }]);
    } finally {
      await fake.close();
    }
  });
});
