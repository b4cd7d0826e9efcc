// The date words of a language (words.ts) as regular expressions: lists of phrases as alternations, and
// templates ("{h}시 {min}분", "ngày {d} tháng {month}") as patterns with named groups. Built once per
// language and per way of typing (with or without marks).
import { dateWords, typedWithoutMarks, withUnmarkedForms, type DateWords, type WordedLanguage } from './words.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One template, compiled: which groups of the shared pattern are its own, and whether it may be a length. */
export interface CompiledTemplate {
  source: string;
  /** Suffix of this template's group names in the shared pattern ("h3", "min3"). */
  id: number;
  /** The word after the hour is also a word for hours of a length ("3h", "3 часа"): alone, it needs a cue. */
  mayBeLength: boolean;
  /** A template of {h} alone ("в 4"), read only after a word of `at`. */
  bare: boolean;
}

export interface WordPatterns {
  words: DateWords;
  /** Where a word may start and end (letters and figures next to it make it part of another word). */
  start: string;
  end: string;
  number: string;
  days: string;
  holidays: string;
  moments: string;
  weeks: string;
  weekday: string;
  periods: string;
  clockPeriodAfter: RegExp;
  /** A part of the day that ends a mention ("в 5 вечера"). */
  clockPeriodLast: RegExp;
  /** A part of the day said just before an hour ("вечер 6 час"): the hour is a clock time, not a length. */
  periodBefore: RegExp;
  momentAfter: RegExp;
  atBefore: RegExp;
  notAfter: RegExp;
  joiner: RegExp;
  /** What stands between the two hours of a range: a dash or tilde, or a word of `range_joiners` ("đến"). */
  rangeMark: RegExp;
  greetings: RegExp;
  clocks: CompiledTemplate[];
  dates: CompiledTemplate[];
  /** The value of a number said in figures or words. */
  numberOf(said: string): number;
  monthOf(said: string): number;
  /** The hour a half is said towards ("пятого": 5). */
  towardOf(said: string): number;
}

/** An alternation of phrases, longest first; a space in a phrase matches any spaces, or none where words run on. */
export function alternation(phrases: Iterable<string>, runOn: boolean): string {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return '(?!)';
  return `(?:${sorted.map((p) => escape(p).replace(/\s+/g, runOn ? '\\s*' : '\\s+')).join('|')})`;
}

/** A pattern without the optional spaces at its ends, so that a match never starts or ends with a space. */
const trimSpaces = (source: string): string => source.replace(/^(?:\\s\*)+/, '').replace(/(?:\\s\*)+$/, '');

