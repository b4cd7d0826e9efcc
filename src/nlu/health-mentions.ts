// A health matter in a guest's message (surgery, an injury, pregnancy, a condition): the bot adds its
// advice to check with a doctor and tell the therapist. The terms are the spa's (content/health.yaml,
// and content/<language>/health.yaml for each language).
import { phrasePattern } from './phrases.ts';

/**
 * Builds a test that says whether a message mentions any of the terms, as whole words; `prepare`
 * brings terms and messages to one form first (Vietnamese with or without its marks).
 */
export function createHealthCheck(termsByKind: Record<string, readonly string[]>, prepare: (text: string) => string = (t) => t): (text: string) => boolean {
  const typed = Object.values(termsByKind).flat().map((term) => term.normalize('NFC').toLowerCase().replace(/-/g, ' '));
  const prepared = phrasePattern(typed.map(prepare), String.raw`[\s-]+`);
  // Vietnamese typed with its marks is read with them: folded, "gáy" (nape of the neck) is "gãy" (broken).
  const asTyped = phrasePattern(typed, String.raw`[\s-]+`);
  if (!prepared || !asTyped) return () => false;
  return (text) => {
    const lower = text.normalize('NFC').toLowerCase();
    const plain = prepare(lower);
    return plain === lower ? prepared.test(plain) : asTyped.test(lower);
  };
}
