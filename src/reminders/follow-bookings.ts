import type { BookingEvents } from '../core/index.ts';
import type { MessageScheduler } from './scheduler.ts';

/**
 * Keeps the scheduler in step with the bookings: created -> schedule, moved -> reschedule,
 * cancelled -> unschedule. Returns the function that stops following. A failure is logged by the
 * event hub; the message check at sending time still stops a message the booking no longer wants.
 */
export function followBookings(events: BookingEvents, scheduler: MessageScheduler): () => void {
  return events.on(async (event) => {
    switch (event.type) {
      case 'created':
        return scheduler.schedule(event.booking);
      case 'moved':
        return scheduler.reschedule(event.booking);
      case 'cancelled':
        return scheduler.unschedule(event.booking.ref);
    }
  });
}
