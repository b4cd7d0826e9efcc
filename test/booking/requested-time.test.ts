import { describe, expect, it } from 'vitest';
import {
  checkRequestedTime,
  findFreeSlots,
  nearestFreeSlots,
  type CalendarSettings,
  type NearestSlotsInput,
  type Occupancy,
  type RequestedTimeInput,
} from '../../src/booking/index.ts';
import { MONDAY_8AM, busy, settingsWith, spaSettings, vn, vnWall } from './fixtures.ts';

// Tuesday 11 March 2025: t1 busy 14:00-15:00; both therapists busy 16:00-17:00.
const TUESDAY_BUSY: Occupancy[] = [
  busy('2025-03-11 14:00', '2025-03-11 15:00', 't1'),
  busy('2025-03-11 16:00', '2025-03-11 17:00', 't1'),
  busy('2025-03-11 16:00', '2025-03-11 17:00', 't2'),
];

const check = (start: string, input: Partial<RequestedTimeInput> = {}) =>
  checkRequestedTime({ settings: spaSettings, durationMinutes: 60, busy: TUESDAY_BUSY, now: MONDAY_8AM, start: vn(start), ...input });

describe('checkRequestedTime: why a named time cannot be booked (now Monday 10 March 08:00)', () => {
  const sundaysClosed: CalendarSettings = settingsWith({ openingHours: { ...spaSettings.openingHours, sun: 'closed' } });
  const oneRoom = settingsWith({ rooms: 1 });

  it.each<[string, string, Partial<RequestedTimeInput>, string]>([
    ['a length the spa does not offer', '2025-03-11 10:00', { durationMinutes: 45 }, 'bad_duration'],
    ['earlier today', '2025-03-10 07:00', {}, 'past'],
    ['within the two hours of notice', '2025-03-10 09:30', {}, 'too_soon'],
    ['sixty days ahead, after now', '2025-05-09 09:00', {}, 'too_far'],
    ['a closed date', '2025-03-12 10:00', { settings: settingsWith({ closedDates: ['2025-03-12'] }) }, 'closed_day'],
    ['a closed weekday', '2025-03-16 10:00', { settings: sundaysClosed }, 'closed_day'],
    ['before opening', '2025-03-11 08:30', {}, 'outside_hours'],
    ['at closing', '2025-03-11 21:00', {}, 'outside_hours'],
    ['an hour that runs past closing', '2025-03-11 20:30', {}, 'outside_hours'],
    ['off the half-hour grid', '2025-03-11 10:15', {}, 'off_grid'],
    ['t1 asked for while t1 is busy and t2 free', '2025-03-11 14:00', { therapist: 't1' }, 'therapist_busy'],
    ["t1 asked for within t1's buffer", '2025-03-11 15:00', { therapist: 't1', busy: TUESDAY_BUSY.slice(0, 1) }, 'therapist_busy'],
    ['everyone busy', '2025-03-11 16:00', {}, 'taken'],
    ['everyone busy, asking for t2', '2025-03-11 16:00', { therapist: 't2' }, 'taken'],
    ['within everyone\'s buffer', '2025-03-11 17:00', {}, 'taken'],
    ['t2 free but the one room in use', '2025-03-11 14:00', { settings: oneRoom }, 'taken'],
    ['t2 asked for, free, but the one room in use', '2025-03-11 14:00', { settings: oneRoom, therapist: 't2' }, 'taken'],
  ])('%s (%s): %s', (_name, start, input, reason) => {
    expect(check(start, input)).toEqual({ ok: false, reason });
  });

  it.each<[string, string, Partial<RequestedTimeInput>, string[]]>([
    ['as soon as notice allows', '2025-03-10 10:00', {}, ['t1', 't2']],
    ['the last start of the horizon', '2025-05-08 20:00', {}, ['t1', 't2']],
    ['the latest hour before closing', '2025-03-11 20:00', {}, ['t1', 't2']],
    ['the latest half hour before closing', '2025-03-11 20:30', { durationMinutes: 30 }, ['t1', 't2']],
    ['anyone while t1 is busy', '2025-03-11 14:00', {}, ['t2']],
    ['t2 while t1 is busy', '2025-03-11 14:00', { therapist: 't2' }, ['t2']],
    ['t1 once its buffer is over', '2025-03-11 15:30', { therapist: 't1', busy: TUESDAY_BUSY.slice(0, 1) }, ['t1']],
    ['a time this guest holds', '2025-03-11 18:00', { guestKey: 'web:me', busy: [busy('2025-03-11 18:00', '2025-03-11 19:00', 't1', { heldBy: 'web:me' }), busy('2025-03-11 18:00', '2025-03-11 19:00', 't2', { heldBy: 'web:other' })] }, ['t1']],
    ['the time of the booking being moved', '2025-03-11 18:00', { ignoreRef: 'LS-7K3Q', busy: [busy('2025-03-11 17:30', '2025-03-11 18:30', 't1', { ref: 'LS-7K3Q' }), busy('2025-03-11 18:00', '2025-03-11 19:00', 't2', { ref: 'LS-ABCD' })] }, ['t1']],
  ])('%s (%s) is free', (_name, start, input, therapistIds) => {
    const result = check(start, input);
    expect(result).toEqual({ ok: true, slot: { start: vn(start), end: expect.any(Date), therapistIds } });
    if (result.ok) expect(result.slot.end.getTime() - result.slot.start.getTime()).toBe((input.durationMinutes ?? 60) * 60_000);
  });

  it.each([
    ['a time held by another guest', 'web:other'],
    ['a held time, no guest named', undefined],
  ])('%s blocks', (_name, guestKey) => {
    const held = [busy('2025-03-11 18:00', '2025-03-11 19:00', 't1', { heldBy: 'web:me' }), busy('2025-03-11 18:00', '2025-03-11 19:00', 't2', { heldBy: 'web:me' })];
    expect(check('2025-03-11 18:00', { guestKey, busy: held })).toEqual({ ok: false, reason: 'taken' });
  });

  it.each([
    ['spring: 01:30 does not exist, 02:00 BST is on the grid', '2025-03-30T01:00:00Z', { ok: true }],
    ['autumn: 01:00 BST', '2025-10-26T00:00:00Z', { ok: true }],
    ['autumn: 01:00 GMT, the repeated hour', '2025-10-26T01:00:00Z', { ok: true }],
    ['autumn: 05:30 GMT runs past 06:00', '2025-10-26T05:30:00Z', { ok: false, reason: 'outside_hours' }],
  ])('London, open 00:00-06:00, %s', (_name, start, expected) => {
    const settings = settingsWith({ timeZone: 'Europe/London', horizonDays: 365, openingHours: Object.fromEntries(Object.keys(spaSettings.openingHours).map((d) => [d, { open: '00:00', close: '06:00' }])) as CalendarSettings['openingHours'] });
    const result = checkRequestedTime({ settings, durationMinutes: 60, busy: [], now: new Date('2025-01-01T00:00:00Z'), start: new Date(start) });
    expect(result).toMatchObject(expected);
  });
});

