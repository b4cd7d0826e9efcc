// How many sessions one guest may have booked ahead. The stores enforce it when they write a booking;
// the booking conversation checks it first, so a guest at the limit hears it before choosing a time.
import type { Booking } from './types.ts';

/** The bookings that count against a guest's limit: confirmed and starting after `now`, in the given order. */
export function bookingsAhead(bookings: readonly Booking[], now: Date): Booking[] {
  const t = now.getTime();
  return bookings.filter((b) => b.status === 'confirmed' && Date.parse(b.start) > t);
}
