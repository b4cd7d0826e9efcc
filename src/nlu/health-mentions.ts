// A health matter in a guest's message (surgery, an injury, pregnancy, a condition): the bot adds its
// advice to check with a doctor and tell the therapist. The terms are the spa's (content/health.yaml).

/** Builds a test that says whether a message mentions any of the terms, as whole words. */
export function createHealthCheck(termsByKind: Record<string, readonly string[]>): (text: string) => boolean {
  const terms = Object.values(termsByKind)
    .flat()
    .map((term) => term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+'));
  if (terms.length === 0) return () => false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  return (text) => pattern.test(text);
}
