import { beforeEach, describe, expect, it } from 'vitest';
import { GUEST_NOTICES_GROUP, type BookingEvent, type Concierge, type Reply, type StaffDesk } from '../../src/core/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';

// 09:00 on Thursday 26 November 2026 in Da Nang.
const now = () => new Date('2026-11-26T02:00:00Z');
let concierge: Concierge;
let staff: StaffDesk;
let told: Array<{ conversationId: string; replies: Reply[] }>;
let events: BookingEvent[];

beforeEach(async () => {
  concierge = await createTestConcierge({ now });
  staff = concierge.staffDesk!;
  told = [];
  events = [];
  concierge.outbox.register('telegram', async (conversationId, replies) => void told.push({ conversationId, replies }));
  concierge.events.on((e) => void events.push(e));
});

async function bookWithMai(on: Concierge = concierge): Promise<string> {
  const guest = fakeGuest(on, { id: '42', channel: 'telegram' });
  await guest.say('tomorrow at 3pm for an hour');
  await guest.press('Mai (sample)');
  await guest.press('Firm');
  await guest.say('recent shoulder surgery');
  await guest.say('Lan');
  await guest.say('+84 905 123 456');
  return /LS-[A-Z0-9]{4}/.exec(textOf(await guest.press('Confirm')))![0];
}

const waitFor = async (what: string, check: () => boolean) => {
  for (const deadline = Date.now() + 5000; !check(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
};

describe('the staff desk', () => {
  it('shows free times per therapist, and a booking takes its therapist’s times with the buffer', async () => {
    await bookWithMai();
    const result = await staff.availability('tomorrow', 60);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [day] = result.days;
    expect(day?.dayLabel).toBe('Friday 27 November');
    const mai = day!.therapists.find((t) => t.id === 'mai')!.times;
    const an = day!.therapists.find((t) => t.id === 'an')!.times;
    expect(an).toContain('15:00');
    expect(mai).not.toContain('15:00');
    expect(mai).not.toContain('14:00'); // would end at 15:00, inside the 15-minute turnover
    expect(mai).not.toContain('16:00'); // starts inside the turnover after 16:00
    expect(mai).toContain('16:30');
    expect(an[0]).toBe('09:00');
    expect(an.at(-1)).toBe('20:00');
  });

  it('covers a range of days, and refuses what it cannot read', async () => {
    const range = await staff.availability('1 dec to 3 dec', 30);
    expect(range.ok && range.days.map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(await staff.availability('blorp', 60)).toEqual({ ok: false, reason: 'bad_day' });
    expect(await staff.availability('tomorrow', 45)).toEqual({ ok: false, reason: 'bad_duration' });
    expect(await staff.availability('1 dec to 30 dec', 60)).toEqual({ ok: false, reason: 'too_long_range' });
  });

  it('lists a day’s bookings with the notes for the therapist', async () => {
    const ref = await bookWithMai();
    const day = await staff.bookingsOn('tomorrow');
    if (!day.ok) throw new Error('tomorrow was not understood');
    expect(day.bookings).toMatchObject([{ ref, therapistId: 'mai', notes: { pressure: 'firm', health: 'recent shoulder surgery' } }]);
    expect(staff.describe(day.bookings[0]!)).toEqual({ when: 'Fri 27 Nov, 15:00', therapist: 'Mai (sample)' });
    expect(await staff.bookingsOn('nonsense words')).toEqual({ ok: false, reason: 'bad_day' });
  });

  it('tells the guest later when their channel fails at the cancellation: the notice waits in the log, and goes once', async () => {
    const ref = await bookWithMai();
    let down = true;
    concierge.outbox.register('telegram', async (conversationId, replies) => {
      if (down) throw new Error('Telegram is down');
      told.push({ conversationId, replies });
    });
    expect(await staff.cancel(ref, 'Hoa')).toMatchObject({ ok: true, guestTold: false });
    expect(told).toEqual([]);
    const following = concierge.followBookingChanges(GUEST_NOTICES_GROUP, staff.guestNotice, { pollMs: 20, retryMs: 50 })!;
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(told).toEqual([]);
      down = false;
      await waitFor('the notice', () => told.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await following.stop();
    }
    expect(told).toHaveLength(1);
    expect(textOf(told[0]!.replies)).toMatch(new RegExp(`${ref} .* has been cancelled by the spa`));
  });

  it('has a notice that a process left unsent (it died) sent by another process sharing the store', async () => {
    const bookings = createMemoryBookingStore();
    const first = await createTestConcierge({ now, bookings });
    const ref = await bookWithMai(first);
    first.outbox.register('telegram', async () => {
      throw new Error('Telegram is down');
    });
    expect(await first.staffDesk!.cancel(ref, 'Hoa')).toMatchObject({ ok: true, guestTold: false });
    // The first process is gone; the next one takes over what it left once it has lain idle.
    const second = await createTestConcierge({ now, bookings });
    const delivered: string[] = [];
    second.outbox.register('telegram', async (_id, replies) => void delivered.push(textOf(replies)));
    const following = second.followBookingChanges(GUEST_NOTICES_GROUP, second.staffDesk!.guestNotice, { pollMs: 20, claimIdleMs: 100 })!;
    try {
      await waitFor('the notice', () => delivered.length > 0);
    } finally {
      await following.stop();
    }
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatch(new RegExp(`${ref} .* has been cancelled by the spa`));
  });

  it('cancels for the spa: the guest is told on their channel, listeners hear of it, and the place is free', async () => {
    const ref = await bookWithMai();
    const result = await staff.cancel(ref.toLowerCase(), 'Hoa');
    expect(result).toMatchObject({ ok: true, guestTold: true, booking: { ref, status: 'cancelled' } });
    expect(told).toHaveLength(1);
    expect(told[0]?.conversationId).toBe('42');
    expect(textOf(told[0]!.replies)).toMatch(new RegExp(`${ref} on Friday 27 November at 15:00 Da Nang time has been cancelled by the spa`));
    expect(events.map((e) => e.type)).toEqual(['created', 'cancelled']);
    expect(await staff.cancel(ref, 'Hoa')).toEqual({ ok: false, reason: 'already_cancelled' });
    expect(await staff.cancel('LS-ZZZZ', 'Hoa')).toEqual({ ok: false, reason: 'not_found' });
    const free = await staff.availability('tomorrow', 60);
    expect(free.ok && free.days[0]!.therapists.find((t) => t.id === 'mai')!.times).toContain('15:00');
  });

  it('marks arrivals and no-shows', async () => {
    const ref = await bookWithMai();
    expect(await staff.markAttendance(ref, 'arrived')).toMatchObject({ ok: true, booking: { attendance: 'arrived' } });
    expect((await staff.booking(ref))?.attendance).toBe('arrived');
    expect(await staff.markAttendance('LS-ZZZZ', 'no_show')).toEqual({ ok: false, reason: 'not_found' });
  });
});
