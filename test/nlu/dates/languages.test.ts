import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/languages.ts';
import { findDateTimes, namesDayOrTimeIn, type DateTimeMention } from '../../../src/nlu/dates/index.ts';

// Dates and times in Korean, Vietnamese, Chinese and Russian, read on Sunday 6 December 2026 at 10:00 in
// Da Nang (03:00 UTC): days look forward ("토요일" is the 12th), bare hours fall in the spa's day ("4点" is
// 16:00), and next week's days are counted from Monday, as guests count them ("下周六" is the 12th too).
const SPA_ZONE = 'Asia/Ho_Chi_Minh';
const SUNDAY_10AM = new Date('2026-12-06T03:00:00Z');

const find = (text: string, language: Language): DateTimeMention[] => findDateTimes(text, { now: SUNDAY_10AM, timeZone: SPA_ZONE }, language);
const pad = (n: number) => String(n).padStart(2, '0');
/** What a guest cares about, as short strings: { date: "2026-12-07", time: "15:00" }. */
function summary(m: DateTimeMention) {
  return {
    ...(m.date ? { date: `${m.date.year}-${pad(m.date.month)}-${pad(m.date.day)}` } : {}),
    ...(m.time ? { time: `${pad(m.time.hour)}:${pad(m.time.minute)}` } : {}),
    ...(m.period ? { period: m.period } : {}),
  };
}
/** The one mention in a message, as a summary; it must cover the whole message. */
function only(text: string, language: Language) {
  const mentions = find(text, language);
  expect(mentions, `one mention in "${text}"`).toHaveLength(1);
  expect(mentions[0]?.text).toBe(text);
  return summary(mentions[0]!);
}

