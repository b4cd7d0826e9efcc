import type { Booking } from '../../booking/index.ts';
import { createEventHub, type EventHub, type Listener } from '../event-hub.ts';
import type { Logger } from '../logger.ts';

/** Something that happened to a booking, for staff notifications, reminders and the like. */
export type BookingEvent =
  | { type: 'created'; booking: Booking }
  | { type: 'moved'; booking: Booking; previous: Booking }
  | { type: 'cancelled'; booking: Booking };

export type BookingListener = Listener<BookingEvent>;
export type BookingEvents = EventHub<BookingEvent>;

/** Creates the booking event hub. */
export function createBookingEvents(logger: Logger): BookingEvents {
  return createEventHub<BookingEvent>(logger, 'bookings');
}
