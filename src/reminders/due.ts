import type { Booking } from '../booking/index.ts';
import type { PlannedMessage } from './plan.ts';
import type { SkipReason } from './scheduler.ts';

const HOUR_MS = 3_600_000;
/** A follow-up more than this late (the bot was down) is not sent: "thank you for visiting" days later reads oddly. */
const FOLLOW_UP_GRACE_MS = 24 * HOUR_MS;

export type DueCheck = { due: true; booking: Booking } | { due: false; reason: SkipReason };

/**
 * Whether a planned message should still go out now, by the booking as the store has it: confirmed,
 * still at the start it was planned for, a reminder before the session starts, a follow-up for a guest
 * who was not marked as a no-show and not a day late.
 */
export function checkStillDue(message: PlannedMessage, booking: Booking | undefined, now: Date): DueCheck {
  if (!booking) return { due: false, reason: 'not_found' };
  if (booking.status !== 'confirmed') return { due: false, reason: 'cancelled' };
  if (new Date(booking.start).getTime() !== new Date(message.bookingStart).getTime()) return { due: false, reason: 'moved' };
  if (message.kind === 'reminder') {
    return now.getTime() >= new Date(booking.start).getTime() ? { due: false, reason: 'started' } : { due: true, booking };
  }
  if (booking.attendance === 'no_show') return { due: false, reason: 'no_show' };
  if (now.getTime() > new Date(message.sendAt).getTime() + FOLLOW_UP_GRACE_MS) return { due: false, reason: 'stale' };
  return { due: true, booking };
}
