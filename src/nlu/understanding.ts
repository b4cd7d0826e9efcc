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
  /** Skip the test for another language in Latin letters (a message that names a medical condition, say). */
  skipVocabularyCheck?: boolean;
}

// "ok", "next", "more" or "no" on their own carry too little to pick an answer from.
const SHORT_MESSAGE_MIN_SCORE = 0.5;

// What the spa's bot does not cover (intents/out_of_scope.yaml): its phrasings are about other
// things, so their words are no sign that a message is about the spa.
const OUT_OF_SCOPE = 'out_of_scope';

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
  const spaIntents = classifier.intents.filter((intent) => intent !== OUT_OF_SCOPE);

  /**
   * The classifier's guess, its score weighed by the share of the message's meaningful words that
   * the spa's phrasings use. The classifier reads only the words it knows, so without this "I like
   * jazz" is as sure as "I like" ("I'd like to book"), and a sentence about a volcano as sure as the
   * "the" and "is" it shares with spa questions. The phrasings cover what guests ask a spa; a
   * message made mostly of other words is about something else.
   */
  async function weighedGuess(text: string): Promise<IntentGuess> {
    const guess = await classifier.classify(text);
    if (guess.intent === OUT_OF_SCOPE || guess.score === 0) return guess;
    return { ...guess, score: guess.score * (await classifier.knownWordShare(text, spaIntents)) };
  }

  return {
    intents: classifier.intents,
    classify: (text) => classifier.classify(text),
    knownWordShare: (text, of) => classifier.knownWordShare(text, of),
    get cachedTexts() {
      return classifier.cachedTexts;
    },
    language,
    modelSource: source,
    async interpret(text, options) {
      if (language.foreignScript(text) || (!options.skipVocabularyCheck && language.otherLatinLanguage(text))) return { kind: 'other-language' };
      const guess = await weighedGuess(text);
      const words = text.split(/\s+/).filter(Boolean).length;
      const threshold = words <= 2 ? Math.max(options.threshold, SHORT_MESSAGE_MIN_SCORE) : options.threshold;
      if (guess.score < threshold || !intents.has(guess.intent)) return { kind: 'unsure', guess };
      return { kind: 'intent', intent: guess.intent, score: guess.score };
    },
  };
}
