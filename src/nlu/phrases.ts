// Finding phrases as whole words. Scripts written with spaces (Latin, Cyrillic) need a word
// boundary on each side, so "no" is not found in "nothing". Chinese has no spaces, and Korean
// joins particles to its words ("수술했어요", "怀孕了"): there a phrase is found wherever it stands,
// spaced or not.

// A letter of a script written without spaces between words, and a letter or figure of one written with them.
const JOINED_LETTER = String.raw`[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]`;
const JOINED_SCRIPT = new RegExp(JOINED_LETTER, 'u');
const SPACED_LETTER = String.raw`(?:(?!${JOINED_LETTER})[\p{L}\p{N}])`;
// A spaced word starts (ends) here: no letter of a spaced script before (after) it.
const BOUNDARY_BEFORE = `(?<!${SPACED_LETTER})`;
const BOUNDARY_AFTER = `(?!${SPACED_LETTER})`;

const escape = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern that finds any of the phrases as whole words (case-insensitive); `spacing` is the
 * pattern a space in a phrase stands for (any whitespace by default).
 */
export function phrasePattern(phrases: readonly string[], spacing = String.raw`\s+`): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  const key = `${spacing}\n${phrases.join('\n')}`;
  const made = madePatterns.get(key)?.deref();
  if (made) return made;
  const pattern = newPhrasePattern(phrases, spacing);
  madePatterns.set(key, new WeakRef(pattern));
  forgetPattern.register(pattern, key);
  return pattern;
}

// A pattern made from the same phrases is the same one. Lists recur (each language's booking reader
// reads the English short answers too; the segmenter and the typed answers both test question
// endings), and V8 compiles every pattern object of its own to machine code of its own, some
// hundred kilobytes for a long list. Shared, they are safe: the pattern has no g or y flag, so
// matching neither reads nor moves its lastIndex. Held weakly, so that a reload of the content
// does not keep the patterns of the old one.
const madePatterns = new Map<string, WeakRef<RegExp>>();
const forgetPattern = new FinalizationRegistry<string>((key) => {
  if (madePatterns.get(key)?.deref() === undefined) madePatterns.delete(key);
});

function newPhrasePattern(phrases: readonly string[], spacing: string): RegExp {
  const alternatives = phrases.map((phrase) => {
    // Korean is spaced loosely and Chinese hardly at all: "예약하고 싶어요", "예약하고싶어요" and "예약 하고
    // 싶어요" are one phrase, so between the letters of such a phrase a space may be typed or not.
    const body = JOINED_SCRIPT.test(phrase)
      ? [...phrase.replace(/\s+/g, '')].map(escape).join(String.raw`\s*`)
      : escape(phrase).replace(/\s+/g, spacing);
    // Longest first, counted with the word-boundary tests a phrase of a spaced script needs at either end.
    const weight = body.length + (JOINED_SCRIPT.test(phrase.at(0) ?? '') ? 0 : BOUNDARY_BEFORE.length) + (JOINED_SCRIPT.test(phrase.at(-1) ?? '') ? 0 : BOUNDARY_AFTER.length);
    return { body, weight };
  });
  // Longest first, so the alternation finds "no health issues" before "no".
  alternatives.sort((a, b) => b.weight - a.weight);
  // The boundary tests stand once around the alternation, not beside each phrase (compiled, a test per
  // phrase costs megabytes over a vocabulary): a phrase that starts or ends with a letter of a joined
  // script needs none there; one of a spaced script ends at a letter of a joined one ("medium得喇",
  // "cancel해주세요").
  const body = alternatives.map((a) => a.body).join('|');
  return new RegExp(`(?:(?=${JOINED_LETTER})|${BOUNDARY_BEFORE})(?:${body})(?:(?<=${JOINED_LETTER})|${BOUNDARY_AFTER})`, 'iu');
}
