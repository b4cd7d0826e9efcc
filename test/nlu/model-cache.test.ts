import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrTrainClassifier, type IntentDefinition } from '../../src/nlu/index.ts';

// The trained models kept between starts: loaded when the phrasings are the same, trained again when
// they changed, and the language's older model deleted then, so the folder does not grow with every edit.
const DEFINITIONS: IntentDefinition[] = [
  { intent: 'faq.duration', examples: ['how long is the massage', 'how many minutes does it take', 'how long does it last'] },
  { intent: 'faq.pain', examples: ['does it hurt', 'is the massage painful', 'will it be painful'] },
];
const CHANGED: IntentDefinition[] = [DEFINITIONS[0]!, { ...DEFINITIONS[1]!, examples: [...DEFINITIONS[1]!.examples, 'is it sore'] }];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spa-models-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const models = async () => (await readdir(dir)).filter((name) => name.startsWith('intent-model-')).sort();

describe('the kept intent models', () => {
  it('trains and keeps a model, loads it the next time, and it reads the same', async () => {
    const first = await loadOrTrainClassifier(DEFINITIONS, dir);
    expect(first.source).toBe('trained');
    expect(await models()).toEqual([expect.stringMatching(/^intent-model-en-[0-9a-f]{20}\.json$/)]);
    const second = await loadOrTrainClassifier(DEFINITIONS, dir);
    expect(second.source).toBe('cache');
    expect((await second.classifier.classify('how long will it take')).intent).toBe('faq.duration');
    expect(await second.classifier.classify('does it hurt a lot')).toEqual(await first.classifier.classify('does it hurt a lot'));
  });

  it('trains again when a phrasing changed, and deletes that language\'s older model only', async () => {
    await writeFile(join(dir, 'intent-model-vi-0123456789abcdef0123.json'), '{}');
    await writeFile(join(dir, 'intent-model-0123456789abcdef0123.json'), '{}');
    const before = await models();
    const changed = await loadOrTrainClassifier(CHANGED, dir);
    expect(changed.source).toBe('trained');
    const after = await models();
    expect(after).toHaveLength(2);
    expect(after).toContain('intent-model-vi-0123456789abcdef0123.json');
    expect(after.filter((name) => name.startsWith('intent-model-en-'))).toHaveLength(1);
    expect(after.some((name) => before.includes(name) && name.startsWith('intent-model-en-'))).toBe(false);
  });

  it('trains again over a damaged file', async () => {
    const [kept] = (await models()).filter((name) => name.startsWith('intent-model-en-'));
    await writeFile(join(dir, kept!), '{"nlpjs": "not a model"');
    const again = await loadOrTrainClassifier(CHANGED, dir);
    expect(again.source).toBe('trained');
    expect((await again.classifier.classify('is it sore')).intent).toBe('faq.pain');
  });
});
