// The staff desk as the spa's team uses it on a working day: messy slash-command words, buttons pressed
// twice or late, notifications and a hand-over thread. Each journey asserts what staff would see.
import { afterEach, describe, expect, it } from 'vitest';
import type { Concierge } from '../../../src/core/index.ts';
import { createMemoryBookingStore, createMemoryStore, createRedisBookingStore } from '../../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../../helpers/bot.ts';
import { blockText, buttonsOf, type FakeEphemeral, type FakeMessage } from '../../helpers/fake-slack.ts';
import { useTestRedis } from '../../helpers/redis.ts';
import { bookThroughCore, FIXED_NOW, HOA, LINH, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, waitForCalls, type RunningDesk } from './harness.ts';

const redis = useTestRedis();

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const MINUTE = 60_000;

/** A concierge over memory stores whose clock the test moves (FIXED_NOW to begin with: Thu 26 Nov, 09:00 in Da Nang). */
async function concierge(start = FIXED_NOW): Promise<{ concierge: Concierge; clock: { now: Date } }> {
  const clock = { now: start };
  const made = await createTestConcierge({ bookings: createMemoryBookingStore({ now: () => clock.now.getTime() }), store: createMemoryStore(), now: () => clock.now });
  return { concierge: made, clock };
}

/** Everything a staff member reads in an ephemeral answer: its fallback text and its blocks. */
const readable = (answer: FakeEphemeral) => `${answer.text}\n${blockText(answer.blocks)}`;

/** `user` types a slash command in the staff channel; returns the answer only they see. */
async function typed(desk: RunningDesk, command: string, text: string, user = HOA): Promise<FakeEphemeral & { all: string }> {
  const before = desk.fake.ephemeralsTo(user).length;
  const response = await desk.slack.command(command, text, user);
  expect(response.status).toBe(200);
  const answer = await nextEphemeral(desk.fake, user, before);
  return { ...answer, all: readable(answer) };
}

/** `user` presses a button on a message in the channel, or on their own copy of a card; returns their answer. */
async function pressed(desk: RunningDesk, on: FakeMessage | FakeEphemeral, actionId: string, user = HOA): Promise<string> {
  const button = buttonsOf(on.blocks).find((b) => b.actionId === actionId);
  if (!button) throw new Error(`no ${actionId} button on: ${on.text}`);
  const before = desk.fake.ephemeralsTo(user).length;
  const target = 'ts' in on ? on : { ephemeral: { channel: on.channel, text: on.text, blocks: on.blocks } };
  const { response } = desk.slack.click(button, target, user);
  expect((await response).status).toBe(200);
  return (await nextEphemeral(desk.fake, user, before)).text;
}

/** The `n`-th top-level message of the staff channel (1-based), once it is there. */
async function staffPost(desk: RunningDesk, n: number): Promise<FakeMessage> {
  await waitFor(`post ${n} in the staff channel`, () => desk.fake.rootMessages(STAFF_CHANNEL).length >= n);
  return desk.fake.rootMessages(STAFF_CHANNEL)[n - 1]!;
}

/** The day headings of an /availability answer, in order. */
const daysShown = (answer: { blocks?: Array<Record<string, unknown>> }) => [...blockText(answer.blocks).matchAll(/^\*(\w+day \d+ \w+)\*$/gm)].map((m) => m[1]);

/** The free times listed for a therapist on the first day shown. */
const firstDayTimes = (answer: { blocks?: Array<Record<string, unknown>> }, therapist: string) =>
  blockText(answer.blocks).split('\n').find((l) => l.startsWith(`${therapist}:`))?.match(/\d\d:\d\d/g) ?? [];

