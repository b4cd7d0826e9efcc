// Telling "not English" apart from "English the bot did not understand", so the guest gets the
// right apology. Trigram guessers are unreliable on chat-sized text, so this uses plain signals:
// letters English does not use, how many words the bot has ever seen in English phrasings, and
// whether the words it has not seen look like another language's. English about something else
// ("bananas are technically berries") has few known words too, but nothing foreign about it: the
// bot did not understand it, and says so.

const NON_LATIN_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Thai}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Greek}\p{Script=Devanagari}\p{Script=Khmer}\p{Script=Lao}]/u;
// Vowels with the stacked marks of Vietnamese, plus đ, ơ and ư.
const VIETNAMESE_LETTER = /[đơưĐƠƯ\u1EA0-\u1EF9]/u;
const ACCENTED_LATIN = /[à-öø-ÿ]/iu;
// A Vietnamese syllable typed without its marks ("toi muon dat lich"), as guests often write: an
// initial consonant, a group of vowels and an optional final consonant. Few English words fit.
const UNMARKED_VIETNAMESE_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;

const COMMON_ENGLISH = `a about after again all am an and any are as at be been before but by can could
day do does for from get give got had has have he her here hi hey him his how i if in is it its just know
like me more my need no not now of off ok on one or our out please right see she so some than thank thanks
that the their them then there these they this time to too up us was we well were what when where which
who why will with would yes you your`.split(/\s+/);

// Everyday words of the languages visitors to Da Nang often write in Latin letters (French, German,
// Spanish, Italian, Portuguese, Dutch, Indonesian and Malay), none of them an English word, so a
// greeting or request typed without accents ("hola quiero reservar", "ich mochte einen termin") is
// still told apart from English the bot does not know.
const OTHER_LANGUAGE_WORDS = new Set(
  `bonjour bonsoir merci je voudrais veux est une avec pour nous vous sil svp oui demain aujourd hui
  hola buenos buenas gracias quiero quisiera para una por favor manana hoy tengo puedo usted
  hallo guten morgen abend danke bitte ich mochte moechte haben sie einen eine und ist nicht heute noch wir
  ciao buongiorno grazie vorrei sono domani oggi posso
  obrigado obrigada quero voce amanha
  goedemorgen dank graag ik wil morgen
  saya mau bisa terima kasih apa ada besok hari ini selamat pagi siang malam tolong boleh`.split(/\s+/),
);

/** Tells messages in another language from English ones. */
export interface LanguageCheck {
  /** Most of the words are in a script or alphabet English does not use (Vietnamese, Chinese, Russian...). */
  foreignScript(text: string): boolean;
  /**
   * Written in Latin letters in another language: too few words are English ones the bot knows, and
   * the text has accented letters, everyday words of another language, or the rest are Vietnamese
   * syllables typed without their marks.
   */
  otherLatinLanguage(text: string): boolean;
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
    otherLatinLanguage(text) {
      const list = words(text);
      if (list.length < 4) return false;
      const unknown = list.filter((w) => !vocabulary.has(w));
      const known = list.length - unknown.length;
      // Accented letters make another language likelier, so ask for a clearer English majority then.
      if (ACCENTED_LATIN.test(text)) return known / list.length < 0.5;
      if (unknown.filter((w) => OTHER_LANGUAGE_WORDS.has(w)).length >= 2) return known / list.length < 0.5;
      const vietnamese = unknown.filter((w) => UNMARKED_VIETNAMESE_SYLLABLE.test(w)).length;
      return known / list.length < 0.35 && vietnamese / unknown.length >= 0.5;
    },
  };
}

function words(text: string): string[] {
  // Tokens with digits (times, phone numbers, booking references like LS-7K3Q) belong to no language.
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !/\p{N}/u.test(w));
}
