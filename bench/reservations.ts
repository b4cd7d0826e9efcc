// Reservations under contention: each round, 50 guests on 50 separate Redis connections confirm the same
// slot at once (capacity 2: two therapists, two rooms); a fresh slot every round. Target: no overbooking.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import type { Booking, BookingStore, ReserveRequest } from '../src/booking/index.ts';
import { createRedisBookingStore } from '../src/store/redis-bookings.ts';
import type { RedisClient } from '../src/store/redis.ts';

const RULES = { rooms: 2, bufferMinutes: 15, therapistIds: ['t1', 't2'] };
const CAPACITY = Math.min(RULES.rooms, RULES.therapistIds.length);
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('2031-01-01T00:00:00Z');

/** Guest `guest` of round `round` asks for 10:00 (UTC) on the round's own day, with anyone. */
function confirmation(round: number, guest: number): ReserveRequest {
  const midnight = FIRST_DAY + round * DAY_MS;
  const booking: Omit<Booking, 'therapistId'> = {
    ref: `LS-${round}-${guest}`,
    service: 'upper-back-massage',
    durationMinutes: 60,
    start: new Date(midnight + 10 * 3_600_000).toISOString(),
    end: new Date(midnight + 11 * 3_600_000).toISOString(),
    day: new Date(midnight).toISOString().slice(0, 10),
    therapistRequested: 'any',
    guest: { key: `bench:${guest}`, name: `Guest ${guest}`, contact: '+84905123456', channel: 'bench', conversationId: `${guest}` },
    notes: {},
    status: 'confirmed',
    createdAt: new Date(FIRST_DAY).toISOString(),
    updatedAt: new Date(FIRST_DAY).toISOString(),
  };
  return { idempotencyKey: `tap-${round}-${guest}`, booking, rules: RULES };
}

/** Whether a day's bookings need more therapists or rooms than the spa has (all share one slot here). */
function overbooked(bookings: Booking[], confirmed: number): boolean {
  const therapists = new Set(bookings.map((b) => b.therapistId));
  return bookings.length > CAPACITY || confirmed > CAPACITY || therapists.size < bookings.length;
}

/**
 * Runs `rounds` rounds of `guests` concurrent confirmations and prints the overbookings found by reading
 * each day back, and the throughput. `bookingsPerSecond` counts confirmation requests answered (booked
 * or "taken") per second of contended rounds; the bookings actually made are printed beside it.
 */
export async function benchReservations(
  options: { rounds?: number; guests?: number; url?: string } = {},
): Promise<{ rounds: number; overbookings: number; bookingsPerSecond: number }> {
  const rounds = options.rounds ?? 1000;
  const guests = options.guests ?? 50;
  const url = options.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench:reservations:${randomUUID().slice(0, 8)}:`;
  const connections: RedisClient[] = [];
  try {
    for (let i = 0; i < guests; i++) {
      const connection: RedisClient = createClient({ url, socket: { reconnectStrategy: false } });
      connection.on('error', () => {});
      connections.push(connection);
    }
    await Promise.all(connections.map((c) => c.connect()));
    const stores: BookingStore[] = connections.map((c) => createRedisBookingStore(c, { prefix }));
    const reader = stores[0]!;

    let overbookings = 0;
    let made = 0;
    let answered = 0;
    let busyMs = 0;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      const results = await Promise.all(stores.map((store, guest) => store.reserve(confirmation(round, guest))));
      busyMs += performance.now() - started;
      answered += results.length;
      const confirmed = results.filter((r) => r.ok).length;
      made += confirmed;
      if (results.some((r) => !r.ok && r.reason !== 'taken')) throw new Error(`Round ${round}: an unexpected refusal`);
      const day = confirmation(round, 0).booking.day;
      if (overbooked(await reader.listByDay(day), confirmed)) overbookings++;
    }

    const seconds = busyMs / 1000;
    const bookingsPerSecond = Math.round(answered / seconds);
    console.log(`\nReservations under contention: ${rounds} rounds x ${guests} concurrent confirmations of one slot on ${guests} connections, capacity ${CAPACITY}`);
    console.log(`overbookings ${overbookings} (target 0); bookings made ${made} of ${rounds * CAPACITY} places`);
    console.log(
      `${bookingsPerSecond} confirmations answered/s (${Math.round(made / seconds)} bookings made/s); ${(busyMs / rounds).toFixed(2)} ms per round, ${seconds.toFixed(1)} s in all`,
    );
    return { rounds, overbookings, bookingsPerSecond };
  } finally {
    const cleaner = connections.find((c) => c.isReady);
    if (cleaner) {
      for await (const keys of cleaner.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await cleaner.del(keys);
    }
    await Promise.all(connections.filter((c) => c.isOpen).map((c) => c.close()));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchReservations();
}
