import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_INTENTS, loadContent } from '../../src/content/index.ts';
import { ContentError } from '../../src/core/index.ts';
import { loadIntentDefinitions } from '../../src/nlu/index.ts';
import { CONTENT_DIR, INTENTS_DIR } from '../helpers/bot.ts';

const REQUIRED = [
  'greeting', 'thanks', 'goodbye', 'help', 'about.massage',
  'faq.duration', 'faq.pain', 'faq.frequency', 'faq.undress',
  'benefits', 'benefit.stress', 'benefit.surgery', 'benefit.posture', 'benefit.pain', 'benefit.sleep',
  'techniques', 'technique.effleurage', 'technique.petrissage', 'technique.friction', 'technique.tapotement',
  'preparation', 'expect', 'aftercare', 'spa.location', 'spa.hours', 'spa.contact',
  'booking.start', 'booking.availability', 'booking.mine', 'booking.cancel', 'booking.reschedule',
  'person', 'out_of_scope',
];

describe('intents/', () => {
  it('defines every intent a guest needs, each with at least 20 distinct phrasings', async () => {
    const definitions = await loadIntentDefinitions(INTENTS_DIR);
    const names = definitions.map((d) => d.intent);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
    for (const { intent, examples } of definitions) {
      expect(new Set(examples.map((e) => e.toLowerCase())).size, intent).toBeGreaterThanOrEqual(20);
    }
  });

  it('has an answer in content/ for every intent', async () => {
    const [definitions, content] = await Promise.all([loadIntentDefinitions(INTENTS_DIR), loadContent(CONTENT_DIR)]);
    const answered = new Set<string>([
      ...BUILT_IN_INTENTS,
      ...Object.keys(content.knowledge.topics),
      ...Object.keys(content.questions),
      ...Object.keys(content.walkthroughs),
    ]);
    expect(definitions.map((d) => d.intent).filter((i) => !answered.has(i))).toEqual([]);
  });

  it('never teaches one phrasing to two intents', async () => {
    const definitions = await loadIntentDefinitions(INTENTS_DIR);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const { intent, examples } of definitions) {
      for (const example of examples) {
        const key = example.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').trim();
        const other = owner.get(key);
        if (other && other !== intent) clashes.push(`"${example}": ${other} and ${intent}`);
        owner.set(key, intent);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each([
    ['too few examples', 'intent: greeting\nexamples: [hi, hello]\n', /greeting\.yaml: examples: needs at least 20/],
    ['a bad intent name', `intent: "Not An Id"\nexamples: [${Array(20).fill('x').join(', ')}]\n`, /intent: must look like/],
    ['broken YAML', 'intent: [unclosed\n', /is not valid YAML/],
  ])('rejects a file with %s, naming the file and the field', async (_, text, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'intents-'));
    await writeFile(join(dir, 'greeting.yaml'), text);
    const error = await loadIntentDefinitions(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toMatch(message);
  });
});
