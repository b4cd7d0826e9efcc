import { beforeEach, describe, expect, it } from 'vitest';
import type { Booking, BookingStore } from '../../src/booking/index.ts';
import type { Concierge } from '../../src/core/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, realKnowledge, textOf } from '../helpers/bot.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang; the spa (sample hours) opens 09:00–21:00.
let clock = new Date('2026-11-26T02:00:00Z');
const now = () => clock;
let bookings: BookingStore;
let concierge: Concierge;

beforeEach(async () => {
  clock = new Date('2026-11-26T02:00:00Z');
  bookings = createMemoryBookingStore({ now: () => clock.getTime() });
  // The real content with a low limit: two sessions ahead per guest.
  const { content } = await realKnowledge();
  const spa = { ...content.spa, booking: { ...content.spa.booking, max_upcoming_per_guest: 2 } };
  concierge = await createTestConcierge({ bookings, now, content: { ...content, spa } });
});

type Guest = ReturnType<typeof fakeGuest>;

/** Walks a guest from their request to the summary, answering each question. */
async function upToSummary(guest: Guest, request: string): Promise<void> {
  await guest.say(request);
  if (guest.choices.includes('No preference')) await guest.press('No preference');
  await guest.press('Medium');
  await guest.press('Nothing to mention');
  await guest.say('Lan');
  // The contact is asked only the first time; later bookings reuse it.
  if (!guest.choices.includes('Confirm')) await guest.say('0905 123 456');
}

/** Books a session from start to finish; returns the reference. */
async function book(guest: Guest, request: string): Promise<string> {
  await upToSummary(guest, request);
  const confirmed = textOf(await guest.press('Confirm'));
  const ref = /LS-[A-Z0-9]{4}/.exec(confirmed)?.[0];
  if (!ref) throw new Error(`not booked: ${confirmed}`);
  return ref;
}

/** A booking made for the guest elsewhere (another bot instance), straight in the store. */
async function bookedElsewhere(guestKey: string, start: string): Promise<Booking> {
  const end = new Date(Date.parse(start) + 3_600_000).toISOString();
  const result = await bookings.reserve({
    idempotencyKey: 'elsewhere',
    booking: {
      ref: 'LS-ELSE',
      service: 'upper-back-massage',
      durationMinutes: 60,
      start,
      end,
      day: start.slice(0, 10),
      therapistRequested: 'any',
      guest: { key: guestKey, name: 'Lan', contact: '+84905123456', channel: 'telegram', conversationId: 'racer' },
      notes: {},
      status: 'confirmed',
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
    },
    rules: { rooms: 2, bufferMinutes: 15, therapistIds: ['mai', 'an'] },
  });
  if (!result.ok) throw new Error(`not booked elsewhere: ${result.reason}`);
  return result.booking;
}

describe('a guest with as many upcoming sessions as the spa allows', () => {
  it('hears it at once when starting another booking, with their references and what they can do', async () => {
    const guest = fakeGuest(concierge, { id: 'regular', channel: 'telegram' });
    const first = await book(guest, 'tomorrow at 3pm for an hour');
    const second = await book(guest, 'saturday at 11am for 30 minutes');

    const reply = textOf(await guest.say('I would like to book another massage on Sunday at 2pm'));
    expect(reply).toMatch(/already have these upcoming sessions/i);
    expect(reply).toMatch(new RegExp(`${first}: Fri 27 Nov, 15:00 Da Nang time, 60 minutes`));
    expect(reply).toMatch(new RegExp(`${second}: Sat 28 Nov, 11:00 Da Nang time, 30 minutes`));
    expect(reply).toMatch(/move or cancel one/i);
    expect(guest.choices).toEqual(['My bookings', 'Talk to a person']);
    // Nothing was held for the refused booking.
    expect(await bookings.occupancy(['2026-11-29'])).toEqual([]);

    expect(textOf(await guest.press('My bookings'))).toMatch(/Your upcoming bookings/);
    expect(guest.choices).toContain(`Cancel ${first}`);
  });

  it('can book again after cancelling one, and another guest is never limited by them', async () => {
    const guest = fakeGuest(concierge, { id: 'canceller', channel: 'telegram' });
    const first = await book(guest, 'tomorrow at 3pm for an hour');
    await book(guest, 'saturday at 11am for an hour');
    await book(fakeGuest(concierge, { id: 'friend', channel: 'telegram' }), 'saturday at 4pm for an hour');
    expect(textOf(await guest.say('book a massage'))).toMatch(/already have these upcoming sessions/i);

    await guest.say(`cancel ${first}`);
    expect(textOf(await guest.press('Yes, cancel it'))).toMatch(/cancelled/i);
    const third = await book(guest, 'sunday at 2pm for an hour');
    expect((await bookings.get(third))?.guest.key).toBe('telegram:canceller');
    expect((await bookings.listByGuest('telegram:canceller')).filter((b) => b.status === 'confirmed')).toHaveLength(2);
  });

  it('can book again once a session has begun, as it is no longer ahead', async () => {
    const guest = fakeGuest(concierge, { id: 'visitor', channel: 'telegram' });
    await book(guest, 'today at 2pm for an hour');
    await book(guest, 'saturday at 11am for an hour');
    expect(textOf(await guest.say('book a massage'))).toMatch(/already have these upcoming sessions/i);
    clock = new Date('2026-11-26T07:00:00Z'); // 14:00 on the day: the first session starts
    expect(textOf(await guest.say('book a massage for sunday at 2pm, an hour'))).toMatch(/Sunday 29 November at 14:00 Da Nang time is free/);
  });

  it('hears the same when the store refuses at Confirm because another booking got there first', async () => {
    const guest = fakeGuest(concierge, { id: 'racer', channel: 'telegram' });
    const first = await book(guest, 'tomorrow at 3pm for an hour');
    await upToSummary(guest, 'saturday at 11am for an hour');
    await bookedElsewhere('telegram:racer', '2026-11-29T07:00:00.000Z');

    const reply = textOf(await guest.press('Confirm'));
    expect(reply).toMatch(/already have these upcoming sessions/i);
    expect(reply).toMatch(new RegExp(`${first}.*\\n.*LS-ELSE`));
    expect(guest.choices).toEqual(['My bookings', 'Talk to a person']);
    expect((await bookings.listByGuest('telegram:racer')).map((b) => b.ref).sort()).toEqual([first, 'LS-ELSE'].sort());
    // The time held for Saturday is free again.
    expect(await bookings.occupancy(['2026-11-28'])).toEqual([]);
  });
});
