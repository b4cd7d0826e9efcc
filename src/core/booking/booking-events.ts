import type { Booking } from '../../booking/index.ts';
import type { Logger } from '../logger.ts';

/** Something that happened to a booking, for staff notifications, reminders and the like. */
export type BookingEvent =
  | { type: 'created'; booking: Booking }
  | { type: 'moved'; booking: Booking; previous: Booking }
  | { type: 'cancelled'; booking: Booking };

export type BookingListener = (event: BookingEvent) => void | Promise<void>;

/** Where the core announces booking events; listeners subscribe with `on`. */
export interface BookingEvents {
  /** Subscribes; returns a function that unsubscribes. */
  on(listener: BookingListener): () => void;
  /** Tells every listener; a failing listener is logged and never fails the booking. */
  emit(event: BookingEvent): void;
}

/** Creates the booking event hub. */
export function createBookingEvents(logger: Logger): BookingEvents {
  const listeners = new Set<BookingListener>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) {
        Promise.resolve()
          .then(() => listener(event))
          .catch((error: unknown) => logger.error({ err: error, event: event.type, ref: event.booking.ref }, 'a booking listener failed'));
      }
    },
  };
}
