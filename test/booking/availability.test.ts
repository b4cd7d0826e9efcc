import { describe, expect, it } from 'vitest';
import { findFreeSlots, type FindFreeSlotsInput, type FreeSlot, type Occupancy } from '../../src/booking/index.ts';
import { MONDAY_8AM, busy, everyDay, settingsWith, spaSettings, therapists, vn, vnWall } from './fixtures.ts';

const TUESDAY = '2025-03-11';

// Free slots on one Da Nang day unless told otherwise, seen from Monday 08:00.
const find = (input: Partial<FindFreeSlotsInput> = {}): FreeSlot[] =>
  findFreeSlots({
    settings: spaSettings,
    durationMinutes: 60,
    from: vn(`${TUESDAY} 00:00`),
    to: vn('2025-03-12 00:00'),
    busy: [],
    now: MONDAY_8AM,
    ...input,
  });
const clocks = (slots: FreeSlot[]) => slots.map((s) => vnWall(s.start).slice(11));
const at = (slots: FreeSlot[], clock: string) => slots.find((s) => vnWall(s.start).slice(11) === clock);

describe('findFreeSlots: opening hours and the grid', () => {
  it.each([
    [60, 23, '09:00', '20:00'],
    [30, 24, '09:00', '20:30'],
  ])('a %i-minute session: %i starts from %s to %s (the whole session before closing)', (duration, count, first, last) => {
    const slots = find({ durationMinutes: duration });
    expect(slots).toHaveLength(count);
    expect(clocks(slots)[0]).toBe(first);
    expect(clocks(slots).at(-1)).toBe(last);
    expect(slots.at(-1)?.end).toEqual(vn(`${TUESDAY} 21:00`));
  });

  it('starts on the step grid from opening time, with every therapist free, in settings order', () => {
    const hours = everyDay({ open: '09:15', close: '12:00' });
    const settings = settingsWith({ openingHours: hours, therapists: [...spaSettings.therapists].reverse() });
    const slots = find({ settings });
    expect(clocks(slots)).toEqual(['09:15', '09:45', '10:15', '10:45']);
    expect(slots.every((s) => s.therapistIds.join() === 't2,t1')).toBe(true);
  });

  it.each([[45], [0], [90]])('a %i-minute session the spa does not offer has no slots', (duration) => {
    expect(find({ durationMinutes: duration })).toEqual([]);
  });

  it('keeps to [from, to): a slot starting at `to` is left out', () => {
    expect(clocks(find({ from: vn(`${TUESDAY} 10:00`), to: vn(`${TUESDAY} 12:00`) }))).toEqual(['10:00', '10:30', '11:00', '11:30']);
  });

  it('runs past midnight when the hours close after it, and counts those slots to the day that opened', () => {
    const settings = settingsWith({ openingHours: { ...everyDay('closed'), sat: { open: '18:00', close: '02:00' } } });
    const slots = find({ settings, from: vn('2025-03-15 00:00'), to: vn('2025-03-17 00:00') });
    expect(slots).toHaveLength(15);
    expect(vnWall(slots[0]!.start)).toBe('2025-03-15 18:00');
    expect(vnWall(slots.at(-1)!.start)).toBe('2025-03-16 01:00');
  });
});

describe('findFreeSlots: notice and horizon', () => {
  it.each([
    ['exactly the notice before opening', '2025-03-11 07:00', '09:00'],
    ['notice ends on the grid', '2025-03-11 08:00', '10:00'],
    ['notice ends between grid points', '2025-03-11 08:10', '10:30'],
    ['one minute past a grid point', '2025-03-11 08:01', '10:30'],
  ])('%s (now %s): first start %s', (_name, now, first) => {
    expect(clocks(find({ now: vn(now) }))[0]).toBe(first);
  });

  it('no slots the moment the notice runs past the last start', () => {
    expect(find({ now: vn(`${TUESDAY} 18:01`) })).toEqual([]);
  });

  it.each([
    ['the horizon ends mid-morning', 2, '2025-03-10 10:00', '2025-03-12 09:30'],
    ['the horizon ends exactly on a start, which is left out', 2, '2025-03-10 09:00', '2025-03-11 20:00'],
    ['sixty days ahead', 60, '2025-03-10 08:00', '2025-05-08 20:00'],
  ])('%s', (_name, horizonDays, now, lastStart) => {
    const slots = find({ settings: settingsWith({ horizonDays }), now: vn(now), from: vn(now), to: vn('2026-01-01 00:00') });
    expect(vnWall(slots.at(-1)!.start)).toBe(lastStart);
  });
});

