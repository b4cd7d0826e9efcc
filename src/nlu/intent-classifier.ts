import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import type { IntentDefinition } from './intent-definitions.ts';

/** What the classifier thinks the guest meant. */
export interface IntentGuess {
  /** The best intent, or `None` when nothing the bot knows fits. */
  intent: string;
  /** 0..1: how strongly the message matches the intent, not just how it ranks against the others. */
  score: number;
}

/** Classifies guest text into the intents it was trained on. */
export interface IntentClassifier {
  classify(text: string): Promise<IntentGuess>;
  readonly intents: readonly string[];
}

/** Settings of the NLP.js classifier, for benchmarks that try others. */
export interface ClassifierOptions {
  /** NLP.js `nlu` settings (e.g. `{ useNoneFeature: false }`). */
  nlu?: Record<string, unknown>;
  /** Replace numbers, dates and times with stand-in words (default true). */
  standIns?: boolean;
}

// Dates, times and amounts vary endlessly and say little about what the guest wants; the
// classifier sees them as a few stand-in words, in training and in use alike.
const STAND_INS: Array<[RegExp, string]> = [
  [/\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/g, ' someday '],
  [/\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?=\W|$)/gi, ' sometime '],
  [/\b\d{1,2}:\d{2}\b/g, ' sometime '],
  [/\b\d{1,2}(?:st|nd|rd|th)\b/gi, ' someday '],
  [/\b\d+(?:[.,]\d+)?\b/g, ' some '],
  [/\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\b|\b(?:today|tonight|tomorrow|tmrw|tmr|weekend)\b/gi, ' someday '],
  [/\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/gi, ' someday '],
];

/** Replaces dates, times and numbers with stand-in words. */
export function withStandIns(text: string): string {
  return STAND_INS.reduce((t, [pattern, word]) => t.replace(pattern, word), text);
}

// The parts of NLP.js's trained English domain used below. NLP.js normalises its scores so they
// always sum to 1: a message made of unknown words still gets 1.0 for some intent. The raw output
// of each intent's perceptron (trained towards 1 for its own phrasings) says how well the message
// really matches, so that is the score reported here.
interface TrainedDomain {
  settings: Record<string, unknown>;
  prepare(utterance: string, settings: object): Promise<Record<string, number>>;
  textToFeatures(input: { tokens: Record<string, number>; settings: object }): { tokens: Record<string, number> };
  neuralNetwork?: { run(features: Record<string, number>): Record<string, number> | undefined };
}

/** Trains an NLP.js classifier (English) on the given phrasings. */
export async function trainIntentClassifier(
  definitions: IntentDefinition[],
  options: ClassifierOptions = {},
): Promise<IntentClassifier> {
  const nlp = await trainModel(definitions, options);
  return classifierFrom(nlp, definitions, options);
}

/** A trained model as NLP.js exports it (JSON), to be kept and loaded instead of training again. */
export async function trainIntentModel(definitions: IntentDefinition[], options: ClassifierOptions = {}): Promise<string> {
  return (await trainModel(definitions, options)).export(true);
}

/** The classifier of a model exported by `trainIntentModel` from the same definitions and options. */
export function loadIntentClassifier(model: string, definitions: IntentDefinition[], options: ClassifierOptions = {}): IntentClassifier {
  const nlp = newNlp(options);
  nlp.import(model);
  return classifierFrom(nlp, definitions, options);
}

function newNlp(options: ClassifierOptions): Nlp {
  const container = containerBootstrap();
  container.use(LangEn);
  return new Nlp(
    {
      languages: ['en'],
      autoSave: false,
      autoLoad: false,
      calculateSentiment: false,
      nlu: { log: false, ...options.nlu },
    },
    container,
  );
}

async function trainModel(definitions: IntentDefinition[], options: ClassifierOptions): Promise<Nlp> {
  const prepareText = options.standIns === false ? (t: string) => t : withStandIns;
  const nlp = newNlp(options);
  for (const { intent, examples } of definitions) {
    for (const example of examples) nlp.addDocument('en', prepareText(example), intent);
  }
  await nlp.train();
  return nlp;
}

function classifierFrom(nlp: Nlp, definitions: IntentDefinition[], options: ClassifierOptions): IntentClassifier {
  const prepareText = options.standIns === false ? (t: string) => t : withStandIns;
  const domain = (nlp.nluManager as unknown as { domainManagers: Record<string, { domains: Record<string, TrainedDomain> }> })
    .domainManagers.en?.domains.master_domain;
  if (!domain?.neuralNetwork) throw new Error('NLP.js has no trained English domain');
  const network = domain.neuralNetwork;

  const intents = definitions.map((d) => d.intent);
  return {
    intents,
    async classify(text) {
      const tokens = await domain.prepare(prepareText(text), domain.settings);
      const { tokens: features } = domain.textToFeatures({ tokens, settings: domain.settings });
      const outputs = Object.entries(network.run(features) ?? {}).sort((a, b) => b[1] - a[1]);
      const [best] = outputs;
      if (!best || best[1] <= 0 || best[0] === 'None') return { intent: 'None', score: 0 };
      return { intent: best[0], score: Math.min(1, best[1]) };
    },
  };
}
