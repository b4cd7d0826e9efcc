import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../src/booking/index.ts';
import type { BookingEvent, Concierge } from '../../src/core/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang; the spa (sample hours) opens 09:00–21:00.
let clock = new Date('2026-11-26T02:00:00Z');
const now = () => clock;
let bookings: BookingStore;
let concierge: Concierge;
let events: BookingEvent[];

beforeEach(async () => {
  clock = new Date('2026-11-26T02:00:00Z');
  bookings = createMemoryBookingStore({ now: () => clock.getTime() });
  concierge = await createTestConcierge({ bookings, now });
  events = [];
  concierge.events.on((event) => void events.push(event));
});

/** Books a session for a guest from start to finish; returns the reference. */
async function book(id: string, request: string, name = 'Lan'): Promise<string> {
  const guest = fakeGuest(concierge, { id, channel: 'telegram' });
  await guest.say(request);
  if (guest.choices.includes('No preference')) await guest.press('No preference');
  await guest.press('Medium');
  await guest.press('Nothing to mention');
  await guest.say(name);
  await guest.say('0905 123 456');
  const confirmed = textOf(await guest.press('Confirm'));
  const ref = /LS-[A-Z0-9]{4}/.exec(confirmed)?.[0];
  if (!ref) throw new Error(`not booked: ${confirmed}`);
  return ref;
}

