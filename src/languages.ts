// The languages the bot speaks with guests (this file imports nothing). Staff tools stay in English.

/** Every language guests are answered in; the first is the spa's default and the source of every translation. */
export const LANGUAGES = ['en', 'vi', 'ko', 'zh', 'ru'] as const;

/** A language the bot speaks, as a two-letter code. */
export type Language = (typeof LANGUAGES)[number];

/** The language content and phrasings are written in first. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's own name, as its speakers write it (for buttons and for staff). */
export const LANGUAGE_NAMES: Record<Language, { own: string; english: string }> = {
  en: { own: 'English', english: 'English' },
  vi: { own: 'Tiếng Việt', english: 'Vietnamese' },
  ko: { own: '한국어', english: 'Korean' },
  zh: { own: '中文', english: 'Chinese' },
  ru: { own: 'Русский', english: 'Russian' },
};

/** Whether a string is one of the languages the bot speaks. */
export function isLanguage(code: unknown): code is Language {
  return typeof code === 'string' && (LANGUAGES as readonly string[]).includes(code);
}

/**
 * The language the bot speaks for an IETF tag a channel reports ("ko-KR", "zh-Hans-CN", "ru"), or
 * undefined when it speaks none of it.
 */
export function languageOfTag(tag: string | undefined): Language | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}
