// A health matter in a guest's message (surgery, an injury, pregnancy, a condition): the bot adds its
// advice to check with a doctor and tell the therapist. The terms are the spa's (content/health.yaml,
// and content/<language>/health.yaml for each language).
import { phrasePattern } from './phrases.ts';

/**
 * Builds a test that says whether a message mentions any of the terms, as whole words; `prepare`
 * brings terms and messages to one form first (Vietnamese with or without its marks).
 */
export function createHealthCheck(termsByKind: Record<string, readonly string[]>, prepare: (text: string) => string = (t) => t): (text: string) => boolean {
  const terms = Object.values(termsByKind).flat().map((term) => prepare(term.toLowerCase()).replace(/-/g, ' '));
  const pattern = phrasePattern(terms, String.raw`[\s-]+`);
  return pattern ? (text) => pattern.test(prepare(text)) : () => false;
}