describe('the morning check: /bookings for a day', () => {
  it('lists the day’s web and Telegram bookings in Da Nang time, whatever day words are used, without cancelled or moved-away ones', async () => {
    running = await startDesk({ concierge: (await concierge()).concierge });
    const web = await bookThroughCore(running.concierge, { id: 'web-lan', channel: 'web', name: 'Lan Nguyen', request: 'tomorrow at 10am for an hour' });
    const telegram = await bookThroughCore(running.concierge, { id: 'tg-tom', name: 'Tom Baker', request: 'tomorrow at 3pm, 30 minutes' });
    const cancelled = await bookThroughCore(running.concierge, { id: 'tg-kim', name: 'Kim Le', request: 'tomorrow at 5pm for an hour' });
    const moved = await bookThroughCore(running.concierge, { id: 'tg-bao', name: 'Bao Vo', request: 'tomorrow at 6pm for an hour' });
    const kim = fakeGuest(running.concierge, { id: 'tg-kim', channel: 'telegram' });
    await kim.say(`cancel ${cancelled}`);
    await kim.press('Yes, cancel it');
    const bao = fakeGuest(running.concierge, { id: 'tg-bao', channel: 'telegram' });
    await bao.say('move my massage to Sunday at 5');
    expect(textOf(await bao.press('Yes, move it'))).toMatch(/Sunday 29 November at 17:00/);

    for (const words of ['tomorrow', 'tmrw', ' Tomorrow ', 'fri', '27/11', 'Friday 27th', '27 nov']) {
      const answer = await typed(running, '/bookings', words);
      const text = blockText(answer.blocks);
      expect(text, words).toMatch(/^\*Bookings for Friday 27 November\*/);
      const lines = text.split('\n').filter((l) => l.includes(' · '));
      expect(lines, words).toHaveLength(2);
      // Soonest first, at the times the guests asked for, in the spa's zone.
      expect(lines[0]).toMatch(new RegExp(`^Fri 27 Nov, 10:00 · 60 min · Lan Nguyen · .* · the web chat · firm pressure · ${web}$`));
      expect(lines[1]).toMatch(new RegExp(`^Fri 27 Nov, 15:00 · 30 min · Tom Baker · .* · Telegram · firm pressure · ${telegram}$`));
      expect(text).not.toContain(cancelled);
      expect(text).not.toContain(moved);
    }
    // The moved booking is on the day it moved to.
    expect((await typed(running, '/bookings', 'sunday')).all).toContain(moved);
    expect((await typed(running, '/bookings', 'in 3 days')).all).toContain(moved);

    // Details on a line opens the booking's card with its buttons.
    const list = await typed(running, '/bookings', 'tomorrow');
    const before = running.fake.ephemeralsTo(HOA).length;
    const details = buttonsOf(list.blocks).find((b) => b.value === web)!;
    await running.slack.click(details, { ephemeral: { channel: STAFF_CHANNEL, text: list.text, blocks: list.blocks } }).response;
    const card = await nextEphemeral(running.fake, HOA, before);
    expect(blockText(card.blocks)).toMatch(/Booking LS-.*\n[\s\S]*Fri 27 Nov, 10:00[\s\S]*the web chat/);
    expect(buttonsOf(card.blocks).map((b) => b.label)).toEqual(['Cancel booking', 'Move', 'Arrived', 'No-show']);
  });

  it('with Redis holding the bookings, a web booking is listed and a cancelled one is gone', async () => {
    const bookings = createRedisBookingStore(redis.client, { prefix: redis.newPrefix('staff-journeys') });
    const withRedis = await createTestConcierge({ bookings, store: createMemoryStore(), now: () => FIXED_NOW });
    running = await startDesk({ concierge: withRedis });
    const web = await bookThroughCore(running.concierge, { id: 'web-1', channel: 'web', name: 'Mai Anh', request: 'saturday at 11am for an hour' });
    const gone = await bookThroughCore(running.concierge, { id: 'tg-1', name: 'Quang', request: 'saturday at 2pm for an hour' });
    const guest = fakeGuest(running.concierge, { id: 'tg-1', channel: 'telegram' });
    await guest.say(`cancel ${gone}`);
    await guest.press('Yes, cancel it');
    const text = blockText((await typed(running, '/bookings', 'sat')).blocks);
    expect(text).toMatch(/Bookings for Saturday 28 November/);
    expect(text).toMatch(new RegExp(`Sat 28 Nov, 11:00.*Mai Anh.*the web chat.*${web}`));
    expect(text).not.toContain(gone);
    expect((await typed(running, '/booking', gone)).all).toMatch(/This booking is cancelled/);
  });

  it('after midnight in Da Nang (still the evening before in UTC), "today" and "tomorrow" are Da Nang’s days', async () => {
    // 17:30 UTC on Thursday is 00:30 on Friday 27 November in Da Nang.
    running = await startDesk({ concierge: (await concierge(new Date('2026-11-26T17:30:00Z'))).concierge });
    const ref = await bookThroughCore(running.concierge, { id: 'night-owl', request: 'today at 9am for an hour' });
    const today = await typed(running, '/bookings', '');
    expect(today.all).toMatch(/Bookings for Friday 27 November/);
    expect(blockText(today.blocks)).toMatch(new RegExp(`Fri 27 Nov, 09:00.*${ref}`));
    expect((await typed(running, '/bookings', 'tomorrow')).all).toMatch(/No bookings for Saturday 28 November/);
    expect(daysShown(await typed(running, '/availability', 'today'))).toEqual(['Friday 27 November']);
  });

  it('explains a day it cannot read', async () => {
    running = await startDesk();
    expect((await typed(running, '/bookings', 'asap pls')).all).toMatch(/couldn't read "asap pls" as a day. Try `\/bookings`/);
  });

  it('shows in the day’s list who has arrived and who did not come', async () => {
    const { concierge: made, clock } = await concierge();
    running = await startDesk({ concierge: made });
    const came = await bookThroughCore(running.concierge, { id: 'a1', name: 'Came Early', request: 'today at 11am for an hour' });
    const missed = await bookThroughCore(running.concierge, { id: 'a2', name: 'Never Came', request: 'today at 11am for an hour' });
    clock.now = new Date(FIXED_NOW.getTime() + 150 * MINUTE);
    for (const ref of [came, missed]) {
      const card = await typed(running, '/booking', ref);
      await pressed(running, card, ref === came ? 'booking_arrived' : 'booking_no_show');
    }
    const lines = blockText((await typed(running, '/bookings', 'today')).blocks).split('\n');
    expect(lines.find((l) => l.includes(came))).toMatch(/arrived/i);
    expect(lines.find((l) => l.includes(missed))).toMatch(/no-show|did not come/i);
  });
});

describe('/availability with the words staff really type', () => {
  it('reads day words and lengths the way staff mean them', async () => {
    running = await startDesk();
    const cases: Array<[string, string[], RegExp]> = [
      ['', ['Thursday 26 November'], /60-minute/],
      ['tmrw', ['Friday 27 November'], /60-minute/],
      ['today 60min', ['Thursday 26 November'], /60-minute/],
      ['today 30 mins', ['Thursday 26 November'], /30-minute/],
      ['sat 30', ['Saturday 28 November'], /30-minute/],
      ['next fri', ['Friday 4 December'], /60-minute/],
      ['27/11', ['Friday 27 November'], /60-minute/],
      ['27/11 1h', ['Friday 27 November'], /60-minute/],
      ['in 3 days', ['Sunday 29 November'], /60-minute/],
      ['nov 30 30', ['Monday 30 November'], /30-minute/],
      ['sat to sun', ['Saturday 28 November', 'Sunday 29 November'], /60-minute/],
    ];
    for (const [words, days, length] of cases) {
      const answer = await typed(running, '/availability', words);
      expect(daysShown(answer), words).toEqual(days);
      expect(answer.text, words).toMatch(length);
    }
    // Today, nothing earlier than the two hours' notice guests get is offered.
    expect(firstDayTimes(await typed(running, '/availability', 'today'), 'Mai (sample)')[0]).toBe('11:00');
    expect(firstDayTimes(await typed(running, '/availability', 'tmrw'), 'Mai (sample)')[0]).toBe('09:00');
  });

  it('drops a time from both therapists once guests on two channels have taken it', async () => {
    running = await startDesk();
    await bookThroughCore(running.concierge, { id: 'w1', channel: 'web', request: 'tomorrow at 2pm for an hour' });
    await bookThroughCore(running.concierge, { id: 't1', request: 'tomorrow at 2pm for an hour' });
    const answer = await typed(running, '/availability', 'tomorrow 60');
    for (const therapist of ['Mai (sample)', 'An (sample)']) {
      const times = firstDayTimes(answer, therapist);
      // 14:00-15:00 plus the 15-minute turnover either side.
      expect(times).toContain('12:30');
      for (const taken of ['13:00', '13:30', '14:00', '14:30', '15:00']) expect(times, therapist).not.toContain(taken);
      expect(times).toContain('15:30');
    }
  });

  it('answers nonsense, an unoffered length and too long a range with how to ask', async () => {
    running = await startDesk();
    expect((await typed(running, '/availability', 'whenever')).all).toMatch(/couldn't read "whenever" as a day/);
    expect((await typed(running, '/availability', 'tomorrow 90')).all).toMatch(/Sessions of 90 minutes are not offered/);
    expect((await typed(running, '/availability', '1 dec to 31 dec')).all).toMatch(/too many days/);
  });

  it('reads "sat 28" as Saturday the 28th, not a 28-minute session', async () => {
    running = await startDesk();
    const answer = await typed(running, '/availability', 'sat 28');
    expect(daysShown(answer)).toEqual(['Saturday 28 November']);
  });

  it('shows every day of next week for "next week"', async () => {
    running = await startDesk();
    const answer = await typed(running, '/availability', 'next week');
    expect(daysShown(answer)).toEqual(['Monday 30 November', 'Tuesday 1 December', 'Wednesday 2 December', 'Thursday 3 December', 'Friday 4 December', 'Saturday 5 December', 'Sunday 6 December']);
  });

  it('shows the rest of this week for "this week" and Saturday and Sunday for "weekend"', async () => {
    running = await startDesk();
    expect(daysShown(await typed(running, '/availability', 'this week'))).toEqual(['Thursday 26 November', 'Friday 27 November', 'Saturday 28 November', 'Sunday 29 November']);
    expect(daysShown(await typed(running, '/availability', 'weekend 30'))).toEqual(['Saturday 28 November', 'Sunday 29 November']);
  });

  it('says a day beyond the booking horizon is not open for booking yet, rather than fully booked', async () => {
    running = await startDesk();
    const answer = await typed(running, '/availability', '1 march 2027');
    expect(answer.all).toMatch(/Monday 1 March/);
    expect(answer.all).not.toMatch(/nothing free/);
    expect(answer.all).toMatch(/60 days|not open|too far/i);
  });

  it('says the spa is closed on a closed day', async () => {
    running = await startDesk();
    const answer = await typed(running, '/availability', '1 jan');
    expect(answer.all).toMatch(/Friday 1 January/);
    expect(answer.all).not.toMatch(/nothing free/);
    expect(answer.all).toMatch(/closed/i);
  });

  it('says a past day is over, rather than showing it as fully booked', async () => {
    running = await startDesk();
    const answer = await typed(running, '/availability', 'yesterday');
    expect(answer.all).not.toMatch(/nothing free/);
    expect(answer.all).toMatch(/past|over|already/i);
  });
});

describe('/booking REF', () => {
  it('finds a booking typed in lower case with spaces around it, made by any guest on any channel', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'web-guest', channel: 'web', name: 'Hanh Do', health: 'I have high blood pressure' });
    for (const words of [ref.toLowerCase(), `  ${ref}  `, `${ref} please`]) {
      const answer = await typed(running, '/booking', words, LINH);
      expect(blockText(answer.blocks), words).toMatch(new RegExp(`Booking ${ref}[\\s\\S]*Fri 27 Nov, 15:00[\\s\\S]*Hanh Do[\\s\\S]*the web chat`));
      expect(blockText(answer.blocks)).toContain(':warning: *Health:*\nI have high blood pressure');
    }
    expect((await typed(running, '/booking', 'ls-zzzz')).all).toMatch(/There is no booking LS-ZZZZ/);
    expect((await typed(running, '/booking', '')).all).toMatch(/Give a booking reference/);
  });

  it('finds a reference written without the dash, with a space, or with a phone’s long dash', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan' });
    const code = ref.slice(3);
    for (const words of [`ls ${code.toLowerCase()}`, `LS${code}`, `LS–${code}`]) {
      expect((await typed(running, '/booking', words)).all, words).toContain(`Booking ${ref}`);
    }
  });
});

