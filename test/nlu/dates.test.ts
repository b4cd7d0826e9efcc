import { describe, expect, it } from 'vitest';
import { findDateTimes, type DateTimeMention } from '../../src/nlu/dates/index.ts';

const SPA_ZONE = 'Asia/Ho_Chi_Minh';
// Tuesday 15 March 2022, 09:00 in Da Nang (02:00 UTC).
const TUESDAY_9AM = new Date('2022-03-15T02:00:00Z');

const find = (text: string, now = TUESDAY_9AM, timeZone = SPA_ZONE): DateTimeMention[] => findDateTimes(text, { now, timeZone });
const only = (text: string, now?: Date, timeZone?: string): DateTimeMention => {
  const mentions = find(text, now, timeZone);
  expect(mentions, `one mention in "${text}"`).toHaveLength(1);
  return mentions[0] as DateTimeMention;
};
// What a guest cares about, as short strings: "2022-03-16", "15:00".
const day = (d?: { year: number; month: number; day: number }): string | undefined =>
  d && `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const clock = (t?: { hour: number; minute: number }): string | undefined =>
  t && `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
const summary = (m: DateTimeMention) => ({
  date: day(m.date),
  time: clock(m.time),
  period: m.period,
  endDate: day(m.end?.date),
  endTime: clock(m.end?.time),
});

describe('findDateTimes: what guests write, on Tuesday 15 March 2022 at 09:00 in Da Nang', () => {
  it.each([
    ['tomorrow at 3pm, an hour please', { date: '2022-03-16', time: '15:00' }],
    ['next Friday afternoon, 30 mins', { date: '2022-03-25', period: 'afternoon' }],
    ['friday afternoon', { date: '2022-03-18', period: 'afternoon' }],
    ['in 2 hours', { date: '2022-03-15', time: '11:00' }],
    ['the 20th', { date: '2022-03-20' }],
    ['on the 5th', { date: '2022-04-05' }],
    ['the 15th', { date: '2022-03-15' }],
    ['the 2nd of next month', { date: '2022-04-02' }],
    ['sat at half past 4', { date: '2022-03-19', time: '16:30' }],
    ['Friday the 17th', { date: '2022-06-17' }],
    ['Tuesday 2nd', { date: '2022-08-02' }],
    // A weekday and a bare number from 13 up is a date when that day of the month is that weekday.
    ['Sunday 20, 5pm', { date: '2022-03-20', time: '17:00' }],
    ['wednesday 30', { date: '2022-03-30' }],
    ['Aug the 18th', { date: '2022-08-18' }],
    ['Tuesday', { date: '2022-03-22' }],
    ['Wednesday', { date: '2022-03-16' }],
    ['20 April', { date: '2022-04-20' }],
    ['1st of Jan', { date: '2023-01-01' }],
    ['29 February', { date: '2024-02-29' }],
    ['3/4', { date: '2022-04-03' }],
    ['christmas eve', { date: '2022-12-24' }],
    ['a fortnight today', { date: '2022-03-29' }],
    ['the day after tomorrow', { date: '2022-03-17' }],
    ['quarter to 9', { time: '08:45' }],
    ['25 past 7', { time: '19:25' }],
    ['10 past 16', { time: '16:10' }],
    ['at 3', { time: '15:00' }],
    ['at 9', { time: '09:00' }],
    ['at 12', { time: '12:00' }],
    ['07:30', { time: '07:30' }],
    ['6 20 in the evening', { time: '18:20' }],
    ['8 in the evening', { time: '20:00' }],
    ['2:10 at night', { time: '02:10' }],
    ['25 to 7 p.m.', { time: '18:35' }],
    ['noon', { time: '12:00' }],
    ['tonight at 8', { date: '2022-03-15', time: '20:00' }],
    ['at 7 tomorrow morning', { date: '2022-03-16', time: '07:00' }],
    ['this evening', { date: '2022-03-15', period: 'evening' }],
    ['at 9 this evening', { date: '2022-03-15', time: '21:00' }],
    ['this afternoon at 3', { date: '2022-03-15', time: '15:00' }],
    ['the night of the 25th', { date: '2022-03-25', period: 'night' }],
    ['tomorrow night', { date: '2022-03-16', period: 'night' }],
    ['between 2 and 4pm', { time: '14:00', endTime: '16:00' }],
    ['Sunday between 8 and 10', { date: '2022-03-20', time: '08:00', endDate: '2022-03-20', endTime: '10:00' }],
    ['from the 3rd to the 5th', { date: '2022-04-03', endDate: '2022-04-05' }],
    ['from the 28th to the 2nd', { date: '2022-03-28', endDate: '2022-04-02' }],
    ['Monday till Wednesday', { date: '2022-03-21', endDate: '2022-03-23' }],
  ])('%s', (text, expected) => {
    expect(summary(only(text))).toEqual({ date: undefined, time: undefined, period: undefined, endDate: undefined, endTime: undefined, ...expected });
  });

  it.each([
    ['tomorrow at 3pm', '2022-03-16T08:00:00.000Z'],
    ['the 20th', '2022-03-19T17:00:00.000Z'], // a day alone starts at midnight in Da Nang
    ['friday afternoon', '2022-03-18T07:00:00.000Z'], // a period alone: 14:00
    ['in 2 hours', '2022-03-15T04:00:00.000Z'],
    ['at 8', '2022-03-16T01:00:00.000Z'], // 08:00 has passed today, so tomorrow
    ['midnight', '2022-03-15T17:00:00.000Z'],
  ])('"%s" starts at %s', (text, iso) => {
    expect(only(text).start.toISOString()).toBe(iso);
  });

  it('reports where each mention is', () => {
    const text = 'Can I come tomorrow at 3pm? Or the 20th';
    expect(find(text).map((m) => [m.text, m.index])).toEqual([
      ['tomorrow at 3pm', 11],
      ['the 20th', 31],
    ]);
  });

  it.each([
    'for an hour', // a length, not a time
    '90 minutes please',
    'a table for 4 people',
    'my 2nd visit',
    'the 3rd floor',
    'I am 30 years old',
    'room 305',
  ])('finds no date or time in "%s"', (text) => {
    expect(find(text)).toEqual([]);
  });
});

