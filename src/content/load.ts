import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseYaml } from '../parsed-yaml.ts';
import type { z } from 'zod';
import { ContentError } from '../errors.ts';
import {
  bookingTextsSchema,
  handoverTextsSchema,
  healthSchema,
  knowledgeSchema,
  messagesSchema,
  questionsSchema,
  reminderTextsSchema,
  spaSchema,
  walkthroughsSchema,
  type Content,
  type ContentSet,
} from './schema.ts';
import { placeholdersIn } from './template.ts';
import { translated, translationPath } from './translations.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../languages.ts';

/** Intents answered by the core itself rather than by a topic or a walk-through. */
export const BUILT_IN_INTENTS = [
  'greeting',
  'thanks',
  'goodbye',
  'help',
  'person',
  'out_of_scope',
  'stop',
  'booking.start',
  'booking.availability',
  'booking.mine',
  'booking.cancel',
  'booking.reschedule',
  'language',
] as const;

const SPA_PLACEHOLDERS = ['name', 'city', 'country', 'address', 'payment', 'phone', 'email', 'website', 'hours', 'services', 'therapists', 'durations', 'cancel_hours', 'notice_hours'];
const MESSAGE_PLACEHOLDERS: Record<string, string[]> = {
  greeting: ['spa_name'],
  slow_down: ['seconds'],
  terminal_banner: ['spa_name'],
  walkthrough_step: ['n', 'total', 'title'],
  walkthrough_resume: ['n', 'total'],
  booking_unavailable: SPA_PLACEHOLDERS,
  person: SPA_PLACEHOLDERS,
};

/** Reads and validates every file in content/ (English); any problem throws a ContentError naming the file and field. */
export async function loadContent(dir: string): Promise<Content> {
  return loadContentIn(dir, DEFAULT_LANGUAGE);
}

/**
 * Reads the content in every language the bot speaks: English from content/, each other language
 * from content/<language>/. A text missing in any language stops start-up with a ContentError
 * naming the file, the key and the language.
 */
export async function loadContentSet(dir: string): Promise<ContentSet> {
  const english = new Map<string, Promise<unknown>>();
  const entries = await Promise.all(LANGUAGES.map(async (language) => [language, await loadContentIn(dir, language, english)] as const));
  return Object.fromEntries(entries) as ContentSet;
}

async function loadContentIn(dir: string, language: Language, english = new Map<string, Promise<unknown>>()): Promise<Content> {
  // Each language is laid over the English files: read and checked once for all of them.
  const readEnglish = <S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> => {
    if (!english.has(file)) english.set(file, readYaml(dir, file, schema));
    return english.get(file) as Promise<z.infer<S>>;
  };
  const read = <S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> => inLanguage(dir, file, schema, language, readEnglish(file, schema));
  const content: Content = {
    language,
    // The spa's settings are one for all languages.
    spa: await readEnglish('spa.yaml', spaSchema),
    knowledge: await read('knowledge.yaml', knowledgeSchema),
    questions: await read('questions.yaml', questionsSchema),
    walkthroughs: await read('walkthroughs.yaml', walkthroughsSchema),
    health: await read('health.yaml', healthSchema),
    messages: await read('messages.yaml', messagesSchema),
    booking: await read('booking.yaml', bookingTextsSchema),
    handover: await read('handover.yaml', handoverTextsSchema),
    reminders: await read('reminders.yaml', reminderTextsSchema),
  };
  checkCrossReferences(language === DEFAULT_LANGUAGE ? dir : join(dir, language), content);
  return content;
}

/** Reads one YAML file of the content folder and checks it; a problem throws a ContentError naming the file and field. */
export async function readYaml<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.infer<S>> {
  const path = join(dir, file);
  return validated(path, await readData(path), schema);
}

/**
 * One content file in a language: the English file with the language's texts in place (see
 * translations.ts). For English it is the file itself.
 */
export async function readYamlIn<S extends z.ZodType>(dir: string, file: string, schema: S, language: Language): Promise<z.infer<S>> {
  return inLanguage(dir, file, schema, language, readYaml(dir, file, schema));
}

/** A language's version of a file laid over the English data, checked with the file's schema. */
async function inLanguage<S extends z.ZodType>(dir: string, file: string, schema: S, language: Language, english: Promise<z.infer<S>>): Promise<z.infer<S>> {
  if (language === DEFAULT_LANGUAGE) return english;
  const path = translationPath(dir, language, file);
  const [data, translation] = await Promise.all([english, readData(path)]);
  return validated(path, translated(data, translation, path, language), schema);
}

