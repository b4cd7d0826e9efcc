// The understanding of every language the bot speaks. English is ready at start; another language's
// classifier is trained (or loaded from the model cache) the first time a guest writes it, so five
// languages cost the start-up and the memory of the ones in use.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseYaml } from '../parsed-yaml.ts';
import { z } from 'zod';
import { ContentError } from '../errors.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../languages.ts';
import { loadIntentDefinitions, loadVocabulary, type IntentDefinition } from './intent-definitions.ts';
import { createLanguageDetector, wordsOf, type DetectedLanguage } from './language-detection.ts';
import { foldVietnamese } from './languages/index.ts';
import { phrasePattern } from './phrases.ts';
import { createUnderstanding, type Understanding } from './understanding.ts';

/** Every language's understanding, and which language a message is in. */
export interface Understandings {
  readonly languages: readonly Language[];
  /** The understanding of a language, trained or loaded on its first use. */
  of(language: Language): Promise<Understanding>;
  /** The languages whose understanding is ready (or being made). */
  loaded(): Language[];
  /** The language a message is written in; undefined when it does not say ("ok", "60", a name). */
  detect(text: string): DetectedLanguage;
  /** The language a short message asks to be answered in ("English please", "tiếng Việt", "한국어"). */
  askedLanguage(text: string): Language | undefined;
}

/** Where phrasings live and models are kept. */
export interface UnderstandingsOptions {
  modelCacheDir?: string;
  /** Languages to make ready now rather than on first use (English always is). */
  preload?: readonly Language[];
}

// A request for a language is its name and little else: two more words ("ok English please"), or a
// few Korean or Chinese characters ("로 해주세요", "请用").
const LANGUAGE_REQUEST_MAX_OTHER_WORDS = 2;
const LANGUAGE_REQUEST_MAX_OTHER_CHARACTERS = 5;
// The longest a request for a language can be: its name ("ngôn ngữ tiếng Việt") and a few words more.
const LANGUAGE_REQUEST_MAX_LENGTH = 60;
const languageNamesSchema = z.object({
  ...(Object.fromEntries(LANGUAGES.map((l) => [l, z.array(z.string().trim().min(1).toLowerCase()).min(1)])) as Record<Language, z.ZodArray<z.ZodString>>),
  speaking: z.array(z.string().trim().min(1).toLowerCase()).default([]),
});

/** The phrasings of a language: intents/*.yaml for English, intents/<language>/*.yaml for the others. */
export function intentsDirOf(dir: string, language: Language): string {
  return language === DEFAULT_LANGUAGE ? dir : join(dir, language);
}

