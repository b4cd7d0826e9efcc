// What cancelling costs the guest, decided by the clock and the spa's free-cancellation window.
import type { Booking, CalendarSettings } from './types.ts';

const HOUR_MS = 3_600_000;

export type CancellationTerms = { kind: 'free'; until: Date } | { kind: 'late'; since: Date } | { kind: 'past' };

/**
 * Free until `freeCancellationHours` before the start (that instant included), late after it, and past
 * once the session has started: a started session is no longer cancelled but missed.
 */
export function cancellationTerms(
  booking: Pick<Booking, 'start'>,
  now: Date,
  settings: Pick<CalendarSettings, 'freeCancellationHours'>,
): CancellationTerms {
  const start = new Date(booking.start).getTime();
  if (now.getTime() >= start) return { kind: 'past' };
  const freeUntil = new Date(start - settings.freeCancellationHours * HOUR_MS);
  return now.getTime() <= freeUntil.getTime() ? { kind: 'free', until: freeUntil } : { kind: 'late', since: freeUntil };
}
