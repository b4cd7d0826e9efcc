import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBookingStore, createMemoryStore } from '../../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../../helpers/bot.ts';
import { blockText, buttonsOf, type FakeMessage } from '../../helpers/fake-slack.ts';
import { bookThroughCore, EVE, FIXED_NOW, HOA, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, waitForCalls, type RunningDesk } from './harness.ts';

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Waits for the staff channel's `n`-th top-level message (1-based). */
async function nthPost(desk: RunningDesk, n: number): Promise<FakeMessage> {
  await waitFor(`message ${n} in the staff channel`, () => desk.fake.rootMessages(STAFF_CHANNEL).length >= n);
  return desk.fake.rootMessages(STAFF_CHANNEL)[n - 1]!;
}

/** Presses a button of a message in the staff channel as `user`; resolves once the HTTP answer is back. */
async function press(desk: RunningDesk, message: FakeMessage, actionId: string, user = HOA) {
  const button = buttonsOf(message.blocks).find((b) => b.actionId === actionId);
  if (!button) throw new Error(`no ${actionId} button on: ${message.text}`);
  const { response } = desk.slack.click(button, message, user);
  expect((await response).status).toBe(200);
}

describe('booking notifications in the staff channel', () => {
  it('posts a booking made by a Telegram guest with its details, buttons and the health note highlighted', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen', health: 'Pregnant, 20 weeks' });
    const posted = await nthPost(running, 1);
    expect(posted.text).toBe(`:new: New booking ${ref}: Fri 27 Nov, 15:00, Lan Nguyen`);
    const text = blockText(posted.blocks);
    for (const detail of ['60 minutes', 'Lan Nguyen', '+84905123456', 'Telegram', 'firm pressure', 'Mai (sample)']) expect(text).toContain(detail);
    const warning = (posted.blocks ?? []).find((b) => b.type === 'context' && JSON.stringify(b).includes(':warning:'));
    expect(blockText(warning ? [warning] : [])).toBe(':warning: *Health:*\nPregnant, 20 weeks');
    expect(buttonsOf(posted.blocks).map((b) => b.label)).toEqual(['Cancel booking', 'Move', 'Arrived', 'No-show']);
  });

  it('shows a guest’s name and health note as they wrote them, never as Slack formatting, links or mentions', async () => {
    running = await startDesk();
    const name = '*URGENT* _Lan_ ~Nguyen~ `now` <!channel>';
    const health = 'see http://evil.example and *call me*';
    const ref = await bookThroughCore(running.concierge, { id: 'hostile', name, health });
    const posted = await nthPost(running, 1);
    const markup = blockText(posted.blocks, 'mrkdwn');
    for (const word of ['URGENT', 'Lan', 'Nguyen', '!channel', 'evil.example', 'call me']) expect(markup).not.toContain(word);
    const plain = blockText(posted.blocks, 'plain_text');
    // The name as the bot kept it (its reading of a name drops some signs), the health note as written.
    const stored = (await running.concierge.staffDesk!.booking(ref))!.guest.name;
    expect(plain).toContain(`New booking ${ref}: Fri 27 Nov, 15:00, ${stored}`);
    expect(plain).toContain(`Guest\n${stored}`);
    expect(plain).toContain(health);
    // The fallback text (notifications) is escaped and posted with formatting off.
    expect(posted.text).not.toMatch(/<[!@#h]/);
    expect(String(running.fake.callsTo('chat.postMessage')[0]?.payload.mrkdwn)).toBe('false');
  });

  it('posts a move with where it was, and a guest’s cancellation without buttons', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'mover' });
    const guest = fakeGuest(running.concierge, { id: 'mover', channel: 'telegram' });
    await guest.say('move my massage to Sunday at 5');
    expect(textOf(await guest.press('Yes, move it'))).toMatch(/Sunday 29 November at 17:00/);
    const moved = await nthPost(running, 2);
    expect(moved.text).toBe(`:arrows_counterclockwise: Booking ${ref} moved to Sun 29 Nov, 17:00, Lan Nguyen`);
    expect(blockText(moved.blocks)).toMatch(/Was Fri 27 Nov, 15:00 with (Mai|An) \(sample\)\./);

    await guest.say(`cancel ${ref}`);
    await guest.press('Yes, cancel it');
    const cancelled = await nthPost(running, 3);
    expect(cancelled.text).toMatch(new RegExp(`:x: Booking ${ref} cancelled`));
    expect(blockText(cancelled.blocks)).toMatch(/This booking is cancelled/);
    expect(buttonsOf(cancelled.blocks)).toEqual([]);
  });
});