describe('findDateTimes: days misspelt, times written the Vietnamese way, an hour right after a day', () => {
  it.each([
    ['can i book tomorow at 3pm', { date: '2022-03-16', time: '15:00' }],
    ['tommorow', { date: '2022-03-16' }],
    ['2moro at 10', { date: '2022-03-16', time: '10:00' }],
    ['satuday afternoon', { date: '2022-03-19', period: 'afternoon' }],
    ['next wensday 4pm', { date: '2022-03-23', time: '16:00' }],
    ['firday at 11', { date: '2022-03-18', time: '11:00' }],
    ['at 15h30', { time: '15:30' }],
    ['thursday 9h15', { date: '2022-03-17', time: '09:15' }],
    ['at 16h', { time: '16:00' }],
    ['tomorrow 5', { date: '2022-03-16', time: '17:00' }],
    ['thursday 4 for an hour', { date: '2022-03-17', time: '16:00' }],
    ['tmrw 10', { date: '2022-03-16', time: '10:00' }],
    ["Ten o'clock in the morning would suit me best", { time: '10:00' }],
    ['half past four tomorrow', { date: '2022-03-16', time: '16:30' }],
    ['friday at eleven please', { date: '2022-03-18', time: '11:00' }],
    ['seven pm on saturday', { date: '2022-03-19', time: '19:00' }],
    ['tomorrow, ten thirty', { date: '2022-03-16', time: '10:30' }],
    // A day and month the European way right after a weekday, with no dot after the month.
    ['on Friday 18.03 at 18:00', { date: '2022-03-18', time: '18:00' }],
    ['Friday 18.03', { date: '2022-03-18' }],
    ['fri 1.04 at 3pm', { date: '2022-04-01', time: '15:00' }],
  ])('"%s"', (text, expected) => {
    expect(summary(only(text))).toEqual(expect.objectContaining(expected));
  });

  it('reports a respelt mention where and as the guest typed it', () => {
    const text = 'ok so tomorow at 15h30 then';
    const [mention] = find(text);
    expect(mention).toMatchObject({ text: 'tomorow at 15h30', index: text.indexOf('tomorow') });
  });

  it('reads hours in words only where what is around them makes them a time', () => {
    expect(find('at one point I had surgery')).toEqual([]);
    expect(find('we are two people, my wife and I')).toEqual([]);
    expect(find('one hour please')).toEqual([]);
  });

  it('leaves a length in hours alone: "a 1h massage" names no time', () => {
    expect(find('a 1h massage please')).toEqual([]);
    expect(find('2h')).toEqual([]);
  });

  it('finds no day in a booking reference, in any language, and still reads the day beside it', () => {
    for (const text of ['LS-29ND', 'move ls 3PM7 please', 'LS-23RD']) expect(find(text), text).toEqual([]);
    expect(findDateTimes('LS-29ND', { now: TUESDAY_9AM, timeZone: SPA_ZONE }, 'ru')).toEqual([]);
    const text = 'move LS-29ND to friday 3pm';
    expect(only(text)).toMatchObject({ text: 'friday 3pm', index: text.indexOf('friday') });
  });

  it('does not take a number of people or hours after a day for a time', () => {
    expect(summary(only('friday 2 people'))).toEqual(expect.objectContaining({ date: '2022-03-18', time: undefined }));
    expect(summary(only('tomorrow 2 hours'))).toEqual(expect.objectContaining({ date: '2022-03-16', time: undefined }));
  });
});

