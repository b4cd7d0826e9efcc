// A softmax (multinomial logistic) regression over a text's word and character n-grams. Where
// NLP.js gives each intent a perceptron of its own over whole stemmed words, this model weighs all
// intents against each other over word pairs and pieces of words: "how do I book?" is read by
// "book" and "do i", "massge" still shares "mas", "ssa" and "age" with "massage", and the words
// that every intent's phrasings use ("I", "the", "can") learn to count for none of them.
//
// No maintained JavaScript package trains this on sparse features (ml-logistic-regression is
// one-vs-rest over dense matrices, which at tens of thousands of n-grams would not fit in memory;
// fastText's WebAssembly builds train from files in a virtual file system). It is plain stochastic
// gradient descent, trained in a few seconds and kept beside the NLP.js model.
import { fromBase64, toBase64 } from './packed-arrays.ts';

/** How a text is cut into the n-grams the model reads. */
export interface NgramShape {
  /** The shortest and longest run of characters read within the text ("mas", "assa"). */
  chars: readonly [number, number];
}

/** The n-grams of a text, as one feature each ("w:book", "b:do_i", "c:mas"). */
export function ngramsOf(text: string, shape: NgramShape, extra: readonly string[] = []): string[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  const features = new Set<string>(extra);
  words.forEach((word, i) => {
    features.add(`w:${word}`);
    if (i > 0) features.add(`b:${words[i - 1]}_${word}`);
  });
  const [shortest, longest] = shape.chars;
  const joined = ` ${words.join(' ')} `;
  for (let n = shortest; n <= longest; n++) {
    for (let i = 0; i + n <= joined.length; i++) {
      const piece = joined.slice(i, i + n);
      if (piece.trim()) features.add(`c:${piece}`);
    }
  }
  return [...features];
}

// Over a hundred intents, the probabilities of a model trained on a few thousand phrasings spread
// thin: a message it reads right often gets 0.4. Raised to this power (the logits multiplied by it)
// and normalised again, a clear winner reads near 1 and a close call stays close, as the callers'
// thresholds expect. Chosen on the blind sets already tuned on (1, 1.5, 2 and 3 were tried).
const SHARPNESS = 3;

/** One phrasing and the intent it says. */
export interface LabelledText {
  features: readonly string[];
  label: string;
}

/**
 * Every feature's weights in three flat arrays, without an object per feature (tens of thousands
 * per language): feature i counts for intents `of[start[i]..start[i+1])` by `by[...]`.
 */
interface Weights {
  index: FeatureIndex;
  start: Uint32Array;
  of: Uint16Array;
  by: Float32Array;
}

/** A trained model: the probability of each intent for a text's n-grams. */
export interface NgramModel {
  readonly labels: readonly string[];
  /** The probability of each intent (summing to 1), in the order of `labels`. */
  probabilities(features: readonly string[]): Float64Array;
  /** The model as JSON, to be kept and read back with `readNgramModel`. */
  toJSON(): SavedNgramModel;
}

/**
 * How a model is kept: the flat arrays as base64 and the features as one string, so that reading
 * a model back makes a handful of objects rather than one per feature.
 */
export interface SavedNgramModel {
  labels: string[];
  bias: number[];
  /** The features, one per line, in the order of `start`. */
  features: string;
  start: string;
  of: string;
  by: string;
}

/** How training goes; the defaults were chosen on the blind sets' earlier rounds, not on the benchmarks. */
export interface TrainingOptions {
  epochs?: number;
  /** The first step size, multiplied by `decay` after each pass over the phrasings. */
  rate?: number;
  decay?: number;
  /** Weights smaller than this are dropped after training: they change no decision, and cost memory. */
  keepAbove?: number;
}

/** Trains the model on labelled texts: the same texts in the same order give the same model. */
export function trainNgramModel(texts: readonly LabelledText[], options: TrainingOptions = {}): NgramModel {
  const { epochs = 20, rate = 0.5, decay = 0.85, keepAbove = 0.02 } = options;
  const labels = [...new Set(texts.map((t) => t.label))].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  const L = labels.length;
  // One row of weights per feature, all in one flat array; each text as the rows of its features.
  const rowOf = new Map<string, number>();
  for (const text of texts) for (const f of text.features) if (!rowOf.has(f)) rowOf.set(f, rowOf.size);
  const weights = new Float32Array(rowOf.size * L);
  const rowsOf = texts.map((text) => Int32Array.from(text.features, (f) => rowOf.get(f)! * L));
  const truthOf = texts.map((text) => index.get(text.label)!);
  const bias = new Float64Array(L);
  const order = texts.map((_, i) => i);
  const random = seededRandom(L * 7919 + texts.length);
  const p = new Float64Array(L);
  const change = new Float64Array(L);
  const active = new Int32Array(L);
  let step = rate;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const rows = rowsOf[i]!;
      if (rows.length === 0) continue;
      const value = 1 / Math.sqrt(rows.length);
      p.set(bias);
      for (const base of rows) for (let k = 0; k < L; k++) p[k]! += weights[base + k]! * value;
      p.set(normalised(p));
      // Only the intents the text moves: most are already near 0 for it, and stay so.
      let n = 0;
      for (let k = 0; k < L; k++) {
        const gradient = (k === truthOf[i] ? 1 : 0) - p[k]!;
        if (Math.abs(gradient) < 1e-6) continue;
        bias[k]! += step * gradient * 0.1;
        change[k] = step * gradient * value;
        active[n++] = k;
      }
      for (const base of rows) {
        for (let j = 0; j < n; j++) {
          const k = active[j]!;
          weights[base + k]! += change[k]!;
        }
      }
    }
    step *= decay;
  }
  const kept: Array<[string, number[], number[]]> = [];
  for (const [feature, row] of rowOf) {
    const of: number[] = [];
    const by: number[] = [];
    for (let k = 0; k < L; k++) {
      const w = weights[row * L + k]!;
      if (Math.abs(w) > keepAbove) {
        of.push(k);
        by.push(w);
      }
    }
    if (of.length > 0) kept.push([feature, of, by]);
  }
  return modelOf(labels, Array.from(bias), packed(kept));
}

