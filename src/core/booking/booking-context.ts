import { randomBytes } from 'node:crypto';
import {
  dayKey,
  daysBetween,
  therapistsWorking,
  type Booking,
  type BookingStore,
  type CalendarSettings,
  type CapacityRules,
  type Occupancy,
} from '../../booking/index.ts';
import type { Content } from '../../content/index.ts';
import type { Choice, Reply } from '../types.ts';
import type { BookingEvents } from './booking-events.ts';
import type { BookingMemory } from './booking-state.ts';
import type { BookingText } from './booking-text.ts';
import type { BookingReader } from '../../nlu/index.ts';

/** Everything the booking conversations need, built once by the concierge. */
export interface BookingContext {
  calendar: CalendarSettings;
  store: BookingStore;
  content: Content;
  text: BookingText;
  /** Reads the guest's answers; the flows decide what to do with what it returns. */
  reader: BookingReader;
  events: BookingEvents;
  now: () => Date;
  /** The service booked (the spa's first, the upper back massage). */
  serviceId: string;
  menuChoices: () => Choice[];
  mentionsHealth: (text: string) => boolean;
}

/** Who is booking: the guest as this channel knows them. */
export interface BookingGuest {
  /** `${channel}:${guest id}`: the owner of their bookings. */
  key: string;
  channel: string;
  conversationId: string;
  /** The language the guest is answered in; their reminders and notices follow it. */
  language?: string;
  /** The IANA zone of the guest's device, when the channel knows it: times are shown on their clock too. */
  timeZone?: string;
  name?: string;
}

/** The replies of a booking turn and the booking memory to keep. */
export interface BookingOutcome {
  replies: Reply[];
  memory: BookingMemory;
  /** The guest stopped the booking (or cancel or move) under way. */
  stopped?: boolean;
  /** The guest's zone, learnt in this turn from the time on their phone: kept for the conversation. */
  guestTimeZone?: string;
}

/** What the atomic store operations check for a session at [start, end): the rooms, the buffer, and who works then. */
export function capacityRules(calendar: CalendarSettings, start: Date, end: Date): CapacityRules {
  return { rooms: calendar.rooms, bufferMinutes: calendar.bufferMinutes, therapistIds: therapistsWorking(calendar, start, end) };
}

/** Bookings and holds from `daysBefore` days before to `daysAfter` days after an instant, within the horizon. */
export async function occupancyAround(ctx: BookingContext, instant: Date, daysBefore: number, daysAfter: number): Promise<Occupancy[]> {
  const day = 24 * 3600 * 1000;
  const from = new Date(Math.max(ctx.now().getTime(), instant.getTime() - daysBefore * day));
  const to = new Date(Math.min(ctx.now().getTime() + (ctx.calendar.horizonDays + 1) * day, instant.getTime() + daysAfter * day));
  const days = to > from ? daysBetween(from, to, ctx.calendar.timeZone) : [dayKey(instant, ctx.calendar.timeZone)];
  return ctx.store.occupancy(days);
}

/** A random id for holds and idempotency keys. */
export function randomKey(): string {
  return randomBytes(6).toString('hex');
}

/** A guest's upcoming confirmed bookings, soonest first. */
export async function upcomingBookings(ctx: BookingContext, guestKey: string): Promise<Booking[]> {
  const now = ctx.now().getTime();
  return (await ctx.store.listByGuest(guestKey)).filter((b) => b.status === 'confirmed' && new Date(b.end).getTime() > now);
}