describe('findDateTimes: day, month and year edges, and daylight saving', () => {
  it.each([
    // Da Nang is 7 hours ahead: at 00:30 on 1 April there, UTC still reads 31 March.
    ['today', SPA_ZONE, '2022-03-31T17:30:00Z', { date: '2022-04-01' }],
    ['tomorrow', SPA_ZONE, '2022-03-31T17:30:00Z', { date: '2022-04-02' }],
    ['the 1st', SPA_ZONE, '2022-03-31T17:30:00Z', { date: '2022-04-01' }],
    ['Friday', SPA_ZONE, '2022-03-31T17:30:00Z', { date: '2022-04-08' }],
    // Month end: February has no 30th.
    ['tomorrow', SPA_ZONE, '2022-01-31T03:00:00Z', { date: '2022-02-01' }],
    ['the 30th', SPA_ZONE, '2022-01-31T03:00:00Z', { date: '2022-03-30' }],
    ['the 31st', SPA_ZONE, '2022-01-31T03:00:00Z', { date: '2022-01-31' }],
    // 31 December, 22:00 in Da Nang.
    ['tomorrow', SPA_ZONE, '2022-12-31T15:00:00Z', { date: '2023-01-01' }],
    ['the 2nd', SPA_ZONE, '2022-12-31T15:00:00Z', { date: '2023-01-02' }],
    ['Friday', SPA_ZONE, '2022-12-31T15:00:00Z', { date: '2023-01-06' }],
    ['christmas', SPA_ZONE, '2022-12-31T15:00:00Z', { date: '2023-12-25' }],
    ['5 Jan', SPA_ZONE, '2022-12-31T15:00:00Z', { date: '2023-01-05' }],
    // New York is behind UTC: at 22:00 on 14 March there, UTC already reads the 15th.
    ['today', 'America/New_York', '2022-03-15T02:00:00Z', { date: '2022-03-14' }],
    ['tomorrow', 'America/New_York', '2022-03-15T02:00:00Z', { date: '2022-03-15' }],
    // London springs forward at 01:00 UTC on 27 March 2022.
    ['tomorrow at 3pm', 'Europe/London', '2022-03-26T12:00:00Z', { date: '2022-03-27', time: '15:00' }],
    ['in 2 hours', 'Europe/London', '2022-03-27T00:30:00Z', { date: '2022-03-27', time: '03:30' }],
    // New York falls back at 06:00 UTC on 6 November 2022.
    ['tomorrow at 3pm', 'America/New_York', '2022-11-05T16:00:00Z', { date: '2022-11-06', time: '15:00' }],
    ['in 1 hour', 'America/New_York', '2022-11-06T05:30:00Z', { date: '2022-11-06', time: '01:30' }],
  ])('"%s" in %s at %s', (text, zone, nowIso, expected) => {
    const m = only(text, new Date(nowIso), zone);
    expect({ date: day(m.date), time: clock(m.time) }).toEqual({ time: undefined, ...expected });
  });

  it.each([
    ['tomorrow at 3pm', 'Europe/London', '2022-03-26T12:00:00Z', '2022-03-27T14:00:00.000Z'], // 15:00 BST
    ['tomorrow', 'Europe/London', '2022-03-26T12:00:00Z', '2022-03-27T00:00:00.000Z'], // midnight, still GMT
    ['in 2 hours', 'Europe/London', '2022-03-27T00:30:00Z', '2022-03-27T02:30:00.000Z'],
    ['tomorrow at 3pm', 'America/New_York', '2022-11-05T16:00:00Z', '2022-11-06T20:00:00.000Z'], // 15:00 EST
    ['at 9', SPA_ZONE, '2022-12-31T15:00:00Z', '2023-01-01T02:00:00.000Z'], // 09:00 has passed: New Year's Day
  ])('"%s" in %s at %s starts at %s', (text, zone, nowIso, iso) => {
    expect(only(text, new Date(nowIso), zone).start.toISOString()).toBe(iso);
  });
});

describe('findDateTimes: bad input', () => {
  it.each([
    ['empty', ''],
    ['blank', '   \n\t '],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['10,000 characters of numbers', '1 '.repeat(5_000)],
    ['emoji', '😀🎉💆‍♀️🧖'],
    ['control characters', '\u0000\u0007\u001b[31m\u007f'],
    ['Vietnamese', 'Xin chào, tôi muốn đặt lịch mát-xa cho hai người'],
  ])('%s gives nothing', (_name, text) => {
    expect(find(text)).toEqual([]);
  });

  it('rejects an unknown time zone, a configuration error, with a RangeError', () => {
    expect(() => find('tomorrow', TUESDAY_9AM, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
