// Finding phrases as whole words. Scripts written with spaces (Latin, Cyrillic) need a word
// boundary on each side, so "no" is not found in "nothing". Chinese has no spaces, and Korean
// joins particles to its words ("수술했어요", "怀孕了"): there a phrase is found wherever it stands,
// spaced or not.

const JOINED_SCRIPT = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

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
    const before = JOINED_SCRIPT.test(phrase.at(0) ?? '') ? '' : String.raw`(?<![\p{L}\p{N}])`;
    const after = JOINED_SCRIPT.test(phrase.at(-1) ?? '') ? '' : String.raw`(?![\p{L}\p{N}])`;
    return `${before}${body}${after}`;
  });
  // Longest first, so the alternation finds "no health issues" before "no".
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(`(?:${alternatives.join('|')})`, 'iu');
}
