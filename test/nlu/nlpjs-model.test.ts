import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import { describe, expect, it } from 'vitest';
import { importNlpjsModel, perceptronLayer, savedNlpjsModel, trainedDomain } from '../../src/nlu/nlpjs-model.ts';

// The adapter over NLP.js's private structures: these fail when an upgrade changes their shape.
const PHRASINGS: Array<[string, string]> = [
  ['how long is the massage', 'faq.duration'],
  ['how many minutes does it take', 'faq.duration'],
  ['does it hurt', 'faq.pain'],
  ['is the massage painful', 'faq.pain'],
  ['hello there', 'greeting'],
  ['good morning', 'greeting'],
];

async function trainedNlp(): Promise<Nlp> {
  const container = containerBootstrap();
  container.use(LangEn);
  const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, nlu: { log: false } }, container);
  for (const [text, intent] of PHRASINGS) nlp.addDocument('en', text, intent);
  await nlp.train();
  return nlp;
}

const newNlp = () => {
  const container = containerBootstrap();
  container.use(LangEn);
  return new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, nlu: { log: false } }, container);
};

describe('the NLP.js model as kept', () => {
  it('runs the perceptrons to the same outputs as NLP.js, bit for bit', async () => {
    const nlp = await trainedNlp();
    const domain = trainedDomain(nlp, 'en');
    const layer = perceptronLayer(JSON.parse(JSON.stringify(savedNlpjsModel(nlp, 'en').perceptrons)));
    for (const text of ['how long does the massage hurt', 'hello', 'minutes', 'is it painful in the morning', 'jazz']) {
      const { tokens } = domain.textToFeatures({ tokens: await domain.prepare(text, domain.settings), settings: domain.settings });
      expect(layer.run(tokens)).toEqual({ ...domain.neuralNetwork!.run(tokens) });
    }
    // A word found on Object's prototype, which spoiled NLP.js's sums, is passed over as any unknown word is.
    expect(layer.run({ constructor: 1, toString: 1, hello: 1 })).toEqual(layer.run({ hello: 1 }));
  });

  it('leaves out the phrasings and indexes that reading does not use, and reads the same once imported', async () => {
    const nlp = await trainedNlp();
    const saved = JSON.parse(JSON.stringify(savedNlpjsModel(nlp, 'en')));
    const text = JSON.stringify(saved.nlpjs);
    expect(text).not.toContain('how long is the massage');
    expect(saved.nlpjs.nluManager.extraSentences).toEqual([]);
    const { domain, stopWords } = importNlpjsModel(newNlp(), saved, 'en');
    expect(stopWords).toContain('the');
    const original = trainedDomain(nlp, 'en');
    const tokens = await domain.prepare('is the massage painful', domain.settings);
    expect(tokens).toEqual(await original.prepare('is the massage painful', original.settings));
    expect(domain.neuralNetwork!.run(domain.textToFeatures({ tokens, settings: domain.settings }).tokens)).toEqual({
      ...original.neuralNetwork!.run(original.textToFeatures({ tokens, settings: original.settings }).tokens),
    });
    expect(domain.intentFeatures).toEqual(original.intentFeatures);
    expect(domain.spellCheck!.check(['masag'], 1)).toEqual(['massag']);
  });

  it('says so when NLP.js has no trained domain', () => {
    expect(() => trainedDomain(newNlp(), 'en')).toThrow(/no trained domain/);
  });
});
