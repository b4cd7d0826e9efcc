import type { BookingChange } from '../booking/index.ts';
import type { MessageScheduler } from './scheduler.ts';

/** The change log's group the reminders read. */
export const REMINDERS_GROUP = 'reminders';

/**
 * Keeps the scheduler in step with a booking change: created -> schedule, moved -> reschedule,
 * cancelled -> unschedule. Doing it twice is harmless: a booking at a given start always plans the
 * same message ids, and the check at sending time stops a message the booking no longer wants.
 * A failure is thrown, so that the change is tried again.
 */
export function followBookingChange(scheduler: MessageScheduler): (change: BookingChange) => Promise<void> {
  return async (change) => {
    switch (change.type) {
      case 'created':
        return scheduler.schedule(change.booking);
      case 'moved':
        return scheduler.reschedule(change.booking);
      case 'cancelled':
        return scheduler.unschedule(change.booking.ref);
    }
  };
}
