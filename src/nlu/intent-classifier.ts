import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import type { Language } from '../languages.ts';
import { bookingRefPattern } from '../booking/references.ts';
import { languageProfile } from './languages/index.ts';
import type { IntentDefinition } from './intent-definitions.ts';
import { createNormaliser, type Vocabulary } from './normalise.ts';
import { ngramsOf, readNgramModel, trainNgramModel, type NgramModel, type SavedNgramModel } from './ngram-model.ts';
import { importNlpjsModel, savedNlpjsModel, trainedDomain, type ReadingModel, type SavedNlpjsModel } from './nlpjs-model.ts';

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
  /** Every intent with a positive score, best first. */
  rank(text: string): Promise<IntentGuess[]>;
  /**
   * 0..1: the share of the text's meaningful words (all but stop words such as "the", "of", "like")
   * that the phrasings of these intents use; 1 when it has no meaningful words.
   */
  knownWordShare(text: string, intents: readonly string[]): Promise<number>;
  readonly intents: readonly string[];
  /** How many texts the model keeps in its cache of prepared texts now (at most PREPARED_TEXTS_KEPT). */
  readonly cachedTexts: number;
}

/** Settings of the NLP.js classifier, for benchmarks that try others. */
export interface ClassifierOptions {
  /** NLP.js `nlu` settings (e.g. `{ useNoneFeature: false }`). */
  nlu?: Record<string, unknown>;
  /** Replace numbers, dates and times with stand-in words (default true). */
  standIns?: boolean;
  /** How guests write the language in a chat ("u", "hw"), written out before reading (none by default). */
  vocabulary?: Vocabulary;
  /** Correct a word the phrasings never use to the nearest one they do ("massge", "prepair"); default true where the language suits it. */
  spellCheck?: boolean;
  /** The language of the phrasings and of the messages (default English). */
  language?: Language;
  /**
   * Which model ranks the intents. By default both: each intent's score is a weighted mean of the
   * n-gram model's probability and NLP.js's perceptron output (NGRAM_SHARE). Either one alone is
   * kept for benchmarks that compare them.
   */
  ranker?: 'both' | 'ngrams' | 'perceptrons';
}

// Dates, times, amounts and booking references vary endlessly and say little about what the guest
// wants; the classifier sees them as a few stand-in words, in training and in use alike.
const STAND_INS: Array<[RegExp, string]> = [
  // A booking reference as guests type it ("LS-7K3Q", "ls 7k3q"), before its digits are read as numbers.
  [bookingRefPattern('gi'), ' someref '],
  [/\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/g, ' someday '],
  [/\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?=\W|$)/gi, ' sometime '],
  [/\b\d{1,2}:\d{2}\b/g, ' sometime '],
  [/\b\d{1,2}(?:st|nd|rd|th)\b/gi, ' someday '],
  [/\b\d+(?:[.,]\d+)?\b/g, ' some '],
  // "The day after tomorrow" is a day, not "the day after" of aftercare questions.
  [/\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmr)\b/gi, ' someday '],
  [/\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\b|\b(?:today|tonight|tomorrow|tmrw|tmr|weekend|(?:this|next) (?:week|morning|afternoon|evening))\b/gi, ' someday '],
  [/\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/gi, ' someday '],
];

const STAND_IN_WORDS = new Set(STAND_INS.map(([, word]) => word.trim()));

/**
 * Whether a (normalised) text names a day or a time of day, as the stand-ins read it ("tomorrow",
 * "sat", "3pm", "15:30", "the 20th", "this evening", "next week"): what a booking needs, cheaply.
 */
export function namesDayOrTime(text: string): boolean {
  return /\b(?:someday|sometime)\b/.test(withStandIns(text));
}

/** Replaces dates, times, numbers and booking references with stand-in words. */
export function withStandIns(text: string): string {
  return STAND_INS.reduce((t, [pattern, word]) => t.replace(pattern, word), text);
}

