// Which language a guest's message is in. The script decides most of it: Hangul is Korean, Han
// characters Chinese, Cyrillic Russian, and the letters only Vietnamese has (ơ, ư, đ, ắ, ộ...)
// Vietnamese. Latin letters without them are English or Vietnamese typed without its marks ("bao
// lau", "co dau khong"): the words each language's phrasings use tell them apart. Short messages
// that say nothing of a language ("ok", "60", "Anna Tran", a phone number) give no answer, so a
// conversation keeps its language.
import type { Language } from '../languages.ts';
import { foldVietnamese } from './languages/vietnamese.ts';
import { blankBookingRefs } from '../booking/references.ts';

/** A language the bot speaks, `other` for a script it does not read (Japanese kana, Thai...), or undefined when the message does not say. */
export type DetectedLanguage = Language | 'other' | undefined;

// A script counts when at least this share of the message's letters are in it.
const SCRIPT_SHARE = 0.3;
// How many Latin letters a Han character or a Hangul syllable counts for.
const SYLLABLE_WEIGHT = 3;
// Unmarked Vietnamese needs most of its words to be words of the Vietnamese phrasings, and clearly more of them than English ones.
const FOLDED_SHARE = 0.6;
const FOLDED_LEAD = 0.2;
// More English words than this share, and an unmarked Vietnamese message is mixed: no switch.
const MIXED_ENGLISH_SHARE = 0.2;
// Up to this many words, each with a capital, are read as a name.
const NAME_MAX_WORDS = 4;

const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
// Letters Vietnamese uses and the other Latin-script languages visitors write do not: ă, đ, ơ, ư
// and the vowels with a tone mark stacked on another mark (U+1EA0 to U+1EF9).
const VIETNAMESE_ONLY = /[ăđơưĂĐƠƯ\u1EA0-\u1EF9]/u;

/** Builds the detector from the words each language's phrasings use. */
export function createLanguageDetector(words: { en: ReadonlySet<string>; vi: ReadonlySet<string> }): (text: string) => DetectedLanguage {
  return (written) => {
    // A booking reference is a code, whatever its letters spell ("LS-THUY").
    const text = blankBookingRefs(written);
    const letters = text.match(/\p{L}/gu) ?? [];
    if (letters.length === 0) return undefined;
    // A Han character or a Hangul syllable says as much as a short Latin word: "effleurage是什么" is Chinese.
    const weightOf = (letter: string) => (HAN.test(letter) || HANGUL.test(letter) ? SYLLABLE_WEIGHT : 1);
    const total = letters.reduce((sum, l) => sum + weightOf(l), 0);
    const share = (script: RegExp) => letters.filter((l) => script.test(l)).reduce((sum, l) => sum + weightOf(l), 0) / total;
    if (share(KANA) > 0 && share(KANA) + share(HAN) >= SCRIPT_SHARE) return 'other';
    if (share(HANGUL) >= SCRIPT_SHARE) return 'ko';
    if (share(HAN) >= SCRIPT_SHARE) return 'zh';
    if (share(CYRILLIC) >= SCRIPT_SHARE) return 'ru';
    if (share(LATIN) < 1 - SCRIPT_SHARE) return 'other';

    // "Nguyễn Thị Lan", "Do Thi Lan": a name says nothing of the language its owner chats in.
    const typed = text.match(/\p{L}+/gu) ?? [];
    if (typed.length <= NAME_MAX_WORDS && typed.every((w) => /^\p{Lu}/u.test(w))) return undefined;
    // Single letters ("k", "e", "a") and codes (a booking reference, "3pm", "15h") belong to no language.
    const list = (text.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !/\p{N}/u.test(w) && !/^\p{Lu}{2}$/u.test(w)).map((w) => w.toLowerCase());
    if (list.length === 0) return undefined;
    const marked = list.filter((w) => VIETNAMESE_ONLY.test(w)).length;
    if (marked >= 2 || (marked >= 1 && marked / list.length >= 0.25)) return 'vi';
    if (list.length < 2) return undefined;
    const english = list.filter((w) => words.en.has(w)).length / list.length;
    const vietnamese = list.filter((w) => words.vi.has(foldVietnamese(w))).length / list.length;
    // Words only English uses ("anyone"), not the ones both write ("massage", "spa", "ok").
    const onlyEnglish = list.filter((w) => words.en.has(w) && !words.vi.has(foldVietnamese(w))).length / list.length;
    // Mixed with English words ("khong quan trong, anyone"), it is no switch.
    if (vietnamese >= FOLDED_SHARE && vietnamese >= english + FOLDED_LEAD && onlyEnglish <= MIXED_ENGLISH_SHARE) return 'vi';
    if (list.length >= 3 && english >= 0.5) return 'en';
    return undefined;
  };
}

/** The words of a set of phrasings, lower case (folded for Vietnamese), for the detector. */
export function wordsOf(examples: Iterable<string>, fold: (word: string) => string = (w) => w): Set<string> {
  const typed = new Set<string>();
  for (const example of examples) for (const word of example.toLowerCase().match(/\p{L}+/gu) ?? []) typed.add(word);
  // Each word folded once: the phrasings repeat their words (Vietnamese's 32,000 are 1,500 different ones).
  const words = new Set<string>();
  for (const word of typed) words.add(fold(word));
  return words;
}
