// Bookings and settings for the reminder tests. Instants are written as literal offsets, not through the
// calendar code under test.
import type { Booking } from '../../src/booking/index.ts';
import type { ReminderSettings } from '../../src/reminders/index.ts';

export const SPA_ZONE = 'Asia/Ho_Chi_Minh';
/** A zone with daylight saving: clocks go forward on 29 March 2026 and back on 25 October 2026. */
export const DST_ZONE = 'Europe/Berlin';

/** The spa's settings: the day before and two hours before, a follow-up three hours after, quiet 21:00-08:00. */
export const spaReminders: ReminderSettings = {
  timeZone: SPA_ZONE,
  beforeMinutes: [1440, 120],
  followUpAfterMinutes: 180,
  quietHours: { start: '21:00', end: '08:00' },
};

/** An instant from a Da Nang wall clock (UTC+7 all year): vn('2026-11-27 15:00'). */
export const vn = (wall: string): Date => new Date(`${wall.replace(' ', 'T')}:00+07:00`);

/** A confirmed booking from its start and length. */
export function bookingAt(start: Date, minutes = 60, changes: Partial<Booking> = {}): Booking {
  const startIso = start.toISOString();
  return {
    ref: 'LS-7K3Q',
    service: 'upper-back-massage',
    durationMinutes: minutes,
    start: startIso,
    end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    // The day in Da Nang (UTC+7); the planner does not read it.
    day: new Date(start.getTime() + 7 * 3_600_000).toISOString().slice(0, 10),
    therapistId: 'mai',
    therapistRequested: 'any',
    guest: { key: 'web:guest-1', name: 'Lan', contact: '+84905123456', channel: 'web', conversationId: 'guest-1' },
    notes: {},
    status: 'confirmed',
    createdAt: '2026-11-20T03:00:00.000Z',
    updatedAt: '2026-11-20T03:00:00.000Z',
    ...changes,
  };
}
