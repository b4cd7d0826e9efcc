// The one place that reaches into NLP.js's private structures (it ships no types and no API for
// them): the trained domain the classifier reads, and the model kept between starts. A change of
// their shape on an upgrade fails test/nlu/nlpjs-model.test.ts rather than the bot.
//
// NLP.js's own export keeps what only training and its other features read: every phrasing twice
// over (the domain's sentences, the language guesser's extra sentences, which it trains itself on
// again when the model is imported), a dictionary of stems and an index from each word to its
// intents. And it keeps each intent's perceptron as one weight per word of the whole vocabulary,
// most of them 0. What is kept here is what reading a message needs: the domain's settings and
// vocabulary, and the perceptrons' weights that are not 0, in three flat arrays.
import type { Nlp } from '@nlpjs/nlp';
import { fromBase64, toBase64 } from './packed-arrays.ts';

/** The parts of a trained NLP.js domain that reading a message uses. */
export interface TrainedDomain {
  settings: Record<string, unknown>;
  prepare(utterance: string, settings: object): Promise<Record<string, number>>;
  textToFeatures(input: { tokens: Record<string, number>; settings: object }): { tokens: Record<string, number> };
  neuralNetwork?: PerceptronLayer;
  /** The words (stems) of each intent's phrasings. */
  intentFeatures?: Record<string, Record<string, number>>;
  /** Corrects each token the model does not know to the nearest one it does, within a distance. */
  spellCheck?: {
    check(tokens: Record<string, number>, distance: number): Record<string, number>;
    check(tokens: string[], distance: number): string[];
  };
  /** What `prepare` made of each text it saw, by locale (NLP.js empties it once an hour). */
  cache?: { results: Record<string, Record<string, unknown>> };
}

/** One perceptron per intent over a message's features, as NLP.js runs them. */
export interface PerceptronLayer {
  /** Each intent's output for the features (undefined when there is no intent). */
  run(features: Record<string, number>): Record<string, number> | undefined;
}

// NLP.js's trained network: a weight per feature for each intent, in the order of `lookup`.
interface DenseNetwork extends PerceptronLayer {
  settings: { alpha: number };
  lookup?: { inputLookup: { items: string[] }; outputLookup: { items: string[] } };
  perceptrons?: Array<{ weights: Float32Array; bias: number }>;
}

/** The perceptrons as kept: feature i weighs intent `of[j]` by `by[j]` for j in `start[i]..start[i+1]`. */
export interface SavedPerceptrons {
  alpha: number;
  features: string[];
  intents: string[];
  bias: number[];
  start: string;
  of: string;
  by: string;
}

/** An NLP.js model as kept: its own JSON without what reading does not use, and its perceptrons apart. */
export interface SavedNlpjsModel {
  nlpjs: Record<string, unknown>;
  perceptrons: SavedPerceptrons;
}

// The shape of NLP.js's JSON (Nlp.toJSON) around the parts left out.
interface NlpjsJson {
  nluManager: {
    extraSentences: unknown[];
    domainManagers: Record<string, { stemDict: object; sentences: unknown[]; domains: Record<string, DomainJson> }>;
  };
}
interface DomainJson {
  featuresToIntent?: object;
  neuralNetwork?: { settings: object };
}

/** The trained domain of an NLP.js instance for a locale (one domain: the bot has no others). */
export function trainedDomain(nlp: Nlp, locale: string): TrainedDomain {
  const domain = (nlp.nluManager as { domainManagers?: Record<string, { domains?: Record<string, TrainedDomain> }> } | undefined)?.domainManagers?.[locale]?.domains
    ?.master_domain;
  if (!domain?.neuralNetwork || !domain.intentFeatures || typeof domain.prepare !== 'function' || typeof domain.textToFeatures !== 'function') {
    throw new Error(`NLP.js has no trained domain for "${locale}"`);
  }
  return domain;
}

