import { describe, expect, it } from 'vitest';
import type { Booking, BookingStore, CapacityRules, HoldRequest, ReserveRequest, TimeOff } from '../../src/booking/index.ts';

/** How a contract test gets a fresh booking store, and moves its clock (a fake one, or real time). */
export interface BookingStoreHarness {
  store: BookingStore;
  /** Waits until `seconds` have passed for the store. */
  elapse(seconds: number): Promise<void>;
}

// A Saturday in Da Nang (UTC+7, no daylight saving); times below are wall clock there.
const DAY = '2030-03-16';
const NEXT_DAY = '2030-03-17';
const at = (clock: string, day = DAY) => new Date(`${day}T${clock}:00+07:00`);
const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

const TWO: CapacityRules = { rooms: 2, bufferMinutes: 0, therapistIds: ['t1', 't2'] };
// "Now" for the guest limit: well before every session below.
const BEFORE = new Date('2030-03-01T00:00:00Z');

/** A booking request for a guest, with sensible defaults. */
function reserveRequest(
  guest: string,
  ref: string,
  options: {
    clock?: string;
    day?: string;
    minutes?: number;
    therapist?: string;
    rules?: CapacityRules;
    idempotencyKey?: string;
    holdId?: string;
    /** At most this many of the guest's bookings ahead of `now` (2030-03-01 unless given). */
    limit?: number;
    now?: Date;
  } = {},
): ReserveRequest {
  const day = options.day ?? DAY;
  const start = at(options.clock ?? '10:00', day);
  const minutes = options.minutes ?? 60;
  const booking: Omit<Booking, 'therapistId'> = {
    ref,
    service: 'upper-back-massage',
    durationMinutes: minutes,
    start: start.toISOString(),
    end: minutesAfter(start, minutes).toISOString(),
    day,
    therapistRequested: options.therapist ?? 'any',
    guest: { key: `web:${guest}`, name: `Guest ${guest} 🌸`, contact: '+84905123456', channel: 'web', conversationId: `c-${guest}` },
    notes: { pressure: 'medium' },
    status: 'confirmed',
    createdAt: '2030-03-01T00:00:00.000Z',
    updatedAt: '2030-03-01T00:00:00.000Z',
  };
  return {
    idempotencyKey: options.idempotencyKey ?? `idem-${ref}`,
    booking,
    rules: options.rules ?? TWO,
    ...(options.holdId ? { holdId: options.holdId } : {}),
    ...(options.limit !== undefined ? { guestLimit: { maxUpcoming: options.limit, now: options.now ?? BEFORE } } : {}),
  };
}

/** A hold request for a guest, with sensible defaults. */
function holdRequest(
  guest: string,
  holdId: string,
  options: { clock?: string; minutes?: number; therapist?: string; rules?: CapacityRules; ttlSeconds?: number } = {},
): HoldRequest {
  const start = at(options.clock ?? '10:00');
  return {
    holdId,
    guestKey: `web:${guest}`,
    start,
    end: minutesAfter(start, options.minutes ?? 60),
    day: DAY,
    therapist: options.therapist ?? 'any',
    rules: options.rules ?? TWO,
    ttlSeconds: options.ttlSeconds ?? 600,
  };
}

/** A move request for a guest's booking, with sensible defaults. */
function moveRequest(guest: string, ref: string, clock: string, options: { day?: string; rules?: CapacityRules; minutes?: number } = {}) {
  const start = at(clock, options.day);
  return {
    ref,
    guestKey: `web:${guest}`,
    start,
    end: minutesAfter(start, options.minutes ?? 60),
    day: options.day ?? DAY,
    rules: options.rules ?? TWO,
    updatedAt: '2030-03-02T00:00:00.000Z',
  };
}

/** Time off for a therapist on DAY, from one wall clock to another. */
function timeOff(id: string, therapistId: string, from: string, to: string): TimeOff {
  return { id, therapistId, start: at(from).toISOString(), end: at(to).toISOString(), day: DAY, by: 'Linh', createdAt: '2030-03-02T00:00:00.000Z' };
}

/** Asserts a reserve succeeded and returns the booking. */
async function reserved(store: BookingStore, request: ReserveRequest): Promise<Booking> {
  const result = await store.reserve(request);
  if (!result.ok) throw new Error(`expected ${request.booking.ref} to be booked, got ${result.reason}`);
  return result.booking;
}