describe('notifications and their buttons', () => {
  it('posts a web booking with the guest’s details in Da Nang time, and Arrived pressed twice leaves one line', async () => {
    const { concierge: made, clock } = await concierge();
    running = await startDesk({ concierge: made });
    const ref = await bookThroughCore(running.concierge, { id: 'web-9', channel: 'web', name: 'Thu Ha', request: 'today at 4pm for an hour' });
    const posted = await staffPost(running, 1);
    expect(posted.text).toBe(`:new: New booking ${ref}: Thu 26 Nov, 16:00, Thu Ha`);
    expect(blockText(posted.blocks)).toMatch(/the web chat/);

    clock.now = new Date(FIXED_NOW.getTime() + 7 * 60 * MINUTE - 5 * MINUTE); // 15:55, the guest walks in
    expect(await pressed(running, posted, 'booking_arrived')).toBe(`Booking ${ref}: marked as arrived.`);
    await waitForCalls(running.fake, 'chat.update', 1);
    expect(await pressed(running, posted, 'booking_arrived', LINH)).toBe(`Booking ${ref}: marked as arrived.`);
    await waitForCalls(running.fake, 'chat.update', 2);
    const statusLines = blockText(posted.blocks).split('\n').filter((l) => /Arrived \(marked by/.test(l));
    expect(statusLines).toEqual([':white_check_mark: Arrived (marked by Linh Pham).']);
    expect(buttonsOf(posted.blocks)).toHaveLength(4);
  });

  it('cancel pressed twice cancels once, tells the guest once, and the second press says so', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '77' });
    const posted = await staffPost(running, 1);
    // Linh's screen still shows the buttons when Hoa's press has taken them off.
    const linhsCopy = { ...posted };
    expect(await pressed(running, posted, 'booking_cancel')).toBe(`Booking ${ref} is cancelled, and the guest was told on Telegram.`);
    await waitFor('the buttons to go', () => buttonsOf(posted.blocks).length === 0);
    expect(await pressed(running, linhsCopy, 'booking_cancel', LINH)).toBe(`Booking ${ref} was already cancelled.`);
    expect(running.delivered).toHaveLength(1);
    expect(textOf(running.delivered[0]!.replies)).toMatch(new RegExp(`${ref} on .* has been cancelled by the spa`));
    await staffPost(running, 2);
    expect(running.fake.rootMessages(STAFF_CHANNEL).filter((m) => m.text.startsWith(':x:'))).toHaveLength(1);
    expect((await typed(running, '/bookings', 'tomorrow')).all).toMatch(/No bookings for Friday 27 November/);
  });

  it('a late press on a card whose booking the guest cancelled meanwhile says so and takes the buttons away', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '78' });
    const card = await typed(running, '/booking', ref);
    const guest = fakeGuest(running.concierge, { id: '78', channel: 'telegram' });
    await guest.say(`cancel ${ref}`);
    await guest.press('Yes, cancel it');
    expect(await pressed(running, card, 'booking_arrived')).toBe(`Booking ${ref} is cancelled, so attendance can't be marked.`);
    await waitFor('the card to be replaced', () => running!.fake.responses.some((r) => r.body.replace_original === true));
    const replaced = running.fake.responses.find((r) => r.body.replace_original === true)!.body.blocks as Array<Record<string, unknown>>;
    expect(blockText(replaced)).toMatch(/This booking is cancelled/);
    expect(buttonsOf(replaced)).toEqual([]);
    expect((await running.concierge.staffDesk!.booking(ref))?.attendance).toBeUndefined();
  });

  it('refuses No-show for a session that has not started yet', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '79' });
    const posted = await staffPost(running, 1);
    const answer = await pressed(running, posted, 'booking_no_show');
    expect(answer).not.toMatch(/marked as a no-show/);
    expect((await running.concierge.staffDesk!.booking(ref))?.attendance).toBeUndefined();
  });

  it('refuses to cancel a session that is already over, and tells the guest nothing', async () => {
    const { concierge: made, clock } = await concierge();
    running = await startDesk({ concierge: made });
    const ref = await bookThroughCore(running.concierge, { id: '80', request: 'today at 11am for an hour' });
    const posted = await staffPost(running, 1);
    clock.now = new Date(FIXED_NOW.getTime() + 5 * 60 * MINUTE); // 14:00; the session was 11:00-12:00
    const answer = await pressed(running, posted, 'booking_cancel');
    expect(answer).not.toMatch(/is cancelled, and the guest was told/);
    expect(running.delivered).toEqual([]);
    expect((await running.concierge.staffDesk!.booking(ref))?.status).toBe('confirmed');
  });

  it('two staff cancelling the same booking at the same moment tell the guest once', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '81' });
    await staffPost(running, 1);
    // Two presses reaching the core together (two instances, or two staff within milliseconds); through Slack the
    // timing is not repeatable, so the presses' work is started side by side here.
    const desk = running.concierge.staffDesk!;
    await Promise.all([desk.cancel(ref, 'Hoa'), desk.cancel(ref, 'Linh')]);
    await staffPost(running, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running.delivered).toHaveLength(1);
    expect(running.fake.rootMessages(STAFF_CHANNEL).filter((m) => m.text.startsWith(':x:'))).toHaveLength(1);
  });
});