/** The hour words of a template: the literal right after {h}, trimmed ("시", "giờ", "h", "часа"). */
const hourWordOf = (template: string): string => /\{h\}([^{]*)/.exec(template)?.[1]?.trim() ?? '';

function compileTemplates(templates: string[], w: DateWords, slots: Record<string, string>, runOn: boolean): CompiledTemplate[] {
  const hours = new Set(w.lengths.hours);
  return [...templates]
    .sort((a, b) => b.length - a.length)
    .map((template, id) => {
      const hourWord = hourWordOf(template);
      // "3시간" is a length, not "3시" and more: the rest of a longer length word may not follow the hour word.
      const rests = w.lengths.hours.filter((h) => hourWord && h !== hourWord && h.startsWith(hourWord)).map((h) => h.slice(hourWord.length));
      const parts = template.split(/(\{\w+\})/).filter(Boolean);
      const body = parts
        .map((part) => {
          const slot = /^\{(\w+)\}$/.exec(part)?.[1];
          // Around a number or a word, spaces may be typed or not: "3 giờ", "3giờ", "세 시".
          if (slot) return `\\s*(?<${slot}${id}>${slot === 'half' ? alternation(w.half, runOn) : slots[slot]})\\s*`;
          return escape(part).replace(/\s+/g, '\\s*');
        })
        .join('');
      const endsInHourWord = template.trimEnd().endsWith(hourWord) && hourWord !== '';
      const guard = endsInHourWord && rests.length > 0 ? `(?!${alternation(rests, true)})` : '';
      return { source: trimSpaces(body) + guard, id, mayBeLength: hours.has(hourWord), bare: template.trim() === '{h}' };
    });
}

function compile(w: DateWords): WordPatterns {
  const runOn = !w.whole_words;
  const start = w.whole_words ? '(?<![\\p{L}\\p{N}])' : '(?<!\\p{N})';
  const end = w.whole_words ? '(?![\\p{L}\\p{N}])' : '';
  const numberWords = alternation(Object.keys(w.numbers), runOn);
  // A number in figures is whole: "31" is no day 3 of month 1, "1430" no 14 and 30.
  const figures = (n: string) => `(?<!\\d)\\d{${n}}(?!\\d)`;
  const number = `${figures('1,2')}|${numberWords}`;
  const slots: Record<string, string> = {
    h: number,
    min: number,
    to: number,
    d: figures('1,2'),
    month: `${figures('1,2')}|${alternation(Object.keys(w.months), runOn)}`,
    year: figures('4'),
    toward: `${figures('1,2')}|${alternation(Object.keys(w.hours_toward), runOn)}`,
  };
  const weekdays = alternation(Object.keys(w.weekdays), runOn);
  const relation = alternation([...w.next_week, ...w.this_week], runOn);
  const gap = runOn ? '\\s*' : '\\s+';
  return {
    words: w,
    start,
    end,
    number,
    days: alternation(Object.keys(w.days), runOn),
    holidays: alternation(Object.keys(w.holidays), runOn),
    moments: alternation(Object.keys(w.moments), runOn),
    weeks: alternation(Object.keys(w.weeks), runOn),
    // "в пятницу" whole, as chrono reads it, so that ours keeps next week's days. Where words run on, "周六下午"
    // holds no "周六下": a relation only comes before the weekday.
    weekday:
      `(?:${alternation(w.at, runOn)}${gap})?(?:(?<before>${relation})${gap})?(?<wd>${weekdays})` +
      (runOn ? '' : `(?:${gap}(?<after>${relation})${end})?`),
    periods: alternation(Object.keys(w.periods), runOn),
    clockPeriodAfter: new RegExp(`^\\s*(?<p>${alternation(Object.keys(w.clock_periods), runOn)})${end}`, 'iu'),
    clockPeriodLast: new RegExp(`(?<p>${alternation(Object.keys(w.clock_periods), runOn)})\\s*$`, 'iu'),
    periodBefore: new RegExp(`(?:^|[^\\p{L}\\p{N}])${alternation(Object.keys(w.periods), runOn)}[\\s,]*$`, 'iu'),
    momentAfter: new RegExp(`^\\s*${alternation(Object.keys(w.moments), runOn)}${end}`, 'iu'),
    atBefore: new RegExp(`(?:^|[^\\p{L}\\p{N}])${alternation(w.at, runOn)}\\s*$`, 'iu'),
    notAfter: new RegExp(`(?:^|[^\\p{L}\\p{N}])${alternation(w.not_after, runOn)}\\s+$`, 'iu'),
    joiner: new RegExp(`^[\\s,，、]*(?:${alternation(w.joiners, runOn)}[\\s,，、]*)?$`, 'iu'),
    rangeMark: new RegExp(`^\\s*(?:[-–—~〜]|${alternation(w.range_joiners, runOn)})\\s*$`, 'iu'),
    greetings: new RegExp(`${start}${alternation(w.greetings, runOn)}${end}`, 'giu'),
    clocks: compileTemplates(w.clocks, w, slots, runOn),
    dates: compileTemplates(w.dates, w, slots, runOn),
    numberOf(said) {
      const key = said.toLowerCase().replace(/\s+/g, ' ');
      return w.numbers[key] ?? w.numbers[key.replace(/ /g, '')] ?? Number(said);
    },
    monthOf(said) {
      return w.months[said.toLowerCase()] ?? Number(said);
    },
    towardOf(said) {
      return w.hours_toward[said.toLowerCase()] ?? Number(said);
    },
  };
}

const SLOTS = ['h', 'min', 'to', 'half', 'toward', 'd', 'month', 'year'] as const;
export type TemplateGroups = Partial<Record<(typeof SLOTS)[number], string>>;

/** The groups a template matched in a shared pattern, by their plain names ("h", "min"); undefined when another template matched. */
export function groupsOf(template: CompiledTemplate, match: RegExpMatchArray): TemplateGroups | undefined {
  const groups = match.groups ?? {};
  const own: TemplateGroups = {};
  for (const slot of SLOTS) if (groups[`${slot}${template.id}`] !== undefined) own[slot] = groups[`${slot}${template.id}`];
  return own.h !== undefined || own.toward !== undefined || own.d !== undefined ? own : undefined;
}

const compiled = new Map<string, WordPatterns>();

/** The patterns for a language's words, as the message is typed: with marks, or without ("thu bay"). */
export function wordPatterns(language: WordedLanguage, text: string): WordPatterns {
  const plain = typedWithoutMarks(text);
  const key = `${language}/${plain ? 'unmarked' : 'marked'}`;
  let found = compiled.get(key);
  if (!found) {
    const words = dateWords(language);
    compiled.set(key, (found = compile(plain ? withUnmarkedForms(words) : words)));
  }
  return found;
}
