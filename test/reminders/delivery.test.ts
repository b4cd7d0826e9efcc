// What the reminder and the follow-up say, and the check at sending time: a message the booking no
// longer wants (cancelled, moved, started, no-show) is skipped, and nothing reaches the guest.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Booking, BookingStore } from '../../src/booking/index.ts';
import { loadContent, type Content } from '../../src/content/index.ts';
import type { Reply } from '../../src/core/index.ts';
import { checkStillDue, createReminderDelivery, createReminderTexts, planMessages, type PlannedMessage } from '../../src/reminders/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf, CONTENT_DIR } from '../helpers/bot.ts';
import { bookingAt, spaReminders, vn } from './fixtures.ts';

let content: Content;
beforeAll(async () => {
  content = await loadContent(CONTENT_DIR);
});

const FRIDAY_3PM = vn('2026-11-27 15:00');
const plannedFor = (booking: Booking, kind: PlannedMessage['kind']) => {
  const message = planMessages(booking, spaReminders, vn('2026-11-20 10:00')).find((m) => m.kind === kind);
  if (!message) throw new Error(`no ${kind} planned`);
  return message;
};

describe('the reminder', () => {
  it('gives the day, time and place, the preparation tips, and moving or cancelling', () => {
    const reply = createReminderTexts(content).reminder(bookingAt(FRIDAY_3PM), vn('2026-11-26 15:00'));
    expect(reply.text).toMatch(/See you tomorrow at 15:00 Da Nang time!/);
    expect(reply.text).toMatch(/60-minute upper back massage at L Spa is booked under LS-7K3Q/);
    expect(reply.text).toMatch(/Where: 00 Sample Street, Da Nang/);
    expect(reply.text).toMatch(/water/i);
    expect(reply.text).toMatch(/a little early/i);
    expect(reply.text).toMatch(/tell your therapist about any concerns/i);
    // The address is a sample, and the bot says so wherever it shows one.
    expect(reply.text).toContain(content.messages.sample_notice);
    expect(reply.choices).toEqual([
      { label: 'Move it', action: 'm:move:LS-7K3Q' },
      { label: 'Cancel it', action: 'm:cancel:LS-7K3Q' },
    ]);
  });

  it('names the day as the guest will read it: today, tomorrow, or the date', () => {
    const texts = createReminderTexts(content);
    expect(texts.reminder(bookingAt(FRIDAY_3PM), vn('2026-11-27 13:00')).text).toMatch(/^See you today at 15:00 Da Nang time!/);
    expect(texts.reminder(bookingAt(FRIDAY_3PM), vn('2026-11-25 09:00')).text).toMatch(/^See you on Friday 27 November at 15:00 Da Nang time!/);
    // Just before midnight in Da Nang is already the previous day in UTC terms; the spa's day counts.
    expect(texts.reminder(bookingAt(vn('2026-12-01 09:00')), vn('2026-11-30 23:30')).text).toMatch(/^See you tomorrow at 09:00 Da Nang time!/);
  });

  it('offers choices the core understands: the guest can cancel from the reminder', async () => {
    const store = createMemoryBookingStore({ now: () => vn('2026-11-26 09:00').getTime() });
    // The reference is drawn at random; this one reads like a date ("the 29th") and must not be taken for one.
    const bookings: BookingStore = { ...store, reserve: (request) => store.reserve({ ...request, booking: { ...request.booking, ref: 'LS-29ND' } }) };
    const concierge = await createTestConcierge({ bookings, now: () => vn('2026-11-26 09:00') });
    const guest = fakeGuest(concierge, { id: 'reminded' });
    await guest.say('tomorrow at 3pm for an hour');
    await guest.press('No preference');
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    await guest.say('Lan');
    await guest.say('0905 123 456');
    const ref = /LS-[A-Z0-9]{4}/.exec(textOf(await guest.press('Confirm')))?.[0] ?? '';
    expect(ref).toBe('LS-29ND');
    const booking = (await bookings.get(ref)) as Booking;
    const reminder = createReminderTexts(content).reminder(booking, vn('2026-11-26 09:00'));
    const [move, cancel] = reminder.choices ?? [];
    expect(textOf(await guest.sendAction(cancel?.action ?? ''))).toMatch(new RegExp(`Cancel ${ref} on Friday 27 November at 15:00 Da Nang time\\?`));
    await guest.press('No, keep it');
    expect(textOf(await guest.sendAction(move?.action ?? ''))).toMatch(new RegExp(`When would you like to move ${ref} to\\?`));
  });
});