function packed(features: Array<[string, number[], number[]]>): Weights {
  const total = features.reduce((sum, [, of]) => sum + of.length, 0);
  const weights: Weights = {
    index: featureIndex(features.map(([feature]) => feature).join('\n')),
    start: new Uint32Array(features.length + 1),
    of: new Uint16Array(total),
    by: new Float32Array(total),
  };
  let at = 0;
  features.forEach(([, of, by], i) => {
    weights.start[i] = at;
    weights.of.set(of, at);
    weights.by.set(by, at);
    at += of.length;
  });
  weights.start[features.length] = at;
  return weights;
}

/** A model kept with `toJSON`. */
export function readNgramModel(saved: SavedNgramModel): NgramModel {
  const weights: Weights = {
    index: featureIndex(saved.features),
    start: new Uint32Array(fromBase64(saved.start)),
    of: new Uint16Array(fromBase64(saved.of)),
    by: new Float32Array(fromBase64(saved.by)),
  };
  if (weights.start.length !== weights.index.size + 1 || weights.of.length !== weights.by.length) throw new Error('The n-gram model kept is damaged');
  return modelOf(saved.labels, saved.bias, weights);
}

function modelOf(labels: string[], bias: number[], weights: Weights): NgramModel {
  const { index, start, of, by } = weights;
  return {
    labels,
    probabilities(features) {
      // Scaled by all the text's n-grams, as in training: unknown ones still thin out the known.
      const value = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
      const z = Float64Array.from(bias);
      for (const feature of features) {
        const i = index.find(feature);
        if (i < 0) continue;
        for (let j = start[i]!; j < start[i + 1]!; j++) z[of[j]!]! += by[j]! * value;
      }
      return normalised(z.map((v) => v * SHARPNESS));
    },
    toJSON() {
      return { labels, bias, features: index.joined, start: toBase64(start), of: toBase64(of), by: toBase64(by) };
    },
  };
}

/** The features, each found by its text. */
interface FeatureIndex {
  /** How many features there are. */
  readonly size: number;
  /** Every feature, one per line, in order. */
  readonly joined: string;
  /** The number of a feature, or -1 for one the model does not know. */
  find(feature: string): number;
}

/**
 * An index of the features in one string, one per line: where each begins, and a hash table
 * (open addressing) of their numbers. A Map would hold each of the tens of thousands of features
 * per language as a string of its own, with an entry beside it: three times the memory, and as
 * many allocations to load.
 */
function featureIndex(joined: string): FeatureIndex {
  const begins: number[] = [0];
  for (let at = joined.indexOf('\n'); at >= 0; at = joined.indexOf('\n', at + 1)) begins.push(at + 1);
  const size = begins.length;
  // Where each feature begins, and (last) where a feature after the last one would.
  const starts = Uint32Array.from([...begins, joined.length + 1]);
  let slots = 8;
  while (slots < size * 2) slots *= 2;
  const mask = slots - 1;
  const table = new Int32Array(slots).fill(-1);
  for (let i = 0; i < size; i++) {
    let slot = hashOf(joined, starts[i]!, starts[i + 1]! - 1) & mask;
    while (table[slot] !== -1) slot = (slot + 1) & mask;
    table[slot] = i;
  }
  return {
    size,
    joined,
    find(feature) {
      for (let slot = hashOf(feature, 0, feature.length) & mask; table[slot] !== -1; slot = (slot + 1) & mask) {
        const i = table[slot]!;
        if (starts[i + 1]! - 1 - starts[i]! === feature.length && joined.startsWith(feature, starts[i])) return i;
      }
      return -1;
    },
  };
}

/** FNV-1a over the UTF-16 code units of `text` from `from` up to `to`. */
function hashOf(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function normalised(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  const out = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) sum += out[k] = Math.exp(z[k]! - max);
  for (let k = 0; k < z.length; k++) out[k]! /= sum;
  return out;
}

/** A small deterministic generator (mulberry32), so that training twice gives the same model. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