type Expected = { date?: string; time?: string; period?: string };
const EXAMPLES: Record<Exclude<Language, 'en'>, Array<[string, Expected]>> = {
  ko: [
    ['내일 오후 3시', { date: '2026-12-07', time: '15:00' }],
    ['내일 3시', { date: '2026-12-07', time: '15:00' }],
    ['세 시', { time: '15:00' }],
    ['3시 반', { time: '15:30' }],
    ['오후 3시 30분', { time: '15:30' }],
    ['토요일 오후', { date: '2026-12-12', period: 'afternoon' }],
    ['다음 주 금요일 2시', { date: '2026-12-11', time: '14:00' }],
    ['12월 15일 오후 2시', { date: '2026-12-15', time: '14:00' }],
    ['오늘 저녁', { date: '2026-12-06', period: 'evening' }],
    ['모레 11시', { date: '2026-12-08', time: '11:00' }],
    ['오전 10시', { time: '10:00' }],
    ['다음주 금요일', { date: '2026-12-11' }],
    ['금요일에 3시', { date: '2026-12-11', time: '15:00' }],
    ['20일', { date: '2026-12-20' }],
    ['20일 오후 3시', { date: '2026-12-20', time: '15:00' }],
  ],
  vi: [
    ['3 giờ chiều mai', { date: '2026-12-07', time: '15:00' }],
    // "này" after a weekday is this week's: the hour after it is still that day's.
    ['sáng thứ 6 này lúc 10h', { date: '2026-12-11', time: '10:00' }],
    ['mai 3h chiều', { date: '2026-12-07', time: '15:00' }],
    ['15h', { time: '15:00' }],
    ['15h30', { time: '15:30' }],
    ['thứ Bảy', { date: '2026-12-12' }],
    ['thu 7', { date: '2026-12-12' }],
    ['thứ 7', { date: '2026-12-12' }],
    ['thứ 2', { date: '2026-12-07' }],
    ['chủ nhật', { date: '2026-12-13' }], // said on a Sunday: next week's
    ['CN', { date: '2026-12-13' }],
    ['chiều thứ sáu', { date: '2026-12-11', period: 'afternoon' }],
    ['ngày 15/12 lúc 14h', { date: '2026-12-15', time: '14:00' }],
    ['sáng mai 10 giờ', { date: '2026-12-07', time: '10:00' }],
    ['tối nay', { date: '2026-12-06', period: 'evening' }],
    ['ngày mai', { date: '2026-12-07' }],
    ['mốt', { date: '2026-12-08' }],
    ['3 gio chieu mai', { date: '2026-12-07', time: '15:00' }],
    ['thu bay', { date: '2026-12-12' }],
    ['sang mai', { date: '2026-12-07', period: 'morning' }],
    ['7 giờ tối nay', { date: '2026-12-06', time: '19:00' }],
    ['7 gio sang', { time: '07:00' }],
    ['thứ 6 tuần sau', { date: '2026-12-11' }],
    ['3 giờ rưỡi chiều', { time: '15:30' }],
    ['2 giờ kém 15', { time: '13:45' }],
    ['ngày 20 tháng 12', { date: '2026-12-20' }],
    ['9 rưỡi', { time: '09:30' }],
    ['chủ nhật 27 lúc 4h chiều', { date: '2026-12-27', time: '16:00' }],
    ['thu 7 19', { date: '2026-12-19' }],
    ['thứ 7 3h chiều', { date: '2026-12-12', time: '15:00' }],
  ],
  zh: [
    ['明天下午三点', { date: '2026-12-07', time: '15:00' }],
    // Figures are month first in Chinese.
    ['12/18 上午10点', { date: '2026-12-18', time: '10:00' }],
    ['2027/1/8', { date: '2027-01-08' }],
    ['明天下午3点半', { date: '2026-12-07', time: '15:30' }],
    ['下周六下午两点', { date: '2026-12-12', time: '14:00' }],
    ['周五下午', { date: '2026-12-11', period: 'afternoon' }],
    ['后天上午10点', { date: '2026-12-08', time: '10:00' }],
    ['12月15日下午2点', { date: '2026-12-15', time: '14:00' }],
    ['今天晚上', { date: '2026-12-06', period: 'evening' }],
    ['4点', { time: '16:00' }],
    ['下周一', { date: '2026-12-07' }], // said on a Sunday, the last day of the week: tomorrow
    ['星期天晚上7点', { date: '2026-12-13', time: '19:00' }],
    ['今晚8点', { date: '2026-12-06', time: '20:00' }],
    ['下午一点', { time: '13:00' }],
    ['一点钟', { time: '13:00' }],
  ],
  ru: [
    ['завтра в 15:00', { date: '2026-12-07', time: '15:00' }],
    ['в субботу в 3 часа дня', { date: '2026-12-12', time: '15:00' }],
    ['послезавтра в 11', { date: '2026-12-08', time: '11:00' }],
    ['15 декабря в 14:30', { date: '2026-12-15', time: '14:30' }],
    ['сегодня вечером', { date: '2026-12-06', period: 'evening' }],
    ['в пятницу после обеда', { date: '2026-12-11', period: 'afternoon' }],
    ['в 4', { time: '16:00' }],
    ['завтра в 7 вечера', { date: '2026-12-07', time: '19:00' }],
    ['в субботу утром', { date: '2026-12-12', period: 'morning' }],
    ['в следующую пятницу', { date: '2026-12-11' }],
    ['завтра в 5 вечера', { date: '2026-12-07', time: '17:00' }],
    ['31-го', { date: '2026-12-31' }],
    ['31го в 14 30', { date: '2026-12-31', time: '14:30' }],
    ['20 числа', { date: '2026-12-20' }],
    ['завтра в полдесятого', { date: '2026-12-07', time: '09:30' }],
    ['в половине шестого вечера', { time: '17:30' }],
    ['пол третьего', { time: '14:30' }],
    ['в воскресенье 20 в 16:00', { date: '2026-12-20', time: '16:00' }],
  ],
};

