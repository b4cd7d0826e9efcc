import { describe, expect, it } from 'vitest';
import { trainIntentClassifier } from '../../src/nlu/index.ts';

// The two models rank together; the n-gram model, which learns many features from each phrasing, has
// its say in proportion to how many phrasings an intent has (in full from 20).
const FEW: Array<{ intent: string; examples: string[] }> = [
  { intent: 'faq.duration', examples: ['how long is the massage', 'how many minutes does it take'] },
  { intent: 'faq.pain', examples: ['does it hurt', 'is the massage painful'] },
  { intent: 'greeting', examples: ['hello there', 'good morning'] },
];
const TEXTS = ['how long does it hurt', 'hello', 'is it painful in the morning', 'massage minutes please'];

/** How far the two rankers' scores for any intent of the texts are apart, at most. */
async function widestGap(definitions: typeof FEW): Promise<number> {
  const both = await trainIntentClassifier(definitions, { ranker: 'both' });
  const perceptrons = await trainIntentClassifier(definitions, { ranker: 'perceptrons' });
  let widest = 0;
  for (const text of TEXTS) {
    const alone = new Map((await perceptrons.rank(text)).map((g) => [g.intent, g.score]));
    for (const g of await both.rank(text)) widest = Math.max(widest, Math.abs(g.score - (alone.get(g.intent) ?? 0)));
  }
  return widest;
}

describe('the two models ranking together', () => {
  it('leaves the ranking to the perceptrons but for a tenth of the n-gram share when the intents have two phrasings each', async () => {
    // Two phrasings of the twenty that give the full share of 0.35: no score moves by more than 0.035.
    expect(await widestGap(FEW)).toBeLessThanOrEqual(0.035 + 1e-9);
  });

  it('gives the n-gram model its share when the intents have twenty phrasings each', async () => {
    const many = FEW.map((d) => ({ ...d, examples: Array.from({ length: 20 }, (_, i) => `${d.examples[i % 2]} ${i}`) }));
    expect(await widestGap(many)).toBeGreaterThan(0.1);
  });
});