describe('the follow-up', () => {
  it('gives the aftercare tips and offers to book the next session, monthly or every three months', () => {
    const reply = createReminderTexts(content).followUp(bookingAt(FRIDAY_3PM));
    expect(reply.text).toMatch(/Thank you for visiting L Spa/);
    expect(reply.text).toMatch(/keep drinking water/i);
    expect(reply.text).toMatch(/rest/i);
    expect(reply.text).toMatch(/gentle stretching/i);
    expect(reply.text).toMatch(/every month/);
    expect(reply.text).toMatch(/every three months/);
    expect(reply.choices).toEqual([{ label: 'Book my next session', action: 'i:booking.start' }]);
  });
});

describe('checkStillDue', () => {
  const booking = bookingAt(FRIDAY_3PM);
  const reminder = () => plannedFor(booking, 'reminder');
  const followUp = () => plannedFor(booking, 'follow-up');
  it.each([
    ['a confirmed booking at the planned time', () => checkStillDue(reminder(), booking, vn('2026-11-26 15:00')), true],
    ['a booking that no longer exists', () => checkStillDue(reminder(), undefined, vn('2026-11-26 15:00')), 'not_found'],
    ['a cancelled booking', () => checkStillDue(reminder(), { ...booking, status: 'cancelled' }, vn('2026-11-26 15:00')), 'cancelled'],
    ['a booking moved since', () => checkStillDue(reminder(), bookingAt(vn('2026-11-28 15:00')), vn('2026-11-26 15:00')), 'moved'],
    ['a reminder after the session started (the bot was down)', () => checkStillDue(reminder(), booking, vn('2026-11-27 15:00')), 'started'],
    ['a follow-up for a no-show', () => checkStillDue(followUp(), { ...booking, attendance: 'no_show' }, vn('2026-11-27 19:00')), 'no_show'],
    ['a follow-up a day late', () => checkStillDue(followUp(), booking, vn('2026-11-28 19:01')), 'stale'],
    ['a follow-up on time', () => checkStillDue(followUp(), { ...booking, attendance: 'arrived' }, vn('2026-11-27 19:00')), true],
  ] as const)('%s', (_, check, expected) => {
    const result = check();
    expect(result.due ? true : result.reason).toBe(expected);
  });
});

describe('createReminderDelivery', () => {
  async function setUp(booking: Booking | undefined, now: Date) {
    const sent: Array<{ channel: string; conversationId: string; replies: Reply[] }> = [];
    const deliver = createReminderDelivery({
      bookings: { get: async (ref) => (booking?.ref === ref ? booking : undefined) },
      content,
      outbox: { deliver: async (channel, conversationId, replies) => void sent.push({ channel, conversationId, replies }) },
      now: () => now,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    return { deliver, sent };
  }

  it('sends the reminder to the guest on their own channel and conversation', async () => {
    const booking = bookingAt(FRIDAY_3PM, 60, { guest: { key: 'telegram:42', name: 'Lan', contact: '+84905123456', channel: 'telegram', conversationId: '42' } });
    const { deliver, sent } = await setUp(booking, vn('2026-11-27 13:00'));
    expect(await deliver(plannedFor(booking, 'reminder'))).toEqual({ kind: 'sent' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'telegram', conversationId: '42' });
    expect(sent[0]?.replies[0]?.text).toMatch(/See you today at 15:00/);
  });

  it('re-reads the booking and skips a message for a cancelled or moved one', async () => {
    const planned = plannedFor(bookingAt(FRIDAY_3PM), 'follow-up');
    for (const [stored, reason] of [
      [{ ...bookingAt(FRIDAY_3PM), status: 'cancelled' as const }, 'cancelled'],
      [bookingAt(vn('2026-11-29 17:00')), 'moved'],
    ] as const) {
      const { deliver, sent } = await setUp(stored, vn('2026-11-27 19:00'));
      expect(await deliver(planned)).toEqual({ kind: 'skipped', reason });
      expect(sent).toEqual([]);
    }
  });

  it('fails (so the scheduler tries again) when the channel cannot be reached', async () => {
    const booking = bookingAt(FRIDAY_3PM);
    const deliver = createReminderDelivery({
      bookings: { get: async () => booking },
      content,
      outbox: { deliver: async () => Promise.reject(new Error('Telegram is down')) },
      now: () => vn('2026-11-27 19:00'),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await expect(deliver(plannedFor(booking, 'follow-up'))).rejects.toThrow(/Telegram is down/);
  });
});
