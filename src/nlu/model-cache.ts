// Training the classifier takes seconds; loading a trained model takes milliseconds. The model is
// kept in a folder under a name made from a hash of everything it was trained from, so a change
// to any phrasing (or to how training works) trains afresh instead of loading an outdated model.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntentDefinition } from './intent-definitions.ts';
import { loadIntentClassifier, trainIntentModel, type ClassifierOptions, type IntentClassifier } from './intent-classifier.ts';

// Raised when the way models are trained or read changes, so older files are not used.
const MODEL_FORMAT = 4;

/** Where a classifier came from: a kept model, or training just now (and whether it was kept). */
export type ModelSource = 'cache' | 'trained' | 'trained-not-kept';

/** The file name of the model trained from these definitions and options: its language, then a hash. */
export function modelFileName(definitions: IntentDefinition[], options: ClassifierOptions = {}): string {
  const hash = createHash('sha256').update(JSON.stringify({ MODEL_FORMAT, definitions, options })).digest('hex');
  return `intent-model-${options.language ?? 'en'}-${hash.slice(0, 20)}.json`;
}

// The models a newer one of the same language replaces, and those named before names said the language.
const replacedBy = (kept: string) => {
  const language = /^intent-model-([a-z]{2})-/.exec(kept)?.[1];
  return (name: string) => name !== kept && name.endsWith('.json') && (name.startsWith(`intent-model-${language}-`) || /^intent-model-[0-9a-f]{20}\.json$/.test(name));
};

/**
 * Deletes the language's older models (10 MB or so each, one more with every change to a phrasing).
 * A process still running an older version has its model loaded already; one starting would train.
 */
async function pruneOlderModels(cacheDir: string, kept: string): Promise<void> {
  const older = (await readdir(cacheDir).catch(() => [])).filter(replacedBy(kept));
  await Promise.all(older.map((name) => rm(join(cacheDir, name), { force: true }).catch(() => undefined)));
}

/**
 * Loads the model for these definitions from `cacheDir`, or trains it and keeps it there for the
 * next start. A folder that cannot be written (a read-only image) only means training each time.
 */
export async function loadOrTrainClassifier(
  definitions: IntentDefinition[],
  cacheDir: string,
  options: ClassifierOptions = {},
): Promise<{ classifier: IntentClassifier; source: ModelSource }> {
  const file = join(cacheDir, modelFileName(definitions, options));
  const kept = await readFile(file, 'utf8').catch(() => undefined);
  if (kept !== undefined) {
    try {
      return { classifier: await loadIntentClassifier(kept, definitions, options), source: 'cache' };
    } catch {
      // A damaged file is replaced below.
    }
  }
  const model = await trainIntentModel(definitions, options);
  const classifier = await loadIntentClassifier(model, definitions, options);
  try {
    await mkdir(cacheDir, { recursive: true });
    // Written aside and renamed, so a second process starting at the same time never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, model);
    await rename(partial, file);
    await pruneOlderModels(cacheDir, modelFileName(definitions, options));
    return { classifier, source: 'trained' };
  } catch {
    return { classifier, source: 'trained-not-kept' };
  }
}
