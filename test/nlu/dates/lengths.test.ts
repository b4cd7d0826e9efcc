import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/languages.ts';
import { findDuration } from '../../../src/nlu/durations.ts';

// Session lengths in Vietnamese, Korean, Chinese and Russian, with the words of intents/vocabulary/dates/.
const LENGTHS: Array<[Exclude<Language, 'en'>, string, number, string]> = [
  ['vi', 'một tiếng', 60, 'một tiếng'],
  ['vi', '1 tiếng', 60, '1 tiếng'],
  ['vi', '60 phút', 60, '60 phút'],
  ['vi', 'nửa tiếng', 30, 'nửa tiếng'],
  ['vi', '30p', 30, '30p'],
  ['vi', '1 tiếng rưỡi', 90, '1 tiếng rưỡi'],
  ['vi', 'mot tieng', 60, 'mot tieng'],
  ['vi', 'em muốn massage 90 phút chiều mai', 90, '90 phút'],
  ['ko', '한 시간', 60, '한 시간'],
  ['ko', '1시간', 60, '1시간'],
  ['ko', '60분', 60, '60분'],
  ['ko', '30분', 30, '30분'],
  ['ko', '반 시간', 30, '반 시간'],
  ['ko', '1시간 반', 90, '1시간 반'],
  ['ko', '내일 3시에 90분 마사지', 90, '90분'],
  ['zh', '一个小时', 60, '一个小时'],
  ['zh', '一小时', 60, '一小时'],
  ['zh', '60分钟', 60, '60分钟'],
  ['zh', '半小时', 30, '半小时'],
  ['zh', '一个半小时', 90, '一个半小时'],
  ['zh', '两个小时', 120, '两个小时'],
  ['ru', 'час', 60, 'час'],
  ['ru', 'на час', 60, 'час'],
  ['ru', '1 час', 60, '1 час'],
  ['ru', '60 минут', 60, '60 минут'],
  ['ru', 'полчаса', 30, 'полчаса'],
  ['ru', '30 мин', 30, '30 мин'],
  ['ru', 'полтора часа', 90, 'полтора часа'],
];

describe('findDuration in the languages other than English', () => {
  it.each(LENGTHS)('%s: "%s" is %i minutes', (language, text, minutes, said) => {
    const found = findDuration(text, language);
    expect(found).toEqual({ minutes, text: said, index: text.indexOf(said) });
  });

  it.each([
    // Plain questions
    ['vi', 'có đau không'],
    ['ko', '마사지 얼마나 걸려요'],
    ['zh', '按摩多久'],
    ['ru', 'сколько длится массаж'],
    // Points in time said with a length
    ['vi', 'sau 1 tiếng'],
    ['vi', '1 tiếng nữa'],
    ['ko', '1시간 후'],
    ['zh', '一小时后'],
    ['ru', 'через час'],
    ['ru', 'в 3 часа'],
    ['ru', 'в час дня'],
    // Minutes of a clock time, not of a session
    ['vi', '3 giờ 15 phút'],
    ['ko', '3시 30분'],
    ['ru', '3 часа дня'],
  ] as Array<[Exclude<Language, 'en'>, string]>)('%s: finds no length in "%s"', (language, text) => {
    expect(findDuration(text, language)).toBeUndefined();
  });

  it('keeps English as it was when no language is given', () => {
    expect(findDuration('an hour and a half')?.minutes).toBe(90);
    expect(findDuration('một tiếng')).toBeUndefined();
  });
});