// Questions that name no day and no time: about the massage, not a booking.
const QUESTIONS: Record<Exclude<Language, 'en'>, string[]> = {
  ko: ['마사지 얼마나 걸려요', '3시간 마사지 있어요?'],
  vi: ['có đau không', 'massage 1h giá bao nhiêu', 'đặt lịch với Mai', 'toi muon dat lich'],
  zh: ['按摩多久', '力度轻一点可以吗', '早上好', '輕一點 我怕痛'],
  ru: ['сколько длится массаж', '3 часа массажа', 'на полчаса'],
};
// A part of the day alone is a mention (a booking can take it), but no sign of a booking request: as in
// English, where only "this evening" or "next morning" counts.
const PARTS_OF_DAY: Record<Exclude<Language, 'en'>, string> = {
  ko: '오후에 열어요?',
  vi: 'buổi chiều có mở không',
  zh: '下午开门吗',
  ru: 'вечером работаете?',
};

for (const [language, examples] of Object.entries(EXAMPLES) as Array<[Exclude<Language, 'en'>, Array<[string, Expected]>]>) {
  describe(`findDateTimes in ${language}, on Sunday 6 December 2026 at 10:00 in Da Nang`, () => {
    it.each(examples)('%s', (text, expected) => {
      expect(only(text, language)).toEqual(expected);
    });

    it.each(QUESTIONS[language])('finds nothing in "%s"', (text) => {
      expect(find(text, language)).toEqual([]);
    });

    it('says which messages name a day or a time of day, and which do not', () => {
      for (const [text] of examples) expect(namesDayOrTimeIn(text, language), text).toBe(true);
      for (const text of [...QUESTIONS[language], PARTS_OF_DAY[language]]) expect(namesDayOrTimeIn(text, language), text).toBe(false);
    });

    it('reads a part of the day alone as one', () => {
      expect(find(PARTS_OF_DAY[language], language).map((m) => m.period)).toEqual([expect.any(String)]);
    });
  });
}

