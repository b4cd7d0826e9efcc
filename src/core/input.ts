// Cleaning what a guest typed before anything else sees it.

/** Longest guest message the bot reads, stores or logs; the rest is cut off. */
export const MAX_INPUT_CHARS = 1000;

export type CleanInput =
  | { kind: 'empty' }
  | { kind: 'emoji'; text: string }
  | { kind: 'text'; text: string; truncated: boolean };

// C0/C1 control characters other than tab and newlines, plus bidi overrides and zero-width marks,
// which can hide or reorder text in logs and in staff tools.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Emoji_Component}|\u200D|\uFE0F|\s|\p{P}/gu;

/** Strips control characters, folds look-alike forms, collapses whitespace and caps the length of a guest's message. */
export function cleanInput(raw: string): CleanInput {
  // Cap before anything else runs, so a huge message costs no more than a normal one. NFKC folds
  // look-alike forms (fullwidth "ＨＯＷ", ligatures) into the letters the classifier knows.
  const head = raw.slice(0, MAX_INPUT_CHARS * 4).normalize('NFKC').replace(CONTROL, ' ');
  const capped = [...head].slice(0, MAX_INPUT_CHARS).join('');
  const text = capped.replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'empty' };
  if (text.replace(PICTOGRAPHIC, '') === '' && /\p{Extended_Pictographic}/u.test(text)) return { kind: 'emoji', text };
  const truncated = raw.length > MAX_INPUT_CHARS * 4 || [...head.trimEnd()].length > MAX_INPUT_CHARS;
  return { kind: 'text', text, truncated };
}
