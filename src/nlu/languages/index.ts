// What the classifier needs to know of each language: which NLP.js package tokenises and stems it
// (loaded on first use, so a language nobody writes costs nothing), how its text is brought to the
// form the phrasings are learnt in, and whether NLP.js's spelling check suits its words.
import type { Language } from '../../languages.ts';
import { foldVietnamese, withSyllablePairs } from './vietnamese.ts';
import { characterPairs } from './character-pairs.ts';

/** How one language is read by the classifier. */
export interface LanguageProfile {
  language: Language;
  /** The NLP.js plugin of the language (tokeniser, stemmer, stop words), when NLP.js has one worth its memory. */
  plugin?: () => Promise<unknown>;
  /** The text as the classifier reads it, after the vocabulary's spellings and the stand-ins. */
  prepare(text: string): string;
  /**
   * Correct a word the phrasings never use to the nearest one they do. Right for English and
   * Russian words; wrong for Korean, Chinese and Vietnamese, where one letter changes a short word
   * into another ("dau", hurt, is one letter from "sau", after).
   */
  spellCheck: boolean;
  /** The text as the n-gram model reads it (after the vocabulary's spellings and the stand-ins). */
  ngramText(text: string): string;
  /** The runs of characters the n-gram model reads: pieces of words, or whole characters where one is a word. */
  ngramChars: readonly [number, number];
}

const same = (text: string) => text;
// Pieces of three to five letters in alphabetic scripts; one to three characters in Korean and
// Chinese, where a syllable or a character already carries a word's meaning.
const WORD_PIECES = [3, 5] as const;
const SYLLABLES = [1, 3] as const;

/**
 * A named export of an NLP.js package, a CommonJS module: run from source it is on the module, in
 * the bundle it comes under `default`.
 */
function exported(module: object, name: string): unknown {
  const named = (module as Record<string, unknown>)[name];
  return named ?? ((module as { default?: Record<string, unknown> }).default ?? {})[name];
}

const PROFILES: Record<Language, LanguageProfile> = {
  en: { language: 'en', plugin: () => import('@nlpjs/lang-en').then((m) => exported(m, 'LangEn')), prepare: same, spellCheck: true, ngramText: same, ngramChars: WORD_PIECES },
  ru: { language: 'ru', plugin: () => import('@nlpjs/lang-ru').then((m) => exported(m, 'LangRu')), prepare: same, spellCheck: true, ngramText: same, ngramChars: WORD_PIECES },
  // NLP.js's Korean stemmer cuts words wrongly ("마사지" to "마사"), and its Chinese package segments
  // with a dictionary that costs some 200 MB once compiled: pairs of characters read chat-sized
  // questions better, for nothing (see character-pairs.ts).
  ko: { language: 'ko', prepare: characterPairs(/\p{Script=Hangul}+/u, { singles: false }), spellCheck: false, ngramText: same, ngramChars: SYLLABLES },
  zh: { language: 'zh', prepare: characterPairs(/\p{Script=Han}+/u, { singles: true }), spellCheck: false, ngramText: same, ngramChars: SYLLABLES },
  // Vietnamese is written in syllables: folded (guests often leave the marks out) and read with
  // pairs of syllables, since most words are two ("bao lâu", "mát xa").
  vi: { language: 'vi', prepare: (text) => withSyllablePairs(foldVietnamese(text)), spellCheck: false, ngramText: foldVietnamese, ngramChars: WORD_PIECES },
};

/** How the classifier reads a language. */
export function languageProfile(language: Language): LanguageProfile {
  return PROFILES[language];
}

export { foldVietnamese, foldedFor } from './vietnamese.ts';
