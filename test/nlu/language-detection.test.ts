import { beforeAll, describe, expect, it } from 'vitest';
import { loadUnderstandings, type Understandings } from '../../src/nlu/index.ts';
import { INTENTS_DIR, MODEL_CACHE_DIR } from '../helpers/bot.ts';

let understandings: Understandings;
beforeAll(async () => {
  understandings = await loadUnderstandings(INTENTS_DIR, { modelCacheDir: MODEL_CACHE_DIR });
});

describe('which language a message is in', () => {
  it.each([
    ['마사지 시간이 얼마나 걸려요?', 'ko'],
    ['按摩会疼吗', 'zh'],
    ['сколько стоит массаж?', 'ru'],
    ['massage có đau không', 'vi'],
    ['bao lau', 'vi'],
    ['co dau khong', 'vi'],
    ['toi muon dat lich massage lung vao ngay mai', 'vi'],
    ['how long is the massage', 'en'],
    ['こんにちは、予約したいです', 'other'],
    // A word in Latin letters inside Chinese or Korean is a loanword, not another language.
    ['petrissage是什么意思', 'zh'],
    ['deep tissue 가능해요', 'ko'],
  ])('%s -> %s', (text, language) => {
    expect(understandings.detect(text)).toBe(language);
  });

  it.each([['ok'], ['60'], ['+84 905 123 456'], ['Do Thi Lan'], ['Nguyễn Thị Lan'], ['cancel LS-7K3Q'], ['cancel LS-THUY'], ['cancel LS-NHAC'], ['khong quan trong, anyone']])(
    'says nothing of a language for "%s", so the conversation keeps its own',
    (text) => {
      expect(understandings.detect(text)).toBeUndefined();
    },
  );

  it.each([
    ['English please', 'en'],
    ['tiếng Việt', 'vi'],
    ['tieng viet di', 'vi'],
    ['한국어로 해주세요', 'ko'],
    ['请用中文', 'zh'],
    ['по-русски пожалуйста', 'ru'],
  ])('"%s" asks for %s', (text, language) => {
    expect(understandings.askedLanguage(text)).toBe(language);
  });

  it.each([['do the therapists speak english?'], ['is this massage good for korean people?'], ['我想预约明天下午三点']])('"%s" asks for no language', (text) => {
    expect(understandings.askedLanguage(text)).toBeUndefined();
  });
});
