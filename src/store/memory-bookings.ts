// Bookings and holds in one process's memory, and the small checks both booking stores share so that
// they accept the same requests and read stored data the same way.
import {
  bookingsAhead,
  shiftDay,
  type Booking,
  type BookingStore,
  type CapacityRules,
  type GuestLimit,
  type Hold,
  type Occupancy,
  type TimeOff,
} from '../booking/index.ts';
import { StoreError } from '../core/index.ts';
import { createMemoryChangeLog } from './memory-booking-changes.ts';

const MINUTE_MS = 60_000;
const IDEMPOTENCY_TTL_MS = 7 * 24 * 3600 * 1000;
/** The booking change log keeps this many latest changes (as Redis trims its stream, about). */
export const CHANGES_KEPT = 10_000;
// The instants both stores (and the Redis scripts' parser) read: ISO 8601 with Z or an offset.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Something busy as the capacity check sees it: epoch ms, and whose hold or which booking it is. */
interface Busy {
  start: number;
  end: number;
  therapistId: string;
  heldBy?: string;
  ref?: string;
  off?: string;
}

/** A request's [start, end) in epoch ms; a RangeError when it is not a real, non-empty interval. */
export function checkedInterval(start: Date, end: Date): { start: number; end: number } {
  const [s, e] = [start.getTime(), end.getTime()];
  if (!Number.isFinite(s) || !Number.isFinite(e) || e <= s) {
    throw new RangeError(`Not a time interval: ${String(start)} to ${String(end)}`);
  }
  return { start: s, end: e };
}

/** Time off's [start, end) in epoch ms, once its fields are checked; a RangeError for anything else. */
export function checkedTimeOff(off: TimeOff): { start: number; end: number } {
  if (!off.id || !off.therapistId || !/^\d{4}-\d{2}-\d{2}$/.test(off.day) || !ISO_INSTANT.test(off.start) || !ISO_INSTANT.test(off.end)) {
    throw new RangeError(`Not time off: ${JSON.stringify(off)}`);
  }
  return checkedInterval(new Date(off.start), new Date(off.end));
}

/** A booking's [start, end) in epoch ms, from its ISO instants; a RangeError for anything else. */
export function bookingInterval(booking: { start: string; end: string }): { start: number; end: number } {
  const read = (iso: string) => {
    const ms = Date.parse(iso);
    if (!ISO_INSTANT.test(iso) || !Number.isFinite(ms)) throw new RangeError(`Not an ISO 8601 instant: "${iso}"`);
    return new Date(ms);
  };
  return checkedInterval(read(booking.start), read(booking.end));
}

/** A guest limit as both stores apply it; a RangeError for a limit below one or an invalid `now`. */
export function checkedGuestLimit(limit: GuestLimit): { max: number; now: number } {
  const now = limit.now.getTime();
  if (!Number.isInteger(limit.maxUpcoming) || limit.maxUpcoming < 1 || !Number.isFinite(now)) {
    throw new RangeError(`Not a guest limit: ${limit.maxUpcoming} ahead of ${String(limit.now)}`);
  }
  return { max: limit.maxUpcoming, now };
}

/**
 * The days whose bookings and holds can overlap a session starting on `day`: it and its neighbours.
 * Sessions (with their buffer) are assumed shorter than a day, as at any spa.
 */
export function occupancyDays(day: string): string[] {
  return [shiftDay(day, -1), day, shiftDay(day, 1)];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const parseStored = (key: string, raw: string | undefined): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(raw ?? '');
    if (isObject(value)) return value;
  } catch (error) {
    throw new StoreError(`${key} holds damaged data: ${(error as Error).message}`, { cause: error });
  }
  throw new StoreError(`${key} holds damaged data: not an object`);
};

/** A stored booking read back; a StoreError when the record is damaged. */
export function parseStoredBooking(key: string, raw: string | undefined): Booking {
  const value = parseStored(key, raw);
  const strings = ['ref', 'start', 'end', 'day', 'therapistId', 'therapistRequested'].every((f) => typeof value[f] === 'string');
  const guest = value.guest;
  if (!strings || !isObject(guest) || typeof guest.key !== 'string' || (value.status !== 'confirmed' && value.status !== 'cancelled')) {
    throw new StoreError(`${key} holds damaged data: not a booking`);
  }
  return value as unknown as Booking;
}