describe('booking a session in plain language', () => {
  it('books end to end, asking only for what is missing, and confirms with reference, time, place and tips', async () => {
    const guest = fakeGuest(concierge, { id: 'lan', channel: 'telegram', name: 'Lan' });
    const held = textOf(await guest.say('can I come tomorrow at 3pm, an hour please?'));
    expect(held).toMatch(/Friday 27 November at 15:00/);
    expect(held).toMatch(/holding it for you/i);
    expect(guest.choices).toEqual(['No preference', 'Mai (sample)', 'An (sample)', 'Stop']);
    await guest.press('Mai (sample)');
    expect(guest.choices).toEqual(['Light', 'Medium', 'Firm', 'Stop']);
    await guest.press('Firm');
    expect(textOf(await guest.say('I had shoulder surgery in March'))).toMatch(/doctor/i);
    await guest.press('Use Lan');
    const summary = textOf(await guest.say('my number is +84 905 123 456'));
    expect(summary).toMatch(/When: Friday 27 November at 15:00/);
    expect(summary).toMatch(/Length: 60 minutes/);
    expect(summary).toMatch(/Therapist: Mai/);
    expect(summary).toMatch(/Pressure: Firm/);
    expect(summary).toMatch(/shoulder surgery/);
    expect(summary).toMatch(/Name: Lan/);
    expect(summary).toMatch(/\+84905123456/);
    const confirmation = textOf(await guest.press('Confirm'));
    expect(confirmation).toMatch(/reference is LS-[A-Z0-9]{4}/);
    expect(confirmation).toMatch(/Friday 27 November at 15:00 Da Nang time, 60 minutes/);
    expect(confirmation).toMatch(/Sample Street/);
    expect(confirmation).toMatch(/water/i);
    expect(confirmation).toMatch(/early/i);

    expect(events).toHaveLength(1);
    const [created] = events;
    expect(created?.type).toBe('created');
    expect(created?.booking).toMatchObject({
      durationMinutes: 60,
      start: '2026-11-27T08:00:00.000Z',
      day: '2026-11-27',
      therapistId: 'mai',
      guest: { name: 'Lan', contact: '+84905123456', channel: 'telegram', key: 'telegram:lan' },
      notes: { pressure: 'firm', health: 'I had shoulder surgery in March' },
    });
  });

  it('asks for the length first when the guest only says they want to book', async () => {
    const guest = fakeGuest(concierge, { id: 'plain' });
    expect(textOf(await guest.say("I'd like to book a massage"))).toMatch(/how long/i);
    expect(guest.choices).toEqual(['30 minutes', '60 minutes', 'Stop']);
    expect(textOf(await guest.say('an hour'))).toMatch(/which day/i);
    const times = textOf(await guest.say('saturday'));
    expect(times).toMatch(/Saturday 28 November/);
    expect(guest.choices[0]).toBe('09:00');
  });

  it('keeps a day given before the length, and asks for the length again without starting over', async () => {
    const guest = fakeGuest(concierge, { id: 'day-first' });
    expect(textOf(await guest.say("I'd like to book a massage"))).toMatch(/^Lovely! How long/);
    const again = textOf(await guest.say('next tuesday morning'));
    expect(again).toBe('And how long would you like your session?');
    expect(textOf(await guest.say('60 minutes'))).toMatch(/Here are the free times on Tuesday 1 December \(Da Nang time\)/);
    expect(guest.choices.slice(0, 2)).toEqual(['09:00', '09:30']);
  });

  it('reads "book now for tomorrow at 3pm" as tomorrow at 3pm; "now" alone is the time wanted', async () => {
    const eager = fakeGuest(concierge, { id: 'eager' });
    expect(textOf(await eager.say('book now for tomorrow at 3pm, 60 minutes'))).toMatch(/Friday 27 November at 15:00 Da Nang time is free/);
    const impatient = fakeGuest(concierge, { id: 'impatient' });
    expect(textOf(await impatient.say('can I come in now for 30 minutes?'))).toMatch(/too soon/i);
  });

  it('takes "Friday afternoon, 30 minutes" and offers afternoon times', async () => {
    const guest = fakeGuest(concierge, { id: 'afternoon' });
    const reply = textOf(await guest.say('Friday afternoon, 30 minutes'));
    expect(reply).toMatch(/Friday 27 November/);
    expect(guest.choices.slice(0, 2)).toEqual(['12:00', '12:30']);
  });

  it('lets the guest change any answer at the summary', async () => {
    const guest = fakeGuest(concierge, { id: 'change' });
    await guest.say('book me in tomorrow at 3pm for an hour');
    await guest.press('No preference');
    await guest.press('Light');
    await guest.say('no');
    await guest.say('my name is Tom Baker');
    expect(textOf(await guest.say('tom@example.com'))).toMatch(/Length: 60 minutes/);
    expect(textOf(await guest.say('make it 30 minutes instead'))).toMatch(/Length: 30 minutes/);
    const moved = textOf(await guest.say('actually Saturday'));
    expect(moved).toMatch(/When: Saturday 28 November at 15:00/);
    expect(textOf(await guest.press('Confirm'))).toMatch(/Saturday 28 November at 15:00 Da Nang time, 30 minutes/);
  });

  it('stops at any point, and the held time is free again', async () => {
    const guest = fakeGuest(concierge, { id: 'stopper' });
    await guest.say('tomorrow at 3pm for an hour');
    expect((await bookings.occupancy(['2026-11-27'])).length).toBe(1);
    expect(textOf(await guest.say('stop'))).toMatch(/nothing was booked/i);
    expect(await bookings.occupancy(['2026-11-27'])).toEqual([]);
  });

  it('carries on with the booking under way when the guest asks to book again, keeping its answers and its hold', async () => {
    const guest = fakeGuest(concierge, { id: 'keen' });
    await guest.say('tomorrow at 3pm, an hour please');
    const again = textOf(await guest.say('I want to book a massage'));
    expect(again).toMatch(/already booking your session/i);
    expect(again).toMatch(/Friday 27 November at 15:00 Da Nang time is free/);
    expect(guest.choices).toContain('No preference');
    // The menu's "Book a session" button does the same; the one hold stays the only one.
    expect(textOf(await guest.sendAction('i:booking.start'))).toMatch(/Friday 27 November at 15:00 Da Nang time is free/);
    expect((await bookings.occupancy(['2026-11-27'])).length).toBe(1);
    // What a new request adds is taken as a correction, and the hold follows it.
    expect(textOf(await guest.say('book me in at 4pm instead'))).toMatch(/Friday 27 November at 16:00 Da Nang time is free/);
    const held = await bookings.occupancy(['2026-11-27']);
    expect(held).toHaveLength(1);
    expect(held[0]?.start.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('tells a guest booking for two that each booking is for one person, books one, then the second beside it', async () => {
    const guest = fakeGuest(concierge, { id: 'couple', channel: 'telegram' });
    const first = textOf(await guest.say('can we book a couples massage tomorrow at 3pm for an hour? me and my wife'));
    expect(first).toMatch(/each booking is for one person/i);
    expect(first).toMatch(/Friday 27 November at 15:00 Da Nang time is free/);
    expect(await bookings.occupancy(['2026-11-27'])).toHaveLength(1);
    await guest.press('No preference');
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    await guest.say('Minh');
    await guest.say('0905 123 456');
    expect(textOf(await guest.press('Confirm'))).toMatch(/reference is LS-/);
    // The second session, at the same time, in the same chat.
    const second = textOf(await guest.say('and another one for my wife, tomorrow at 3pm for an hour'));
    expect(second).toMatch(/Friday 27 November at 15:00 Da Nang time is free/);
    expect(second).not.toMatch(/each booking is for one person/i);
    await guest.press('No preference');
    await guest.press('Light');
    await guest.press('Nothing to mention');
    await guest.say('Hoa');
    await guest.say('0905 123 456');
    expect(textOf(await guest.press('Confirm'))).toMatch(/reference is LS-/);
    const day = await bookings.listByDay('2026-11-27');
    expect(day.map((b) => [b.start, b.guest.name]).sort()).toEqual([
      ['2026-11-27T08:00:00.000Z', 'Hoa'],
      ['2026-11-27T08:00:00.000Z', 'Minh'],
    ]);
  });

  it('offers only the therapists still free when it asks again after a question in between', async () => {
    const first = fakeGuest(concierge, { id: 'with-mai' });
    await first.say('tomorrow at 3pm for an hour with Mai');
    const second = fakeGuest(concierge, { id: 'after-mai' });
    await second.say('tomorrow at 3pm for an hour');
    expect(second.choices).toEqual(['No preference', 'An (sample)', 'Stop']);
    const again = textOf(await second.say('does it hurt?'));
    expect(again).toMatch(/Would you like a particular therapist/);
    expect(second.choices).toEqual(['No preference', 'An (sample)', 'Stop']);
  });

  it('shifts the time being booked when the guest asks for it "half an hour later"', async () => {
    const guest = fakeGuest(concierge, { id: 'shifter' });
    await guest.say('tomorrow at 3pm for an hour');
    expect(textOf(await guest.say('actually half an hour later please'))).toMatch(/Friday 27 November at 15:30 Da Nang time is free/);
    const held = await bookings.occupancy(['2026-11-27']);
    expect(held.map((o) => o.start.toISOString())).toEqual(['2026-11-27T08:30:00.000Z']);
  });

  it.each([
    ['An', 'An (sample)'],
    ["I'd like Mai if she is free", 'Mai (sample)'],
    ['hmm, I prefer An', 'An (sample)'],
    ['a woman please', 'Mai (sample)'],
    ['a male therapist is fine', 'An (sample)'],
  ])('takes "%s" at the therapist question as %s', async (answer, therapist) => {
    const guest = fakeGuest(concierge, { id: `pick-${answer}` });
    await guest.say('tomorrow at 3pm for an hour');
    await guest.say(answer);
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    await guest.say('Lan');
    expect(textOf(await guest.say('0905 123 456'))).toContain(`Therapist: ${therapist}`);
  });

  it('books a female therapist asked for up front, and says when she is busy then', async () => {
    const first = fakeGuest(concierge, { id: 'female-first' });
    await first.say('can I have a female therapist tomorrow at 4pm for 30 min');
    await first.press('Medium');
    await first.press('Nothing to mention');
    await first.say('Lan');
    expect(textOf(await first.say('0905 123 456'))).toMatch(/Therapist: Mai \(sample\)/);
    await first.press('Confirm');
    const second = fakeGuest(concierge, { id: 'female-second' });
    const busy = textOf(await second.say('a female therapist tomorrow at 4pm for 30 min please'));
    expect(busy).toMatch(/Mai \(sample\) isn't free then/);
    expect(busy).not.toMatch(/16:00 is free/);
  });

  it('asks which therapist when the guest just says yes to wanting one', async () => {
    const guest = fakeGuest(concierge, { id: 'yes-therapist' });
    await guest.say('tomorrow at 3pm for an hour');
    const which = textOf(await guest.say('yes please'));
    expect(which).toMatch(/who would you like/i);
    expect(which).not.toMatch(/didn't catch/i);
    expect(guest.choices).toEqual(['No preference', 'Mai (sample)', 'An (sample)', 'Stop']);
    await guest.say('An');
    expect(guest.choices).toContain('Medium');
  });

  it('answers a question mid-booking, then asks its question again', async () => {
    const guest = fakeGuest(concierge, { id: 'curious' });
    await guest.say('tomorrow at 3pm for an hour');
    await guest.press('No preference');
    const replies = textOf(await guest.say('does it hurt?'));
    expect(replies).toMatch(/shouldn't hurt/i);
    expect(replies).toMatch(/what pressure/i);
    expect(guest.choices).toContain('Medium');
  });

  it('makes one booking when Confirm is pressed twice', async () => {
    const guest = fakeGuest(concierge, { id: 'twice' });
    await guest.say('tomorrow at 3pm for an hour');
    await guest.press('No preference');
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    await guest.say('Mai');
    await guest.say('mai@example.com');
    const confirm = guest.lastChoices().find((c) => c.label === 'Confirm')!;
    const first = textOf(await guest.sendAction(confirm.action));
    const second = textOf(await guest.sendAction(confirm.action));
    const ref = /LS-[A-Z0-9]{4}/.exec(first)?.[0];
    expect(second).toMatch(new RegExp(`already confirmed.*${ref}`, 'i'));
    expect(await bookings.listByGuest('web:twice')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'created')).toHaveLength(1);
  });
});

describe('when the wanted time cannot be booked', () => {
  it('says it is taken and offers the three nearest free times, which can be picked', async () => {
    await book('first', 'tomorrow at 3pm for an hour');
    await book('second', 'tomorrow at 3pm for an hour');
    const guest = fakeGuest(concierge, { id: 'third' });
    const reply = textOf(await guest.say('tomorrow at 3pm for an hour'));
    expect(reply).toMatch(/already taken/i);
    expect(guest.choices).toHaveLength(4);
    expect(guest.choices).toContain('Fri 27 Nov, 13:30');
    expect(guest.choices).toContain('Fri 27 Nov, 16:30');
    expect(textOf(await guest.press('Fri 27 Nov, 16:30'))).toMatch(/Friday 27 November at 16:30 Da Nang time is free/);
  });

  it('keeps offering times near the one taken when the guest changes the length instead of picking', async () => {
    await book('first-near', 'tomorrow at 3pm for an hour');
    await book('second-near', 'tomorrow at 3pm for an hour');
    const guest = fakeGuest(concierge, { id: 'third-near' });
    await guest.say('tomorrow at 3pm for an hour');
    const shorter = textOf(await guest.say('actually 30 min'));
    expect(shorter).toMatch(/nearest|closest|instead/i);
    expect(guest.choices).not.toContain('09:00');
    expect(guest.choices.filter((c) => c.startsWith('Fri 27 Nov')).length).toBeGreaterThan(0);
    expect(guest.choices).toContain('Fri 27 Nov, 14:00');
    expect(textOf(await guest.press('Fri 27 Nov, 14:00'))).toMatch(/Friday 27 November at 14:00 Da Nang time is free/);
  });

  it.each([
    ['too soon', 'today at 10am for an hour', /2 hours' notice/],
    ['outside opening hours', 'tomorrow at 9pm for an hour', /outside our opening hours on Friday 27 November \(09:00–21:00 Da Nang time\)/],
    ['on a closed day', 'on 1 January at 2pm for an hour', /closed on Friday 1 January/],
    ['too far ahead', 'on 15 March at 2pm for an hour', /up to 60 days/],
  ])('%s: says why and offers other times', async (_, request, reason) => {
    const guest = fakeGuest(concierge, { id: `why-${_}` });
    expect(textOf(await guest.say(request))).toMatch(reason);
    expect(guest.choices.length).toBeGreaterThan(1);
  });
});

describe('the guest’s own bookings', () => {
  it('lists them, cancels with confirmation, and frees the place', async () => {
    const ref = await book('owner', 'next tuesday at 11am for 30 minutes');
    const guest = fakeGuest(concierge, { id: 'owner', channel: 'telegram' });
    expect(textOf(await guest.say('show my bookings'))).toMatch(new RegExp(`${ref}: Tue 1 Dec, 11:00 Da Nang time, 30 minutes`));
    const question = textOf(await guest.say('cancel my booking'));
    expect(question).toMatch(new RegExp(`Cancel ${ref}`));
    expect(question).toMatch(/free to cancel until Monday 30 November at 11:00/);
    expect(textOf(await guest.press('Yes, cancel it'))).toMatch(/cancelled/i);
    expect(events.map((e) => e.type)).toEqual(['created', 'cancelled']);
    expect(textOf(await guest.say('my bookings'))).toMatch(/no upcoming bookings/i);
  });

  it('moves to the time named beside a "now" ("now move it to Sunday at 5pm")', async () => {
    const ref = await book('mover-now', 'tomorrow at 3pm for an hour');
    const guest = fakeGuest(concierge, { id: 'mover-now', channel: 'telegram' });
    await guest.say('I need to move my booking');
    expect(textOf(await guest.say('now make it Sunday at 5pm'))).toMatch(new RegExp(`Move ${ref} from Friday 27 November at 15:00 Da Nang time to Sunday 29 November at 17:00 Da Nang time`));
  });

  it('moves one in plain language ("move my massage to Sunday at 5")', async () => {
    const ref = await book('mover', 'tomorrow at 3pm for an hour');
    const guest = fakeGuest(concierge, { id: 'mover', channel: 'telegram' });
    const question = textOf(await guest.say('move my massage to Sunday at 5'));
    expect(question).toMatch(new RegExp(`Move ${ref} from Friday 27 November at 15:00 Da Nang time to Sunday 29 November at 17:00 Da Nang time`));
    expect(textOf(await guest.press('Yes, move it'))).toMatch(/now on Sunday 29 November at 17:00/);
    const moved = events.find((e) => e.type === 'moved');
    expect(moved?.booking.start).toBe('2026-11-29T10:00:00.000Z');
    expect((await bookings.get(ref))?.start).toBe('2026-11-29T10:00:00.000Z');
  });

  it('cancels instead when the guest, asked to confirm a move, says to cancel the booking; a plain "cancel" keeps it', async () => {
    const ref = await book('changer', 'tomorrow at 3pm for an hour');
    const guest = fakeGuest(concierge, { id: 'changer', channel: 'telegram' });
    await guest.say('move my booking to Sunday at 5');
    expect(textOf(await guest.say('cancel'))).toMatch(new RegExp(`${ref} stays as it is`));
    expect((await bookings.get(ref))?.status).toBe('confirmed');

    await guest.say('move my booking to Sunday at 5');
    const question = textOf(await guest.say('actually just cancel my booking'));
    expect(question).toMatch(new RegExp(`Cancel ${ref} on Friday 27 November at 15:00 Da Nang time\\?`));
    expect(textOf(await guest.say('yes'))).toMatch(new RegExp(`${ref} on Friday 27 November at 15:00 Da Nang time is cancelled`));
    expect((await bookings.get(ref))?.status).toBe('cancelled');
    expect(events.filter((e) => e.type === 'moved')).toEqual([]);
  });

  it('applies and explains the cancellation rule close to the session', async () => {
    const ref = await book('late', 'tomorrow at 3pm for an hour');
    clock = new Date('2026-11-27T00:00:00Z'); // 07:00 on the day, 8 hours before
    const guest = fakeGuest(concierge, { id: 'late', channel: 'telegram' });
    const reply = textOf(await guest.say(`cancel ${ref}`));
    expect(reply).toMatch(/within 24 hours/);
    expect(reply).toMatch(/contact the spa/i);
    expect((await bookings.get(ref))?.status).toBe('confirmed');
  });

  it('refuses someone else’s reference', async () => {
    const ref = await book('alice', 'tomorrow at 3pm for an hour');
    const mallory = fakeGuest(concierge, { id: 'mallory', channel: 'telegram' });
    expect(textOf(await mallory.say(`cancel ${ref}`))).toMatch(new RegExp(`couldn't find a booking ${ref}`));
    expect(textOf(await mallory.sendAction(`m:yes:${ref}`))).toMatch(/isn't available/);
    expect((await bookings.get(ref))?.status).toBe('confirmed');
  });
});
