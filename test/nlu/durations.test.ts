import { describe, expect, it } from 'vitest';
import { findDuration } from '../../src/nlu/durations.ts';

describe('findDuration', () => {
  it.each([
    ['an hour', 60, 'an hour'],
    ['30 mins', 30, '30 mins'],
    ['half an hour', 30, 'half an hour'],
    ['1.5 hours', 90, '1.5 hours'],
    ['1,5 hours', 90, '1,5 hours'],
    ['hour and a half', 90, 'hour and a half'],
    ['an hour and a half', 90, 'an hour and a half'],
    ['one and a half hours', 90, 'one and a half hours'],
    ['90min', 90, '90min'],
    ["60'", 60, "60'"],
    ['two hours', 120, 'two hours'],
    ['ninety minutes', 90, 'ninety minutes'],
    ['1h30', 90, '1h30'],
    ['1 hour 30 minutes', 90, '1 hour 30 minutes'],
    ['quarter of an hour', 15, 'quarter of an hour'],
    ['three quarters of an hour', 45, 'three quarters of an hour'],
    ['a 90-minute hot stone massage', 90, '90-minute'],
    ['60-90 minutes', 60, '60-90 minutes'],
    ['tomorrow at 3pm, an hour please', 60, 'an hour'],
    ['next Friday afternoon, 30 mins', 30, '30 mins'],
    ['I can be there in an hour for a 60 min massage', 60, '60 min'],
  ])('"%s" is %i minutes', (text, minutes, said) => {
    const found = findDuration(text);
    expect(found?.minutes).toBe(minutes);
    expect(found?.text).toBe(said);
    expect(text.slice(found?.index, (found?.index ?? 0) + said.length)).toBe(said);
  });

  it.each([
    'in 2 hours', // relative times
    '2 hours from now',
    'an hour later',
    'in half an hour',
    'within the hour',
    '2 hours ago',
    'at 3:30', // clock times
    'half past 4',
    'quarter to 9',
    '10 min past 5',
    'for 2 nights', // not a session length
    'happy hour',
    "it's 60's music",
    'move ls 2H5K please', // a booking reference
  ])('"%s" is not a duration', (text) => {
    expect(findDuration(text)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['emoji', '😀🎉💆‍♀️'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['Vietnamese', 'Tôi muốn mát-xa một tiếng'],
  ])('%s gives nothing', (_name, text) => {
    expect(findDuration(text)).toBeUndefined();
  });
});
