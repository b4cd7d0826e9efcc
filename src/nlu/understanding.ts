import type { IntentDefinition } from './intent-definitions.ts';
import { trainIntentClassifier, type IntentClassifier, type IntentGuess } from './intent-classifier.ts';
import { createLanguageCheck, type LanguageCheck } from './language.ts';
import { loadOrTrainClassifier, type ModelSource } from './model-cache.ts';

/** What a guest's message most likely is. */
export type Interpretation =
  | { kind: 'other-language' }
  | { kind: 'unsure'; guess: IntentGuess }
  | { kind: 'intent'; intent: string; score: number };

/** How sure the classifier must be; one- and two-word messages ("ok", "more") must clear a higher bar. */
export interface InterpretOptions {
  threshold: number;
  /** Skip the "too few English words" test (a message that names a medical condition, say). */
  skipVocabularyCheck?: boolean;
}

// "ok", "next", "more" or "no" on their own carry too little to pick an answer from.
const SHORT_MESSAGE_MIN_SCORE = 0.5;

/** What the core needs to understand a guest: the intent of a message and whether it is English. */
export interface Understanding extends IntentClassifier {
  language: LanguageCheck;
  /** Language check, classification and confidence rules in one decision, the same everywhere. */
  interpret(text: string, options: InterpretOptions): Promise<Interpretation>;
  /** Whether the classifier was loaded from a kept model or trained at start-up. */
  readonly modelSource: ModelSource | 'trained-in-memory';
}

/** Where trained models are kept between starts; without it the classifier is trained each time. */
export interface UnderstandingOptions {
  modelCacheDir?: string;
}

/** Trains the intent classifier and the language check from the same English phrasings. */
export async function createUnderstanding(definitions: IntentDefinition[], options: UnderstandingOptions = {}): Promise<Understanding> {
  const { classifier, source } = options.modelCacheDir
    ? await loadOrTrainClassifier(definitions, options.modelCacheDir)
    : { classifier: await trainIntentClassifier(definitions), source: 'trained-in-memory' as const };
  const language = createLanguageCheck(definitions.flatMap((d) => d.examples));
  const intents = new Set(classifier.intents);
  return {
    intents: classifier.intents,
    classify: (text) => classifier.classify(text),
    language,
    modelSource: source,
    async interpret(text, options) {
      if (language.foreignScript(text) || (!options.skipVocabularyCheck && language.fewEnglishWords(text))) return { kind: 'other-language' };
      const guess = await classifier.classify(text);
      const words = text.split(/\s+/).filter(Boolean).length;
      const threshold = words <= 2 ? Math.max(options.threshold, SHORT_MESSAGE_MIN_SCORE) : options.threshold;
      if (guess.score < threshold || !intents.has(guess.intent)) return { kind: 'unsure', guess };
      return { kind: 'intent', intent: guess.intent, score: guess.score };
    },
  };
}
