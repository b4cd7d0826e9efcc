import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseYaml } from '../parsed-yaml.ts';
import { z } from 'zod';
import { ContentError } from '../errors.ts';
import { EMPTY_VOCABULARY, type Vocabulary } from './normalise.ts';
import { foldVietnamese } from './languages/vietnamese.ts';

/** One intent and the phrasings that teach the classifier to recognise it. */
export interface IntentDefinition {
  intent: string;
  /** The broader intent this precise question belongs to ("q.price" within "spa.services"). */
  within?: string;
  examples: string[];
}

const intentId = z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)?$/, 'must look like "faq.duration"');
const intentFileSchema = z.object({
  intent: intentId,
  within: intentId.optional(),
  examples: z.array(z.string().trim().min(1, 'must not be empty').max(300)).min(20, 'needs at least 20 examples'),
});

/** Reads and validates every `*.yaml` in the intents folder; a broken file throws a ContentError naming it. */
export async function loadIntentDefinitions(dir: string): Promise<IntentDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  if (files.length === 0) throw new ContentError(dir, ['no intent files (*.yaml) found']);
  const definitions: IntentDefinition[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    let data: unknown;
    try {
      data = parseYaml(await readFile(path, 'utf8'));
    } catch (error) {
      throw new ContentError(path, [`is not valid YAML: ${(error as Error).message}`], { cause: error });
    }
    const result = intentFileSchema.safeParse(data);
    if (!result.success) {
      throw new ContentError(
        path,
        result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
      );
    }
    const previous = seen.get(result.data.intent);
    if (previous) throw new ContentError(path, [`intent "${result.data.intent}" is already defined in ${previous}`]);
    seen.set(result.data.intent, path);
    definitions.push(result.data);
  }
  for (const { intent, within } of definitions) {
    if (within && !seen.has(within)) throw new ContentError(seen.get(intent)!, [`within: "${within}" is not an intent`]);
    if (within && definitions.some((d) => d.intent === within && d.within)) throw new ContentError(seen.get(intent)!, [`within: "${within}" is itself within another intent`]);
  }
  return definitions;
}

const phrases = z.array(z.string().trim().min(1).toLowerCase()).default([]);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like "13:00"');
const vocabularySchema = z.object({
  spellings: z.record(z.string().regex(/^\S+$/, 'must be one word as typed'), z.string()).default({}),
  /** Words rewritten as typed, marks and all, before the text is folded: folded, they are other words ("bố", father, is "bỏ", drop). */
  marked_spellings: z.record(z.string().regex(/^\S+$/, 'must be one word as typed'), z.string()).default({}),
  joiners: phrases,
  question_starts: phrases,
  acts: z.object({ next: phrases, resume: phrases }).default({ next: [], resume: [] }),
  safety_asks: phrases,
  manage_words: z.object({ bookings: phrases, change: phrases, cancel: phrases }).default({ bookings: [], change: [], cancel: [] }),
  booking_verbs: phrases,
  own_booking_words: phrases,
  booking_asks: phrases,
  booking_words: phrases,
  booked_elsewhere: phrases,
  fee_words: phrases,
  innuendo: phrases,
  overrides: phrases,
  spa_words: phrases,
  availability_words: phrases,
  booking: z
    .object({
      stop: phrases,
      confirm_cancel: phrases,
      confirm_move: phrases,
      female: phrases,
      male: phrases,
      therapist: phrases,
      group: phrases,
      cancel_booking: phrases,
      none: phrases,
      healthy: phrases,
      health_topics: phrases,
      health_denials: phrases,
      health_exceptions: phrases,
      yes: phrases,
      /** Words of agreeing matched as typed, marks and all: folded, they are other words ("đúng" right, "dừng" stop). */
      yes_as_typed: phrases,
      yes_alone: phrases,
      negations: phrases,
      any_therapist: phrases,
      anyone: phrases,
      either_gender: phrases,
      either_way: phrases,
      light: phrases,
      not_too_hard: phrases,
      medium: phrases,
      firm: phrases,
      ordinals: z.object({ first: phrases, second: phrases, third: phrases, fourth: phrases, last: phrases }),
      lengths: z.object({ hour: phrases, half_hour: phrases, longest: phrases, shortest: phrases }),
      shift: z.object({ earlier: phrases, later: phrases, half: phrases, one: phrases, two: phrases, three: phrases }),
      windows: z.record(z.string().toLowerCase(), z.tuple([clock, clock])).default({}),
      approximately: phrases,
      hour_marks: phrases,
      soonest: phrases,
      latest: phrases,
      bound_before: phrases,
      from_before: phrases,
      not_before: phrases,
      from_after: phrases,
      same_time: phrases,
      same_day: phrases,
      question_starts: phrases,
      question_lead_ins: phrases,
      question_ends: phrases,
      question_tails: phrases,
      question_inside: phrases,
      /** Phrases that hold a question word and ask nothing ("没什么", nothing much): set aside before looking for one. */
      not_asking: phrases,
      if_chosen: phrases,
      enough: phrases,
      therapist_named: phrases,
      therapist_answer: phrases,
      pressure_words: phrases,
      name_intros: phrases,
      name_self_intros: phrases,
      name_endings: phrases,
      corrections: phrases,
      answer_fillers: phrases,
      name_cases: z.record(z.string(), phrases).default({}),
    })
    .default(EMPTY_VOCABULARY.booking),
});

/**
 * Reads how guests write a language in a chat, from `<dir>/vocabulary/<language>.yaml`; a language
 * without the file has an empty vocabulary. A broken file throws a ContentError naming it.
 */
export async function loadVocabulary(dir: string, language = 'en'): Promise<Vocabulary> {
  const path = join(dir, 'vocabulary', `${language}.yaml`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return EMPTY_VOCABULARY;
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ContentError(path, [`is not valid YAML: ${(error as Error).message}`], { cause: error });
  }
  // Vietnamese is read folded (without its marks), words and messages alike.
  const result = vocabularySchema.safeParse(language === 'vi' ? foldStrings(data) : data);
  if (!result.success) throw new ContentError(path, result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  return result.data;
}

// The keys whose words are matched as typed, so they keep their marks.
// Kept with their marks: the words that start and end a question, read with them in a message typed
// with marks ("cổ", neck, is no "có"; "Hồng", a name, no "hông"), and folded for one typed without.
const AS_TYPED = new Set(['yes_as_typed', 'marked_spellings', 'question_starts', 'question_ends', 'question_tails', 'question_lead_ins']);

function foldStrings(data: unknown): unknown {
  if (typeof data === 'string') return foldVietnamese(data);
  if (Array.isArray(data)) return data.map(foldStrings);
  if (data && typeof data === 'object') return Object.fromEntries(Object.entries(data).map(([k, v]) => (AS_TYPED.has(k) ? [k, v] : [foldVietnamese(k), foldStrings(v)])));
  return data;
}
