import { afterEach, describe, expect, it } from 'vitest';
import { splitAvailabilityRequest } from '../../../src/nlu/index.ts';
import { fakeGuest } from '../../helpers/bot.ts';
import { blockText, buttonsOf } from '../../helpers/fake-slack.ts';
import { bookThroughCore, EVE, HOA, MANAGER, nextEphemeral, OTHER_CHANNEL, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Types a command as `user` and returns the ephemeral answer they get. */
async function ask(desk: RunningDesk, command: string, text: string, user = HOA, channel = STAFF_CHANNEL) {
  const before = desk.fake.ephemeralsTo(user).length;
  const started = Date.now();
  const response = await desk.slack.command(command, text, user, channel);
  // Acknowledged at once with an empty 200; the answer comes after.
  expect(response.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(3000);
  const answer = await nextEphemeral(desk.fake, user, before);
  return { ...answer, all: `${answer.text}\n${blockText(answer.blocks)}` };
}

/** The free times the answer lists for a therapist. */
function timesFor(answer: string, therapist: string): string[] {
  const line = answer.split('\n').find((l) => l.startsWith(`${therapist}:`)) ?? '';
  return line.match(/\d\d:\d\d/g) ?? [];
}

describe('/availability', () => {
  it('shows free times per therapist that agree with what the bot offers a guest', async () => {
    running = await startDesk();
    // Two guests take 10:00 tomorrow, one with each therapist.
    await bookThroughCore(running.concierge, { id: 'g1', request: 'tomorrow at 10am for an hour' });
    await bookThroughCore(running.concierge, { id: 'g2', request: 'tomorrow at 10am for an hour', name: 'Tom Baker' });

    const answer = await ask(running, '/availability', 'tomorrow 60');
    expect(answer.all).toMatch(/60-minute/);
    expect(answer.all).toMatch(/Friday 27 November/);
    const mai = timesFor(blockText(answer.blocks), 'Mai (sample)');
    const an = timesFor(blockText(answer.blocks), 'An (sample)');
    expect(mai.length).toBeGreaterThan(5);
    for (const times of [mai, an]) expect(times).not.toContain('10:00');
    const free = [...new Set([...mai, ...an])].sort();

    // A guest asking for the same day and length is offered the first of those same times.
    const guest = fakeGuest(running.concierge, { id: 'g3', channel: 'telegram' });
    await guest.say('I would like to book tomorrow, 60 minutes');
    const offered = guest.choices.filter((c) => /^\d\d:\d\d$/.test(c));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).toEqual(free.slice(0, offered.length));
    // And the staff's list is the engine's: the first time not listed is refused to the guest too.
    expect(free).not.toContain('10:00');
  });

  it('uses the longest session without a length, and today without a day', async () => {
    running = await startDesk();
    const answer = await ask(running, '/availability', '');
    expect(answer.all).toMatch(/60-minute/);
    expect(answer.all).toMatch(/Thursday 26 November/);
    // It is 09:00: with two hours' notice for guests, today's list starts at 11:00, and says why.
    expect(answer.all).toMatch(/Times before 11:00 are not shown: guests must book that far ahead/);
    expect((await ask(running, '/availability', 'tomorrow')).all).not.toMatch(/are not shown/);
  });

  it('explains an unknown day, an unoffered length and a range too long', async () => {
    running = await startDesk();
    expect((await ask(running, '/availability', 'banana')).all).toMatch(/couldn't read "banana" as a day/);
    expect((await ask(running, '/availability', 'tomorrow 45')).all).toMatch(/45 minutes are not offered/);
    expect((await ask(running, '/availability', '1 dec to 31 dec')).all).toMatch(/too many days/);
    expect((await ask(running, '/availability', '<!channel> <https://evil.example|click>')).all).not.toMatch(/<!channel>|<https/);
  });
});

describe('/bookings', () => {
  it('lists a day’s bookings made through the core, with what the therapist needs to know', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen', health: 'I had shoulder surgery in March' });
    const answer = await ask(running, '/bookings', 'tomorrow');
    const text = blockText(answer.blocks);
    expect(text).toMatch(/Bookings for Friday 27 November/);
    expect(text).toMatch(/Fri 27 Nov, 15:00.*60 min.*Lan Nguyen.*(Mai|An) \(sample\).*Telegram.*firm pressure/);
    expect(text).toContain(ref);
    expect(text).toMatch(/:warning: I had shoulder surgery in March/);
    expect(buttonsOf(answer.blocks)).toEqual([{ label: 'Details', actionId: 'booking_details', value: ref }]);

    expect((await ask(running, '/bookings', '')).all).toMatch(/No bookings for Thursday 26 November/);
    expect((await ask(running, '/bookings', 'someday maybe')).all).toMatch(/couldn't read "someday maybe"/);
  });
});

describe('/booking', () => {
  it('shows one booking with its buttons, and explains a wrong reference', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan' });
    const answer = await ask(running, '/booking', ref.toLowerCase());
    const text = blockText(answer.blocks);
    expect(text).toContain(`Booking ${ref}`);
    expect(text).toMatch(/Fri 27 Nov, 15:00/);
    expect(text).toMatch(/\+84905123456/);
    expect(buttonsOf(answer.blocks).map((b) => [b.actionId, b.value])).toEqual([
      ['booking_cancel', ref],
      ['booking_move', ref],
      ['booking_arrived', ref],
      ['booking_no_show', ref],
    ]);
    expect((await ask(running, '/booking', 'LS-ZZZZ')).all).toMatch(/There is no booking LS-ZZZZ/);
    expect((await ask(running, '/booking', '')).all).toMatch(/e\.g\. `\/booking LS-7K3Q`/);
    expect((await ask(running, '/booking', '¿qué?')).all).toMatch(/No bookings for ¿qué\?/);
  });
});

describe('/booking by guest', () => {
  it('finds a guest\'s bookings by part of the name (marks or not), by phone as the guest gave it, or says there are none', async () => {
    running = await startDesk();
    const first = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyễn' });
    const second = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyễn', request: 'the day after tomorrow at 11am for an hour' });
    const tom = await bookThroughCore(running.concierge, { id: 'tom', name: 'Tom Baker', request: 'tomorrow at 10am for an hour', contact: '0912 345 678' });

    const lan = blockText((await ask(running, '/booking', 'lan')).blocks);
    expect(lan).toMatch(/Bookings for lan/);
    expect(lan.indexOf(first)).toBeGreaterThan(-1);
    expect(lan.indexOf(second)).toBeGreaterThan(lan.indexOf(first));
    expect(lan).not.toContain(tom);
    expect(blockText((await ask(running, '/booking', 'nguyen')).blocks)).toContain(second);

    // One booking found: its card, with the buttons to act on it.
    for (const phone of ['0912 345 678', '+84912345678']) {
      const answer = await ask(running, '/booking', phone);
      expect(blockText(answer.blocks)).toContain(`Booking ${tom}`);
      expect(buttonsOf(answer.blocks).map((b) => b.value)).toContain(tom);
    }
    expect((await ask(running, '/booking', 'Mary Jones')).all).toMatch(/No bookings for Mary Jones from Thursday 19 November on/);
    expect((await ask(running, '/booking', '42')).all).toMatch(/e\.g\. `\/booking LS-7K3Q`/);
  });
});

describe('/book', () => {
  it('books a caller in one line with the engine guests book with: the card, the staff channel, /bookings and /availability agree', async () => {
    running = await startDesk();
    const answer = await ask(running, '/book', 'tomorrow 15:00 60 Anna Tran +84 905 123 456 with Mai');
    const card = blockText(answer.blocks);
    const ref = /LS-[A-Z0-9]{4}/.exec(card)?.[0];
    expect(card).toMatch(/Booked LS-\w{4} at the front desk/);
    expect(card).toMatch(/Fri 27 Nov, 15:00/);
    expect(card).toMatch(/Anna Tran/);
    expect(card).toMatch(/\+84905123456/);
    expect(card).toMatch(/Mai \(sample\)/);
    expect(buttonsOf(answer.blocks).map((b) => b.value)).toContain(ref);

    // The same event as a guest's booking: the staff channel hears of it.
    await waitFor('the notification', () => running!.fake.messagesIn(STAFF_CHANNEL).some((m) => m.text.includes(ref!)));
    expect(blockText((await ask(running, '/bookings', 'tomorrow')).blocks)).toMatch(/15:00.*Anna Tran.*Mai \(sample\).*the front desk/);
    expect(timesFor(blockText((await ask(running, '/availability', 'tomorrow 60')).blocks), 'Mai (sample)')).not.toContain('15:00');

    // A guest cannot have Mai at that time any more.
    const guest = fakeGuest(running.concierge, { id: 'g-after', channel: 'telegram' });
    const reply = await guest.say('tomorrow at 3pm for an hour with Mai');
    expect(reply.map((r) => r.text).join('\n')).not.toMatch(/15:00 Da Nang time is free/);
  });

  it('books a walk-in without a phone, saying no reminders will go out; a command delivered twice books once', async () => {
    running = await startDesk();
    const body = running.slack.commandBody('/book', 'tomorrow 11:30 30 Walk-in Guest');
    const before = running.fake.ephemeralsTo(HOA).length;
    await running.slack.post(body, 'application/x-www-form-urlencoded');
    const first = await nextEphemeral(running.fake, HOA, before);
    expect(blockText(first.blocks)).toMatch(/No phone or email given, so the guest gets no reminders/);
    expect(blockText(first.blocks)).toMatch(/Contact\s*none given/);
    // Slack delivers the same command again: handled once.
    await running.slack.post(body, 'application/x-www-form-urlencoded');
    await waitFor('the repeat to be seen', () => running!.log.messages('info').includes('Slack interaction delivered again; already handled'));
    const day = blockText((await ask(running, '/bookings', 'tomorrow')).blocks);
    expect(day.match(/Walk-in Guest/g)).toHaveLength(1);
  });

  it('cancels a front-desk booking from its card, telling staff to reach the guest, as the bot has no chat with them', async () => {
    running = await startDesk();
    const card = await ask(running, '/book', 'tomorrow 16:00 60 Bao Le 0912 000 111');
    const ref = /LS-[A-Z0-9]{4}/.exec(blockText(card.blocks))![0];
    const before = running.fake.ephemeralsTo(HOA).length;
    const { response } = running.slack.click({ actionId: 'booking_cancel', value: ref }, { ephemeral: { channel: STAFF_CHANNEL, text: card.text, blocks: card.blocks } });
    expect((await response).status).toBe(200);
    const answer = await nextEphemeral(running.fake, HOA, before);
    expect(answer.text).toMatch(new RegExp(`Booking ${ref} is cancelled\\. It was booked at the front desk, so please let the guest know yourself \\(contact: \\+84912000111\\)`));
    expect(running.delivered).toEqual([]);
    expect(running.log.messages('warn')).toEqual([]);
    expect((await running.concierge.staffDesk!.booking(ref))?.status).toBe('cancelled');
  });

  it('says what is missing or why the time cannot be booked, and books nothing', async () => {
    running = await startDesk();
    // (`/book` alone opens the dialog: test/channels/slack/book-dialog.test.ts.)
    expect((await ask(running, '/book', 'tomorrow Anna Tran')).all).toMatch(/I need the time, the length \(30 or 60 minutes\) too/);
    expect((await ask(running, '/book', 'tomorrow 22:00 60 Anna Tran')).all).toMatch(/outside opening hours/);
    expect((await ask(running, '/book', 'tomorrow 15:10 60 Anna Tran')).all).toMatch(/Sessions start on the half hour/);
    await ask(running, '/book', 'tomorrow 10:00 60 First Guest with An');
    expect((await ask(running, '/book', 'tomorrow 10:00 60 Second Guest with An')).all).toMatch(/That therapist is busy/);
    expect((await ask(running, '/book', 'tomorrow 10:00 60 Third Guest <!channel>')).all).not.toMatch(/<!channel>/);
    const day = blockText((await ask(running, '/bookings', 'tomorrow')).blocks);
    expect(day).not.toMatch(/Anna Tran|Second Guest/);
  });
});

describe('who may use the desk', () => {
  it('refuses someone not on the team politely, and shows them nothing', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan' });
    for (const [command, text] of [['/bookings', 'tomorrow'], ['/booking', ref], ['/availability', 'tomorrow']]) {
      const answer = await ask(running, command!, text!, EVE, OTHER_CHANNEL);
      expect(answer.text).toMatch(/only for the team/);
      expect(answer.all).not.toContain('Lan');
    }
  });

  it('lets in a user listed in SLACK_STAFF_USERS who is not in the staff channel', async () => {
    running = await startDesk();
    expect((await ask(running, '/availability', 'tomorrow', MANAGER, OTHER_CHANNEL)).all).toMatch(/Mai \(sample\)/);
  });

  it('asks Slack for the staff channel’s members once in a while, not on every command', async () => {
    running = await startDesk();
    const before = running.fake.callsTo('conversations.members').length;
    await ask(running, '/bookings', '');
    await ask(running, '/bookings', 'tomorrow');
    await ask(running, '/availability', 'sat');
    expect(running.fake.callsTo('conversations.members').length - before).toBe(1);
  });

  it('answers through the response URL where it cannot post (a direct message it is not in)', async () => {
    running = await startDesk();
    const response = await running.slack.command('/bookings', '', HOA, 'D0DIRECT');
    expect(response.status).toBe(200);
    await waitFor('the answer at the response URL', () => running!.fake.responses.length > 0);
    expect(running.fake.responses[0]?.body).toMatchObject({ response_type: 'ephemeral', text: 'No bookings for Thursday 26 November.' });
  });
});

