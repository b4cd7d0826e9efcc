// Trains (or finds in .cache) one language's intent model: `node --import tsx prepare-model.ts ko`.
// Run by prepare-models.ts, one process per language, so that two cores train two languages at once.
import { isLanguage } from '../../src/languages.ts';
import { createUnderstanding, intentsDirOf, loadIntentDefinitions, loadVocabulary } from '../../src/nlu/index.ts';
import { INTENTS_DIR, MODEL_CACHE_DIR } from './bot.ts';

const language = process.argv[2];
if (!isLanguage(language)) throw new Error(`prepare-model.ts: not a language the bot speaks: ${language}`);
// The same call as loadUnderstandings makes, so the model kept is the one it looks for.
const [definitions, vocabulary] = await Promise.all([loadIntentDefinitions(intentsDirOf(INTENTS_DIR, language)), loadVocabulary(INTENTS_DIR, language)]);
await createUnderstanding(definitions, { vocabulary, language, modelCacheDir: MODEL_CACHE_DIR });
