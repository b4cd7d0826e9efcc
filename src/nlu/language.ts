// Telling "not English" apart from "English the bot did not understand", so the guest gets the
// right apology. Trigram guessers are unreliable on chat-sized text, so this uses two plain signals:
// letters English does not use, and how many words the bot has ever seen in English phrasings.

const NON_LATIN_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Thai}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}\p{Script=Khmer}\p{Script=Lao}]/u;
// Vowels with the stacked marks of Vietnamese, plus đ, ơ and ư.
const VIETNAMESE_LETTER = /[đơưĐƠƯ\u1EA0-\u1EF9]/u;
const ACCENTED_LATIN = /[à-öø-ÿ]/iu;

const COMMON_ENGLISH = `a about after again all am an and any are as at be been before but by can could
day do does for from get give got had has have he her here hi hey him his how i if in is it its just know
like me more my need no not now of off ok on one or our out please right see she so some than thank thanks
that the their them then there these they this time to too up us was we well were what when where which
who why will with would yes you your`.split(/\s+/);

/** Tells messages in another language from English ones. */
export interface LanguageCheck {
  /** Most of the words are in a script or alphabet English does not use (Vietnamese, Chinese, Russian...). */
  foreignScript(text: string): boolean;
  /** Written in Latin letters, but too few words are English ones the bot knows. */
  fewEnglishWords(text: string): boolean;
}

/** Builds a language check whose English vocabulary includes every word of the given phrasings. */
export function createLanguageCheck(knownEnglishText: Iterable<string>): LanguageCheck {
  const vocabulary = new Set(COMMON_ENGLISH);
  for (const text of knownEnglishText) for (const word of words(text)) vocabulary.add(word);

  return {
    foreignScript(text) {
      const list = words(text);
      if (list.length === 0) return false;
      // A share, not any one letter: "is it near Hội An?" is still English.
      const foreign = list.filter((w) => NON_LATIN_LETTER.test(w) || VIETNAMESE_LETTER.test(w)).length;
      return foreign / list.length >= 0.3;
    },
    fewEnglishWords(text) {
      const list = words(text);
      if (list.length < 4) return false;
      const known = list.filter((w) => vocabulary.has(w)).length;
      // Accented letters make another language likelier, so ask for a clearer English majority then.
      const threshold = ACCENTED_LATIN.test(text) ? 0.5 : 0.35;
      return known / list.length < threshold;
    },
  };
}

function words(text: string): string[] {
  // Tokens with digits (times, phone numbers, booking references like LS-7K3Q) belong to no language.
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !/\p{N}/u.test(w));
}
