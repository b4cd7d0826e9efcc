// Free-slot computation: 30 days of a spa with 500 existing bookings (random but seeded, so every run
// sees the same calendar), 1,000 runs. Target: p99 at most 5 ms.
import { fileURLToPath } from 'node:url';
import { findFreeSlots, type CalendarSettings, type DayHours, type Occupancy } from '../src/booking/index.ts';

const TARGET_P99_MS = 5;
const RUNS = 1_000;
const BOOKINGS = 500;
const DAYS = 30;
const MINUTE = 60_000;
const DAY = 86_400_000;

const DAILY: DayHours = { open: '09:00', close: '21:00' };
const SETTINGS: CalendarSettings = {
  timeZone: 'Asia/Ho_Chi_Minh',
  openingHours: { mon: DAILY, tue: DAILY, wed: DAILY, thu: DAILY, fri: DAILY, sat: DAILY, sun: DAILY },
  closedDates: [],
  therapists: Array.from({ length: 6 }, (_, i) => ({ id: `t${i + 1}`, name: `Therapist ${i + 1}` })),
  rooms: 4,
  durations: [30, 60, 90],
  slotStepMinutes: 30,
  bufferMinutes: 15,
  minNoticeMinutes: 120,
  horizonDays: 60,
  holdMinutes: 10,
  freeCancellationHours: 24,
};
// Monday 10 March 2025, 08:00 in Da Nang: a fixed clock, so runs are comparable.
const NOW = new Date('2025-03-10T01:00:00Z');

/** Mulberry32: a small seeded generator. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bookings spread over the 30 days, on the half-hour grid inside opening hours, in random order. */
function randomBookings(random: () => number): Occupancy[] {
  const firstOpening = new Date('2025-03-10T02:00:00Z').getTime();
  return Array.from({ length: BOOKINGS }, (_, i) => {
    const duration = SETTINGS.durations[Math.floor(random() * SETTINGS.durations.length)]!;
    const start = firstOpening + Math.floor(random() * DAYS) * DAY + Math.floor(random() * ((12 * 60 - duration) / 30 + 1)) * 30 * MINUTE;
    return {
      start: new Date(start),
      end: new Date(start + duration * MINUTE),
      therapistId: SETTINGS.therapists[Math.floor(random() * SETTINGS.therapists.length)]!.id,
      ref: `LS-B${i}`,
    };
  });
}

/** Percentile of sorted numbers (nearest rank). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Times findFreeSlots over 30 days with 500 bookings, prints p50/p99 beside the target, returns them (ms). */
export async function benchSlots(): Promise<{ p50: number; p99: number }> {
  const busy = randomBookings(seeded(20250310));
  const input = { settings: SETTINGS, durationMinutes: 60, from: NOW, to: new Date(NOW.getTime() + DAYS * DAY), busy, now: NOW };
  let slots = 0;
  // Warm up first (JIT), as a running bot is.
  for (let i = 0; i < 200; i++) slots = findFreeSlots(input).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    findFreeSlots(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  console.log(`\nFree slots, ${DAYS} days, ${BOOKINGS} bookings, ${SETTINGS.therapists.length} therapists, ${SETTINGS.rooms} rooms, ${RUNS.toLocaleString('en')} runs (${slots} free 60-minute slots)`);
  console.log(`p50 ${p50.toFixed(3)} ms   p99 ${p99.toFixed(3)} ms   target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'MISSED'}`);
  return { p50, p99 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchSlots();
}
