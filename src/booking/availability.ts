// Free times to offer a guest: the spa's hours, notice and horizon, and who (therapist and room) is
// already busy. Pure: everything, the clock included, comes in as input.
import { dayKey, daysBetween, shiftDay, wallClockReader, weekdayOf } from './calendar.ts';
import type { CalendarSettings, Occupancy } from './types.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What every availability question shares: the rules, the session, what is busy, and now. */
export interface SlotRequest {
  settings: CalendarSettings;
  durationMinutes: number;
  /** Confirmed bookings and live holds around the times asked about. */
  busy: Occupancy[];
  now: Date;
  /** A therapist id, or "any" (the default). */
  therapist?: string;
  /** This guest's own holds do not block them. */
  guestKey?: string;
  /** A booking being moved does not block itself. */
  ignoreRef?: string;
}

/** Asking for every free start in [from, to). */
export interface FindFreeSlotsInput extends SlotRequest {
  from: Date;
  to: Date;
}

/** A time that can be booked, and who could take it. */
export interface FreeSlot {
  start: Date;
  end: Date;
  /** The free therapists in settings order ("any" assigns the first); only the one asked for, when one was. */
  therapistIds: string[];
}

/** An occupancy as numbers, which is all the sweep compares. */
export interface TimedOccupancy {
  start: number;
  end: number;
  therapistId: string;
  /** Time off: it blocks its therapist where it overlaps, and no room. */
  off?: boolean;
}

/** A request checked and prepared once, then asked about any number of time ranges. */
export interface SlotSearch {
  settings: CalendarSettings;
  therapist: string;
  durationMs: number;
  /** Starts allowed by notice and horizon: earliest included, latest excluded. */
  earliest: number;
  latest: number;
  /** What blocks this guest, sorted by start. */
  blocking: TimedOccupancy[];
}

/** Every free start in [from, to), sorted; empty when the duration is not one the spa offers. */
export function findFreeSlots(input: FindFreeSlotsInput): FreeSlot[] {
  const search = prepareSlotSearch(input);
  return search ? slotsWithin(search, input.from.getTime(), input.to.getTime()) : [];
}

/** Checks the duration, filters and sorts what blocks once; undefined when the duration is not offered. */
export function prepareSlotSearch(request: SlotRequest): SlotSearch | undefined {
  const { settings, now } = request;
  // A step of zero would never leave the first start: the spa's configuration is wrong, not the guest.
  if (!(settings.slotStepMinutes > 0)) throw new RangeError(`slotStepMinutes must be positive, got ${settings.slotStepMinutes}`);
  if (!settings.durations.includes(request.durationMinutes) || request.durationMinutes <= 0) return undefined;
  const blocking: TimedOccupancy[] = [];
  for (const o of request.busy) {
    if (request.guestKey !== undefined && o.heldBy === request.guestKey) continue;
    if (request.ignoreRef !== undefined && o.ref === request.ignoreRef) continue;
    blocking.push({ start: o.start.getTime(), end: o.end.getTime(), therapistId: o.therapistId, ...(o.off === undefined ? {} : { off: true }) });
  }
  blocking.sort((a, b) => a.start - b.start);
  return {
    settings,
    therapist: request.therapist ?? 'any',
    durationMs: request.durationMinutes * MINUTE_MS,
    earliest: now.getTime() + settings.minNoticeMinutes * MINUTE_MS,
    latest: now.getTime() + settings.horizonDays * DAY_MS,
    blocking,
  };
}

/** Free starts in [from, to) (epoch ms) for a prepared search, sorted by start. */
export function slotsWithin(search: SlotSearch, from: number, to: number): FreeSlot[] {
  const { settings, durationMs } = search;
  const lo = Math.max(from, search.earliest);
  const hi = Math.min(to, search.latest);
  if (lo >= hi) return [];
  const stepMs = settings.slotStepMinutes * MINUTE_MS;
  const conflictsWith = conflictFinder(search.blocking, settings.bufferMinutes * MINUTE_MS);
  const readClock = wallClockReader(settings.timeZone);
  const slots: FreeSlot[] = [];
  let next = lo;
  // From the day before: hours that run past midnight belong to the day they open.
  for (const day of daysBetween(new Date(lo - DAY_MS), new Date(hi), settings.timeZone)) {
    const hours = openingWindow(day, settings, readClock);
    if (!hours) continue;
    // The first grid point at or after `next`; `next` only grows, so starts come out sorted.
    let start = hours.open + Math.max(0, Math.ceil((next - hours.open) / stepMs)) * stepMs;
    const working = shiftsOn(day, settings, readClock);
    for (; start < hi && start + durationMs <= hours.close; start += stepMs) {
      const end = start + durationMs;
      const therapistIds = forRequest(freeTherapists(conflictsWith(start, end), settings, start, end, working), search.therapist);
      if (therapistIds.length > 0) slots.push({ start: new Date(start), end: new Date(end), therapistIds });
      next = start + 1;
    }
  }
  return slots;
}