/** What of a trained NLP.js instance is kept for reading messages in `locale`. */
export function savedNlpjsModel(nlp: Nlp, locale: string): SavedNlpjsModel {
  const network = trainedDomain(nlp, locale).neuralNetwork as DenseNetwork;
  const json = (nlp as unknown as { toJSON(): NlpjsJson & Record<string, unknown> }).toJSON();
  const manager = json.nluManager;
  if (!manager || !Array.isArray(manager.extraSentences) || !manager.domainManagers?.[locale]) throw new Error('NLP.js exported a model of an unknown shape');
  // Its toJSON builds new objects down to the domains: these are changed, not the instance's own.
  manager.extraSentences = [];
  for (const domains of Object.values(manager.domainManagers)) {
    domains.stemDict = {};
    domains.sentences = [];
    for (const [name, domain] of Object.entries(domains.domains)) {
      domains.domains[name] = { ...domain, featuresToIntent: {}, ...(domain.neuralNetwork ? { neuralNetwork: { settings: domain.neuralNetwork.settings } } : {}) };
    }
  }
  return { nlpjs: json, perceptrons: sparsePerceptrons(network) };
}

/** What the classifier reads a message with: the trained domain, and the language's stop words. */
export interface ReadingModel {
  domain: TrainedDomain;
  /** As the language's NLP.js package lists them; none for a language without one here. */
  stopWords: readonly string[];
}

/** Loads a model kept by `savedNlpjsModel` into a new NLP.js instance made for the same language. */
export function importNlpjsModel(nlp: Nlp, saved: SavedNlpjsModel, locale: string): ReadingModel {
  nlp.import(saved.nlpjs);
  const domain = trainedDomain(nlp, locale);
  domain.neuralNetwork = perceptronLayer(saved.perceptrons);
  const registered = (nlp as unknown as { container: { get(name: string): { dictionary: Record<string, boolean> } | undefined } }).container.get(`stopwords-${locale}`);
  return { domain, stopWords: Object.keys(registered?.dictionary ?? {}) };
}

function sparsePerceptrons(network: DenseNetwork): SavedPerceptrons {
  const features = network.lookup?.inputLookup.items ?? [];
  const intents = network.lookup?.outputLookup.items ?? [];
  const perceptrons = network.perceptrons ?? [];
  if (perceptrons.length !== intents.length || typeof network.settings?.alpha !== 'number') throw new Error('NLP.js trained a network of an unknown shape');
  const start = new Uint32Array(features.length + 1);
  const of: number[] = [];
  const by: number[] = [];
  for (let i = 0; i < features.length; i++) {
    start[i] = of.length;
    perceptrons.forEach((perceptron, k) => {
      const weight = perceptron.weights[i]!;
      if (weight !== 0) {
        of.push(k);
        by.push(weight);
      }
    });
  }
  start[features.length] = of.length;
  return {
    alpha: network.settings.alpha,
    features,
    intents,
    bias: perceptrons.map((p) => p.bias),
    start: toBase64(start),
    of: toBase64(Uint16Array.from(of)),
    by: toBase64(Float32Array.from(by)),
  };
}

/**
 * The perceptrons of a kept model. Each output is NLP.js's own sum, term for term in the same
 * order (a weight of 0 adds nothing): the bias, plus each known feature's value times its weight,
 * then `alpha` times that sum when it is positive, else 0.
 */
export function perceptronLayer(saved: SavedPerceptrons): PerceptronLayer {
  const { alpha, intents, bias } = saved;
  const index = new Map(saved.features.map((feature, i) => [feature, i]));
  const start = new Uint32Array(fromBase64(saved.start));
  const of = new Uint16Array(fromBase64(saved.of));
  const by = new Float32Array(fromBase64(saved.by));
  if (start.length !== saved.features.length + 1 || of.length !== by.length || bias.length !== intents.length) throw new Error('The perceptrons kept are damaged');
  const sums = new Float64Array(intents.length);
  return {
    run(features) {
      if (intents.length === 0) return undefined;
      sums.set(bias);
      for (const feature of Object.keys(features)) {
        // A word no phrasing has is passed over, "constructor" or "toString" too (NLP.js found those on
        // Object's prototype, and read no intent at all in a message holding one).
        const i = index.get(feature);
        if (i === undefined) continue;
        const value = features[feature]!;
        for (let j = start[i]!; j < start[i + 1]!; j++) sums[of[j]!]! += value * by[j]!;
      }
      const outputs: Record<string, number> = {};
      intents.forEach((intent, k) => (outputs[intent] = sums[k]! <= 0 ? 0 : alpha * sums[k]!));
      return outputs;
    },
  };
}
