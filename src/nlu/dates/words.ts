// The words guests use for days, times of day and session lengths in the languages other than English,
// from intents/vocabulary/dates/<language>.yaml: data, so that a new way of saying "tomorrow" is a change
// of a file, not of code. English keeps its words in vocabulary.ts, where chrono's English reads them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../../parsed-yaml.ts';
import { z } from 'zod';
import { ContentError } from '../../errors.ts';
import type { Language } from '../../languages.ts';

const word = z.string().trim().min(1).toLowerCase();
const words = z.array(word).default([]);
const period = z.enum(['morning', 'afternoon', 'evening', 'night']);
const daysAhead = z.number().int().min(0).max(7);
const template = (slots: string[], required: string[]) =>
  word.refine((t) => required.some((r) => t.includes(r)) && [...t.matchAll(/\{(\w+)\}/g)].every((m) => slots.includes(m[1] ?? '')), {
    message: `must hold ${required.join(' or ')} and no slot but ${slots.map((s) => `{${s}}`).join(', ')}`,
  });

const dateWordsSchema = z.object({
  whole_words: z.boolean(),
  marks_needed: words,
  not_after: words,
  greetings: words,
  now: words,
  numbers: z.record(word, z.number().int().min(0).max(90)).default({}),
  days: z.record(word, daysAhead).default({}),
  // Days with a name of their own, the same date every year: [month, day] ("크리스마스": [12, 25]).
  holidays: z.record(word, z.tuple([z.number().int().min(1).max(12), z.number().int().min(1).max(31)])).default({}),
  moments: z.record(word, z.tuple([daysAhead, period])).default({}),
  /** Stretches of days said as a day to come: the weekend (its first day still to come), next week (its Monday). */
  weeks: z.record(word, z.enum(['weekend', 'next_week'])).default({}),
  weekdays: z.record(word, z.number().int().min(0).max(6)).default({}),
  next_week: words,
  this_week: words,
  periods: z.record(word, period).default({}),
  clock_periods: z.record(word, period).default({}),
  months: z.record(word, z.number().int().min(1).max(12)).default({}),
  at: words,
  joiners: words,
  // Between the two hours of a range, beside a dash or a tilde: "1 đến 2 giờ".
  range_joiners: words,
  half: words,
  dates: z.array(template(['d', 'month', 'year'], ['{d}'])).default([]),
  clocks: z.array(template(['h', 'min', 'to', 'half', 'toward'], ['{h}', '{toward}'])).default([]),
  // The hours a half is said towards ("половина пятого", half past four: "пятого" is 5).
  hours_toward: z.record(word, z.number().int().min(1).max(24)).default({}),
  clocks_needing_a_cue: words,
  lengths: z
    .object({
      hours: words,
      minutes: words,
      counters: words,
      half_before: words,
      half_after: words,
      phrases: z.record(word, z.number().int().min(1).max(720)).default({}),
      relative_before: words,
      relative_after: words,
    })
    .default({ hours: [], minutes: [], counters: [], half_before: [], half_after: [], phrases: {}, relative_before: [], relative_after: [] }),
});

/** How guests of one language write days, times of day and lengths. */
export type DateWords = z.infer<typeof dateWordsSchema>;

/** The languages whose date words live in a file (English's are in vocabulary.ts). */
export type WordedLanguage = Exclude<Language, 'en'>;

/** The folder of the files: found upwards from here, so that it is found from src/ and from a bundle in dist/ alike. */
function datesFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'intents', 'vocabulary', 'dates');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new ContentError('intents/vocabulary/dates', ['folder not found above src/nlu/dates']);
    dir = parent;
  }
}

/** Reads and validates one language's date words; a missing or broken file throws a ContentError naming it. */
export function readDateWords(language: WordedLanguage, folder = datesFolder()): DateWords {
  const path = join(folder, `${language}.yaml`);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ContentError(path, [`cannot be read as YAML: ${(error as Error).message}`], { cause: error });
  }
  const result = dateWordsSchema.safeParse(data);
  if (!result.success) throw new ContentError(path, result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  return result.data;
}

const loaded = new Map<WordedLanguage, DateWords>();

/** A language's date words, read on first use and kept: findDateTimes stays synchronous and English never reads a file. */
export function dateWords(language: WordedLanguage): DateWords {
  let found = loaded.get(language);
  if (!found) loaded.set(language, (found = readDateWords(language)));
  return found;
}

// ---- Words typed without their marks ----

/** A Latin letter without its marks ("ố" is "o", "đ" is "d"); other scripts as they are (Hangul and "й" keep theirs). */
const unmarkedLetter = (c: string): string =>
  /\p{Script=Latin}/u.test(c) ? c.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : c;

/** Text with its Latin letters unmarked, letter for letter, so places in it stay where they were. */
export const unmarked = (text: string): string => [...text].map(unmarkedLetter).join('');

/** True when a message has no marked Latin letter: its writer types without marks, and "thu bay" is "thứ bảy". */
export const typedWithoutMarks = (text: string): boolean => unmarked(text) === text;

/** The words with each also in its unmarked form, but for those whose unmarked form is another word. */
export function withUnmarkedForms(w: DateWords): DateWords {
  const needed = new Set(w.marks_needed);
  const both = (list: string[]) => [...new Set(list.flatMap((x) => (needed.has(x) ? [x] : [x, unmarked(x)])))];
  const bothKeys = <T>(record: Record<string, T>, always = false) =>
    Object.fromEntries(Object.entries(record).flatMap(([k, v]) => (needed.has(k) && !always ? [[k, v]] : [[k, v], [unmarked(k), v]])));
  return {
    ...w,
    not_after: both(w.not_after),
    greetings: both(w.greetings),
    now: both(w.now),
    numbers: bothKeys(w.numbers, true),
    days: bothKeys(w.days),
    holidays: bothKeys(w.holidays),
    moments: bothKeys(w.moments),
    weeks: bothKeys(w.weeks),
    weekdays: bothKeys(w.weekdays),
    next_week: both(w.next_week),
    this_week: both(w.this_week),
    periods: bothKeys(w.periods),
    // Right after an hour an unmarked "sang" can only be "sáng".
    clock_periods: bothKeys(w.clock_periods, true),
    months: bothKeys(w.months),
    at: both(w.at),
    joiners: both(w.joiners),
    half: both(w.half),
    dates: both(w.dates),
    clocks: both(w.clocks),
    clocks_needing_a_cue: both(w.clocks_needing_a_cue),
    lengths: {
      ...w.lengths,
      hours: both(w.lengths.hours),
      minutes: both(w.lengths.minutes),
      counters: both(w.lengths.counters),
      half_before: both(w.lengths.half_before),
      half_after: both(w.lengths.half_after),
      phrases: bothKeys(w.lengths.phrases),
      relative_before: both(w.lengths.relative_before),
      relative_after: both(w.lengths.relative_after),
    },
  };
}