/** The spa's opening and closing instants (epoch ms) on a day, or undefined when it is closed. */
export function openingWindow(
  day: string,
  settings: CalendarSettings,
  readClock = wallClockReader(settings.timeZone),
): { open: number; close: number } | undefined {
  if (settings.closedDates.includes(day)) return undefined;
  const hours = settings.openingHours[weekdayOf(day)];
  if (hours === 'closed') return undefined;
  const open = readClock(day, hours.open).getTime();
  let close = readClock(day, hours.close).getTime();
  // A closing time at or before opening ("18:00"-"02:00") is on the next day.
  if (close <= open) close = readClock(shiftDay(day, 1), hours.close).getTime();
  return { open, close };
}

/** The window (of the start's day, or of the day before when its hours run past midnight) holding a start, and the day it opened. */
export function windowHolding(start: number, settings: CalendarSettings): { open: number; close: number; day: string } | undefined {
  const day = dayKey(new Date(start), settings.timeZone);
  const readClock = wallClockReader(settings.timeZone);
  for (const candidate of [day, shiftDay(day, -1)]) {
    const hours = openingWindow(candidate, settings, readClock);
    if (hours && hours.open <= start && start < hours.close) return { ...hours, day: candidate };
  }
  return undefined;
}

/**
 * The therapists, in settings order, whose weekly hours hold [start, end): those the atomic store may
 * give a session to. Outside the spa's hours, all of them (the hours are checked on their own).
 */
export function therapistsWorking(settings: CalendarSettings, start: Date, end: Date): string[] {
  const hours = windowHolding(start.getTime(), settings);
  const ids = settings.therapists.map((t) => t.id);
  if (!hours) return ids;
  const working = shiftsOn(hours.day, settings);
  return ids.filter((id) => working(id, start.getTime(), end.getTime()));
}

/** Whether a therapist works all of [start, end) (epoch ms); sessions of the spa's day that opened on one day. */
export type ShiftCheck = (therapistId: string, start: number, end: number) => boolean;

/**
 * The therapists' weekly hours on the day the spa opened (`day`): a therapist without hours works
 * whenever the spa is open; one with hours only within them (a close at or before the open runs past
 * midnight, as the spa's own hours may).
 */
export function shiftsOn(day: string, settings: CalendarSettings, readClock = wallClockReader(settings.timeZone)): ShiftCheck {
  const windows = new Map<string, { open: number; close: number } | undefined>();
  for (const t of settings.therapists) {
    if (!t.hours) continue;
    const hours = t.hours[weekdayOf(day)];
    if (hours === 'closed') {
      windows.set(t.id, undefined);
      continue;
    }
    const open = readClock(day, hours.open).getTime();
    let close = readClock(day, hours.close).getTime();
    if (close <= open) close = readClock(shiftDay(day, 1), hours.close).getTime();
    windows.set(t.id, { open, close });
  }
  return (therapistId, start, end) => {
    if (!windows.has(therapistId)) return true;
    const window = windows.get(therapistId);
    return window !== undefined && window.open <= start && end <= window.close;
  };
}

/**
 * Answers "what conflicts with [start, end)?" for sessions of one length asked in order of start. Each
 * occupancy is added once and dropped once, so a whole horizon costs one pass over what is busy rather
 * than one pass per candidate. An occupancy [s, e) conflicts when s < end + buffer and start < e + buffer.
 */
export function conflictFinder(sorted: readonly TimedOccupancy[], bufferMs: number): (start: number, end: number) => readonly TimedOccupancy[] {
  let next = 0;
  const active: TimedOccupancy[] = [];
  return (start, end) => {
    while (next < sorted.length && sorted[next]!.start < end + bufferMs) active.push(sorted[next++]!);
    let kept = 0;
    for (const o of active) if (start < o.end + bufferMs) active[kept++] = o;
    active.length = kept;
    return active;
  };
}

/**
 * Therapists working and free for [start, end) despite the conflicts (found with the buffer), in
 * settings order; none when every room is taken. Time off counts only where it overlaps the session itself.
 */
export function freeTherapists(conflicts: readonly TimedOccupancy[], settings: CalendarSettings, start: number, end: number, working: ShiftCheck = () => true): string[] {
  const blocking = conflicts.filter((o) => !o.off || (o.start < end && start < o.end));
  if (blocking.filter((o) => !o.off).length >= settings.rooms) return [];
  const free: string[] = [];
  for (const t of settings.therapists) if (working(t.id, start, end) && !blocking.some((o) => o.therapistId === t.id)) free.push(t.id);
  return free;
}

/** The free therapists that fit what the guest asked for: all of them for "any", else just that one. */
export function forRequest(free: string[], therapist: string): string[] {
  if (therapist === 'any') return free;
  return free.includes(therapist) ? [therapist] : [];
}
