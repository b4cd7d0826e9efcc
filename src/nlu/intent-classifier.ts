import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import type { IntentDefinition } from './intent-definitions.ts';

/** What the classifier thinks the guest meant, best first. */
export interface IntentGuess {
  intent: string;
  /** 0..1; how sure the classifier is. */
  score: number;
  /** The runner-up, to tell a clear answer from a coin toss. */
  runnerUp?: { intent: string; score: number };
}

/** Classifies guest text into the intents it was trained on. */
export interface IntentClassifier {
  classify(text: string): Promise<IntentGuess>;
  readonly intents: readonly string[];
}

/** Trains an NLP.js classifier (English) on the given phrasings. */
export async function trainIntentClassifier(definitions: IntentDefinition[]): Promise<IntentClassifier> {
  const container = containerBootstrap();
  container.use(LangEn);
  const nlp = new Nlp(
    {
      languages: ['en'],
      autoSave: false,
      autoLoad: false,
      calculateSentiment: false,
      nlu: { log: false },
    },
    container,
  );
  for (const { intent, examples } of definitions) {
    for (const example of examples) nlp.addDocument('en', example, intent);
  }
  await nlp.train();

  const intents = definitions.map((d) => d.intent);
  return {
    intents,
    async classify(text) {
      // The NLU manager alone: entity extraction and sentiment are not needed here and cost time.
      const result = await nlp.nluManager.process('en', text);
      const [best, second] = result.classifications;
      if (!best || best.intent === 'None') return { intent: 'None', score: best?.score ?? 0 };
      return {
        intent: best.intent,
        score: best.score,
        ...(second ? { runnerUp: { intent: second.intent, score: second.score } } : {}),
      };
    },
  };
}