/** How a text is prepared for the models: normalised with the vocabulary, then with stand-ins, then as each model reads the language. */
function textPreparer(options: ClassifierOptions): { forNlpjs: (text: string) => string; forNgrams: (text: string) => string } {
  const normalise = options.vocabulary ? createNormaliser(options.vocabulary, options.language) : (t: string) => t;
  const { prepare, ngramText } = languageProfile(options.language ?? 'en');
  const common = options.standIns === false ? normalise : (t: string) => withStandIns(normalise(t));
  return { forNlpjs: (t) => prepare(common(t)), forNgrams: (t) => ngramText(common(t)) };
}

const usesNgrams = (options: ClassifierOptions) => options.ranker !== 'perceptrons';

/** The n-grams of a text, and the words NLP.js read in it (stemmed, spelt as the phrasings spell them). */
function featuresOf(options: ClassifierOptions, ngramText: string, read: Record<string, number>): string[] {
  const stems = Object.keys(read).map((stem) => `s:${stem}`);
  return ngramsOf(ngramText, { chars: languageProfile(options.language ?? 'en').ngramChars }, stems);
}

/**
 * How many texts' prepared forms NLP.js may keep at most. It keeps every text it has seen for an
 * hour, and guests' messages are mostly new texts: kept whole, the cache would grow with traffic,
 * and a flood of made-up messages could fill the heap. Emptied when it reaches this many.
 */
export const PREPARED_TEXTS_KEPT = 1000;

// The n-gram model's share of an intent's score when both models rank. The two err differently:
// the n-grams read typos, word pairs and pieces of words ("how do i book"), the perceptrons whole
// words such as "wine" or "during" without the pull of the words around them, and the perceptrons'
// raw outputs stay low for text they do not know. Their weighted mean was right more often on the
// blind sets already tuned on than either alone (shares of 0.5 and 0.35 were tried).
const NGRAM_SHARE = 0.35;
// The n-gram model learns each of its many features from the phrasings, so it needs more of them than
// the perceptrons to be trusted: below this many phrasings an intent (the median), its share shrinks in
// proportion. The spa's intents have 23 to 50 each; a handful, and the perceptrons decide.
const NGRAM_FULL_SHARE_PHRASINGS = 20;

// Intents less likely than this are left out of a ranking: among a hundred, they say nothing.
const LEAST_PROBABILITY = 0.001;

/** A text's tokens as typed, and as read after the spelling check. */
interface Prepared {
  typed: Record<string, number>;
  read: Record<string, number>;
  /** Each typed token and the token read for it. */
  spelling: Map<string, string>;
}

/** Trains an NLP.js classifier on the given phrasings (English unless the options say otherwise). */
export async function trainIntentClassifier(
  definitions: IntentDefinition[],
  options: ClassifierOptions = {},
): Promise<IntentClassifier> {
  const { nlp, ngrams } = await trainModel(definitions, options);
  // Read as a kept model is, so that a trained classifier and a loaded one are the same.
  const model = importNlpjsModel(await newNlp(options), savedNlpjsModel(nlp, localeOf(options)), localeOf(options));
  return classifierFrom(model, ngrams, definitions, options);
}

const spellChecks = (options: ClassifierOptions) => languageProfile(options.language ?? 'en').spellCheck && options.spellCheck !== false;
const localeOf = (options: ClassifierOptions): Language => options.language ?? 'en';

/** A model as `trainIntentModel` keeps it. */
interface SavedIntentModel extends SavedNlpjsModel {
  ngrams?: SavedNgramModel;
}

/** The trained models as JSON (NLP.js's and the n-gram weights), to be kept and loaded instead of training again. */
export async function trainIntentModel(definitions: IntentDefinition[], options: ClassifierOptions = {}): Promise<string> {
  const { nlp, ngrams } = await trainModel(definitions, options);
  const saved: SavedIntentModel = { ...savedNlpjsModel(nlp, localeOf(options)), ...(ngrams ? { ngrams: ngrams.toJSON() } : {}) };
  return JSON.stringify(saved);
}

