// Words of correcting ("no wait", "à không", "아 아니다", "不对", "вернее"): what is said after them
// replaces what was said before. Matched as typed, Vietnamese with its marks folded (as its
// vocabulary is kept), so no message is normalised again for them; most messages cost one test.
import type { Language } from '../../languages.ts';
import { foldVietnamese } from '../languages/index.ts';
import type { BookingVocabulary, Normaliser } from '../normalise.ts';
import { phrasePattern } from '../phrases.ts';

/** Reads the words of correcting of a vocabulary. */
export function createCorrections(words: BookingVocabulary, normalise: Normaliser, language: Language) {
  const pattern = phrasePattern([...new Set([...words.corrections, ...words.corrections.map(normalise)])]);
  const all = pattern && new RegExp(pattern.source, 'giu');
  // Right before a time: the word, then at most a short word ("at", "lúc") and marks.
  const beforeAnEnd = pattern && new RegExp(`(?:${pattern.source})(?:[\\s,.!…]+\\p{L}{1,4})?[\\s,.!…]*$`, 'iu');
  // Letter for letter, so places in it are places in the text.
  const asKept = (text: string) => (language === 'vi' ? foldVietnamese(text) : text);
  return {
    /** What follows the last word of correcting, if the message has one. */
    after(typed: string): string | undefined {
      const text = asKept(typed);
      if (!pattern || !all || !pattern.test(text)) return undefined;
      const last = [...text.matchAll(all)].at(-1);
      return last ? text.slice((last.index ?? 0) + last[0].length) : undefined;
    },
    /** Whether the text ends with a word of correcting: what follows it corrects. */
    endsWithOne: (text: string): boolean => beforeAnEnd?.test(asKept(text)) === true,
  };
}
