// Dates in each language's own words ("Thứ Hai", "월요일", "星期一", "понедельник"): the patterns are
// content (booking.yaml `formats`), the month and weekday names are date-fns's locales.
import type { Locale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { ko } from 'date-fns/locale/ko';
import { ru } from 'date-fns/locale/ru';
import { vi } from 'date-fns/locale/vi';
import { zhCN } from 'date-fns/locale/zh-CN';
import type { Language } from '../languages.ts';

const LOCALES: Record<Language, Locale> = { en: enGB, vi, ko, zh: zhCN, ru };

/** The date-fns locale dates are written in for a language. */
export function dateLocale(language: Language): Locale {
  return LOCALES[language];
}