async function readData(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ContentError(path, ['cannot be read: ' + (error as Error).message], { cause: error });
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ContentError(path, [`is not valid YAML: ${(error as Error).message}`], { cause: error });
  }
}

function validated<S extends z.ZodType>(path: string, data: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new ContentError(
      path,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Checks what one file says about another: follow-ups and menu entries exist, placeholders are known. */
function checkCrossReferences(dir: string, content: Content): void {
  const known = new Set<string>([
    ...BUILT_IN_INTENTS,
    ...Object.keys(content.knowledge.topics),
    ...Object.keys(content.walkthroughs),
  ]);
  const problems: Array<[string, string]> = [];
  const unknownIds = (file: string, field: string, ids: string[]) => {
    for (const id of ids) if (!known.has(id)) problems.push([file, `${field}: "${id}" is neither a topic, a walk-through nor a built-in intent`]);
  };
  const unknownPlaceholders = (file: string, field: string, text: string, allowed: string[]) => {
    for (const name of placeholdersIn(text)) {
      if (!allowed.includes(name)) problems.push([file, `${field}: unknown placeholder {${name}} (allowed: ${allowed.join(', ') || 'none'})`]);
    }
  };

  unknownIds('knowledge.yaml', 'menu', content.knowledge.menu);
  for (const [id, topic] of Object.entries(content.knowledge.topics)) {
    unknownIds('knowledge.yaml', `topics.${id}.follow_ups`, topic.follow_ups);
    unknownPlaceholders('knowledge.yaml', `topics.${id}.text`, topic.text, SPA_PLACEHOLDERS);
  }
  for (const [id, question] of Object.entries(content.questions)) {
    if (known.has(id)) problems.push(['questions.yaml', `${id}: is already a topic, a walk-through or a built-in intent`]);
    unknownIds('questions.yaml', `${id}.topic`, [question.topic]);
    unknownPlaceholders('questions.yaml', `${id}.text`, question.text, SPA_PLACEHOLDERS);
  }
  for (const [id, walk] of Object.entries(content.walkthroughs)) {
    unknownIds('walkthroughs.yaml', `${id}.follow_ups`, walk.follow_ups);
  }
  unknownIds('health.yaml', 'always_advise', content.health.always_advise);
  for (const [key, value] of Object.entries(content.messages)) {
    if (typeof value === 'string') unknownPlaceholders('messages.yaml', key, value, MESSAGE_PLACEHOLDERS[key] ?? []);
  }
  const bookingPlaceholders = ['day', 'when', 'hold', 'details', 'ref', 'minutes', 'address', 'notice', 'days', 'hours', 'step', 'therapist', 'durations', 'list', 'until', 'phone', 'from', 'to', 'name', 'pressure', 'health', 'contact', 'city', 'guest', 'price', 'period', 'time'];
  const visit = (field: string, value: unknown): void => {
    if (typeof value === 'string' && field !== 'formats' && !field.startsWith('formats.')) {
      unknownPlaceholders('booking.yaml', field, value, bookingPlaceholders);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(field ? `${field}.${k}` : k, v);
    }
  };
  visit('', content.booking);
  unknownPlaceholders('handover.yaml', 'staff_prefix', content.handover.staff_prefix, ['staff']);
  unknownPlaceholders('handover.yaml', 'ended', content.handover.ended, ['spa_name']);
  const reminders = content.reminders;
  const session = ['spa_name', 'service', 'ref', 'minutes', 'address', 'phone'];
  unknownPlaceholders('reminders.yaml', 'reminder', reminders.reminder, [...session, 'day', 'time']);
  unknownPlaceholders('reminders.yaml', 'follow_up', reminders.follow_up, session);
  unknownPlaceholders('reminders.yaml', 'days.later', reminders.days.later, ['day']);
  for (const [key, value] of Object.entries(reminders.labels)) unknownPlaceholders('reminders.yaml', `labels.${key}`, value, ['ref']);
  for (const [key, value] of Object.entries(reminders.calendar)) unknownPlaceholders('reminders.yaml', `calendar.${key}`, value, session);

  const first = problems[0];
  if (first) {
    const file = first[0];
    throw new ContentError(join(dir, file), problems.filter(([f]) => f === file).map(([, p]) => p));
  }
}
