// The behaviour every MessageScheduler must have, run against the in-process one and the BullMQ one.
//
// The clock: a scheduler plans and times messages by the `now()` it is given, so a test either reads
// what is planned at a fixed "now" hours before, or stands the clock a second before a planned
// instant and waits that second of real time. No fake timers: BullMQ's delays are real.
import { afterEach, describe, expect, it } from 'vitest';
import type { Booking, BookingStore } from '../../src/booking/index.ts';
import type { ChangeReader, Concierge, Reply } from '../../src/core/index.ts';
import {
  createReminderDelivery,
  followBookingChange,
  planMessages,
  type DeliverMessage,
  type MessageScheduler,
  type PlannedMessage,
  type ReminderSettings,
  REMINDERS_GROUP,
} from '../../src/reminders/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, realKnowledge, textOf } from '../helpers/bot.ts';
import { bookingAt, spaReminders, vn } from '../reminders/fixtures.ts';

/** How the contract gets a scheduler. */
export interface SchedulerHarness {
  /** A started scheduler; `fastRetry` makes a failed send be tried again within a second. */
  make(options: { deliver: DeliverMessage; now: () => Date; settings?: ReminderSettings; fastRetry?: boolean }): Promise<MessageScheduler>;
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deliver function that records what it was asked to send, and when (real time). */
export function recordingDeliver(fail = 0) {
  const calls: Array<{ message: PlannedMessage; at: number }> = [];
  let failures = fail;
  const deliver: DeliverMessage = async (message) => {
    if (failures > 0) {
      failures -= 1;
      throw new Error('the channel is down');
    }
    calls.push({ message, at: Date.now() });
    return { kind: 'sent' };
  };
  return { deliver, calls };
}

/** The planned instant of one of a booking's messages. */
export function plannedInstant(booking: Booking, id: (m: PlannedMessage) => boolean, now: Date): Date {
  const message = planMessages(booking, spaReminders, now).find(id);
  if (!message) throw new Error('not planned');
  return new Date(message.sendAt);
}

/** Books through the chat as a guest would; returns the reference. */
async function bookInChat(concierge: Concierge, id: string): Promise<string> {
  const guest = fakeGuest(concierge, { id });
  await guest.say('tomorrow at 3pm for an hour');
  await guest.press('No preference');
  await guest.press('Medium');
  await guest.press('Nothing to mention');
  await guest.say('Lan');
  await guest.say('0905 123 456');
  const ref = /LS-[A-Z0-9]{4}/.exec(textOf(await guest.press('Confirm')))?.[0];
  if (!ref) throw new Error('not booked');
  return ref;
}

/** The wall clock in Da Nang of an ISO instant, "YYYY-MM-DD HH:mm", for readable expectations. */
const vnWall = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Runs the contract against one implementation. */
export function messageSchedulerContract(name: string, harness: SchedulerHarness): void {
  describe(`${name} message scheduler`, () => {
    // 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, as in the core's booking tests.
    const THURSDAY_9AM = vn('2026-11-26 09:00');

    describe('following bookings made in the chat (fixed clock, Thursday 09:00 in Da Nang)', () => {
      let concierge: Concierge;
      let scheduler: MessageScheduler;
      let bookings: BookingStore;
      let following: ChangeReader | undefined;
      afterEach(async () => {
        await following?.stop();
        following = undefined;
      });

      async function setUp() {
        bookings = createMemoryBookingStore({ now: () => THURSDAY_9AM.getTime() });
        concierge = await createTestConcierge({ bookings, now: () => THURSDAY_9AM });
        scheduler = await harness.make({ deliver: recordingDeliver().deliver, now: () => THURSDAY_9AM });
        following = concierge.followBookingChanges(REMINDERS_GROUP, followBookingChange(scheduler));
      }
      const plannedWalls = async (ref: string) => (await scheduler.scheduled(ref)).map((m) => `${m.kind} ${vnWall(m.sendAt)}${m.deferred ? ' (deferred)' : ''}`);

      it('plans a new booking’s reminders and follow-up at the right instants in the spa’s zone', async () => {
        await setUp();
        const ref = await bookInChat(concierge, 'planner');
        await waitFor('the messages to be planned', async () => (await scheduler.scheduled(ref)).length === 3);
        // Friday 27 November 15:00–16:00: the day before, two hours before, three hours after.
        expect(await plannedWalls(ref)).toEqual(['reminder 2026-11-26 15:00', 'reminder 2026-11-27 13:00', 'follow-up 2026-11-27 19:00']);
      });

      it('plans bookings made after the settings changed by the new ones, and leaves those planned before', async () => {
        await setUp();
        const before = await bookInChat(concierge, 'before-change');
        await waitFor('the messages to be planned', async () => (await scheduler.scheduled(before)).length === 3);
        // The owner now wants a single reminder, three hours before, and the follow-up an hour after.
        scheduler.useSettings({ ...spaReminders, beforeMinutes: [180], followUpAfterMinutes: 60 });
        const after = await bookInChat(concierge, 'after-change');
        await waitFor('the messages to be planned', async () => (await scheduler.scheduled(after)).length === 2);
        expect(await plannedWalls(after)).toEqual(['reminder 2026-11-27 12:00', 'follow-up 2026-11-27 17:00']);
        expect(await plannedWalls(before)).toEqual(['reminder 2026-11-26 15:00', 'reminder 2026-11-27 13:00', 'follow-up 2026-11-27 19:00']);
      });

      it('moves a moved booking’s messages, and keeps them out of quiet hours', async () => {
        await setUp();
        const ref = await bookInChat(concierge, 'mover');
        await waitFor('the messages to be planned', async () => (await scheduler.scheduled(ref)).length === 3);
        const guest = fakeGuest(concierge, { id: 'mover' });
        await guest.say(`move ${ref} to Sunday at 8pm`);
        expect(textOf(await guest.press('Yes, move it'))).toMatch(/now on Sunday 29 November at 20:00/);
        // Sunday 20:00–21:00: the follow-up (midnight) waits for Monday 08:00.
        await waitFor('the messages to move', async () => (await plannedWalls(ref)).includes('follow-up 2026-11-30 08:00 (deferred)'));
        expect(await plannedWalls(ref)).toEqual(['reminder 2026-11-28 20:00', 'reminder 2026-11-29 18:00', 'follow-up 2026-11-30 08:00 (deferred)']);
      });

      it('removes a cancelled booking’s messages', async () => {
        await setUp();
        const ref = await bookInChat(concierge, 'canceller');
        await waitFor('the messages to be planned', async () => (await scheduler.scheduled(ref)).length === 3);
        const guest = fakeGuest(concierge, { id: 'canceller' });
        await guest.say(`cancel ${ref}`);
        expect(textOf(await guest.press('Yes, cancel it'))).toMatch(/cancelled/);
        await waitFor('the messages to go', async () => (await scheduler.scheduled(ref)).length === 0);
      });
    });

    describe('sending (the clock stands a second before a planned instant)', () => {
      const booking = bookingAt(vn('2026-11-27 15:00'));
      const twoHoursBefore = plannedInstant(booking, (m) => m.minutesBefore === 120, THURSDAY_9AM);
      const aSecondBefore = () => new Date(twoHoursBefore.getTime() - 1000);

      it('sends a message when its time comes, once, even when scheduled twice', async () => {
        const { deliver, calls } = recordingDeliver();
        const scheduler = await harness.make({ deliver, now: aSecondBefore });
        const scheduledAt = Date.now();
        await scheduler.schedule(booking);
        await scheduler.schedule(booking);
        await waitFor('the reminder to be sent', () => calls.length > 0);
        await pause(800);
        expect(calls.map((c) => c.message.id)).toEqual(['LS-7K3Q.reminder-120.20261127T0800Z']);
        // Not sent at once: a second of real time stood for the second left on the clock.
        expect(calls[0]!.at - scheduledAt).toBeGreaterThanOrEqual(800);
        // The follow-up still waits, hours ahead.
        expect((await scheduler.scheduled(booking.ref)).map((m) => m.kind)).toEqual(['follow-up']);
      });

      it('sends nothing for a booking cancelled before the time', async () => {
        const { deliver, calls } = recordingDeliver();
        const scheduler = await harness.make({ deliver, now: aSecondBefore });
        await scheduler.schedule(booking);
        await scheduler.unschedule(booking.ref);
        await pause(2000);
        expect(calls).toEqual([]);
        expect(await scheduler.scheduled(booking.ref)).toEqual([]);
      });

      it('sends a moved booking’s message at its new time only', async () => {
        const { deliver, calls } = recordingDeliver();
        const scheduler = await harness.make({ deliver, now: aSecondBefore });
        // First an hour later than the clock's "now": nothing for a while...
        await scheduler.schedule(bookingAt(vn('2026-11-27 16:00')));
        // ...then moved to 15:00, whose two-hour reminder is a second away.
        await scheduler.reschedule(booking);
        await waitFor('the reminder to be sent', () => calls.length > 0);
        await pause(800);
        expect(calls.map((c) => c.message.bookingStart)).toEqual([booking.start]);
      });

      it('skips, at sending time, a message whose booking was cancelled meanwhile', async () => {
        const store = createMemoryBookingStore({ now: () => THURSDAY_9AM.getTime() });
        const reserved = await store.reserve({ idempotencyKey: 'k1', booking, rules: { rooms: 2, bufferMinutes: 15, therapistIds: ['mai'] } });
        if (!reserved.ok) throw new Error('not reserved');
        const sent: Reply[][] = [];
        const outcomes: string[] = [];
        const { content } = await realKnowledge();
        const delivery = createReminderDelivery({
          bookings: store,
          content,
          outbox: { deliver: async (_channel, _id, replies) => void sent.push(replies) },
          now: aSecondBefore,
          logger: { debug() {}, info() {}, warn() {}, error() {} },
        });
        const scheduler = await harness.make({
          deliver: async (message) => {
            const outcome = await delivery(message);
            outcomes.push(outcome.kind === 'sent' ? 'sent' : outcome.reason);
            return outcome;
          },
          now: aSecondBefore,
        });
        await scheduler.schedule(reserved.booking);
        // Cancelled where this scheduler never heard of it (another instance, a lost event).
        await store.cancel(booking.ref, booking.guest.key, THURSDAY_9AM.toISOString());
        await waitFor('the reminder to be handled', () => outcomes.length > 0);
        expect(outcomes).toEqual(['cancelled']);
        expect(sent).toEqual([]);
      });

      it('tries again when the guest’s channel fails, and sends once', async () => {
        const { deliver, calls } = recordingDeliver(1);
        const scheduler = await harness.make({ deliver, now: aSecondBefore, fastRetry: true });
        await scheduler.schedule(booking);
        await waitFor('the reminder to be sent after a failure', () => calls.length > 0, 10_000);
        await pause(800);
        expect(calls).toHaveLength(1);
      });

      it('sends nothing once stopped', async () => {
        const { deliver, calls } = recordingDeliver();
        const scheduler = await harness.make({ deliver, now: aSecondBefore });
        await scheduler.schedule(booking);
        await scheduler.stop();
        await pause(2000);
        expect(calls).toEqual([]);
      });
    });
  });
}