describe('findFreeSlots: therapists, rooms and buffers', () => {
  it.each([
    // t1 busy 11:00-12:00, buffer 15: a 60-minute session conflicts when it starts after 09:45 and before 12:15.
    ['09:30', 15, ['t1', 't2']],
    ['10:00', 15, ['t2']],
    ['11:00', 15, ['t2']],
    ['12:00', 15, ['t2']],
    ['12:30', 15, ['t1', 't2']],
    // A buffer that exactly fills the gap leaves the session free on both sides.
    ['09:30', 30, ['t1', 't2']],
    ['10:00', 30, ['t2']],
    ['12:00', 30, ['t2']],
    ['12:30', 30, ['t1', 't2']],
    // No buffer: back to back.
    ['10:00', 0, ['t1', 't2']],
    ['10:30', 0, ['t2']],
    ['12:00', 0, ['t1', 't2']],
  ])('t1 busy 11:00-12:00: at %s with a %i-minute buffer, free: %j', (clock, bufferMinutes, free) => {
    const slots = find({ settings: settingsWith({ bufferMinutes }), busy: [busy(`${TUESDAY} 11:00`, `${TUESDAY} 12:00`, 't1')] });
    expect(at(slots, clock)?.therapistIds).toEqual(free);
  });

  it.each([
    ['overlapping the start', '13:30', '14:30'],
    ['overlapping the end', '14:30', '15:30'],
    ['inside', '14:15', '14:45'],
    ['around', '13:00', '16:00'],
  ])('an occupancy %s blocks its therapist', (_name, start, end) => {
    const slots = find({ busy: [busy(`${TUESDAY} ${start}`, `${TUESDAY} ${end}`, 't1')] });
    expect(at(slots, '14:00')?.therapistIds).toEqual(['t2']);
  });

  it.each([
    ['3 therapists, 2 rooms: two sessions fill the rooms though t3 is free', 3, 2, ['t1', 't2'], undefined],
    ['3 therapists, 3 rooms: t3 takes the third room', 3, 3, ['t1', 't2'], ['t3']],
    ['1 therapist, 3 rooms: rooms are free but nobody can serve', 1, 3, ['t1'], undefined],
    ['2 therapists, 2 rooms: one busy leaves the other', 2, 2, ['t1'], ['t2']],
    ['2 therapists, 1 room: one busy fills the room', 2, 1, ['t1'], undefined],
  ])('%s', (_name, therapistCount, rooms, busyTherapists, free) => {
    const settings = settingsWith({ therapists: therapists(therapistCount), rooms });
    const occupied = busyTherapists.map((t) => busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, t));
    expect(at(find({ settings, busy: occupied }), '14:00')?.therapistIds).toEqual(free);
  });

  it('counts an occupancy for a room even when its therapist is no longer on the list', () => {
    const occupied = [busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 'left-the-spa'), busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 't1')];
    expect(at(find({ busy: occupied }), '14:00')).toBeUndefined();
  });

  it.each([
    ['any', ['t2']],
    [undefined, ['t2']],
    ['t2', ['t2']],
    ['t1', undefined],
    ['nobody-by-that-id', undefined],
  ])('t1 busy at 14:00, asking for %s: %j', (therapist, free) => {
    const slots = find({ therapist, busy: [busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 't1')] });
    expect(at(slots, '14:00')?.therapistIds).toEqual(free);
  });

  it.each([
    // t1 off 11:00-12:00 with a 15-minute buffer: only sessions overlapping the time off itself lose t1.
    ['10:00', ['t1', 't2']],
    ['10:30', ['t2']],
    ['11:30', ['t2']],
    ['12:00', ['t1', 't2']],
  ])('t1 off 11:00-12:00, at %s free: %j (time off keeps no turnover around it)', (clock, free) => {
    const slots = find({ settings: settingsWith({ bufferMinutes: 15 }), busy: [busy(`${TUESDAY} 11:00`, `${TUESDAY} 12:00`, 't1', { off: 'T-1' })] });
    expect(at(slots, clock)?.therapistIds).toEqual(free);
  });

  it('keeps no room for time off: with one room, a therapist off leaves the other one the room', () => {
    const settings = settingsWith({ rooms: 1 });
    expect(at(find({ settings, busy: [busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 't1', { off: 'T-1' })] }), '14:00')?.therapistIds).toEqual(['t2']);
  });

  it('names only the therapist asked for, even when others are free', () => {
    expect(find({ therapist: 't2' }).every((s) => s.therapistIds.join() === 't2')).toBe(true);
  });
});

