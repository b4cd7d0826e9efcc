// Finding phrases as whole words. Scripts written with spaces (Latin, Cyrillic) need a word
// boundary on each side, so "no" is not found in "nothing". Chinese has no spaces, and Korean
// joins particles to its words ("수술했어요", "怀孕了"): there a phrase is found wherever it stands,
// spaced or not.

const JOINED_SCRIPT = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

// A letter or figure of a script written with spaces between words.
const SPACED_LETTER = String.raw`(?:(?![\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])`;

const escape = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern that finds any of the phrases as whole words (case-insensitive); `spacing` is the
 * pattern a space in a phrase stands for (any whitespace by default).
 */
export function phrasePattern(phrases: readonly string[], spacing = String.raw`\s+`): RegExp | undefined {
  if (phrases.length === 0) return undefined;
  const alternatives = phrases.map((phrase) => {
    // Korean is spaced loosely and Chinese hardly at all: "예약하고 싶어요", "예약하고싶어요" and "예약 하고
    // 싶어요" are one phrase, so between the letters of such a phrase a space may be typed or not.
    const body = JOINED_SCRIPT.test(phrase)
      ? [...phrase.replace(/\s+/g, '')].map(escape).join(String.raw`\s*`)
      : escape(phrase).replace(/\s+/g, spacing);
    // A Latin or Cyrillic word ends at a letter of a joined script: "medium得喇", "cancel해주세요".
    const before = JOINED_SCRIPT.test(phrase.at(0) ?? '') ? '' : `(?<!${SPACED_LETTER})`;
    const after = JOINED_SCRIPT.test(phrase.at(-1) ?? '') ? '' : `(?!${SPACED_LETTER})`;
    return `${before}${body}${after}`;
  });
  // Longest first, so the alternation finds "no health issues" before "no".
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(`(?:${alternatives.join('|')})`, 'iu');
}