describe('a hand-over thread', () => {
  it('carries a guest’s request to a person, the staff answer back, and ends once however often Hand back is pressed', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: '90', name: 'Lan Nguyen' });
    const guest = fakeGuest(running.concierge, { id: '90', channel: 'telegram', name: 'Lan' });
    expect(textOf(await guest.say('I need to speak to a human please'))).toMatch(/asked a member of our team/i);
    // The booking's notification came first; the thread is the next post.
    const thread = await staffPost(running, 2);
    expect(thread.text).toBe(':raising_hand: Lan on Telegram would like to talk to a person');
    expect(blockText(thread.blocks)).toMatch(/Guest: I need to speak to a human please/);

    // Staff look the guest's booking up, then answer in the thread.
    expect((await typed(running, '/booking', ref)).all).toMatch(/Lan Nguyen/);
    await running.slack.threadReply(thread.ts, `Hi Lan, this is Hoa. I see ${ref} tomorrow at 15:00 — what can I do?`).response;
    await waitFor('the answer on Telegram', () => running!.delivered.length === 1);
    expect(running.delivered[0]).toEqual({ channel: 'telegram', conversationId: '90', replies: [{ text: `From our team (Hoa): Hi Lan, this is Hoa. I see ${ref} tomorrow at 15:00 — what can I do?` }] });
    expect(await guest.say('Can my sister come too?')).toEqual([]);
    await waitFor('the guest in the thread', () => running!.fake.threadReplies(STAFF_CHANNEL, thread.ts).length === 1);
    expect(running.fake.threadReplies(STAFF_CHANNEL, thread.ts)[0]!.text).toBe('Lan: Can my sister come too?');

    // Hoa hands back; Linh presses the same button a moment later on her screen.
    const button = buttonsOf(thread.blocks)[0]!;
    const stale = { ...thread, blocks: thread.blocks };
    await running.slack.click(button, thread).response;
    await waitFor('the hand-back on Telegram', () => running!.delivered.length === 2);
    expect(textOf(running.delivered[1]!.replies)).toMatch(/back with the L Spa assistant/);
    await waitFor('the button to go', () => buttonsOf(thread.blocks).length === 0);
    await running.slack.click(button, stale, LINH).response;
    expect((await nextEphemeral(running.fake, LINH, 0)).text).toBe('This conversation is already back with the bot.');
    expect(running.delivered).toHaveLength(2);
    expect(textOf(await guest.say('does it hurt?'))).toMatch(/pressure/i);
  });

  it('gets a staff reply that carries a file to the guest, or tells the staff member it did not go', async () => {
    running = await startDesk();
    await fakeGuest(running.concierge, { id: '91', channel: 'telegram', name: 'Minh' }).say('can I talk to a person?');
    const thread = await staffPost(running, 1);
    const ts = running.fake.nextTs();
    await running.slack.event({
      type: 'message',
      subtype: 'file_share',
      channel: STAFF_CHANNEL,
      channel_type: 'channel',
      user: HOA,
      text: 'Here is our price list',
      files: [{ id: 'F0PRICES', name: 'prices.pdf', mimetype: 'application/pdf' }],
      ts,
      thread_ts: thread.ts,
      event_ts: ts,
    }).response;
    await waitFor('the guest to get it, and Hoa to be told about the file', () => running!.delivered.length > 0 && running!.fake.ephemeralsTo(HOA).length > 0, 1500);
    expect(JSON.stringify(running.delivered)).toContain('Here is our price list');
    expect(JSON.stringify(running.fake.ephemeralsTo(HOA))).toMatch(/file was not sent/);
  });
});
