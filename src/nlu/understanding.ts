import type { IntentDefinition } from './intent-definitions.ts';
import { trainIntentClassifier, type IntentClassifier } from './intent-classifier.ts';
import { createLanguageCheck, type LanguageCheck } from './language.ts';

/** What the core needs to understand a guest: the intent of a message and whether it is English. */
export interface Understanding extends IntentClassifier {
  language: LanguageCheck;
}

/** Trains the intent classifier and the language check from the same English phrasings. */
export async function createUnderstanding(definitions: IntentDefinition[]): Promise<Understanding> {
  const classifier = await trainIntentClassifier(definitions);
  const language = createLanguageCheck(definitions.flatMap((d) => d.examples));
  return { intents: classifier.intents, classify: (text) => classifier.classify(text), language };
}
