// Which messages a booking should get, and when: pure, over the spa's zone and an explicit "now".
import { TZDate } from '@date-fns/tz';
import { dayKey, FRONT_DESK_CHANNEL, shiftDay, zonedInstant, type Booking } from '../booking/index.ts';
import type { ReminderSettings } from './settings.ts';

const MINUTE_MS = 60_000;

/** A reminder before the session, or the follow-up after it. */
export type MessageKind = 'reminder' | 'follow-up';

/** One message a booking should get. Plain JSON, so a job queue can carry it as it is. */
export interface PlannedMessage {
  /**
   * The same booking at the same start always plans the same ids, so scheduling twice is harmless,
   * e.g. "LS-7K3Q.reminder-120.20261127T0800Z" (no ":", which BullMQ refuses in job ids).
   */
  id: string;
  kind: MessageKind;
  ref: string;
  /** The booking's start it was planned for (ISO); a booking that has moved since is not sent this one. */
  bookingStart: string;
  /** Reminders: how long before the start it was meant to go out. */
  minutesBefore?: number;
  /** When to send it (ISO instant). */
  sendAt: string;
  /** True when it fell in quiet hours and waits for their end. */
  deferred: boolean;
}

/**
 * The messages a booking should get from `now` on, soonest first: a reminder per lead time and the
 * follow-up. A message due in quiet hours waits for their end; a reminder that would then come after
 * the session is over is dropped (the follow-up just waits for the morning). Nothing is planned for a
 * moment already past: a booking made an hour ahead gets no day-before reminder. Reminders that land
 * on the same instant are sent once.
 */
export function planMessages(booking: Booking, settings: ReminderSettings, now: Date): PlannedMessage[] {
  // A booking made at the front desk has no chat to remind the guest in.
  if (booking.status !== 'confirmed' || booking.guest.channel === FRONT_DESK_CHANNEL) return [];
  const start = new Date(booking.start).getTime();
  const end = new Date(booking.end).getTime();
  const planned: PlannedMessage[] = [];
  const taken = new Set<number>();
  const base = { ref: booking.ref, bookingStart: new Date(start).toISOString() };

  // Closest first, so that of two reminders landing on one instant the closer one is kept.
  for (const minutes of [...settings.beforeMinutes].sort((a, b) => a - b)) {
    const due = start - minutes * MINUTE_MS;
    if (due <= now.getTime()) continue;
    const quietEnd = endOfQuietHours(new Date(due), settings);
    const sendAt = quietEnd?.getTime() ?? due;
    if (sendAt >= end || taken.has(sendAt)) continue;
    taken.add(sendAt);
    planned.push({ ...base, id: messageId(booking.ref, `reminder-${minutes}`, start), kind: 'reminder', minutesBefore: minutes, sendAt: iso(sendAt), deferred: quietEnd !== undefined });
  }

  const due = end + settings.followUpAfterMinutes * MINUTE_MS;
  if (due > now.getTime()) {
    const quietEnd = endOfQuietHours(new Date(due), settings);
    planned.push({ ...base, id: messageId(booking.ref, 'follow-up', start), kind: 'follow-up', sendAt: iso(quietEnd?.getTime() ?? due), deferred: quietEnd !== undefined });
  }
  return planned.sort((a, b) => a.sendAt.localeCompare(b.sendAt));
}

/**
 * When the quiet hours around `instant` end, or undefined when it is not in them. Quiet hours run
 * from `start` (included) to `end` (excluded), wall-clock in the zone; 21:00-08:00 spans midnight.
 */
export function endOfQuietHours(instant: Date, settings: Pick<ReminderSettings, 'quietHours' | 'timeZone'>): Date | undefined {
  const { start, end } = settings.quietHours;
  if (start === end) return undefined;
  const zone = settings.timeZone;
  const day = dayKey(instant, zone);
  const clock = wallClock(instant, zone);
  if (start < end) return clock >= start && clock < end ? zonedInstant(day, end, zone) : undefined;
  if (clock >= start) return zonedInstant(shiftDay(day, 1), end, zone);
  if (clock < end) return zonedInstant(day, end, zone);
  return undefined;
}

/** "HH:mm" of an instant in the zone. */
function wallClock(instant: Date, zone: string): string {
  const local = new TZDate(instant, zone);
  return `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
}

function messageId(ref: string, what: string, start: number): string {
  // 2026-11-27T08:00:00.000Z -> 20261127T0800Z
  const compact = iso(start).slice(0, 16).replace(/[-:]/g, '');
  return `${ref}.${what}.${compact}Z`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