describe('findFreeSlots: holds and moves', () => {
  const bothHeldBy = (guestKey: string): Occupancy[] => [
    busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 't1', { heldBy: guestKey }),
    busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 't2', { heldBy: 'web:someone-else' }),
  ];

  it.each([
    ['the guest who holds it', 'web:guest-1', ['t1']],
    ['another guest', 'web:guest-2', undefined],
    ['a guest not named', undefined, undefined],
  ])('a time held by web:guest-1 (and the other therapist by someone else) is free for %s', (_name, guestKey, free) => {
    expect(at(find({ guestKey, busy: bothHeldBy('web:guest-1') }), '14:00')?.therapistIds).toEqual(free);
  });

  it.each([
    ['the booking being moved', 'LS-7K3Q', ['t1']],
    ['another booking', 'LS-ABCD', undefined],
    ['no booking', undefined, undefined],
  ])('a booking does not block itself: ignoring %s', (_name, ignoreRef, free) => {
    const occupied = [
      busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 't1', { ref: 'LS-7K3Q' }),
      busy(`${TUESDAY} 14:00`, `${TUESDAY} 15:00`, 't2', { ref: 'LS-9XYZ' }),
    ];
    expect(at(find({ ignoreRef, busy: occupied }), '14:00')?.therapistIds).toEqual(free);
  });
});

describe('findFreeSlots: closed days, month ends and the year end', () => {
  const daysWithSlots = (slots: FreeSlot[]) => [...new Set(slots.map((s) => vnWall(s.start).slice(0, 10)))];

  it('skips closed weekdays and closed dates', () => {
    const settings = settingsWith({ openingHours: { ...spaSettings.openingHours, wed: 'closed' }, closedDates: ['2025-03-14'] });
    const slots = find({ settings, from: vn('2025-03-11 00:00'), to: vn('2025-03-16 00:00') });
    expect(daysWithSlots(slots)).toEqual(['2025-03-11', '2025-03-13', '2025-03-15']);
  });

  it.each([
    ['a leap February', '2024-02-27 08:00', '2024-02-28 00:00', '2024-03-02 00:00', [], ['2024-02-28', '2024-02-29', '2024-03-01']],
    ['a short February', '2025-02-26 08:00', '2025-02-27 00:00', '2025-03-02 00:00', [], ['2025-02-27', '2025-02-28', '2025-03-01']],
    ['a 30-day month', '2025-04-28 08:00', '2025-04-29 00:00', '2025-05-02 00:00', ['2025-05-01'], ['2025-04-29', '2025-04-30']],
    ['the year end', '2025-12-29 08:00', '2025-12-30 00:00', '2026-01-03 00:00', ['2026-01-01'], ['2025-12-30', '2025-12-31', '2026-01-02']],
  ])('%s', (_name, now, from, to, closedDates, days) => {
    const slots = find({ settings: settingsWith({ closedDates }), now: vn(now), from: vn(from), to: vn(to) });
    expect(daysWithSlots(slots)).toEqual(days);
    expect(slots).toHaveLength(days.length * 23);
  });

  it('the first slot of the new year is 09:00 in Da Nang (02:00 UTC)', () => {
    const slots = find({ now: vn('2025-12-31 08:00'), from: vn('2026-01-01 00:00'), to: vn('2026-01-02 00:00') });
    expect(slots[0]?.start.toISOString()).toBe('2026-01-01T02:00:00.000Z');
  });
});

