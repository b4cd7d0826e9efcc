import { describe, expect, it } from 'vitest';
import { dayKey, dayKeyOf, daysBetween, shiftDay, weekdayOf, zonedInstant } from '../../src/booking/index.ts';
import { SPA_ZONE } from './fixtures.ts';

const iso = (d: Date) => d.toISOString();

describe('dayKey: the day an instant falls on in the zone', () => {
  it.each([
    ['2025-03-10T16:59:59.999Z', SPA_ZONE, '2025-03-10'],
    ['2025-03-10T17:00:00.000Z', SPA_ZONE, '2025-03-11'],
    ['2025-01-31T17:00:00.000Z', SPA_ZONE, '2025-02-01'],
    ['2024-02-28T17:00:00.000Z', SPA_ZONE, '2024-02-29'],
    ['2025-12-31T17:00:00.000Z', SPA_ZONE, '2026-01-01'],
    ['2026-01-01T04:59:00.000Z', 'America/New_York', '2025-12-31'],
    ['2025-03-30T23:30:00.000Z', 'Europe/London', '2025-03-31'],
    ['2025-10-25T23:30:00.000Z', 'Europe/London', '2025-10-26'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(dayKey(new Date(instant), zone)).toBe(day);
  });
});

describe('zonedInstant: a wall clock on a day, in the zone', () => {
  it.each([
    ['Da Nang opening', '2025-03-10', '09:00', SPA_ZONE, '2025-03-10T02:00:00.000Z'],
    ['Da Nang midnight into the new year', '2026-01-01', '00:00', SPA_ZONE, '2025-12-31T17:00:00.000Z'],
    ['a leap day', '2024-02-29', '21:00', SPA_ZONE, '2024-02-29T14:00:00.000Z'],
    ['"24:00" is the next midnight', '2025-03-10', '24:00', SPA_ZONE, '2025-03-10T17:00:00.000Z'],
    ['London winter', '2025-01-15', '09:00', 'Europe/London', '2025-01-15T09:00:00.000Z'],
    ['London summer', '2025-07-15', '09:00', 'Europe/London', '2025-07-15T08:00:00.000Z'],
    ['London spring, before the gap', '2025-03-30', '00:59', 'Europe/London', '2025-03-30T00:59:00.000Z'],
    ['London spring, gap start resolves to 02:00 BST', '2025-03-30', '01:00', 'Europe/London', '2025-03-30T01:00:00.000Z'],
    ['London spring, in the gap resolves forward to 02:30 BST', '2025-03-30', '01:30', 'Europe/London', '2025-03-30T01:30:00.000Z'],
    ['London spring, after the gap', '2025-03-30', '02:00', 'Europe/London', '2025-03-30T01:00:00.000Z'],
    ['London autumn, repeated hour takes the first (BST)', '2025-10-26', '01:30', 'Europe/London', '2025-10-26T00:30:00.000Z'],
    ['London autumn, after the repeat', '2025-10-26', '02:00', 'Europe/London', '2025-10-26T02:00:00.000Z'],
    ['New York spring, in the gap resolves forward to 03:30 EDT', '2025-03-09', '02:30', 'America/New_York', '2025-03-09T07:30:00.000Z'],
    ['New York spring, after the gap', '2025-03-09', '03:00', 'America/New_York', '2025-03-09T07:00:00.000Z'],
    ['New York autumn, repeated hour takes the first (EDT)', '2025-11-02', '01:30', 'America/New_York', '2025-11-02T05:30:00.000Z'],
    ['New York autumn, after the repeat', '2025-11-02', '02:00', 'America/New_York', '2025-11-02T07:00:00.000Z'],
  ])('%s: %s %s %s', (_name, day, clock, zone, expected) => {
    expect(iso(zonedInstant(day, clock, zone))).toBe(expected);
  });

  it.each([
    ['Europe/London', '2025-03-30'],
    ['Europe/London', '2025-10-26'],
    ['America/New_York', '2025-03-09'],
    ['America/New_York', '2025-11-02'],
    [SPA_ZONE, '2025-12-31'],
  ])('every wall clock of %s %s lands on that day', (zone, day) => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      expect(dayKey(zonedInstant(day, clock, zone), zone), clock).toBe(day);
    }
  });

  it.each([
    ['a day that does not exist', '2025-02-29', '09:00', SPA_ZONE],
    ['a malformed day', '2025-3-1', '09:00', SPA_ZONE],
    ['a malformed clock', '2025-03-01', '9:00', SPA_ZONE],
    ['an hour past 24', '2025-03-01', '25:00', SPA_ZONE],
    ['an unknown zone', '2025-03-01', '09:00', 'Mars/Olympus_Mons'],
  ])('throws on %s', (_name, day, clock, zone) => {
    expect(() => zonedInstant(day, clock, zone)).toThrow(RangeError);
  });
});

describe('weekdayOf and shiftDay: calendar days, zone-free', () => {
  it.each([
    ['2025-03-10', 'mon'],
    ['2024-02-29', 'thu'],
    ['2025-03-16', 'sun'],
    ['2025-12-31', 'wed'],
    ['2026-01-01', 'thu'],
  ])('%s is a %s', (day, weekday) => {
    expect(weekdayOf(day)).toBe(weekday);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-03-30', 1, '2025-03-31'],
    ['2025-03-10', 60, '2025-05-09'],
  ])('%s shifted by %i is %s', (day, days, expected) => {
    expect(shiftDay(day, days)).toBe(expected);
  });

  it('writes a calendar date as its day key', () => {
    expect(dayKeyOf({ year: 2027, month: 7, day: 3 })).toBe('2027-07-03');
    expect(dayKeyOf({ year: 2026, month: 12, day: 31 })).toBe('2026-12-31');
  });
});

describe('daysBetween: the day keys a range covers', () => {
  it.each([
    ['one instant', '2025-03-10T05:00:00Z', '2025-03-10T05:00:00Z', SPA_ZONE, ['2025-03-10']],
    ['across the year end in Da Nang', '2025-12-30T17:30:00Z', '2026-01-01T18:00:00Z', SPA_ZONE, ['2025-12-31', '2026-01-01', '2026-01-02']],
    ['across a month end', '2025-02-27T03:00:00Z', '2025-03-01T03:00:00Z', SPA_ZONE, ['2025-02-27', '2025-02-28', '2025-03-01']],
    ['across the London spring change', '2025-03-29T12:00:00Z', '2025-03-31T12:00:00Z', 'Europe/London', ['2025-03-29', '2025-03-30', '2025-03-31']],
    ['ending at midnight includes that day', '2025-03-10T02:00:00Z', '2025-03-10T17:00:00Z', SPA_ZONE, ['2025-03-10', '2025-03-11']],
    ['backwards', '2025-03-11T00:00:00Z', '2025-03-10T00:00:00Z', SPA_ZONE, []],
  ])('%s', (_name, from, to, zone, expected) => {
    expect(daysBetween(new Date(from), new Date(to), zone)).toEqual(expected);
  });
});
