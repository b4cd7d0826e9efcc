// Settings and helpers shared by the booking tests. Instants are written as literal offsets (Da Nang is
// UTC+7 all year), not through the calendar code under test.
import type { CalendarSettings, DayHours, Occupancy, Weekday } from '../../src/booking/index.ts';

export const SPA_ZONE = 'Asia/Ho_Chi_Minh';
const NINE_TO_NINE: DayHours = { open: '09:00', close: '21:00' };
const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Every day of the week with the same hours (or closed). */
export const everyDay = (hours: DayHours): Record<Weekday, DayHours> =>
  Object.fromEntries(WEEK.map((day) => [day, hours])) as Record<Weekday, DayHours>;

/** L Spa: open every day 09:00-21:00, two therapists, two rooms. */
export const spaSettings: CalendarSettings = {
  timeZone: SPA_ZONE,
  openingHours: everyDay(NINE_TO_NINE),
  closedDates: [],
  therapists: [
    { id: 't1', name: 'Linh', gender: 'female' },
    { id: 't2', name: 'Minh', gender: 'male' },
  ],
  rooms: 2,
  durations: [30, 60],
  slotStepMinutes: 30,
  bufferMinutes: 15,
  minNoticeMinutes: 120,
  horizonDays: 60,
  holdMinutes: 10,
  freeCancellationHours: 24,
};

/** The spa's settings with some changed. */
export const settingsWith = (changes: Partial<CalendarSettings>): CalendarSettings => ({ ...spaSettings, ...changes });

/** Therapists t1..tn, for capacity tests. */
export const therapists = (n: number): CalendarSettings['therapists'] =>
  Array.from({ length: n }, (_, i) => ({ id: `t${i + 1}`, name: `Therapist ${i + 1}` }));

/** An instant from a Da Nang wall clock: vn('2025-03-11 14:00'). */
export const vn = (wall: string): Date => new Date(`${wall.replace(' ', 'T')}:00+07:00`);

/** The Da Nang wall clock of an instant, "YYYY-MM-DD HH:mm", for readable expectations. */
export const vnWall = (instant: Date): string => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Something keeping a therapist busy, from Da Nang wall clocks. */
export const busy = (start: string, end: string, therapistId: string, extra: Partial<Occupancy> = {}): Occupancy => ({
  start: vn(start),
  end: vn(end),
  therapistId,
  ...extra,
});

// Monday 10 March 2025, 08:00 in Da Nang: the fixed clock of most tests.
export const MONDAY_8AM = vn('2025-03-10 08:00');