/** Reads the phrasings of every language; trains English now and the others when first needed. */
export async function loadUnderstandings(dir: string, options: UnderstandingsOptions = {}): Promise<Understandings> {
  // English and Vietnamese phrasings are read now (the detector needs Vietnamese words); the others
  // when their language is first used. Every language's files are checked against English's now.
  const english = await loadIntentDefinitions(intentsDirOf(dir, DEFAULT_LANGUAGE));
  await checkSameFiles(dir, english);
  const definitions = new Map<Language, Promise<IntentDefinition[]>>([[DEFAULT_LANGUAGE, Promise.resolve(english)]]);
  const definitionsOf = (language: Language): Promise<IntentDefinition[]> => {
    let found = definitions.get(language);
    if (!found) {
      found = loadIntentDefinitions(intentsDirOf(dir, language)).then((defs) => (checkSameIntents(dir, language, english, defs), defs));
      definitions.set(language, found);
    }
    return found;
  };
  const vietnamese = await definitionsOf('vi');
  const names = await readLanguageNames(join(dir, 'vocabulary', 'language-names.yaml'));
  const made = new Map<Language, Promise<Understanding>>();
  const of = (language: Language): Promise<Understanding> => {
    let understanding = made.get(language);
    if (!understanding) {
      const englishVocabulary = language === DEFAULT_LANGUAGE ? undefined : loadVocabulary(dir, DEFAULT_LANGUAGE);
      understanding = Promise.all([definitionsOf(language), loadVocabulary(dir, language), englishVocabulary]).then(([defs, vocabulary, english]) =>
        createUnderstanding(defs, { vocabulary, language, ...(english ? { englishVocabulary: english } : {}), ...(options.modelCacheDir ? { modelCacheDir: options.modelCacheDir } : {}) }),
      );
      // A failed training is tried again by the next message rather than kept.
      understanding.catch(() => made.delete(language));
      made.set(language, understanding);
    }
    return understanding;
  };
  await Promise.all([DEFAULT_LANGUAGE, ...(options.preload ?? [])].map(of));
  const detect = createLanguageDetector({
    en: wordsOf(english.flatMap((d) => d.examples)),
    vi: wordsOf(vietnamese.flatMap((d) => d.examples), foldVietnamese),
  });
  const asked = LANGUAGES.map((language) => [language, phrasePattern(names[language].map(foldVietnamese))!] as const);
  const aboutSpeaking = phrasePattern(names.speaking.map(foldVietnamese));
  return {
    languages: LANGUAGES,
    of,
    loaded: () => [...made.keys()],
    detect,
    askedLanguage(text) {
      // A request is short: a longer message is no request, whatever it names (and costs no pattern).
      if (text.length > LANGUAGE_REQUEST_MAX_LENGTH) return undefined;
      const said = foldVietnamese(text.toLowerCase());
      // "Does the therapist speak Chinese?" asks about a language, not for it.
      if (aboutSpeaking?.test(said)) return undefined;
      for (const [language, pattern] of asked) {
        const found = pattern.exec(said);
        if (!found) continue;
        // Little but the name: "English please", "ok tiếng Việt", "한국어로 해주세요", "请用中文".
        const rest = (said.slice(0, found.index) + ' ' + said.slice(found.index + found[0].length)).trim();
        const words = rest.match(/[\p{L}\p{N}]+/gu) ?? [];
        const joined = rest.match(/[\p{Script=Han}\p{Script=Hangul}]/gu) ?? [];
        if (words.length - (joined.length > 0 ? 1 : 0) <= LANGUAGE_REQUEST_MAX_OTHER_WORDS && joined.length <= LANGUAGE_REQUEST_MAX_OTHER_CHARACTERS) return language;
      }
      return undefined;
    },
  };
}

/** Every language has a phrasing file for each English intent: a missing one would leave its guests unanswered. */
async function checkSameFiles(dir: string, english: IntentDefinition[]): Promise<void> {
  const wanted = new Set(english.map((d) => `${d.intent}.yaml`));
  for (const language of LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE)) {
    const folder = intentsDirOf(dir, language);
    const files = new Set(await readdir(folder).catch(() => []));
    const missing = [...wanted].filter((file) => !files.has(file));
    if (missing.length > 0) throw new ContentError(folder, missing.map((file) => `${file} is missing: every English intent needs phrasings (language: ${language})`));
  }
}

/** The phrasings of a language answer exactly the English intents. */
function checkSameIntents(dir: string, language: Language, english: IntentDefinition[], defs: IntentDefinition[]): void {
  const ours = new Set(english.map((d) => d.intent));
  const theirs = new Set(defs.map((d) => d.intent));
  const missing = [...ours].filter((intent) => !theirs.has(intent));
  const extra = [...theirs].filter((intent) => !ours.has(intent));
  if (missing.length > 0 || extra.length > 0) {
    throw new ContentError(intentsDirOf(dir, language), [
      ...missing.map((intent) => `intent "${intent}" has no phrasings (language: ${language})`),
      ...extra.map((intent) => `intent "${intent}" is not an English intent (language: ${language})`),
    ]);
  }
}

async function readLanguageNames(path: string): Promise<z.infer<typeof languageNamesSchema>> {
  let data: unknown;
  try {
    data = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ContentError(path, [`cannot be read: ${(error as Error).message}`], { cause: error });
  }
  const result = languageNamesSchema.safeParse(data);
  if (!result.success) throw new ContentError(path, result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  return result.data;
}
