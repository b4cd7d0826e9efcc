import { describe, expect, it } from 'vitest';
import { readTimeOffLine } from '../../src/nlu/index.ts';

// What staff type after /timeoff, read on Thursday 26 November 2026 at 09:00 in Da Nang.
const REF = { now: new Date('2026-11-26T02:00:00Z'), timeZone: 'Asia/Ho_Chi_Minh' };
const THERAPISTS = [
  { id: 'mai', name: 'Mai (sample)', aliases: ['마이', 'Май'] },
  { id: 'an', name: 'An (sample)' },
];
const read = (text: string) => readTimeOffLine(text, THERAPISTS, REF);

describe('reading /timeoff', () => {
  it.each([
    ['Mai tomorrow', { kind: 'add', therapist: 'mai', day: '2026-11-27' }],
    ['an 2026-12-24 14:00-18:00', { kind: 'add', therapist: 'an', day: '2026-12-24', from: '14:00', to: '18:00' }],
    ['An on Saturday from 2pm to 6pm', { kind: 'add', therapist: 'an', day: '2026-11-28', from: '14:00', to: '18:00' }],
    ['tomorrow after 3pm for MAI', { kind: 'add', therapist: 'mai', day: '2026-11-27', from: '15:00' }],
    ['Май 1/12', { kind: 'add', therapist: 'mai', day: '2026-12-01' }],
  ])('sets time off from "%s"', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('lists with nothing after the command, or "list"', () => {
    expect(read('')).toEqual({ kind: 'list' });
    expect(read(' list ')).toEqual({ kind: 'list' });
  });

  it('takes time off back by its id, or by therapist and day', () => {
    expect(read('remove t-4k2m')).toEqual({ kind: 'remove', id: 'T-4K2M' });
    expect(read('delete Mai tomorrow')).toEqual({ kind: 'remove', therapist: 'mai', day: '2026-11-27' });
  });

  it('says what is missing: a therapist it knows, or a day', () => {
    expect(read('Bob tomorrow')).toEqual({ kind: 'unclear', missing: 'therapist' });
    expect(read('Mai')).toEqual({ kind: 'unclear', missing: 'day' });
    // "sample" is a word of the sample names, not a therapist.
    expect(read('sample tomorrow')).toEqual({ kind: 'unclear', missing: 'therapist' });
  });
});
