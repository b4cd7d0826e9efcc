// Intent accuracy on the Braun et al. (2017) corpora, beside the published figures.
// Protocol: train on `training: true`, score `training: false`, accuracy = correct / total.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '../src/config.ts';
import { trainIntentClassifier } from '../src/nlu/index.ts';

const corpusSchema = z.object({
  name: z.string(),
  sentences: z.array(z.object({ text: z.string(), intent: z.string(), training: z.boolean() })),
});

/** Published accuracy on each corpus's test split (see ../shared/benchmarks/README.md). */
export const PUBLISHED: Record<string, Record<string, number>> = {
  ChatbotCorpus: { 'NLP.js': 0.991, 'IBM Watson': 0.97, 'Microsoft LUIS': 0.98, Rasa: 0.98, Dialogflow: 0.93 },
  AskUbuntuCorpus: { 'NLP.js': 0.944, 'IBM Watson': 0.92, 'Microsoft LUIS': 0.9, Rasa: 0.86, Dialogflow: 0.85 },
  WebApplicationsCorpus: { 'NLP.js': 0.797, 'IBM Watson': 0.83, 'Microsoft LUIS': 0.81, Rasa: 0.74, Dialogflow: 0.8 },
};

export const DEFAULT_BRAUN_DIR = fileURLToPath(new URL('../../shared/benchmarks/braun-2017', import.meta.url));

/**
 * Trains and scores the project's classifier on one corpus, configured as the bot runs it:
 * below the confidence threshold its answer is "None" (the bot says it did not understand).
 */
export async function scoreCorpus(file: string, threshold: number) {
  const corpus = corpusSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const byIntent = new Map<string, string[]>();
  for (const s of corpus.sentences.filter((s) => s.training)) {
    byIntent.set(s.intent, [...(byIntent.get(s.intent) ?? []), s.text]);
  }
  const classifier = await trainIntentClassifier([...byIntent].map(([intent, examples]) => ({ intent, examples })));
  const tests = corpus.sentences.filter((s) => !s.training);
  let correct = 0;
  for (const s of tests) {
    const guess = await classifier.classify(s.text);
    if ((guess.score < threshold ? 'None' : guess.intent) === s.intent) correct++;
  }
  return { name: corpus.name, correct, total: tests.length };
}

/** Scores all three corpora and prints them beside the published systems. */
export async function benchIntents(dir = DEFAULT_BRAUN_DIR): Promise<Array<{ name: string; correct: number; total: number }>> {
  const threshold = loadConfig({}).NLU_CONFIDENCE_THRESHOLD;
  const results = [];
  for (const name of Object.keys(PUBLISHED)) results.push(await scoreCorpus(join(dir, `${name}.json`), threshold));
  console.log(`\nIntent accuracy, Braun et al. 2017 (train on training:true, score training:false; confidence threshold ${threshold})`);
  console.log('corpus                  ours             NLP.js (target)  Watson  LUIS   Rasa   Dialogflow');
  for (const r of results) {
    const p = PUBLISHED[r.name]!;
    const ours = `${(r.correct / r.total).toFixed(3)} (${r.correct}/${r.total})`;
    // The published figures are rounded to three places; so is ours before comparing.
    const meets = Number((r.correct / r.total).toFixed(3)) >= p['NLP.js']! ? 'met' : 'MISSED';
    console.log(
      `${r.name.padEnd(24)}${ours.padEnd(17)}${`${p['NLP.js']!.toFixed(3)} ${meets}`.padEnd(17)}${[p['IBM Watson'], p['Microsoft LUIS'], p.Rasa, p.Dialogflow].map((v) => v!.toFixed(2).padEnd(7)).join('')}`,
    );
  }
  const all = results.reduce((a, r) => ({ correct: a.correct + r.correct, total: a.total + r.total }), { correct: 0, total: 0 });
  console.log(`${'all three'.padEnd(24)}${`${(all.correct / all.total).toFixed(3)} (${all.correct}/${all.total})`.padEnd(17)}0.930`);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchIntents(process.argv[2]);
}