describe('nearestFreeSlots: the free times nearest to one that is not', () => {
  const nearest = (start: string, input: Partial<NearestSlotsInput> = {}) =>
    nearestFreeSlots({ settings: spaSettings, durationMinutes: 60, busy: [], now: MONDAY_8AM, start: vn(start), ...input }).map((s) => vnWall(s.start));
  const bothBusy = (start: string, end: string) => [busy(start, end, 't1'), busy(start, end, 't2')];

  it.each<[string, string, Partial<NearestSlotsInput>, string[]]>([
    [
      // Free up to 12:30 and from 16:30: 16:30 and 17:00 are nearer, and 12:30 wins the tie with 17:30.
      'both busy 14:00-16:00, asking for 15:00',
      '2025-03-11 15:00',
      { busy: bothBusy('2025-03-11 14:00', '2025-03-11 16:00') },
      ['2025-03-11 12:30', '2025-03-11 16:30', '2025-03-11 17:00'],
    ],
    ['five of them', '2025-03-11 15:00', { busy: bothBusy('2025-03-11 14:00', '2025-03-11 16:00'), count: 5 }, ['2025-03-11 12:00', '2025-03-11 12:30', '2025-03-11 16:30', '2025-03-11 17:00', '2025-03-11 17:30']],
    ['the named time itself, when free', '2025-03-11 15:00', { count: 1 }, ['2025-03-11 15:00']],
    [
      'a closed day: the evening before and the morning after',
      '2025-03-12 14:00',
      { settings: settingsWith({ closedDates: ['2025-03-12'] }), count: 4 },
      ['2025-03-11 19:00', '2025-03-11 19:30', '2025-03-11 20:00', '2025-03-13 09:00'],
    ],
    [
      'the afternoon full: the morning is nearer than the next day',
      '2025-03-11 20:00',
      { busy: bothBusy('2025-03-11 12:00', '2025-03-11 21:00'), count: 2 },
      ['2025-03-11 10:00', '2025-03-11 10:30'],
    ],
    [
      'the whole day full: the next morning is nearer than the evening before',
      '2025-03-11 20:00',
      { busy: bothBusy('2025-03-11 09:00', '2025-03-11 21:00'), count: 2 },
      ['2025-03-12 09:00', '2025-03-12 09:30'],
    ],
    [
      // 14:30 on the 18th is as far from 20:00 on the 13th as from 09:00 on the 23rd.
      'nine days closed: searches outward, day by day, to both sides',
      '2025-03-18 14:30',
      { settings: settingsWith({ closedDates: ['2025-03-14', '2025-03-15', '2025-03-16', '2025-03-17', '2025-03-18', '2025-03-19', '2025-03-20', '2025-03-21', '2025-03-22'] }), count: 2 },
      ['2025-03-13 20:00', '2025-03-23 09:00'],
    ],
    ['a time already past: the first ones notice allows', '2025-03-10 06:00', {}, ['2025-03-10 10:00', '2025-03-10 10:30', '2025-03-10 11:00']],
    ['a time beyond the horizon: the last ones', '2025-06-01 12:00', {}, ['2025-05-08 19:00', '2025-05-08 19:30', '2025-05-08 20:00']],
    ['t1 asked for and busy: only t1 times', '2025-03-11 13:00', { therapist: 't1', busy: [busy('2025-03-11 12:00', '2025-03-11 15:00', 't1')], count: 2 }, ['2025-03-11 10:30', '2025-03-11 15:30']],
    ['a length the spa does not offer', '2025-03-11 14:00', { durationMinutes: 45 }, []],
    ['none asked for', '2025-03-11 14:00', { count: 0 }, []],
    ['nothing free within the horizon', '2025-03-11 14:00', { settings: settingsWith({ horizonDays: 3, closedDates: ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13'] }) }, []],
  ])('%s', (_name, start, input, expected) => {
    expect(nearest(start, input)).toEqual(expected);
  });
});

describe('nearestFreeSlots: the day-by-day search agrees with ranking the whole horizon', () => {
  // A busy fortnight: from every slot of the horizon, the nearest by distance (earlier on a tie).
  const DAY = 86_400_000;
  const occupied: Occupancy[] = [];
  for (let i = 0; i < 400; i++) {
    // A fixed, scattered pattern (no clock, no Math.random): day, half hour and therapist from i.
    const start = vn('2025-03-10 09:00').getTime() + ((i * 7) % 14) * DAY + ((i * 11) % 24) * 1_800_000;
    occupied.push({ start: new Date(start), end: new Date(start + 3_600_000), therapistId: i % 2 ? 't1' : 't2' });
  }
  const settings = settingsWith({ horizonDays: 14 });
  const ranked = (target: number, count: number) =>
    findFreeSlots({ settings, durationMinutes: 60, busy: occupied, now: MONDAY_8AM, from: new Date(0), to: new Date(8.64e15) })
      .sort((a, b) => Math.abs(a.start.getTime() - target) - Math.abs(b.start.getTime() - target) || a.start.getTime() - b.start.getTime())
      .slice(0, count)
      .sort((a, b) => a.start.getTime() - b.start.getTime());

  it.each([
    ['2025-03-10 06:00', 3],
    ['2025-03-12 13:00', 3],
    ['2025-03-15 02:00', 5],
    ['2025-03-19 21:30', 8],
    ['2025-03-24 10:00', 3],
    ['2025-04-30 10:00', 2],
  ])('near %s, %i of them', (start, count) => {
    const found = nearestFreeSlots({ settings, durationMinutes: 60, busy: occupied, now: MONDAY_8AM, start: vn(start), count });
    expect(found.map((s) => vnWall(s.start))).toEqual(ranked(vn(start).getTime(), count).map((s) => vnWall(s.start)));
  });
});