describe('the booking buttons', () => {
  it('cancels for the spa: the guest is told on Telegram, the message shows who cancelled, the team is told', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '42' });
    const posted = await nthPost(running, 1);
    const before = running.fake.ephemeralsTo(HOA).length;
    await press(running, posted, 'booking_cancel');
    const answer = await nextEphemeral(running.fake, HOA, before);
    expect(answer.text).toBe(`Booking ${ref} is cancelled, and the guest was told on Telegram.`);
    expect(running.delivered).toEqual([{ channel: 'telegram', conversationId: '42', replies: [{ text: expect.stringContaining(ref) }] }]);
    expect((await running.concierge.staffDesk!.booking(ref))?.status).toBe('cancelled');
    // The notification now says who cancelled it, and has no buttons left.
    await waitForCalls(running.fake, 'chat.update', 1);
    expect(blockText(posted.blocks)).toMatch(/Cancelled by Hoa\./);
    expect(buttonsOf(posted.blocks)).toEqual([]);
    expect((await nthPost(running, 2)).text).toMatch(new RegExp(`Booking ${ref} cancelled`));

    // A second press (another copy of the buttons) changes nothing and says so.
    const { response } = running.slack.click({ actionId: 'booking_cancel', value: ref }, posted);
    await response;
    expect((await nextEphemeral(running.fake, HOA, before + 1)).text).toBe(`Booking ${ref} was already cancelled.`);
    expect(running.delivered).toHaveLength(1);
  });

  it('still tells the staff member the booking is cancelled when the message cannot be updated', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '49' });
    const posted = await nthPost(running, 1);
    running.fake.failNext('chat.update', { error: 'message_not_found' });
    await press(running, posted, 'booking_cancel');
    expect((await nextEphemeral(running.fake, HOA, 0)).text).toBe(`Booking ${ref} is cancelled, and the guest was told on Telegram.`);
    expect(running.log.messages('warn')).toContain('the booking message could not be updated in Slack');
  });

  it('marks arrival and no-show, showing who marked it and keeping the buttons', async () => {
    // A session today at 11:00; the buttons are pressed at 11:30, once it has started.
    const clock = { now: FIXED_NOW };
    const concierge = await createTestConcierge({ bookings: createMemoryBookingStore({ now: () => clock.now.getTime() }), store: createMemoryStore(), now: () => clock.now });
    running = await startDesk({ concierge });
    const ref = await bookThroughCore(running.concierge, { id: '43', request: 'today at 11am for an hour' });
    const posted = await nthPost(running, 1);
    clock.now = new Date(FIXED_NOW.getTime() + 150 * 60_000);
    await press(running, posted, 'booking_arrived');
    await waitForCalls(running.fake, 'chat.update', 1);
    expect(blockText(posted.blocks)).toMatch(/Arrived \(marked by Hoa\)/);
    expect(buttonsOf(posted.blocks)).toHaveLength(4);
    expect((await running.concierge.staffDesk!.booking(ref))?.attendance).toBe('arrived');

    await press(running, posted, 'booking_no_show');
    await waitForCalls(running.fake, 'chat.update', 2);
    expect(blockText(posted.blocks)).toMatch(/No-show \(marked by Hoa\)/);
    expect(blockText(posted.blocks)).not.toMatch(/Arrived \(marked/);
    expect((await running.concierge.staffDesk!.booking(ref))?.attendance).toBe('no_show');
  });

  it('works from the card /booking shows, replacing the staff member’s own copy', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '44' });
    await running.slack.command('/booking', ref);
    const card = await nextEphemeral(running.fake, HOA, 0);
    const { response } = running.slack.click({ actionId: 'booking_arrived', value: ref }, { ephemeral: { channel: STAFF_CHANNEL, text: card.text, blocks: card.blocks } });
    expect((await response).status).toBe(200);
    await waitFor('the card to be replaced', () => running!.fake.responses.length > 0);
    expect(running.fake.responses[0]?.body).toMatchObject({ replace_original: true });
    expect(blockText(running.fake.responses[0]?.body.blocks as Array<Record<string, unknown>>)).toMatch(/Arrived \(marked by Hoa\)/);
    expect((await nextEphemeral(running.fake, HOA, 1)).text).toBe(`Booking ${ref}: marked as arrived.`);
  });

  it('refuses a click from someone not on the team and changes nothing', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '45' });
    const posted = await nthPost(running, 1);
    await press(running, posted, 'booking_cancel', EVE);
    // Eve is not in the staff channel, so the refusal goes to her through the response URL.
    await waitFor('the refusal', () => running!.fake.responses.length > 0);
    expect(running.fake.responses[0]?.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/only for the team/) });
    expect((await running.concierge.staffDesk!.booking(ref))?.status).toBe('confirmed');
    expect(running.delivered).toEqual([]);
    expect(running.fake.callsTo('chat.update')).toEqual([]);
  });
});