/** The behaviour every BookingStore must have, run against each implementation. */
export function bookingStoreContract(name: string, makeHarness: () => Promise<BookingStoreHarness>) {
  describe(`${name} booking store`, () => {
    describe('reserve', () => {
      it('confirms a booking and reads it back, with a therapist assigned', async () => {
        const { store } = await makeHarness();
        const request = reserveRequest('a', 'LS-A1', { therapist: 't2' });
        const result = await store.reserve(request);
        const expected = { ...request.booking, therapistId: 't2' };
        expect(result).toEqual({ ok: true, booking: expected, duplicate: false });
        expect(await store.get('LS-A1')).toEqual(expected);
        expect(await store.get('LS-NONE')).toBeUndefined();
      });

      it('indexes bookings by day (in order of start) and by guest (soonest first)', async () => {
        const { store } = await makeHarness();
        await reserved(store, reserveRequest('a', 'LS-A2', { clock: '15:00' }));
        await reserved(store, reserveRequest('b', 'LS-B1', { clock: '09:00' }));
        await reserved(store, reserveRequest('a', 'LS-A1', { clock: '11:00', day: NEXT_DAY }));
        await reserved(store, reserveRequest('a', 'LS-A0', { clock: '10:00' }));
        expect((await store.listByDay(DAY)).map((b) => b.ref)).toEqual(['LS-B1', 'LS-A0', 'LS-A2']);
        expect((await store.listByDay(NEXT_DAY)).map((b) => b.ref)).toEqual(['LS-A1']);
        expect((await store.listByDay('2030-03-18')).map((b) => b.ref)).toEqual([]);
        expect((await store.listByGuest('web:a')).map((b) => b.ref)).toEqual(['LS-A0', 'LS-A2', 'LS-A1']);
        expect(await store.listByGuest('web:nobody')).toEqual([]);
      });

      it('confirms once per idempotency key: a repeat answers with the first booking', async () => {
        const { store } = await makeHarness();
        const first = await reserved(store, reserveRequest('a', 'LS-A1', { idempotencyKey: 'tap-1' }));
        const again = await store.reserve(reserveRequest('a', 'LS-A9', { idempotencyKey: 'tap-1', clock: '16:00' }));
        expect(again).toEqual({ ok: true, booking: first, duplicate: true });
        expect((await store.listByGuest('web:a')).map((b) => b.ref)).toEqual(['LS-A1']);
        expect(await store.get('LS-A9')).toBeUndefined();
      });

      it('refuses a reference already in use', async () => {
        const { store } = await makeHarness();
        await reserved(store, reserveRequest('a', 'LS-A1'));
        expect(await store.reserve(reserveRequest('b', 'LS-A1', { clock: '16:00', idempotencyKey: 'other-tap' }))).toEqual({ ok: false, reason: 'ref_in_use' });
        expect((await store.get('LS-A1'))?.guest.key).toBe('web:a');
      });

      it("refuses a taken therapist to a second guest, who can still take the other one", async () => {
        const { store } = await makeHarness();
        await reserved(store, reserveRequest('a', 'LS-A1', { therapist: 't1' }));
        expect(await store.reserve(reserveRequest('b', 'LS-B1', { therapist: 't1', clock: '10:30' }))).toEqual({ ok: false, reason: 'taken' });
        expect((await reserved(store, reserveRequest('b', 'LS-B2', { therapist: 't2', clock: '10:30' }))).therapistId).toBe('t2');
        // Both therapists and both rooms are now busy.
        expect(await store.reserve(reserveRequest('c', 'LS-C1', { clock: '10:45' }))).toEqual({ ok: false, reason: 'taken' });
      });

      it('never has more sessions at once than rooms, even with therapists free', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1', 't2', 't3'] };
        await reserved(store, reserveRequest('a', 'LS-A1', { rules }));
        expect(await store.reserve(reserveRequest('b', 'LS-B1', { rules, therapist: 't2' }))).toEqual({ ok: false, reason: 'taken' });
        expect(await store.reserve(reserveRequest('b', 'LS-B1', { rules, clock: '10:59' }))).toEqual({ ok: false, reason: 'taken' });
        // Back to back is fine with no buffer: [10:00, 11:00) and [11:00, 12:00) do not overlap.
        expect((await reserved(store, reserveRequest('b', 'LS-B1', { rules, clock: '11:00' }))).therapistId).toBe('t1');
      });

      it('keeps the buffer free before and after every session, per therapist and per room', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 2, bufferMinutes: 15, therapistIds: ['t1', 't2'] };
        await reserved(store, reserveRequest('a', 'LS-A1', { rules, therapist: 't1', clock: '10:00' }));
        const t1 = (guest: string, ref: string, clock: string, minutes = 60) => store.reserve(reserveRequest(guest, ref, { rules, therapist: 't1', clock, minutes }));
        expect(await t1('b', 'LS-B1', '11:00')).toEqual({ ok: false, reason: 'taken' });
        expect(await t1('b', 'LS-B1', '11:14')).toEqual({ ok: false, reason: 'taken' });
        expect(await t1('b', 'LS-B2', '08:50')).toEqual({ ok: false, reason: 'taken' });
        expect((await t1('b', 'LS-B3', '11:15')).ok).toBe(true);
        expect((await t1('c', 'LS-C1', '08:45')).ok).toBe(true);
        // The room rule uses the same buffer: with one room, t2 is blocked right after t1's session too.
        const oneRoom = { ...rules, rooms: 1 };
        expect(await store.reserve(reserveRequest('d', 'LS-D1', { rules: oneRoom, therapist: 't2', clock: '12:20' }))).toEqual({ ok: false, reason: 'taken' });
        expect((await store.reserve(reserveRequest('d', 'LS-D1', { rules: oneRoom, therapist: 't2', clock: '12:30' }))).ok).toBe(true);
      });

      it('gives "any" the first free therapist in the order of the rules', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 3, bufferMinutes: 0, therapistIds: ['t3', 't1', 't2'] };
        const assigned = [];
        for (const guest of ['a', 'b', 'c']) assigned.push((await reserved(store, reserveRequest(guest, `LS-${guest}`, { rules }))).therapistId);
        expect(assigned).toEqual(['t3', 't1', 't2']);
        expect(await store.reserve(reserveRequest('d', 'LS-d', { rules }))).toEqual({ ok: false, reason: 'taken' });
        // A therapist the rules do not list is never free.
        expect(await store.reserve(reserveRequest('e', 'LS-e', { rules, therapist: 't9', clock: '15:00' }))).toEqual({ ok: false, reason: 'taken' });
      });

      it('frees the place of a cancelled booking', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1'] };
        await reserved(store, reserveRequest('a', 'LS-A1', { rules }));
        expect(await store.reserve(reserveRequest('b', 'LS-B1', { rules }))).toEqual({ ok: false, reason: 'taken' });
        expect((await store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z')).ok).toBe(true);
        expect((await store.reserve(reserveRequest('b', 'LS-B1', { rules }))).ok).toBe(true);
      });
    });

    describe('guest limit', () => {
      // Plenty of room, so only the guest limit can refuse.
      const roomy: CapacityRules = { rooms: 10, bufferMinutes: 0, therapistIds: ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'] };
      const limited = (guest: string, ref: string, clock: string, options: Parameters<typeof reserveRequest>[2] = {}) =>
        reserveRequest(guest, ref, { rules: roomy, limit: 2, clock, ...options });

      it('refuses a guest one booking over the limit, while another guest can still book that time', async () => {
        const { store } = await makeHarness();
        await reserved(store, limited('a', 'LS-A1', '10:00'));
        await reserved(store, limited('a', 'LS-A2', '14:00', { day: NEXT_DAY }));
        expect(await store.reserve(limited('a', 'LS-A3', '16:00'))).toEqual({ ok: false, reason: 'guest_limit' });
        expect(await store.get('LS-A3')).toBeUndefined();
        expect((await reserved(store, limited('b', 'LS-B1', '16:00'))).therapistId).toBe('t1');
        expect((await store.listByGuest('web:a')).map((b) => b.ref)).toEqual(['LS-A1', 'LS-A2']);
        // Without a limit in the request, none applies.
        expect((await store.reserve(reserveRequest('a', 'LS-A3', { rules: roomy, clock: '16:00' }))).ok).toBe(true);
      });

      it('counts neither cancelled bookings nor those that have started by now', async () => {
        const { store } = await makeHarness();
        await reserved(store, limited('a', 'LS-A1', '09:00'));
        await reserved(store, limited('a', 'LS-A2', '10:00'));
        await store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z');
        await reserved(store, limited('a', 'LS-A3', '11:00'));
        expect(await store.reserve(limited('a', 'LS-A4', '12:00'))).toEqual({ ok: false, reason: 'guest_limit' });
        // At 10:00 on the day, LS-A2 has started: only LS-A3 is ahead.
        expect((await store.reserve(limited('a', 'LS-A4', '12:00', { now: at('10:00') }))).ok).toBe(true);
        expect(await store.reserve(limited('a', 'LS-A5', '13:00', { now: at('10:00') }))).toEqual({ ok: false, reason: 'guest_limit' });
        expect((await store.reserve(limited('a', 'LS-A5', '13:00', { now: at('11:30') }))).ok).toBe(true);
      });

      it('still answers a repeated confirmation with the first booking, and lets a booking be moved', async () => {
        const { store } = await makeHarness();
        const first = await reserved(store, limited('a', 'LS-A1', '10:00', { idempotencyKey: 'tap-1' }));
        await reserved(store, limited('a', 'LS-A2', '11:00'));
        expect(await store.reserve(limited('a', 'LS-A9', '15:00', { idempotencyKey: 'tap-1' }))).toEqual({ ok: true, booking: first, duplicate: true });
        const moved = await store.move(moveRequest('a', 'LS-A1', '16:00', { day: NEXT_DAY, rules: roomy }));
        expect(moved.ok && moved.booking.start).toBe(at('16:00', NEXT_DAY).toISOString());
        expect(await store.reserve(limited('a', 'LS-A3', '12:00'))).toEqual({ ok: false, reason: 'guest_limit' });
      });

      it('lets exactly the limit through when one guest confirms many free times at once', async () => {
        const { store } = await makeHarness();
        const clocks = ['09:00', '10:00', '11:00', '12:00', '13:00'];
        const results = await Promise.all(clocks.map((clock, i) => store.reserve(limited('a', `LS-R${i}`, clock, { idempotencyKey: `rush-${i}` }))));
        expect(results.filter((r) => r.ok)).toHaveLength(2);
        expect(results.filter((r) => !r.ok && r.reason === 'guest_limit')).toHaveLength(3);
        expect(await store.listByGuest('web:a')).toHaveLength(2);
      });

      it('refuses a limit below one or without a real now', async () => {
        const { store } = await makeHarness();
        await expect(store.reserve(limited('a', 'LS-A1', '10:00', { limit: 0 }))).rejects.toThrow(RangeError);
        await expect(store.reserve(limited('a', 'LS-A1', '10:00', { now: new Date('not a date') }))).rejects.toThrow(RangeError);
        expect(await store.get('LS-A1')).toBeUndefined();
      });
    });

    describe('attendance', () => {
      it('records whether the guest came, keeping everything else', async () => {
        const { store } = await makeHarness();
        const booked = await reserved(store, reserveRequest('a', 'LS-AT1'));
        const marked = await store.setAttendance('LS-AT1', 'arrived', '2030-03-16T03:05:00.000Z');
        expect(marked).toEqual({ ok: true, booking: { ...booked, attendance: 'arrived', updatedAt: '2030-03-16T03:05:00.000Z' } });
        expect((await store.get('LS-AT1'))?.attendance).toBe('arrived');
        expect((await store.setAttendance('LS-AT1', 'no_show', '2030-03-16T04:00:00.000Z')).ok).toBe(true);
        expect((await store.listByDay(DAY))[0]?.attendance).toBe('no_show');
      });

      it('refuses an unknown or cancelled booking', async () => {
        const { store } = await makeHarness();
        expect(await store.setAttendance('LS-NONE', 'arrived', '2030-03-16T03:05:00.000Z')).toEqual({ ok: false, reason: 'not_found' });
        await reserved(store, reserveRequest('a', 'LS-AT2'));
        await store.cancel('LS-AT2', 'web:a', '2030-03-02T00:00:00.000Z');
        expect(await store.setAttendance('LS-AT2', 'arrived', '2030-03-16T03:05:00.000Z')).toEqual({ ok: false, reason: 'cancelled' });
      });
    });

    describe('holds', () => {
      it('block other guests but not their owner, and go when the owner books', async () => {
        const { store } = await makeHarness();
        const held = await store.hold(holdRequest('a', 'h-a', { therapist: 't1' }));
        expect(held).toMatchObject({ ok: true, hold: { id: 'h-a', guestKey: 'web:a', therapistId: 't1', day: DAY, start: at('10:00').toISOString() } });
        expect(await store.hold(holdRequest('b', 'h-b', { therapist: 't1' }))).toEqual({ ok: false, reason: 'taken' });
        expect(await store.reserve(reserveRequest('b', 'LS-B1', { therapist: 't1' }))).toEqual({ ok: false, reason: 'taken' });
        expect((await reserved(store, reserveRequest('b', 'LS-B1'))).therapistId).toBe('t2');
        const own = await reserved(store, reserveRequest('a', 'LS-A1', { therapist: 't1', holdId: 'h-a' }));
        expect(own.therapistId).toBe('t1');
        const occupancy = await store.occupancy([DAY]);
        expect(occupancy.filter((o) => o.heldBy !== undefined)).toEqual([]);
        expect(occupancy.map((o) => o.ref).sort()).toEqual(['LS-A1', 'LS-B1']);
      });

      it('count against the rooms', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1', 't2'] };
        expect((await store.hold(holdRequest('a', 'h-a', { rules }))).ok).toBe(true);
        expect(await store.reserve(reserveRequest('b', 'LS-B1', { rules, therapist: 't2' }))).toEqual({ ok: false, reason: 'taken' });
      });

      it('show in the occupancy with their owner', async () => {
        const { store } = await makeHarness();
        await store.hold(holdRequest('a', 'h-a', { therapist: 't2', clock: '13:00' }));
        await reserved(store, reserveRequest('b', 'LS-B1', { therapist: 't1' }));
        expect(await store.occupancy([DAY, NEXT_DAY, DAY])).toEqual([
          { start: at('10:00'), end: at('11:00'), therapistId: 't1', ref: 'LS-B1' },
          { start: at('13:00'), end: at('14:00'), therapistId: 't2', heldBy: 'web:a' },
        ]);
        expect(await store.occupancy([NEXT_DAY])).toEqual([]);
      });

      it("replace the guest's earlier hold", async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1'] };
        expect((await store.hold(holdRequest('a', 'h-1', { rules, clock: '10:00' }))).ok).toBe(true);
        expect((await store.hold(holdRequest('a', 'h-2', { rules, clock: '12:00' }))).ok).toBe(true);
        expect((await store.reserve(reserveRequest('b', 'LS-B1', { rules, clock: '10:00' }))).ok).toBe(true);
        expect(await store.reserve(reserveRequest('c', 'LS-C1', { rules, clock: '12:00' }))).toEqual({ ok: false, reason: 'taken' });
        expect((await store.occupancy([DAY])).filter((o) => o.heldBy)).toHaveLength(1);
      });

      it('are one per guest: a refused hold leaves the earlier one, and a booking ends it', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1'] };
        expect((await store.hold(holdRequest('b', 'h-b', { rules, clock: '14:00' }))).ok).toBe(true);
        for (const [i, clock] of ['09:00', '10:00', '11:00'].entries()) expect((await store.hold(holdRequest('a', `h-a${i}`, { rules, clock }))).ok).toBe(true);
        expect(await store.hold(holdRequest('a', 'h-a3', { rules, clock: '14:00' }))).toEqual({ ok: false, reason: 'taken' });
        const own = () => store.occupancy([DAY]).then((list) => list.filter((o) => o.heldBy === 'web:a').map((o) => o.start));
        expect(await own()).toEqual([at('11:00')]);
        await reserved(store, reserveRequest('a', 'LS-A1', { rules, clock: '16:00' }));
        expect(await own()).toEqual([]);
      });

      it('can be released early', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1'] };
        await store.hold(holdRequest('a', 'h-a', { rules }));
        await store.releaseHold('h-a');
        await store.releaseHold('h-never-made');
        expect((await store.reserve(reserveRequest('b', 'LS-B1', { rules }))).ok).toBe(true);
      });

      it('expire on their own', async () => {
        const { store, elapse } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1'] };
        const held = await store.hold(holdRequest('a', 'h-a', { rules, ttlSeconds: 1 }));
        expect(held.ok).toBe(true);
        expect(await store.hold(holdRequest('b', 'h-b', { rules }))).toEqual({ ok: false, reason: 'taken' });
        await elapse(1.3);
        expect(await store.occupancy([DAY])).toEqual([]);
        expect((await store.reserve(reserveRequest('b', 'LS-B1', { rules }))).ok).toBe(true);
      });
    });

    describe('time off', () => {
      it('keeps its therapist from being held, booked or moved into it, and leaves the other therapist and the rooms free', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 15, therapistIds: ['t1', 't2'] };
        expect(await store.addTimeOff(timeOff('off-1', 't1', '09:00', '12:00'))).toMatchObject({ ok: true, clashes: [] });
        expect(await store.hold(holdRequest('a', 'h-a', { therapist: 't1', rules }))).toEqual({ ok: false, reason: 'taken' });
        expect(await store.reserve(reserveRequest('a', 'LS-A1', { therapist: 't1', rules }))).toEqual({ ok: false, reason: 'taken' });
        // "Any" gets the therapist who is in; time off takes no room, so the one room is still there.
        expect((await reserved(store, reserveRequest('a', 'LS-A1', { rules }))).therapistId).toBe('t2');
        // Right after it ends, with no turnover kept around time off.
        const after = await reserved(store, reserveRequest('b', 'LS-B1', { therapist: 't1', clock: '12:00', rules }));
        expect(after.therapistId).toBe('t1');
        expect(await store.move(moveRequest('b', 'LS-B1', '11:30', { rules }))).toEqual({ ok: false, reason: 'taken' });
      });

      it('shows in the occupancy and the list, and goes when removed', async () => {
        const { store } = await makeHarness();
        await store.addTimeOff(timeOff('off-2', 't2', '14:00', '18:00'));
        await store.addTimeOff(timeOff('off-1', 't1', '09:00', '10:00'));
        expect(await store.occupancy([DAY])).toEqual([
          { start: at('09:00'), end: at('10:00'), therapistId: 't1', off: 'off-1' },
          { start: at('14:00'), end: at('18:00'), therapistId: 't2', off: 'off-2' },
        ]);
        expect((await store.listTimeOff([DAY, NEXT_DAY])).map((o) => o.id)).toEqual(['off-1', 'off-2']);
        expect(await store.listTimeOff([NEXT_DAY])).toEqual([]);
        expect(await store.addTimeOff(timeOff('off-1', 't2', '19:00', '20:00'))).toEqual({ ok: false, reason: 'id_in_use' });
        expect(await store.removeTimeOff('off-1')).toEqual(timeOff('off-1', 't1', '09:00', '10:00'));
        expect(await store.removeTimeOff('off-1')).toBeUndefined();
        expect((await store.occupancy([DAY])).map((o) => o.off)).toEqual(['off-2']);
        expect((await reserved(store, reserveRequest('a', 'LS-A1', { therapist: 't1', clock: '09:00' }))).therapistId).toBe('t1');
      });

      it("names the therapist's bookings it overlaps, and leaves them booked", async () => {
        const { store } = await makeHarness();
        const mine = await reserved(store, reserveRequest('a', 'LS-A1', { therapist: 't1', clock: '10:00' }));
        await reserved(store, reserveRequest('b', 'LS-B1', { therapist: 't2', clock: '10:00' }));
        await reserved(store, reserveRequest('c', 'LS-C1', { therapist: 't1', clock: '13:00' }));
        const result = await store.addTimeOff(timeOff('off-1', 't1', '10:30', '12:30'));
        expect(result).toMatchObject({ ok: true, clashes: [mine] });
        expect((await store.get('LS-A1'))?.status).toBe('confirmed');
      });

      it('refuses time off that is not an interval', async () => {
        const { store } = await makeHarness();
        await expect(store.addTimeOff(timeOff('off-1', 't1', '12:00', '10:00'))).rejects.toThrow(RangeError);
        await expect(store.addTimeOff({ ...timeOff('off-2', 't1', '10:00', '12:00'), start: 'tomorrow' })).rejects.toThrow(RangeError);
      });
    });

    describe('move', () => {
      it("moves the owner's booking to a free time, across days, and reports the previous one", async () => {
        const { store } = await makeHarness();
        const original = await reserved(store, reserveRequest('a', 'LS-A1', { therapist: 't1' }));
        const result = await store.move(moveRequest('a', 'LS-A1', '14:00', { day: NEXT_DAY }));
        expect(result).toEqual({
          ok: true,
          previous: original,
          booking: { ...original, start: at('14:00', NEXT_DAY).toISOString(), end: at('15:00', NEXT_DAY).toISOString(), day: NEXT_DAY, updatedAt: '2030-03-02T00:00:00.000Z' },
        });
        expect(await store.listByDay(DAY)).toEqual([]);
        expect((await store.listByDay(NEXT_DAY)).map((b) => b.ref)).toEqual(['LS-A1']);
        expect((await store.get('LS-A1'))?.day).toBe(NEXT_DAY);
      });

      it('is not blocked by the booking being moved', async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 15, therapistIds: ['t1'] };
        await reserved(store, reserveRequest('a', 'LS-A1', { rules }));
        const result = await store.move(moveRequest('a', 'LS-A1', '10:30', { rules }));
        expect(result.ok && result.booking.start).toBe(at('10:30').toISOString());
      });

      it('refuses a taken time and leaves the booking as it was', async () => {
        const { store } = await makeHarness();
        const original = await reserved(store, reserveRequest('a', 'LS-A1', { therapist: 't1' }));
        await reserved(store, reserveRequest('b', 'LS-B1', { therapist: 't1', clock: '14:00' }));
        expect(await store.move(moveRequest('a', 'LS-A1', '14:30'))).toEqual({ ok: false, reason: 'taken' });
        expect(await store.get('LS-A1')).toEqual(original);
        expect((await store.listByDay(DAY)).map((b) => b.ref)).toEqual(['LS-A1', 'LS-B1']);
      });

      it("answers not_found for someone else's booking, an unknown one, or a cancelled one", async () => {
        const { store } = await makeHarness();
        const original = await reserved(store, reserveRequest('a', 'LS-A1'));
        expect(await store.move(moveRequest('b', 'LS-A1', '14:00'))).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.move(moveRequest('a', 'LS-NONE', '14:00'))).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.get('LS-A1')).toEqual(original);
        await store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z');
        expect(await store.move(moveRequest('a', 'LS-A1', '14:00'))).toEqual({ ok: false, reason: 'not_found' });
      });

      it("uses the mover's own hold but not others'", async () => {
        const { store } = await makeHarness();
        const rules = { rooms: 1, bufferMinutes: 0, therapistIds: ['t1'] };
        await reserved(store, reserveRequest('a', 'LS-A1', { rules }));
        await store.hold(holdRequest('b', 'h-b', { rules, clock: '13:00' }));
        expect(await store.move(moveRequest('a', 'LS-A1', '13:00', { rules }))).toEqual({ ok: false, reason: 'taken' });
        await store.hold(holdRequest('a', 'h-a', { rules, clock: '15:00' }));
        expect((await store.move({ ...moveRequest('a', 'LS-A1', '15:00', { rules }), holdId: 'h-a' })).ok).toBe(true);
        expect((await store.occupancy([DAY])).filter((o) => o.heldBy === 'web:a')).toEqual([]);
      });
    });

    describe('cancel', () => {
      it("cancels the owner's booking: kept as a record and in the guest's list, gone from the day", async () => {
        const { store } = await makeHarness();
        const original = await reserved(store, reserveRequest('a', 'LS-A1'));
        expect(await store.cancel('LS-A1', 'web:b', '2030-03-02T00:00:00.000Z')).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.cancel('LS-NONE', 'web:a', '2030-03-02T00:00:00.000Z')).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.get('LS-A1')).toEqual(original);
        const cancelled = { ...original, status: 'cancelled', updatedAt: '2030-03-02T00:00:00.000Z' };
        expect(await store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z')).toEqual({ ok: true, booking: cancelled });
        expect(await store.get('LS-A1')).toEqual(cancelled);
        expect(await store.listByGuest('web:a')).toEqual([cancelled]);
        expect(await store.listByDay(DAY)).toEqual([]);
        expect(await store.occupancy([DAY])).toEqual([]);
        // A second cancel answers with the cancelled booking as it is, saying it was already cancelled.
        expect(await store.cancel('LS-A1', 'web:a', '2030-03-03T00:00:00.000Z')).toEqual({ ok: true, booking: cancelled, already: true });
      });

      it('lets exactly one of several cancels at once be the one that cancelled', async () => {
        const { store } = await makeHarness();
        await reserved(store, reserveRequest('a', 'LS-A1'));
        const results = await Promise.all(Array.from({ length: 5 }, () => store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z')));
        expect(results.every((r) => r.ok)).toBe(true);
        expect(results.filter((r) => r.ok && !r.already)).toHaveLength(1);
      });
    });

    describe('change log', () => {
      const READ = { count: 10, retryOwn: false, claimIdleMs: 60_000 };
      const summary = (changes: Array<{ type: string; booking: { ref: string; start: string; status: string }; redelivered: boolean }>) =>
        changes.map((c) => `${c.type} ${c.booking.ref} ${c.booking.start} ${c.booking.status}${c.redelivered ? ' again' : ''}`);

      it('records each booking made, moved and cancelled, in order, for every group; repeats add nothing', async () => {
        const { store } = await makeHarness();
        await store.changes.join('reminders');
        await store.changes.join('staff');
        await reserved(store, reserveRequest('a', 'LS-A1'));
        await store.reserve(reserveRequest('a', 'LS-A1'));
        await store.move(moveRequest('a', 'LS-A1', '14:00', { day: NEXT_DAY }));
        await store.setAttendance('LS-A1', 'arrived', '2030-03-02T00:00:00.000Z');
        await store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z');
        await store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z');
        await store.reserve(reserveRequest('b', 'LS-B1', { rules: { rooms: 0, bufferMinutes: 0, therapistIds: ['t1'] } }));
        const expected = [
          `created LS-A1 ${at('10:00').toISOString()} confirmed`,
          `moved LS-A1 ${at('14:00', NEXT_DAY).toISOString()} confirmed`,
          `cancelled LS-A1 ${at('14:00', NEXT_DAY).toISOString()} cancelled`,
        ];
        const reminders = await store.changes.read('reminders', 'one', READ);
        expect(summary(reminders)).toEqual(expected);
        expect(summary(await store.changes.read('staff', 'two', READ))).toEqual(expected);
        const moved = reminders[1];
        expect(moved?.type === 'moved' && moved.previous.start).toBe(at('10:00').toISOString());
        expect(new Set(reminders.map((c) => c.id)).size).toBe(3);
      });

      it('records who moved or cancelled a booking when it was the spa', async () => {
        const { store } = await makeHarness();
        await store.changes.join('guests');
        await reserved(store, reserveRequest('a', 'LS-A1'));
        await store.move(moveRequest('a', 'LS-A1', '12:00'));
        await store.move({ ...moveRequest('a', 'LS-A1', '14:00'), by: 'spa' });
        await store.cancel('LS-A1', 'web:a', '2030-03-02T00:00:00.000Z', { by: 'spa' });
        const changes = await store.changes.read('guests', 'one', READ);
        expect(changes.map((c) => `${c.type} ${'by' in c ? (c.by ?? '-') : '-'}`)).toEqual(['created -', 'moved -', 'moved spa', 'cancelled spa']);
      });

      it('gives a group only what was written after it joined', async () => {
        const { store } = await makeHarness();
        await reserved(store, reserveRequest('a', 'LS-A1'));
        await store.changes.join('staff');
        await store.changes.join('staff');
        expect(await store.changes.read('staff', 'one', READ)).toEqual([]);
        await reserved(store, reserveRequest('b', 'LS-B1', { clock: '12:00' }));
        expect((await store.changes.read('staff', 'one', READ)).map((c) => c.booking.ref)).toEqual(['LS-B1']);
      });

      it('hands a change out again until it is acknowledged: to its reader when it retries, to another once it lies idle', async () => {
        const { store, elapse } = await makeHarness();
        await store.changes.join('staff');
        await reserved(store, reserveRequest('a', 'LS-A1'));
        const [first] = await store.changes.read('staff', 'one', READ);
        expect(first?.redelivered).toBe(false);
        expect(await store.changes.read('staff', 'one', READ)).toEqual([]);
        const again = await store.changes.read('staff', 'one', { ...READ, retryOwn: true });
        expect(again).toEqual([{ ...first, redelivered: true }]);
        // Another reader takes it over only once it has been left long enough: touching it keeps it.
        expect(await store.changes.read('staff', 'two', READ)).toEqual([]);
        await elapse(0.3);
        await store.changes.touch('staff', 'one', [first!.id]);
        expect(await store.changes.read('staff', 'two', { ...READ, claimIdleMs: 200 })).toEqual([]);
        await elapse(0.3);
        const taken = await store.changes.read('staff', 'two', { ...READ, claimIdleMs: 200 });
        expect(taken.map((c) => [c.id, c.redelivered])).toEqual([[first?.id, true]]);
        await store.changes.ack('staff', [first!.id]);
        expect(await store.changes.read('staff', 'one', { ...READ, retryOwn: true })).toEqual([]);
        await elapse(0.3);
        expect(await store.changes.read('staff', 'three', { ...READ, claimIdleMs: 200 })).toEqual([]);
      });

      it('hands out at most `count` at a time, the oldest first', async () => {
        const { store } = await makeHarness();
        await store.changes.join('reminders');
        for (const [i, clock] of ['09:00', '11:00', '13:00'].entries()) await reserved(store, reserveRequest(`g${i}`, `LS-G${i}`, { clock }));
        const refs = async () => (await store.changes.read('reminders', 'one', { ...READ, count: 2 })).map((c) => c.booking.ref);
        expect(await refs()).toEqual(['LS-G0', 'LS-G1']);
        expect(await refs()).toEqual(['LS-G2']);
      });
    });

    describe('records', () => {
      it('hands out copies, and keeps text in any language intact', async () => {
        const { store } = await makeHarness();
        const request = reserveRequest('a', 'LS-A1');
        request.booking.guest.name = 'Nguyễn Thị Lan 🌸 "quotes" \\ back/slash';
        request.booking.notes = { health: 'đau lưng\nback pain', pressure: 'firm' };
        const booking = await reserved(store, request);
        booking.guest.name = 'changed';
        const read = await store.get('LS-A1');
        expect(read?.guest.name).toBe('Nguyễn Thị Lan 🌸 "quotes" \\ back/slash');
        expect(read?.notes).toEqual({ health: 'đau lưng\nback pain', pressure: 'firm' });
      });
    });
  });
}