describe('findFreeSlots: a zone with daylight saving', () => {
  // Seen from New Year's Day with a year's horizon; [from, to) holds the one local day asked about.
  const slotsIn = (zone: string, hours: { open: string; close: string }, from: string, to: string) =>
    findFreeSlots({
      settings: settingsWith({ timeZone: zone, openingHours: everyDay(hours), horizonDays: 365 }),
      durationMinutes: 60,
      from: new Date(from),
      to: new Date(to),
      busy: [],
      now: new Date('2025-01-01T00:00:00Z'),
    });

  it.each([
    // Open 00:00-06:00 local, across the change: 6 hours on an ordinary night, 5 in spring, 7 in autumn.
    ['Europe/London', 'an ordinary night', '2025-03-28T18:00Z', '2025-03-29T18:00Z', 11],
    ['Europe/London', 'spring forward', '2025-03-29T18:00Z', '2025-03-30T18:00Z', 9],
    ['Europe/London', 'fall back', '2025-10-25T18:00Z', '2025-10-26T18:00Z', 13],
    ['America/New_York', 'an ordinary night', '2025-03-07T18:00Z', '2025-03-08T18:00Z', 11],
    ['America/New_York', 'spring forward', '2025-03-08T18:00Z', '2025-03-09T18:00Z', 9],
    ['America/New_York', 'fall back', '2025-11-01T18:00Z', '2025-11-02T18:00Z', 13],
  ])('%s, %s, open 00:00-06:00: %s to %s has %i 60-minute slots', (zone, _name, from, to, count) => {
    expect(slotsIn(zone, { open: '00:00', close: '06:00' }, from, to)).toHaveLength(count);
  });

  it('the spring night runs 00:00, 00:30, then straight on at 02:00 BST', () => {
    const starts = slotsIn('Europe/London', { open: '00:00', close: '06:00' }, '2025-03-29T18:00Z', '2025-03-30T18:00Z').map((s) =>
      s.start.toISOString().slice(11, 16),
    );
    expect(starts.slice(0, 4)).toEqual(['00:00', '00:30', '01:00', '01:30']);
  });

  it.each([
    // Open 09:00-21:00: the change happens at night, so the day has its usual 23 slots, on the new offset.
    ['Europe/London', 'spring', '2025-03-30T00:00Z', '2025-03-31T00:00Z', '2025-03-30T08:00:00.000Z'],
    ['Europe/London', 'autumn', '2025-10-26T00:00Z', '2025-10-27T00:00Z', '2025-10-26T09:00:00.000Z'],
    ['America/New_York', 'spring', '2025-03-09T06:00Z', '2025-03-10T06:00Z', '2025-03-09T13:00:00.000Z'],
    ['America/New_York', 'autumn', '2025-11-02T06:00Z', '2025-11-03T06:00Z', '2025-11-02T14:00:00.000Z'],
  ])('%s, %s change day, open 09:00-21:00: 23 slots from 09:00 local (%s to %s)', (zone, _name, from, to, first) => {
    const slots = slotsIn(zone, { open: '09:00', close: '21:00' }, from, to);
    expect(slots).toHaveLength(23);
    expect(slots[0]?.start.toISOString()).toBe(first);
  });
});

