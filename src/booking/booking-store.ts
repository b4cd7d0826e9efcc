import type { Attendance, Booking, CapacityRules, Hold, Occupancy, TimeOff } from './types.ts';

/** Asking to hold a time for a guest. */
export interface HoldRequest {
  holdId: string;
  guestKey: string;
  start: Date;
  end: Date;
  day: string;
  /** A therapist id, or "any" to take the first free one (in `rules.therapistIds` order). */
  therapist: string;
  rules: CapacityRules;
  ttlSeconds: number;
}

export type HoldResult = { ok: true; hold: Hold } | { ok: false; reason: 'taken' };

/** Asking to confirm a booking. */
export interface ReserveRequest {
  /** The same key confirms once: a second call returns the first booking (`duplicate: true`). */
  idempotencyKey: string;
  /** The guest's hold for this time, released when the booking is written. */
  holdId?: string;
  /** The booking to write; `therapistId` is assigned by the store from `therapistRequested`. */
  booking: Omit<Booking, 'therapistId'>;
  rules: CapacityRules;
  /** Refuses the booking (`guest_limit`) when the guest already has this many ahead; no limit when absent. */
  guestLimit?: GuestLimit;
}

/**
 * At most `maxUpcoming` of a guest's bookings may be ahead of `now` (confirmed, starting after it; see
 * `bookingsAhead`). The caller's clock decides what is ahead, so both stores agree with the conversation.
 */
export interface GuestLimit {
  maxUpcoming: number;
  now: Date;
}

export type ReserveResult =
  | { ok: true; booking: Booking; duplicate: boolean }
  | { ok: false; reason: 'taken' | 'ref_in_use' | 'guest_limit' };

/** Asking to move a guest's booking to another time. */
export interface MoveRequest {
  ref: string;
  guestKey: string;
  start: Date;
  end: Date;
  day: string;
  /** The guest's hold for the new time, if any. */
  holdId?: string;
  rules: CapacityRules;
  updatedAt: string;
  /** `spa` when staff move it: the change log records it, and the guest is then to be told. */
  by?: 'spa';
}

export type MoveResult = { ok: true; booking: Booking; previous: Booking } | { ok: false; reason: 'taken' | 'not_found' };

/** `already` when the booking was cancelled before this call: nothing changed, nobody need be told again. */
export type CancelResult = { ok: true; booking: Booking; already?: true } | { ok: false; reason: 'not_found' };

/** Time off written; `clashes` are the therapist's confirmed bookings it overlaps, which staff must see to. */
export type TimeOffResult = { ok: true; timeOff: TimeOff; clashes: Booking[] } | { ok: false; reason: 'id_in_use' };

export type AttendanceResult = { ok: true; booking: Booking } | { ok: false; reason: 'not_found' | 'cancelled' };

/**
 * A booking made, moved or cancelled, recorded by the store in the same atomic step as the change
 * itself, so that what must follow it (reminders, the staff channel's post) is never lost with a
 * crash between the two. `id` orders the changes and names each one for good.
 */
export type BookingChange =
  | { id: string; type: 'created'; booking: Booking }
  | { id: string; type: 'moved'; booking: Booking; previous: Booking; by?: 'spa' }
  | { id: string; type: 'cancelled'; booking: Booking; by?: 'spa' };

/** A change handed to a reader; `redelivered` when it was handed out before (a failure, a crash). */
export type DeliveredChange = BookingChange & { redelivered: boolean };

/** How a reader asks for the next changes. */
export interface ChangeReadOptions {
  /** At most this many. */
  count: number;
  /** Also take back this reader's own changes handed out and not acknowledged (to try them again). */
  retryOwn: boolean;
  /** Also take over changes another reader of the group has left unacknowledged this long (it died). */
  claimIdleMs: number;
}

/**
 * The log of booking changes, read by groups (one per kind of follow-up: reminders, the staff
 * channel). Each group gets every change written after it joined, handed to one of its readers (one
 * per process), and keeps it until acknowledged; a change left by a reader that died is taken over by
 * another. The log keeps the latest changes only (see the stores for how many).
 */
export interface BookingChangeLog {
  /** Creates the group if it is new, starting after the changes already written. */
  join(group: string): Promise<void>;
  /** The next changes for `reader`, oldest first: its own to retry and those taken over, then new ones. */
  read(group: string, reader: string, options: ChangeReadOptions): Promise<DeliveredChange[]>;
  /** Still working on these: they count as handed out just now, so no other reader takes them over. */
  touch(group: string, reader: string, ids: string[]): Promise<void>;
  /** Done with these: they are not handed out again. */
  ack(group: string, ids: string[]): Promise<void>;
}

/**
 * Where bookings and holds live; implemented in src/store (memory and Redis). Every write that
 * checks capacity is atomic: two guests, or two bot instances, never get the same place.
 * "not_found" also answers a guest asking about someone else's booking.
 */
export interface BookingStore {
  /** Confirmed bookings, live holds and time off on the given days ("YYYY-MM-DD", spa zone). */
  occupancy(days: string[]): Promise<Occupancy[]>;
  /**
   * Writes a therapist's time off; from then on no hold, booking or move gives them a time that
   * overlaps it. The bookings it clashes with are found in the same atomic step and left as they are.
   */
  addTimeOff(timeOff: TimeOff): Promise<TimeOffResult>;
  /** Takes time off back; undefined when there was none with this id. */
  removeTimeOff(id: string): Promise<TimeOff | undefined>;
  /** The time off starting on the given days, in order of start. */
  listTimeOff(days: string[]): Promise<TimeOff[]>;
  /** Holds a time if a therapist and a room are free (the guest's own earlier holds are replaced). */
  hold(request: HoldRequest): Promise<HoldResult>;
  /** Lets a hold go before it expires. */
  releaseHold(holdId: string): Promise<void>;
  /**
   * Confirms a booking if its time is still free (or held by this guest) and the guest is under their
   * limit; idempotent by key (a repeat answers with the first booking, limit or not).
   */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** Moves a guest's own confirmed booking if the new time is free. */
  move(request: MoveRequest): Promise<MoveResult>;
  /**
   * Cancels a guest's own confirmed booking (the record stays, marked cancelled); `by: 'spa'` when
   * staff cancel it, which the change log records (the guest is then to be told).
   */
  cancel(ref: string, guestKey: string, updatedAt: string, options?: { by?: 'spa' }): Promise<CancelResult>;
  /** Records whether the guest came (staff, on the day); a cancelled booking cannot be marked. */
  setAttendance(ref: string, attendance: Attendance, updatedAt: string): Promise<AttendanceResult>;
  /** One booking by reference, whoever owns it (for staff); undefined when there is none. */
  get(ref: string): Promise<Booking | undefined>;
  /** A guest's bookings, confirmed and cancelled, soonest first. */
  listByGuest(guestKey: string): Promise<Booking[]>;
  /** A day's confirmed bookings, in order of start. */
  listByDay(day: string): Promise<Booking[]>;
  /** Every booking made, moved or cancelled (a repeated confirmation or cancellation adds nothing). */
  readonly changes: BookingChangeLog;
}
