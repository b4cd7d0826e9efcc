// The shape chrono asks of a parser (a pattern and an extract), and the checks our regex parsers share.
import type { ParsingComponents as Components, ParsingContext, ParsingResult } from 'chrono-node';

export interface RuleParser {
  pattern(context: ParsingContext): RegExp;
  extract(context: ParsingContext, match: RegExpMatchArray): Components | ParsingResult | null;
}

/** True when a match starts a word: chrono retries a failed match from the next character, where a lookbehind no longer sees the word before. */
export function atWordStart(context: ParsingContext, match: RegExpMatchArray): boolean {
  return !/[\p{L}\p{N}_]/u.test(context.text[(match.index ?? 0) - 1] ?? '');
}
/** The message text after a match, for the words that say what a number counts. */
export const textAfter = (context: ParsingContext, match: RegExpMatchArray): string =>
  context.text.slice((match.index ?? 0) + match[0].length);