describe('findDateTimes in the languages other than English: in a whole message', () => {
  it('gives the words where the guest typed them, and the true instant in the zone', () => {
    const message = 'em muốn đặt lịch massage 60 phút vào 3h chiều mai nhé';
    expect(find(message, 'vi')).toMatchObject([{ text: '3h chiều mai', index: message.indexOf('3h'), start: new Date('2026-12-07T08:00:00Z') }]);
    expect(find('내일 오후 3시에 예약하고 싶어요', 'ko')[0]).toMatchObject({ text: '내일 오후 3시', index: 0, start: new Date('2026-12-07T08:00:00Z') });
  });

  it('joins the pieces of a mention across the words that join them', () => {
    expect(summary(find('хочу записаться на завтра на 3 часа дня', 'ru')[0]!)).toEqual({ date: '2026-12-07', time: '15:00' });
    expect(summary(find('cho mình đặt 2 người lúc 7 giờ tối nay', 'vi')[0]!)).toEqual({ date: '2026-12-06', time: '19:00' });
  });

  it('leaves greetings out: "早上好" greets, it asks for no morning', () => {
    expect(find('早上好，我想约周六上午十点', 'zh').map(summary)).toEqual([{ date: '2026-12-12', time: '10:00' }]);
    expect(find('chào buổi sáng', 'vi')).toEqual([]);
  });

  it('reads an hour that may be a length ("3h", "3 часа") only beside a day, a part of the day or "at"', () => {
    expect(find('massage 1h', 'vi')).toEqual([]);
    expect(find('3 часа', 'ru')).toEqual([]);
    expect(find('mai 2h', 'vi').map(summary)).toEqual([{ date: '2026-12-07', time: '14:00' }]);
    expect(find('в 3 часа', 'ru').map(summary)).toEqual([{ time: '15:00' }]);
    expect(find('lúc 1h', 'vi').map(summary)).toEqual([{ time: '13:00' }]);
  });

  it('reads a range of hours from its first hour, with its day and part of the day (Vietnamese and Korean)', () => {
    const range = (text: string, language: 'vi' | 'ko') => find(text, language).map((m) => ({ ...summary(m), until: m.end?.time?.hour }));
    expect(range('mai tầm 2h-3h nha', 'vi')).toEqual([{ date: '2026-12-07', time: '14:00', until: 15 }]);
    expect(range('chiều thứ 7 khoảng 4-5h', 'vi')).toEqual([{ date: '2026-12-12', time: '16:00', until: 17 }]);
    expect(range('10 đến 11h sáng', 'vi')).toEqual([{ time: '10:00', until: 11 }]);
    expect(range('내일 오후 2~3시쯤', 'ko')).toEqual([{ date: '2026-12-07', time: '14:00', until: 15 }]);
    expect(range('토요일 4시-5시', 'ko')).toEqual([{ date: '2026-12-12', time: '16:00', until: 17 }]);
    // Still no range: a count before a dash, or an hour that may be a length with nothing beside it.
    expect(range('2명 - 3시', 'ko')).toEqual([{ time: '15:00', until: undefined }]);
  });

  it('reads "3시 60분" as three o\'clock beside an hour\'s session: no clock has 60 minutes past', () => {
    expect(find('화요일 오후 3시 60분 예약할게요', 'ko').map((m) => ({ ...summary(m), text: m.text }))).toEqual([{ date: '2026-12-08', time: '15:00', text: '화요일 오후 3시' }]);
  });

  it('reads "mai" after a title as a name, and a weekday after one as the day ("giúp anh thứ 7 này" is this Saturday)', () => {
    expect(find('đặt lịch với chị Mai', 'vi')).toEqual([]);
    expect(find('đặt giúp anh thứ 7 này 10h sáng', 'vi').map(summary)).toEqual([{ date: '2026-12-12', time: '10:00' }]);
    expect(namesDayOrTimeIn('cho em chủ nhật nha', 'vi')).toBe(true);
    expect(namesDayOrTimeIn('cho em gặp chị Mai', 'vi')).toBe(false);
  });

  it('reads unmarked words only in a message typed without marks: "sang" is also "over to"', () => {
    expect(find('đổi sang thứ 7', 'vi').map(summary)).toEqual([{ date: '2026-12-12' }]);
    expect(find('em muon doi sang thu 7', 'vi').map(summary)).toEqual([{ date: '2026-12-12' }]);
  });

  it('reads a range of hours where chrono reads one (Chinese and Russian)', () => {
    expect(find('3点到5点', 'zh')[0]).toMatchObject({ time: { hour: 15, minute: 0 }, end: { time: { hour: 17, minute: 0 } } });
    expect(find('с 3 до 5', 'ru')[0]).toMatchObject({ time: { hour: 15, minute: 0 }, end: { time: { hour: 17, minute: 0 } } });
  });

  it('reads the "at 4:00" the booking writes for a bare hour, in every language', () => {
    for (const language of ['ko', 'vi', 'zh', 'ru'] as const) expect(find('at 4:00', language).map(summary), language).toEqual([{ time: '16:00' }]);
  });
});

describe('next week in the languages other than English: weeks start on Monday', () => {
  // Tuesday 8 December 2026 at 10:00 in Da Nang: next week runs from Monday the 14th.
  const TUESDAY_10AM = new Date('2026-12-08T03:00:00Z');
  const dayOf = (text: string, language: Language) => findDateTimes(text, { now: TUESDAY_10AM, timeZone: SPA_ZONE }, language).map((m) => m.date?.day);

  it.each([
    ['ru', 'в следующую пятницу', 18],
    ['ru', 'в пятницу на следующей неделе', 18],
    ['ru', 'в пятницу', 11],
    ['zh', '下周五', 18],
    ['zh', '周五', 11],
    ['ko', '다음 주 금요일', 18],
    ['ko', '금요일', 11],
    ['vi', 'thứ 6 tuần sau', 18],
    ['vi', 'thứ 6', 11],
  ] as Array<[Language, string, number]>)('%s: "%s" said on a Tuesday is the %ith', (language, text, day) => {
    expect(dayOf(text, language)).toEqual([day]);
  });
});
