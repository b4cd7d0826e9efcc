import type { HealthContent } from '../content/index.ts';

/** Builds a test that says whether a message mentions surgery, an injury, pregnancy or a medical condition. */
export function createHealthCheck(health: HealthContent): (text: string) => boolean {
  const terms = Object.values(health.terms)
    .flat()
    .map((term) => term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+'));
  if (terms.length === 0) return () => false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  return (text) => pattern.test(text);
}
