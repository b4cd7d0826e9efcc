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

// NFKC turns the lone Korean letters of chat ("ㅇㅇ" yes, "ㅋㅋ" laughing, "ㅠㅠ") into the jamo that
// only build syllables (U+1100–U+11FF), which no phrasing is written in: they are put back as typed.
const CHOSEONG = [0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149, 0x314a, 0x314b, 0x314c, 0x314d, 0x314e];
const JONGSEONG = [
  0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313a, 0x313b, 0x313c, 0x313d, 0x313e, 0x313f, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146, 0x3147, 0x3148, 0x314a,
  0x314b, 0x314c, 0x314d, 0x314e,
];
const LONE_JAMO = /[\u1100-\u1112\u1161-\u1175\u11a8-\u11c2]/g;
function jamoAsTyped(text: string): string {
  return text.replace(LONE_JAMO, (jamo) => {
    const code = jamo.charCodeAt(0);
    if (code <= 0x1112) return String.fromCharCode(CHOSEONG[code - 0x1100]!);
    if (code <= 0x1175) return String.fromCharCode(0x314f + code - 0x1161);
    return String.fromCharCode(JONGSEONG[code - 0x11a8]!);
  });
}

/** Strips control characters, folds look-alike forms, collapses whitespace and caps the length of a guest's message. */
export function cleanInput(raw: string): CleanInput {
  // Cap before anything else runs, so a huge message costs no more than a normal one. NFKC folds
  // look-alike forms (fullwidth "ＨＯＷ", ligatures) into the letters the classifier knows.
  const head = raw.slice(0, MAX_INPUT_CHARS * 4).normalize('NFKC').replace(CONTROL, ' ');
  const typed = jamoAsTyped(head);
  const capped = [...typed].slice(0, MAX_INPUT_CHARS).join('');
  const text = capped.replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'empty' };
  if (text.replace(PICTOGRAPHIC, '') === '' && /\p{Extended_Pictographic}/u.test(text)) return { kind: 'emoji', text };
  const truncated = raw.length > MAX_INPUT_CHARS * 4 || [...typed.trimEnd()].length > MAX_INPUT_CHARS;
  return { kind: 'text', text, truncated };
}