/** The classifier of a model exported by `trainIntentModel` from the same definitions and options. */
export async function loadIntentClassifier(model: string, definitions: IntentDefinition[], options: ClassifierOptions = {}): Promise<IntentClassifier> {
  const kept = JSON.parse(model) as SavedIntentModel;
  const reading = importNlpjsModel(await newNlp(options), kept, localeOf(options));
  return classifierFrom(reading, kept.ngrams && usesNgrams(options) ? readNgramModel(kept.ngrams) : undefined, definitions, options);
}

async function newNlp(options: ClassifierOptions): Promise<Nlp> {
  const profile = languageProfile(options.language ?? 'en');
  const container = containerBootstrap();
  if (profile.plugin) container.use(await profile.plugin());
  return new Nlp(
    {
      languages: [profile.language],
      autoSave: false,
      autoLoad: false,
      calculateSentiment: false,
      nlu: { log: false, spellCheck: spellChecks(options), spellCheckDistance: 1, ...options.nlu },
    },
    container,
  );
}

async function trainModel(definitions: IntentDefinition[], options: ClassifierOptions): Promise<{ nlp: Nlp; ngrams?: NgramModel }> {
  const { forNlpjs, forNgrams } = textPreparer(options);
  const nlp = await newNlp(options);
  const locale = options.language ?? 'en';
  for (const { intent, examples } of definitions) {
    for (const example of examples) nlp.addDocument(locale, forNlpjs(example), intent);
  }
  await nlp.train();
  if (!usesNgrams(options)) return { nlp };
  const domain = trainedDomain(nlp, locale);
  const texts = [];
  for (const { intent, examples } of definitions) {
    for (const example of examples) {
      const read = await domain.prepare(forNlpjs(example), domain.settings);
      texts.push({ label: intent, features: featuresOf(options, forNgrams(example), read) });
    }
  }
  return { nlp, ngrams: trainNgramModel(texts) };
}