/** A stored hold read back; a StoreError when the record is damaged. */
export function parseStoredHold(key: string, raw: string | undefined): Hold {
  const value = parseStored(key, raw);
  const fields = ['id', 'guestKey', 'start', 'end', 'day', 'therapistId', 'expiresAt'] as const;
  if (!fields.every((f) => typeof value[f] === 'string')) throw new StoreError(`${key} holds damaged data: not a hold`);
  const [id, guestKey, start, end, day, therapistId, expiresAt] = fields.map((f) => value[f] as string) as [string, string, string, string, string, string, string];
  return { id, guestKey, start, end, day, therapistId, expiresAt };
}

/** Bookings soonest first (ties by reference), the order both stores list them in. */
export function sortBookings(bookings: Booking[]): Booking[] {
  return bookings.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** Time off in order of start, then therapist and id, the order both stores list it in. */
export function sortTimeOff(list: TimeOff[]): TimeOff[] {
  return list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.therapistId.localeCompare(b.therapistId) || a.id.localeCompare(b.id));
}

/** Time off read back; a StoreError when the record is damaged. */
export function parseStoredTimeOff(key: string, raw: string | undefined): TimeOff {
  const value = parseStored(key, raw);
  const fields = ['id', 'therapistId', 'start', 'end', 'day', 'by', 'createdAt'] as const;
  if (!fields.every((f) => typeof value[f] === 'string')) throw new StoreError(`${key} holds damaged data: not time off`);
  const [id, therapistId, start, end, day, by, createdAt] = fields.map((f) => value[f] as string) as [string, string, string, string, string, string, string];
  return { id, therapistId, start, end, day, by, createdAt };
}

/** Occupancies in order of start, then end, therapist and owner, the order both stores give them in. */
export function sortOccupancies(occupancies: Occupancy[]): Occupancy[] {
  const owner = (o: Occupancy) => `${o.ref ?? ''}\u0000${o.heldBy ?? ''}\u0000${o.off ?? ''}`;
  return occupancies.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() ||
      a.end.getTime() - b.end.getTime() ||
      a.therapistId.localeCompare(b.therapistId) ||
      owner(a).localeCompare(owner(b)),
  );
}

/**
 * The therapist who takes [start, end), or undefined when none is free or every room is in use. The
 * same rule runs inside the Redis scripts: [s, e) conflicts with [start, end) when
 * s < end + buffer and start < e + buffer; the guest's own hold and the booking being moved never count;
 * time off takes its therapist when it overlaps [start, end) and takes no room.
 */
function pickTherapist(
  check: { guestKey: string; start: number; end: number; therapist: string; rules: CapacityRules; self?: string },
  busy: Busy[],
): string | undefined {
  const buffer = check.rules.bufferMinutes * MINUTE_MS;
  const taken = new Set<string>();
  let used = 0;
  for (const o of busy) {
    if ((o.heldBy !== undefined && o.heldBy === check.guestKey) || (check.self !== undefined && o.ref === check.self)) continue;
    // Time off blocks its therapist where it overlaps the session itself, and no room.
    if (o.off !== undefined) {
      if (o.start < check.end && check.start < o.end) taken.add(o.therapistId);
      continue;
    }
    if (o.start < check.end + buffer && check.start < o.end + buffer) {
      used++;
      taken.add(o.therapistId);
    }
  }
  if (used >= check.rules.rooms) return undefined;
  return check.rules.therapistIds.find((id) => !taken.has(id) && (check.therapist === 'any' || check.therapist === id));
}

// Stored and handed out as JSON copies, like Redis, so callers never share (and mutate) the store's objects.
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Keeps bookings and holds in this process's memory. One process only: bookings are lost on restart and
 * two bot instances would each see only their own, so both could sell the same place; set REDIS_URL for
 * anything beyond a single local process. Operations are atomic because each runs without awaiting.
 */
