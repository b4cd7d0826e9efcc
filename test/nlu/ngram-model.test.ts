import { describe, expect, it } from 'vitest';
import { ngramsOf, readNgramModel, trainNgramModel, type LabelledText } from '../../src/nlu/ngram-model.ts';

const WORDS = { chars: [3, 5] } as const;
const texts = (label: string, lines: string[]): LabelledText[] => lines.map((line) => ({ label, features: ngramsOf(line, WORDS) }));

const PHRASINGS: LabelledText[] = [
  ...texts('duration', ['how long is the massage', 'how many minutes does it take', 'how long does a session last', 'what is the length of the session']),
  ...texts('pain', ['does the massage hurt', 'is it painful', 'will it hurt my back', 'is the pressure painful']),
  ...texts('book', ['i want to book a massage', 'can i make a booking', 'book me in please', 'reserve a session for me']),
];

const best = (model: ReturnType<typeof trainNgramModel>, text: string) => {
  const p = model.probabilities(ngramsOf(text, WORDS));
  const k = p.indexOf(Math.max(...p));
  return { label: model.labels[k], probability: p[k]! };
};

describe('the n-gram model', () => {
  it('cuts a text into words, word pairs and runs of characters', () => {
    const features = ngramsOf('How long?', WORDS);
    expect(features).toEqual(expect.arrayContaining(['w:how', 'w:long', 'b:how_long', 'c:how', 'c:long', 'c: lon']));
    expect(features).not.toContain('c:   ');
    expect(ngramsOf('', WORDS)).toEqual([]);
  });

  it('reads messages it never saw, typos included, by the pieces of their words', () => {
    const model = trainNgramModel(PHRASINGS);
    expect(best(model, 'hw lnog is the masage?').label).toBe('duration');
    expect(best(model, 'will it be painfull').label).toBe('pain');
    expect(best(model, 'id like to bookk a session').label).toBe('book');
  });

  it('gives probabilities that sum to 1, and a clear winner for a clear message', () => {
    const model = trainNgramModel(PHRASINGS);
    const p = model.probabilities(ngramsOf('does the massage hurt', WORDS));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(best(model, 'does the massage hurt').probability).toBeGreaterThan(0.8);
  });

  it('trains the same model from the same phrasings, and reads back what it kept', () => {
    const one = trainNgramModel(PHRASINGS);
    const two = trainNgramModel(PHRASINGS);
    const message = ngramsOf('how long will it hurt', WORDS);
    expect(Array.from(two.probabilities(message))).toEqual(Array.from(one.probabilities(message)));
    const kept = readNgramModel(JSON.parse(JSON.stringify(one.toJSON())));
    expect(kept.labels).toEqual(one.labels);
    Array.from(kept.probabilities(message)).forEach((p, k) => expect(p).toBeCloseTo(one.probabilities(message)[k]!, 3));
  });

  it('finds each n-gram by its text, in any script, and no n-gram it never saw', () => {
    const phrasings: LabelledText[] = [
      ...PHRASINGS,
      { label: 'book', features: ngramsOf('我想预约明天下午三点', WORDS) },
      { label: 'pain', features: ngramsOf('마사지 아파요?', WORDS) },
      { label: 'pain', features: ngramsOf('будет больно', WORDS) },
    ];
    const one = trainNgramModel(phrasings);
    const kept = readNgramModel(JSON.parse(JSON.stringify(one.toJSON())));
    for (const text of ['我想预约', '아파요', 'больно ли', 'does the massage hurt', 'qwzx', '']) {
      const message = ngramsOf(text, WORDS);
      expect(Array.from(kept.probabilities(message))).toEqual(Array.from(one.probabilities(message)));
    }
    // Pieces of a known n-gram, or one with more after it, are other n-grams.
    const [known] = one.toJSON().features.split('\n');
    const base = Array.from(one.probabilities([]));
    expect(Array.from(one.probabilities([known!.slice(0, -1), `${known}x`, `${known}\n`]))).toEqual(base);
  });

  it('says nothing in particular of a message made of n-grams it never saw', () => {
    const model = trainNgramModel(PHRASINGS);
    const p = model.probabilities(ngramsOf('qwzx vbnm', WORDS));
    expect(Math.max(...p)).toBeLessThan(0.9);
  });
});
