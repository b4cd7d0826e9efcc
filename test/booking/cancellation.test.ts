import { describe, expect, it } from 'vitest';
import { cancellationTerms } from '../../src/booking/index.ts';
import { settingsWith, spaSettings, vn } from './fixtures.ts';

// Tuesday 11 March 2025, 14:00 in Da Nang; free cancellation until 24 hours before.
const BOOKING = { start: vn('2025-03-11 14:00').toISOString() };
const FREE_UNTIL = vn('2025-03-10 14:00');

describe('cancellationTerms', () => {
  it.each([
    ['two days before', '2025-03-09 14:00', { kind: 'free', until: FREE_UNTIL }],
    ['exactly 24 hours before', '2025-03-10 14:00', { kind: 'free', until: FREE_UNTIL }],
    ['a minute into the last 24 hours', '2025-03-10 14:01', { kind: 'late', since: FREE_UNTIL }],
    ['a minute before the start', '2025-03-11 13:59', { kind: 'late', since: FREE_UNTIL }],
    ['at the start', '2025-03-11 14:00', { kind: 'past' }],
    ['after the session', '2025-03-11 16:00', { kind: 'past' }],
  ])('%s (%s)', (_name, now, terms) => {
    expect(cancellationTerms(BOOKING, vn(now), spaSettings)).toEqual(terms);
  });

  it.each([
    ['across a month end', '2025-04-01 10:00', 48, '2025-03-30 09:00', { kind: 'free', until: vn('2025-03-30 10:00') }],
    ['across the year end', '2026-01-01 10:00', 24, '2025-12-31 10:30', { kind: 'late', since: vn('2025-12-31 10:00') }],
    ['no free window: free until the start itself', '2025-03-11 14:00', 0, '2025-03-11 13:00', { kind: 'free', until: vn('2025-03-11 14:00') }],
  ])('%s', (_name, start, freeCancellationHours, now, terms) => {
    expect(cancellationTerms({ start: vn(start).toISOString() }, vn(now), settingsWith({ freeCancellationHours }))).toEqual(terms);
  });
});
