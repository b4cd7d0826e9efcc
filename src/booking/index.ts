// The booking engine: the spa's calendar rules as pure functions over an explicit time zone, and the
// store interface that src/store implements. Start reading here.

// ---- Domain types ----
export type {
  Attendance,
  Booking,
  BookingChannel,
  CalendarSettings,
  CapacityRules,
  DayHours,
  Hold,
  Occupancy,
  Pressure,
  Therapist,
  TimeOff,
  Weekday,
} from './types.ts';
export { FRONT_DESK_CHANNEL } from './types.ts';

// ---- Storage (implemented in src/store) ----
export type {
  AttendanceResult,
  BookingChange,
  BookingChangeLog,
  BookingStore,
  CancelResult,
  ChangeReadOptions,
  DeliveredChange,
  GuestLimit,
  HoldRequest,
  HoldResult,
  MoveRequest,
  MoveResult,
  ReserveRequest,
  ReserveResult,
  TimeOffResult,
} from './booking-store.ts';

// ---- Calendar: days and wall clocks in the spa's zone ----
export { dayKey, dayKeyOf, daysBetween, shiftDay, weekdayOf, zonedInstant } from './calendar.ts';

// ---- Availability: free times and the time a guest named ----
export { findFreeSlots, openingWindow, therapistsWorking, windowHolding, type FindFreeSlotsInput, type FreeSlot, type SlotRequest } from './availability.ts';
export {
  checkRequestedTime,
  nearestFreeSlots,
  type NearestSlotsInput,
  type RequestedTimeInput,
  type RequestedTimeReason,
  type RequestedTimeResult,
} from './requested-time.ts';

// ---- How many sessions one guest may have ahead ----
export { bookingsAhead } from './guest-limit.ts';

// ---- References and cancellation ----
export { findBookingRef, isBookingRef, newBookingRef, newTimeOffId, normalizeBookingRef } from './references.ts';
export { cancellationTerms, type CancellationTerms } from './cancellation.ts';
