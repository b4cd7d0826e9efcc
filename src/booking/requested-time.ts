// A time the guest named: can it be booked, and if not, why not and what is nearest instead.
import {
  conflictFinder,
  forRequest,
  freeTherapists,
  prepareSlotSearch,
  shiftsOn,
  slotsWithin,
  windowHolding,
  type FreeSlot,
  type SlotRequest,
  type SlotSearch,
} from './availability.ts';
import { dayKey, shiftDay, wallClockReader, weekdayOf } from './calendar.ts';

const MINUTE_MS = 60_000;

/** Asking about one start time. */
export interface RequestedTimeInput extends SlotRequest {
  start: Date;
}

/** Asking for the free times nearest to one the guest named. */
export interface NearestSlotsInput extends RequestedTimeInput {
  /** How many to find (3 unless told). */
  count?: number;
}

/** Why a named time cannot be booked, in the order they are checked. */
export type RequestedTimeReason =
  | 'bad_duration'
  | 'past'
  | 'too_soon'
  | 'too_far'
  | 'closed_day'
  | 'outside_hours'
  | 'off_grid'
  | 'taken'
  | 'therapist_busy';

export type RequestedTimeResult = { ok: true; slot: FreeSlot } | { ok: false; reason: RequestedTimeReason };

/** Whether a start the guest named can be booked, and with whom; otherwise the first rule it breaks. */
export function checkRequestedTime(input: RequestedTimeInput): RequestedTimeResult {
  const search = prepareSlotSearch(input);
  if (!search) return { ok: false, reason: 'bad_duration' };
  const { settings } = search;
  const start = input.start.getTime();
  const end = start + search.durationMs;
  if (start < input.now.getTime()) return { ok: false, reason: 'past' };
  if (start < search.earliest) return { ok: false, reason: 'too_soon' };
  if (start >= search.latest) return { ok: false, reason: 'too_far' };

  const hours = windowHolding(start, settings);
  if (!hours) return { ok: false, reason: isClosedDay(start, search) ? 'closed_day' : 'outside_hours' };
  if (end > hours.close) return { ok: false, reason: 'outside_hours' };
  if ((start - hours.open) % (settings.slotStepMinutes * MINUTE_MS) !== 0) return { ok: false, reason: 'off_grid' };

  const working = shiftsOn(hours.day, settings);
  const free = freeTherapists(conflictFinder(search.blocking, settings.bufferMinutes * MINUTE_MS)(start, end), settings, start, end, working);
  const therapistIds = forRequest(free, search.therapist);
  if (therapistIds.length > 0) return { ok: true, slot: { start: new Date(start), end: new Date(end), therapistIds } };
  // Someone else being free is worth telling the guest: they may take another therapist at that time.
  return { ok: false, reason: free.length > 0 ? 'therapist_busy' : 'taken' };
}

/**
 * The `count` free starts nearest to the one named (before or after, within notice and horizon), sorted
 * by start. Searches outward a day at a time and stops once no further day could hold a nearer one.
 */
export function nearestFreeSlots(input: NearestSlotsInput): FreeSlot[] {
  const count = input.count ?? 3;
  const search = prepareSlotSearch(input);
  if (!search || count <= 0) return [];
  const zone = search.settings.timeZone;
  const target = input.start.getTime();
  const firstDay = dayKey(new Date(search.earliest), zone);
  const lastDay = dayKey(new Date(search.latest), zone);
  // A named time outside notice or horizon: start from the nearest day that can have slots.
  const named = dayKey(input.start, zone);
  const centre = named < firstDay ? firstDay : named > lastDay ? lastDay : named;
  const readClock = wallClockReader(zone);
  const dayStart = (day: string) => readClock(day, '00:00').getTime();

  const found: FreeSlot[] = [];
  const searchDay = (day: string) => found.push(...slotsWithin(search, dayStart(day), dayStart(shiftDay(day, 1))));
  searchDay(centre);
  for (let k = 1; ; k++) {
    const before = shiftDay(centre, -k);
    const after = shiftDay(centre, k);
    const hasBefore = before >= firstDay;
    const hasAfter = after <= lastDay;
    if (!hasBefore && !hasAfter) break;
    if (found.length >= count) {
      // Slots of `before` start before the next day begins, those of `after` no earlier than it begins.
      const reach = Math.min(
        hasBefore ? target - dayStart(shiftDay(before, 1)) : Infinity,
        hasAfter ? dayStart(after) - target : Infinity,
      );
      if (reach >= distanceOfNth(found, target, count)) break;
    }
    if (hasBefore) searchDay(before);
    if (hasAfter) searchDay(after);
  }
  return byNearness(found, target).slice(0, count).sort((a, b) => a.start.getTime() - b.start.getTime());
}

// A start outside every window is on a closed day only when the day itself is closed; else it missed the hours.
function isClosedDay(start: number, search: SlotSearch): boolean {
  const { settings } = search;
  const day = dayKey(new Date(start), settings.timeZone);
  if (settings.closedDates.includes(day)) return true;
  return settings.openingHours[weekdayOf(day)] === 'closed';
}

// Nearest first; of two equally near, the earlier.
function byNearness(slots: FreeSlot[], target: number): FreeSlot[] {
  const distance = (s: FreeSlot) => Math.abs(s.start.getTime() - target);
  return [...slots].sort((a, b) => distance(a) - distance(b) || a.start.getTime() - b.start.getTime());
}

function distanceOfNth(slots: FreeSlot[], target: number, n: number): number {
  const nth = byNearness(slots, target)[n - 1];
  return nth ? Math.abs(nth.start.getTime() - target) : Infinity;
}
