// A language's content is the English file's shape with every guest-readable text in that language:
// content/<language>/<file>.yaml mirrors content/<file>.yaml. Ids and settings (menus, follow-ups,
// where a fact comes from) are the English file's and need not be repeated; every text must be, so a
// guest never meets an English sentence in the middle of a Korean conversation. Lists of words the
// bot looks for (health terms) are the language's own, not translations of the English list.
import { join } from 'node:path';
import { ContentError } from '../errors.ts';
import { placeholdersIn } from './template.ts';

/** Keys whose values are ids or settings: always the English file's. */
const SETTINGS_KEYS = new Set(['menu', 'follow_ups', 'topic', 'from', 'with_a_time', 'always_advise']);
/** Keys whose values are a language's own word lists: taken whole from the translation. */
const WORD_LIST_KEYS = new Set(['terms']);

/**
 * The English data of one file with the translation's texts in place, or a ContentError naming the
 * file, each missing or unknown key and the language. Placeholders must be the English text's.
 */
export function translated(english: unknown, translation: unknown, path: string, language: string): unknown {
  const problems: string[] = [];
  const merged = merge(english, translation, [], problems);
  if (problems.length > 0) throw new ContentError(path, problems.map((p) => `${p} (language: ${language})`));
  return merged;
}

function merge(english: unknown, translation: unknown, at: string[], problems: string[]): unknown {
  const where = at.join('.') || '(file)';
  const key = at.at(-1) ?? '';
  if (SETTINGS_KEYS.has(key)) return english;
  if (WORD_LIST_KEYS.has(key)) {
    if (translation === undefined) problems.push(`${where}: missing`);
    return translation ?? english;
  }
  if (typeof english === 'string') {
    if (typeof translation !== 'string' || translation.trim() === '') {
      problems.push(`${where}: missing text`);
      return english;
    }
    const wanted = [...new Set(placeholdersIn(english))].sort().join(', ');
    const found = [...new Set(placeholdersIn(translation))].sort().join(', ');
    if (wanted !== found) problems.push(`${where}: placeholders {${found}} should be {${wanted}}`);
    return translation;
  }
  if (Array.isArray(english)) {
    if (!Array.isArray(translation) || translation.length !== english.length) {
      problems.push(`${where}: should be a list of ${english.length}`);
      return english;
    }
    return english.map((item, i) => merge(item, translation[i], [...at, String(i)], problems));
  }
  if (english && typeof english === 'object') {
    if (!translation || typeof translation !== 'object' || Array.isArray(translation)) {
      problems.push(`${where}: missing`);
      return english;
    }
    const theirs = translation as Record<string, unknown>;
    for (const k of Object.keys(theirs)) if (!(k in english)) problems.push(`${[...at, k].join('.')}: not in the English file`);
    return Object.fromEntries(Object.entries(english).map(([k, v]) => [k, merge(v, theirs[k], [...at, k], problems)]));
  }
  // Numbers and booleans are settings.
  return english;
}

/** Where a language's version of a content file lives. */
export function translationPath(dir: string, language: string, file: string): string {
  return join(dir, language, file);
}
