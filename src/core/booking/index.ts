// The booking conversations of the core: booking, my bookings, cancelling and moving.

// The desk the concierge talks to
export { createBookingDesk, type BookingDesk } from './booking-desk.ts';
export type { BookingContext, BookingGuest, BookingOutcome } from './booking-context.ts';
export type { Awaiting, MessageSense } from './apply-answer.ts';
export { BOOKING_INTENTS, senseOfMessage, type MessageForm } from './message-sense.ts';

// Building its context
export { calendarSettingsFrom } from './calendar-settings.ts';
export { createBookingText } from './booking-text.ts';

// Events other parts subscribe to
export { createBookingEvents, type BookingEvent, type BookingEvents, type BookingListener } from './booking-events.ts';

// State
export { bookingMemorySchema, type BookingMemory } from './booking-state.ts';