describe('findFreeSlots: the sweep agrees with checking every occupancy for every candidate', () => {
  // Mulberry32: a small seeded generator, so the data is random but the same on every run.
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const MINUTE = 60_000;

  // The rules as written, one candidate at a time, for Da Nang's fixed offset and daily 09:00-21:00.
  function naive(input: FindFreeSlotsInput): string[] {
    const { settings, durationMinutes } = input;
    const buffer = settings.bufferMinutes * MINUTE;
    const blocking = input.busy.filter((o) => !(input.guestKey && o.heldBy === input.guestKey) && !(input.ignoreRef && o.ref === input.ignoreRef));
    const out: string[] = [];
    for (let day = vn('2025-03-10 00:00').getTime(); day < input.to.getTime(); day += 86_400_000) {
      for (let start = day + 9 * 60 * MINUTE; start + durationMinutes * MINUTE <= day + 21 * 60 * MINUTE; start += settings.slotStepMinutes * MINUTE) {
        const end = start + durationMinutes * MINUTE;
        if (start < input.from.getTime() || start >= input.to.getTime()) continue;
        if (start < input.now.getTime() + settings.minNoticeMinutes * MINUTE) continue;
        if (start >= input.now.getTime() + settings.horizonDays * 86_400_000) continue;
        const conflicts = blocking.filter((o) => o.start.getTime() < end + buffer && start < o.end.getTime() + buffer);
        if (conflicts.length >= settings.rooms) continue;
        const free = settings.therapists.map((t) => t.id).filter((id) => !conflicts.some((o) => o.therapistId === id));
        const wanted = !input.therapist || input.therapist === 'any' ? free : free.filter((id) => id === input.therapist);
        if (wanted.length > 0) out.push(`${vnWall(new Date(start))} ${wanted.join()}`);
      }
    }
    return out;
  }

  it.each([
    [1, 'any', 2, 2],
    [2, 't3', 4, 3],
    [3, 'any', 4, 2],
    [4, 't1', 1, 3],
  ])('seed %i, asking for %s, %i therapists, %i rooms', (seed, therapist, therapistCount, rooms) => {
    const random = seeded(seed);
    const settings = settingsWith({ therapists: therapists(therapistCount), rooms, horizonDays: 20 });
    const occupied: Occupancy[] = Array.from({ length: 300 }, (_, i) => {
      const start = vn('2025-03-10 09:00').getTime() + Math.floor(random() * 30) * 86_400_000 + Math.floor(random() * 48) * 15 * MINUTE;
      return {
        start: new Date(start),
        end: new Date(start + (random() < 0.5 ? 30 : 90) * MINUTE),
        therapistId: `t${1 + Math.floor(random() * (therapistCount + 1))}`,
        ...(i % 7 === 0 ? { heldBy: `web:g${i % 3}` } : { ref: `LS-R${i}` }),
      };
    });
    const input: FindFreeSlotsInput = {
      settings,
      durationMinutes: 60,
      from: vn('2025-03-10 12:00'),
      to: vn('2025-04-05 00:00'),
      busy: occupied,
      now: MONDAY_8AM,
      therapist,
      guestKey: 'web:g1',
      ignoreRef: 'LS-R8',
    };
    const expected = naive(input);
    expect(expected.length).toBeGreaterThan(50);
    expect(findFreeSlots(input).map((s) => `${vnWall(s.start)} ${s.therapistIds.join()}`)).toEqual(expected);
  });
});

describe('findFreeSlots: a configuration that cannot work', () => {
  it.each([[0], [-30]])('a slot step of %i is refused rather than looping', (slotStepMinutes) => {
    expect(() => find({ settings: settingsWith({ slotStepMinutes }) })).toThrow(RangeError);
  });
});
