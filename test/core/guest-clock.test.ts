import { describe, expect, it } from 'vitest';
import { zoneShowing } from '../../src/core/booking/guest-clock.ts';

// 02:00 UTC on Thursday 26 November 2026 (09:00 in Da Nang).
const NOW = new Date('2026-11-26T02:00:00Z');
const at = (clock: string) => {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
};

describe('zoneShowing: the zone whose clock shows what the guest’s phone shows', () => {
  it.each([
    ['11:02', 'Etc/GMT-9'], // Seoul, a minute or two off
    ['09:00', 'Etc/GMT-7'], // Da Nang itself
    ['02:00', 'Etc/UTC'],
    ['05:01', 'Etc/GMT-3'], // Moscow
    ['07:30', 'Asia/Kolkata'], // UTC+5:30
    ['07:45', 'Asia/Kathmandu'],
    ['21:00', 'Etc/GMT+5'], // New York, still the day before
    ['16:00', 'Etc/GMT-14'], // Kiribati, furthest east
  ])('%s at 02:00 UTC is %s', (clock, zone) => {
    expect(zoneShowing(at(clock), NOW)).toBe(zone);
  });

  it('finds none for a time no zone in use shows, or for no time at all', () => {
    expect(zoneShowing(at('08:10'), NOW)).toBeUndefined(); // UTC+6:10 rounds to +6:15, which no zone keeps
    expect(zoneShowing(-1, NOW)).toBeUndefined();
    expect(zoneShowing(1440, NOW)).toBeUndefined();
    expect(zoneShowing(Number.NaN, NOW)).toBeUndefined();
  });
});