describe('when Slack fails', () => {
  it('retries a postMessage answered with 500 and then with a rate limit, and the booking arrives once', async () => {
    running = await startDesk();
    running.fake.failNext('chat.postMessage', 500);
    running.fake.failNext('chat.postMessage', 'ratelimited');
    const ref = await bookThroughCore(running.concierge, { id: '46' });
    const posted = await nthPost(running, 1);
    expect(posted.text).toContain(ref);
    const attempts = running.fake.callsTo('chat.postMessage');
    expect(attempts).toHaveLength(3);
    // The rate limit was waited out as Slack's Retry-After asked.
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(950);
    expect(running.fake.rootMessages(STAFF_CHANNEL)).toHaveLength(1);
    expect(running.log.messages('warn')).toContain('a Slack Web API call failed; retrying');
  });

  it('posts a booking whose post failed once Slack answers again, without holding up the next one', async () => {
    running = await startDesk({ desk: { bookingPosts: { retryMs: 300 } } });
    // The first post fails through all of the WebClient's retries.
    for (let i = 0; i < 4; i++) running.fake.failNext('chat.postMessage', 500);
    const ref = await bookThroughCore(running.concierge, { id: '47' });
    await waitFor('the failure to be logged', () => running!.log.entries.some((e) => e.level === 'warn' && (e.details as { ref?: string }).ref === ref));
    expect(running.log.messages('warn')).toContain('a booking change could not be followed up; it will be tried again');
    expect((await running.concierge.staffDesk!.booking(ref))?.status).toBe('confirmed');
    const next = await bookThroughCore(running.concierge, { id: '48', request: 'saturday at 11am for an hour' });
    await nthPost(running, 2);
    const posts = running.fake.rootMessages(STAFF_CHANNEL).map((m) => m.text);
    expect(posts.filter((text) => text.includes(ref))).toHaveLength(1);
    expect(posts.filter((text) => text.includes(next))).toHaveLength(1);
    // The retry looked for its post in the channel first (the failed try might have reached Slack).
    expect(running.fake.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('gives a post up after its last try, logging the booking, and goes on', async () => {
    running = await startDesk({ desk: { bookingPosts: { retryMs: 100, maxAttempts: 2 } } });
    for (let i = 0; i < 8; i++) running.fake.failNext('chat.postMessage', 500);
    const ref = await bookThroughCore(running.concierge, { id: '49' });
    await waitFor('the post to be given up', () => running!.log.entries.some((e) => e.level === 'error' && (e.details as { ref?: string }).ref === ref));
    expect(running.log.messages('error')).toContain('a booking change was given up after repeated failures (the booking itself is saved)');
    const next = await bookThroughCore(running.concierge, { id: '50', request: 'saturday at 11am for an hour' });
    expect((await nthPost(running, 1)).text).toContain(next);
  });

  it('apologises to the staff member when answering a command fails on our side, and works again after', async () => {
    running = await startDesk();
    // Slack's own error answers are not retried: the member list cannot be had, so nobody can be checked.
    running.fake.failNext('conversations.members', { error: 'fatal_error' });
    await running.slack.command('/bookings', '', HOA);
    expect((await nextEphemeral(running.fake, HOA, 0)).text).toMatch(/something went wrong on our side/);
    expect(running.log.messages('error')).toContain('a staff command or button failed');
    await running.slack.command('/bookings', '', HOA);
    expect((await nextEphemeral(running.fake, HOA, 1)).text).toMatch(/No bookings/);
  });

  it('uses the member list from before while Slack cannot give a fresh one', async () => {
    running = await startDesk({ desk: { staffCacheSeconds: 0.001 } });
    await running.slack.command('/bookings', '', HOA);
    await nextEphemeral(running.fake, HOA, 0);
    running.fake.failNext('conversations.members', { error: 'fatal_error' });
    await running.slack.command('/bookings', '', HOA);
    expect((await nextEphemeral(running.fake, HOA, 1)).text).toMatch(/No bookings/);
    expect(running.log.messages('warn')).toContain('the staff channel members could not be fetched; using the list from before');
  });
});