export function createMemoryBookingStore(options: { now?: () => number } = {}): BookingStore {
  const now = options.now ?? Date.now;
  const bookings = new Map<string, Booking>();
  const confirmedByDay = new Map<string, Set<string>>();
  const refsByGuest = new Map<string, Set<string>>();
  const holds = new Map<string, { hold: Hold; start: number; end: number; expiresAt: number }>();
  const holdByGuest = new Map<string, string>();
  const timeOff = new Map<string, TimeOff>();
  const idempotency = new Map<string, { ref: string; expiresAt: number }>();
  const changes = createMemoryChangeLog({ now, keep: CHANGES_KEPT });

  const addTo = (index: Map<string, Set<string>>, key: string, ref: string) => {
    const refs = index.get(key) ?? new Set<string>();
    index.set(key, refs.add(ref));
  };
  const removeFrom = (index: Map<string, Set<string>>, key: string, ref: string) => {
    const refs = index.get(key);
    if (refs?.delete(ref) && refs.size === 0) index.delete(key);
  };

  const dropHold = (id: string | undefined, owner?: string) => {
    const entry = id === undefined ? undefined : holds.get(id);
    if (id === undefined || !entry || (owner !== undefined && entry.hold.guestKey !== owner)) return;
    holds.delete(id);
    if (holdByGuest.get(entry.hold.guestKey) === id) holdByGuest.delete(entry.hold.guestKey);
  };
  const dropGuestHolds = (guestKey: string, holdId: string | undefined) => {
    dropHold(holdId, guestKey);
    dropHold(holdByGuest.get(guestKey), guestKey);
  };

  // Confirmed bookings and live holds on the days; expired holds are swept on the way.
  const busyOn = (days: string[]): Busy[] => {
    const t = now();
    const busy: Busy[] = [];
    for (const day of days) {
      for (const ref of confirmedByDay.get(day) ?? []) {
        const b = bookings.get(ref)!;
        busy.push({ start: Date.parse(b.start), end: Date.parse(b.end), therapistId: b.therapistId, ref });
      }
    }
    for (const [id, { hold, start, end, expiresAt }] of holds) {
      if (expiresAt <= t) dropHold(id);
      else if (days.includes(hold.day)) busy.push({ start, end, therapistId: hold.therapistId, heldBy: hold.guestKey });
    }
    for (const off of timeOff.values()) {
      if (days.includes(off.day)) busy.push({ start: Date.parse(off.start), end: Date.parse(off.end), therapistId: off.therapistId, off: off.id });
    }
    return busy;
  };

  let reserves = 0;
  const sweepIdempotency = () => {
    const t = now();
    for (const [key, entry] of idempotency) if (entry.expiresAt <= t) idempotency.delete(key);
  };

  return {
    async occupancy(days) {
      return sortOccupancies(
        busyOn([...new Set(days)]).map(({ start, end, ...rest }) => ({ start: new Date(start), end: new Date(end), ...rest })),
      );
    },

    async hold(request) {
      const { start, end } = checkedInterval(request.start, request.end);
      const ttl = Math.round(request.ttlSeconds * 1000);
      if (!(ttl > 0)) throw new RangeError(`A hold needs a positive ttlSeconds, not ${request.ttlSeconds}`);
      const check = { guestKey: request.guestKey, start, end, therapist: request.therapist, rules: request.rules };
      const therapistId = pickTherapist(check, busyOn(occupancyDays(request.day)));
      if (therapistId === undefined) return { ok: false, reason: 'taken' };
      // A guest has one hold: the new one replaces theirs (and any earlier hold under this id).
      dropHold(holdByGuest.get(request.guestKey), request.guestKey);
      dropHold(request.holdId);
      const expiresAt = now() + ttl;
      const hold: Hold = {
        id: request.holdId,
        guestKey: request.guestKey,
        start: request.start.toISOString(),
        end: request.end.toISOString(),
        day: request.day,
        therapistId,
        expiresAt: new Date(expiresAt).toISOString(),
      };
      holds.set(hold.id, { hold, start, end, expiresAt });
      holdByGuest.set(hold.guestKey, hold.id);
      return { ok: true, hold: copy(hold) };
    },

    async releaseHold(holdId) {
      dropHold(holdId);
    },

    async addTimeOff(request) {
      const { start, end } = checkedTimeOff(request);
      if (timeOff.has(request.id)) return { ok: false, reason: 'id_in_use' };
      const off = copy(request);
      timeOff.set(off.id, off);
      const clashes = [...occupancyDays(off.day).flatMap((day) => [...(confirmedByDay.get(day) ?? [])])]
        .map((ref) => bookings.get(ref)!)
        .filter((b) => b.therapistId === off.therapistId && Date.parse(b.start) < end && start < Date.parse(b.end));
      return { ok: true, timeOff: copy(off), clashes: sortBookings(clashes.map(copy)) };
    },

    async removeTimeOff(id) {
      const off = timeOff.get(id);
      timeOff.delete(id);
      return off && copy(off);
    },

    async listTimeOff(days) {
      const wanted = new Set(days);
      return sortTimeOff([...timeOff.values()].filter((off) => wanted.has(off.day)).map(copy));
    },

    async reserve(request) {
      if (++reserves % 1000 === 0) sweepIdempotency();
      const { start, end } = bookingInterval(request.booking);
      const limit = request.guestLimit && checkedGuestLimit(request.guestLimit);
      const earlier = idempotency.get(request.idempotencyKey);
      const duplicate = earlier && earlier.expiresAt > now() ? bookings.get(earlier.ref) : undefined;
      if (duplicate) return { ok: true, booking: copy(duplicate), duplicate: true };
      if (bookings.has(request.booking.ref)) return { ok: false, reason: 'ref_in_use' };
      const guestKey = request.booking.guest.key;
      if (limit) {
        const own = [...(refsByGuest.get(guestKey) ?? [])].map((ref) => bookings.get(ref)!);
        if (bookingsAhead(own, new Date(limit.now)).length >= limit.max) return { ok: false, reason: 'guest_limit' };
      }
      const check = { guestKey, start, end, therapist: request.booking.therapistRequested, rules: request.rules };
      const therapistId = pickTherapist(check, busyOn(occupancyDays(request.booking.day)));
      if (therapistId === undefined) return { ok: false, reason: 'taken' };
      const booking: Booking = copy({ ...request.booking, therapistId, status: 'confirmed' });
      bookings.set(booking.ref, booking);
      addTo(confirmedByDay, booking.day, booking.ref);
      addTo(refsByGuest, guestKey, booking.ref);
      idempotency.set(request.idempotencyKey, { ref: booking.ref, expiresAt: now() + IDEMPOTENCY_TTL_MS });
      dropGuestHolds(guestKey, request.holdId);
      changes.append({ type: 'created', booking });
      return { ok: true, booking: copy(booking), duplicate: false };
    },

    async move(request) {
      const { start, end } = checkedInterval(request.start, request.end);
      const current = bookings.get(request.ref);
      if (!current || current.guest.key !== request.guestKey || current.status !== 'confirmed') return { ok: false, reason: 'not_found' };
      const check = { guestKey: request.guestKey, start, end, therapist: current.therapistRequested, rules: request.rules, self: request.ref };
      const therapistId = pickTherapist(check, busyOn(occupancyDays(request.day)));
      if (therapistId === undefined) return { ok: false, reason: 'taken' };
      const moved: Booking = {
        ...current,
        start: request.start.toISOString(),
        end: request.end.toISOString(),
        day: request.day,
        therapistId,
        updatedAt: request.updatedAt,
      };
      bookings.set(moved.ref, moved);
      removeFrom(confirmedByDay, current.day, moved.ref);
      addTo(confirmedByDay, moved.day, moved.ref);
      dropGuestHolds(request.guestKey, request.holdId);
      changes.append({ type: 'moved', booking: moved, previous: current, ...(request.by ? { by: request.by } : {}) });
      return { ok: true, booking: copy(moved), previous: copy(current) };
    },

    async cancel(ref, guestKey, updatedAt, options = {}) {
      const current = bookings.get(ref);
      if (!current || current.guest.key !== guestKey) return { ok: false, reason: 'not_found' };
      // Cancelling twice answers with the cancelled booking as it is.
      if (current.status === 'cancelled') return { ok: true, booking: copy(current), already: true };
      const cancelled: Booking = { ...current, status: 'cancelled', updatedAt };
      bookings.set(ref, cancelled);
      removeFrom(confirmedByDay, current.day, ref);
      changes.append({ type: 'cancelled', booking: cancelled, ...(options.by ? { by: options.by } : {}) });
      return { ok: true, booking: copy(cancelled) };
    },

    async setAttendance(ref, attendance, updatedAt) {
      const current = bookings.get(ref);
      if (!current) return { ok: false, reason: 'not_found' };
      if (current.status === 'cancelled') return { ok: false, reason: 'cancelled' };
      const marked: Booking = { ...current, attendance, updatedAt };
      bookings.set(ref, marked);
      return { ok: true, booking: copy(marked) };
    },

    async get(ref) {
      const booking = bookings.get(ref);
      return booking ? copy(booking) : undefined;
    },

    async listByGuest(guestKey) {
      return sortBookings([...(refsByGuest.get(guestKey) ?? [])].map((ref) => copy(bookings.get(ref)!)));
    },

    async listByDay(day) {
      return sortBookings([...(confirmedByDay.get(day) ?? [])].map((ref) => copy(bookings.get(ref)!)));
    },

    changes: { join: changes.join, read: changes.read, touch: changes.touch, ack: changes.ack },
  };
}
