import { beforeAll, describe, expect, it } from 'vitest';
import { createNormaliser, loadVocabulary, type Normaliser, type Vocabulary } from '../../src/nlu/index.ts';
import { createSegmenter, type Segmenter } from '../../src/nlu/segments.ts';
import { INTENTS_DIR } from '../helpers/bot.ts';

// How a message is brought to one form and split into parts before the classifier reads it, with the
// real English vocabulary (intents/vocabulary/en.yaml).
let vocabulary: Vocabulary;
let normalise: Normaliser;
let segments: Segmenter;
beforeAll(async () => {
  vocabulary = await loadVocabulary(INTENTS_DIR);
  normalise = createNormaliser(vocabulary);
  segments = createSegmenter(vocabulary);
});

describe('normalising', () => {
  it.each([
    ['hw long r u open', 'how long are you open'],
    ['Heyyy!!', 'hey!!'],
    ['don’t', 'do not'],
    ["i'd like to book 2moro", 'i would like to book tomorrow'],
    ['can i come tomorow', 'can i come tomorrow'],
    ['lol ok thx', 'ok thanks'],
  ])('"%s" reads as "%s"', (typed, read) => {
    expect(normalise(typed)).toBe(read);
  });

  it('leaves names, numbers and ordinary words alone', () => {
    expect(normalise('Tom Nguyen 0905 123 456')).toBe('tom nguyen 0905 123 456');
    expect(normalise('i feel ill')).toBe('i feel ill');
  });
});

describe('splitting a message into parts', () => {
  const texts = (text: string) => segments(normalise(text)).map((s) => [s.text, s.question]);

  it('splits sentences and marks the questions', () => {
    expect(texts('hi! how long is a session? thanks')).toEqual([
      ['hi!', false],
      ['how long is a session?', true],
      ['thanks', false],
    ]);
  });

  it('splits two questions joined by "and" or "also", and drops the joiner', () => {
    expect(texts('how long is it and does it hurt')).toEqual([
      ['how long is it', true],
      ['does it hurt', true],
    ]);
    expect(texts('does it hurt? and can i keep my shirt on')).toEqual([
      ['does it hurt?', true],
      ['can i keep my shirt on', true],
    ]);
  });

  it('keeps "and" inside one question whole, and offers its halves for a second question', () => {
    expect(texts('can i shower after and go to the gym')).toEqual([['can i shower after and go to the gym', true]]);
    expect(segments.halves('can i shower after and go to the gym')).toEqual([['can i shower after', 'go to the gym']]);
  });

  it('reads at most six parts of a long story, and splits a part at its first three joiners', () => {
    expect(segments(normalise('a. b. c. d. e. f. g. h.'))).toHaveLength(6);
    expect(segments.halves('a and b and c and d and e')).toHaveLength(3);
  });
});
