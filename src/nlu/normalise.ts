// Guests type fast: "hw long r u open", "heyyy", "don’t". Before the classifier reads a message (and
// each phrasing when it learns) the text is brought to one form: lower case, one kind of apostrophe,
// letters held down ("sooo") shortened, and chat spellings written out from the vocabulary's table
// (intents/vocabulary/<language>.yaml), so the words are data and not code.

/** The words of one language as guests type them in a chat. */
export interface Vocabulary {
  /** Whole chat words and what they stand for ("u" -> "you"); an empty value drops the word ("lol"). */
  spellings: Record<string, string>;
  /** Words that join a second question to a first ("and", "also"). */
  joiners: string[];
  /** Words a question starts with ("how", "does"). */
  question_starts: string[];
}

export const EMPTY_VOCABULARY: Vocabulary = { spellings: {}, joiners: [], question_starts: [] };

/** A function that brings a message to the form phrasings are learnt in. */
export type Normaliser = (text: string) => string;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'/.]*[\p{L}\p{N}/]|[\p{L}\p{N}]/gu;

/** Builds the normaliser for a vocabulary. */
export function createNormaliser(vocabulary: Vocabulary): Normaliser {
  const spellings = new Map(Object.entries(vocabulary.spellings).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
  return (text) =>
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
      // A letter typed three times or more is one letter: "heyyy", "sooo", "pleeease".
      .replace(/(\p{L})\1{2,}/gu, '$1')
      .replace(WORD, (word) => {
        const bare = word.replace(/[.']+$/, '');
        const written = spellings.get(word) ?? spellings.get(bare) ?? spellings.get(bare.replace(/'/g, ''));
        return written ?? word;
      })
      .replace(/\s+/g, ' ')
      .trim();
}