// How the classifier reads NLP.js's trained domain. NLP.js normalises its scores so they
// always sum to 1: a message made of unknown words still gets 1.0 for some intent. The raw output
// of each intent's perceptron (trained towards 1 for its own phrasings) says how well the message
// really matches, so that is the score reported here.
//
// That output is still made of the words the model knows: the others are dropped before the
// perceptrons see the message, so "I like jazz" is scored as "I like" alone. `knownWordShare` tells
// the caller how much of a message that leaves unread.
function classifierFrom({ domain, stopWords }: ReadingModel, ngrams: NgramModel | undefined, definitions: IntentDefinition[], options: ClassifierOptions): IntentClassifier {
  const { forNlpjs: prepareText, forNgrams } = textPreparer(options);
  const network = domain.neuralNetwork!;
  const ngramShare = NGRAM_SHARE * Math.min(1, medianPhrasings(definitions) / NGRAM_FULL_SHARE_PHRASINGS);
  const wordsOfIntent = domain.intentFeatures!;
  const spellCheck = spellChecks(options) ? domain.spellCheck : undefined;
  if (spellChecks(options) && !spellCheck) throw new Error('NLP.js has no spelling check');
  // Through the same steps as any message, so "cannot" becomes the "can" and "not" a message has.
  let stopStems: Promise<Set<string>> | undefined;
  const stopWordStems = () =>
    (stopStems ??= domain.prepare(stopWords.join(' '), domain.settings).then((t) => new Set(Object.keys(t))));

  const cachedTexts = () => Object.values(domain.cache?.results ?? {}).reduce((sum, texts) => sum + Object.keys(texts).length, 0);
  let preparedSinceEmptied = 0;
  // The message last prepared: `classify` and `knownWordShare` read the same message one after the other.
  let last: { text: string; tokens: Promise<Prepared> } | undefined;
  /** A text as the model reads it: normalised, tokenised, stemmed and spelt as the phrasings spell it. */
  const prepare = (text: string): Promise<Prepared> => {
    if (last?.text === text) return last.tokens;
    last = { text, tokens: prepareFresh(text) };
    return last.tokens;
  };
  const prepareFresh = async (text: string): Promise<Prepared> => {
    const typed = await domain.prepare(prepareText(text), domain.settings);
    const words = Object.keys(typed);
    const spelt = spellCheck ? spellCheck.check(words, 1) : words;
    const read: Record<string, number> = {};
    words.forEach((word, i) => (read[spelt[i]!] = (read[spelt[i]!] ?? 0) + typed[word]!));
    const tokens: Prepared = { typed, read, spelling: new Map(words.map((word, i) => [word, spelt[i]!])) };
    // Counted here rather than measured: Object.keys over the cache on every message costs more.
    if (++preparedSinceEmptied >= PREPARED_TEXTS_KEPT && domain.cache) {
      domain.cache.results = {};
      preparedSinceEmptied = 0;
    }
    return tokens;
  };

  const intents = definitions.map((d) => d.intent);
  let lastRanked: { text: string; ranking: Promise<IntentGuess[]> } | undefined;
  return {
    intents,
    get cachedTexts() {
      return cachedTexts();
    },
    async knownWordShare(text, of) {
      const [{ typed, spelling }, stop] = await Promise.all([prepare(text), stopWordStems()]);
      // Stand-ins, codes (a reference, "3h") and tokens without a letter (an emoji) are no words of any topic.
      const meaningful = Object.keys(typed).filter((token) => !stop.has(token) && !STAND_IN_WORDS.has(token) && !/\d/.test(token) && /\p{L}/u.test(token));
      if (meaningful.length === 0) return 1;
      const vocabularies = of.map((intent) => wordsOfIntent[intent]).filter((words) => words !== undefined);
      const known = (token: string) => vocabularies.some((words) => token in words);
      // A word the spelling check had to correct is half known: "massge" is likely a typo, but a
      // word of another topic is often one letter away from a spa word too ("fence", "sense").
      const weight = meaningful.reduce((sum, token) => sum + (known(token) ? 1 : known(spelling.get(token) ?? token) ? 0.5 : 0), 0);
      return weight / meaningful.length;
    },
    rank(text) {
      // One message is ranked several times over (its guess, its "did you mean", a booking behind it).
      if (lastRanked?.text !== text) lastRanked = { text, ranking: rankFresh(text) };
      return lastRanked.ranking.then((ranking) => ranking.map((guess) => ({ ...guess })));
    },
    async classify(text) {
      return (await this.rank(text))[0] ?? { intent: 'None', score: 0 };
    },
  };

  async function rankFresh(text: string): Promise<IntentGuess[]> {
    const { read: tokens } = await prepare(text);
    const { tokens: features } = domain.textToFeatures({ tokens, settings: domain.settings });
    if (ngrams) {
      const p = ngrams.probabilities(featuresOf(options, forNgrams(text), tokens));
      const perceptrons = options.ranker === 'ngrams' ? undefined : (network.run(features) ?? {});
      const score = (intent: string, k: number) =>
        perceptrons ? ngramShare * p[k]! + (1 - ngramShare) * Math.max(0, Math.min(1, perceptrons[intent] ?? 0)) : p[k]!;
      return ngrams.labels
        .map((intent, k) => ({ intent, score: score(intent, k) }))
        .filter((g) => g.score >= LEAST_PROBABILITY)
        .sort((a, b) => b.score - a.score);
    }
    return Object.entries(network.run(features) ?? {})
      .filter(([intent, score]) => score > 0 && intent !== 'None')
      .sort((a, b) => b[1] - a[1])
      .map(([intent, score]) => ({ intent, score: Math.min(1, score) }));
  }
}

/** How many phrasings an intent has, the median over the intents. */
function medianPhrasings(definitions: IntentDefinition[]): number {
  const counts = definitions.map((d) => d.examples.length).sort((a, b) => a - b);
  return counts.length === 0 ? 0 : counts[Math.floor((counts.length - 1) / 2)]!;
}
