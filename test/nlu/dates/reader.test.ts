import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/errors.ts';
import type { Language } from '../../../src/languages.ts';
import { createBookingReader } from '../../../src/nlu/booking/index.ts';
import { EMPTY_VOCABULARY, createNormaliser } from '../../../src/nlu/normalise.ts';
import { readDateWords } from '../../../src/nlu/dates/words.ts';

// The booking reader in the guest's language: the time wanted, an hour alone and a length, read with the
// date words (the language's booking vocabulary is someone else's file: the empty one is enough here).
const ref = { now: new Date('2026-12-06T03:00:00Z'), timeZone: 'Asia/Ho_Chi_Minh' }; // Sunday 10:00 in Da Nang
const readerIn = (language: Language) => createBookingReader(EMPTY_VOCABULARY, createNormaliser(EMPTY_VOCABULARY), [], 'VN', language);
const wanted = (text: string, language: Language) => {
  const m = readerIn(language).wantedTime(text, ref);
  return m && { date: m.date && `${m.date.month}/${m.date.day}`, time: m.time && `${m.time.hour}:${String(m.time.minute).padStart(2, '0')}`, period: m.period };
};

describe('the booking reader in the guest language', () => {
  it('takes the mention that says most as the time wanted', () => {
    expect(wanted('em muốn đặt lịch massage 60 phút vào 3h chiều mai', 'vi')).toEqual({ date: '12/7', time: '15:00', period: undefined });
    expect(wanted('早上好，我想约周六上午十点', 'zh')).toEqual({ date: '12/12', time: '10:00', period: undefined });
    expect(wanted('토요일 오후', 'ko')).toEqual({ date: '12/12', time: undefined, period: 'afternoon' });
    expect(wanted('сейчас хочу на завтра в 4', 'ru')).toEqual({ date: '12/7', time: '16:00', period: undefined });
    expect(wanted('晚上好', 'zh')).toBeUndefined();
  });

  it('reads an hour alone as the answer to "what time?"', () => {
    const cases: Array<[Language, string, { hour: number; minute: number } | undefined]> = [
      ['ko', '3시', { hour: 15, minute: 0 }],
      ['ko', '오후 3시요', { hour: 15, minute: 0 }],
      ['vi', '3 giờ', { hour: 15, minute: 0 }],
      ['vi', '15h', { hour: 15, minute: 0 }],
      ['vi', '3h', { hour: 3, minute: 0 }], // as typed: the booking reads "at 3:00" as 15:00
      ['zh', '3点', { hour: 15, minute: 0 }],
      ['ru', 'в 3', { hour: 15, minute: 0 }],
      ['ru', '4?', { hour: 4, minute: 0 }],
      ['vi', 'mai 3h', undefined], // a day: a wanted time, not an hour alone
      ['ko', '2명이요', undefined],
      ['ru', 'сейчас', undefined],
    ];
    for (const [language, text, hour] of cases) expect(readerIn(language).bareHour(text), `${language}: ${text}`).toEqual(hour);
  });

  it('reads the session length in the language, and English as before', () => {
    expect(readerIn('vi').minutes('1 tiếng rưỡi', false)).toBe(90);
    expect(readerIn('ko').minutes('1시간', false)).toBe(60);
    expect(readerIn('zh').minutes('半小时', false)).toBe(30);
    expect(readerIn('ru').minutes('на час', false)).toBe(60);
    expect(readerIn('ru').minutes('в 3 часа', false)).toBeUndefined();
    expect(readerIn('en').minutes('an hour', false)).toBe(60);
    expect(readerIn('en').bareHour('is 4 ok?')).toEqual({ hour: 4, minute: 0 });
  });
});

describe('the date words files', () => {
  it.each(['vi', 'ko', 'zh', 'ru'] as const)('%s reads and validates', (language) => {
    const words = readDateWords(language);
    expect(Object.keys(words.days).length).toBeGreaterThan(0);
    expect(words.clocks.length).toBeGreaterThan(0);
    expect(words.lengths.hours.length).toBeGreaterThan(0);
  });

  it('names the file and the problem when one is broken', () => {
    const folder = mkdtempSync(join(tmpdir(), 'date-words-'));
    writeFileSync(join(folder, 'ko.yaml'), 'whole_words: false\nclocks: ["{hour}시"]\n');
    expect(() => readDateWords('ko', folder)).toThrow(ContentError);
    expect(() => readDateWords('ko', folder)).toThrow(/ko\.yaml.*clocks\.0: must hold \{h\}/);
    writeFileSync(join(folder, 'vi.yaml'), 'whole_words: [\n');
    expect(() => readDateWords('vi', folder)).toThrow(/vi\.yaml: cannot be read as YAML/);
  });
});
