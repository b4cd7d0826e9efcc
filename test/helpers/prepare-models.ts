// Before any test file runs: every language's intent model trained once and kept in .cache, so the
// test files (run in parallel) load them instead of each training the same model again.
import { LANGUAGES } from '../../src/languages.ts';
import { loadUnderstandings } from '../../src/nlu/index.ts';
import { INTENTS_DIR, MODEL_CACHE_DIR } from './bot.ts';

export default async function prepareModels(): Promise<void> {
  await loadUnderstandings(INTENTS_DIR, { modelCacheDir: MODEL_CACHE_DIR, preload: LANGUAGES });
}