describe('reading /availability', () => {
  it('takes a trailing number as the length unless it is a day of a month', () => {
    expect(splitAvailabilityRequest('tomorrow 60')).toEqual({ when: 'tomorrow', minutes: 60 });
    expect(splitAvailabilityRequest('fri 30 min')).toEqual({ when: 'fri', minutes: 30 });
    expect(splitAvailabilityRequest('sat 1h')).toEqual({ when: 'sat', minutes: 60 });
    expect(splitAvailabilityRequest('60')).toEqual({ when: 'today', minutes: 60 });
    expect(splitAvailabilityRequest('')).toEqual({ when: 'today' });
    expect(splitAvailabilityRequest('1 dec to 3 dec')).toEqual({ when: '1 dec to 3 dec' });
    expect(splitAvailabilityRequest('dec 1 to dec 3')).toEqual({ when: 'dec 1 to dec 3' });
    expect(splitAvailabilityRequest('nov 30 60')).toEqual({ when: 'nov 30', minutes: 60 });
    expect(splitAvailabilityRequest('  next   monday  ')).toEqual({ when: 'next monday' });
    // Knowing the lengths offered, a number from 1 to 31 that is none of them is a day of the month.
    expect(splitAvailabilityRequest('sat 28', [30, 60])).toEqual({ when: 'sat 28th' });
    expect(splitAvailabilityRequest('1', [30, 60])).toEqual({ when: '1st' });
    expect(splitAvailabilityRequest('sat 30', [30, 60])).toEqual({ when: 'sat', minutes: 30 });
    expect(splitAvailabilityRequest('tomorrow 45', [30, 60])).toEqual({ when: 'tomorrow', minutes: 45 });
  });
});
