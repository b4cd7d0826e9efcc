// The booking domain: the spa's calendar rules, bookings, holds, and what occupies a therapist.

/** Days of the week as the spa's settings name them. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours of one weekday, wall-clock "HH:mm" in the spa's zone, or closed. */
export type DayHours = { open: string; close: string } | 'closed';

/** A therapist guests can ask for. */
export interface Therapist {
  id: string;
  name: string;
  gender?: 'female' | 'male';
  /** Other spellings of the name, in other scripts. */
  aliases?: string[];
  /** The hours they work each week; absent, they work whenever the spa is open. */
  hours?: Record<Weekday, DayHours>;
}

/** The spa's calendar rules, everything the engine needs; all times are in `timeZone`. */
export interface CalendarSettings {
  /** IANA zone, e.g. "Asia/Ho_Chi_Minh". Every wall-clock time below is in it. */
  timeZone: string;
  openingHours: Record<Weekday, DayHours>;
  /** Days the spa is closed, "YYYY-MM-DD" in the zone. */
  closedDates: string[];
  therapists: Therapist[];
  /** How many guests can be served at once (rooms). */
  rooms: number;
  /** Session lengths guests can book, in minutes (e.g. [30, 60]). */
  durations: number[];
  /** Start times fall on this grid from opening time (e.g. every 30 minutes). */
  slotStepMinutes: number;
  /** Turnover time kept free after (and before) every session, per therapist and per room. */
  bufferMinutes: number;
  /** A session must start at least this long after now. */
  minNoticeMinutes: number;
  /** A session must start within this many days from now. */
  horizonDays: number;
  /** How long a picked time is held for a guest who is finishing their booking. */
  holdMinutes: number;
  /** Free cancellation until this many hours before the start. */
  freeCancellationHours: number;
  /** How many upcoming sessions one guest may have booked at once (see `bookingsAhead`); no limit when absent. */
  maxUpcomingPerGuest?: number;
}

/** Whether the guest came, as staff mark it. */
export type Attendance = 'arrived' | 'no_show';

/** Pressure a guest prefers, passed to the therapist. */
export type Pressure = 'light' | 'medium' | 'firm';

/** The channels a booking can come from (kept as plain strings so booking does not depend on core). */
export type BookingChannel = string;

/** The channel of a booking staff made for a walk-in or a caller: no chat to write to. */
export const FRONT_DESK_CHANNEL = 'desk';

/** A confirmed (or cancelled) booking: the durable record, never expiring. */
export interface Booking {
  /** Short, unambiguous, not guessable from others, e.g. "LS-7K3Q". */
  ref: string;
  service: string;
  durationMinutes: number;
  /** ISO 8601 instants (UTC). */
  start: string;
  end: string;
  /** "YYYY-MM-DD" of the start in the spa's zone: the day index. */
  day: string;
  /** The therapist assigned, and what the guest asked for ("any" or a therapist id). */
  therapistId: string;
  therapistRequested: string;
  guest: {
    /** `${channel}:${guest id}`: who may see and change this booking. */
    key: string;
    name: string;
    /** A phone number (E.164) or an email address. */
    contact: string;
    channel: BookingChannel;
    conversationId: string;
    /** The language the guest booked in ("ko"); absent on bookings made before the bot spoke others, and read as the spa's default. */
    language?: string;
    /** The IANA zone of the guest's device when they booked, so reminders show their clock too; absent when not known. */
    timeZone?: string;
  };
  notes: { pressure?: Pressure; health?: string };
  status: 'confirmed' | 'cancelled';
  /** Set by staff on the day. */
  attendance?: Attendance;
  createdAt: string;
  updatedAt: string;
}

/** A time held for a guest while they finish booking; it expires on its own. */
export interface Hold {
  id: string;
  guestKey: string;
  start: string;
  end: string;
  day: string;
  therapistId: string;
  expiresAt: string;
}

/**
 * A therapist away for a while (ill, an errand, a day off), set by staff and kept with the bookings:
 * no session of theirs may overlap it. It keeps no room busy and needs no turnover around it.
 */
export interface TimeOff {
  id: string;
  therapistId: string;
  /** ISO 8601 instants (UTC). */
  start: string;
  end: string;
  /** "YYYY-MM-DD" of the start in the spa's zone: the day index. */
  day: string;
  /** Who set it (a staff member's name). */
  by: string;
  createdAt: string;
}

/** Something that keeps a therapist busy: a confirmed booking or a live hold (a room too), or time off. */
export interface Occupancy {
  start: Date;
  end: Date;
  therapistId: string;
  /** Set for holds: whose hold it is (a guest's own hold does not block them). */
  heldBy?: string;
  /** Set for bookings: which booking (a booking being moved does not block itself). */
  ref?: string;
  /** Set for time off: its id. Time off blocks only its therapist, only where it overlaps, with no buffer. */
  off?: string;
}

/** What the store needs to check capacity atomically. */
export interface CapacityRules {
  rooms: number;
  bufferMinutes: number;
  /** All therapist ids, in the order "any" assigns them. */
  therapistIds: string[];
}
