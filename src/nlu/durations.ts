// How long a session the guest asks for: "an hour", "30 mins", "hour and a half", "90min", "60'".
// A point in time said with a length ("in 2 hours", "an hour later", "10 min past 5") is not a session length.
// The other languages' lengths are read from their words, in dates/lengths.ts.
import type { Language } from '../languages.ts';
import { findLength, firstNotRelative } from './dates/lengths.ts';
import { blankBookingRefs } from '../booking/references.ts';

export interface DurationMention { minutes: number; text: string; index: number }

const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, 'twenty-five': 25, thirty: 30, forty: 40, 'forty-five': 45,
  fifty: 50, sixty: 60, 'seventy-five': 75, ninety: 90, 'a couple of': 2,
};
const WORD = String.raw`a\s+couple\s+of|twenty[-\s]five|forty[-\s]five|seventy[-\s]five|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety`;
const NUMBER = String.raw`(?:\d{1,3}(?:[.,]\d{1,2})?|${WORD})`;
const HOURS = String.raw`(?:hours?|hrs?|h)`;
const MINUTES = String.raw`(?:minutes?|mins?)`;

interface Rule { pattern: RegExp; minutes: (m: RegExpExecArray) => number }

// Ordered from the longest phrasing to the shortest; at one position the longest match wins.
const RULES: Rule[] = [
  {
    // "an hour and a half", "hour and a half", "2 hours and a quarter"
    pattern: new RegExp(String.raw`(?:(?<n>${NUMBER})\s*)?${HOURS}\s+and\s+(?:a\s+)?(?<part>half|quarter)`, 'gi'),
    minutes: (m) => hoursOf(m.groups?.n ?? '1') * 60 + (m.groups?.part?.toLowerCase() === 'half' ? 30 : 15),
  },
  {
    // "one and a half hours", "2 and a half hrs"
    pattern: new RegExp(String.raw`(?<n>${NUMBER})\s+and\s+a\s+half\s+${HOURS}`, 'gi'),
    minutes: (m) => hoursOf(m.groups?.n ?? '1') * 60 + 30,
  },
  {
    // "1h30", "1 hour 30 minutes", "1 hr and 15 mins"
    pattern: new RegExp(String.raw`(?<n>\d{1,2}|${WORD})\s*${HOURS}\s*(?:and\s+)?(?<min>\d{1,2})(?:\s*(?:${MINUTES}|m\b|['’]))?`, 'gi'),
    minutes: (m) => hoursOf(m.groups?.n ?? '0') * 60 + Number(m.groups?.min),
  },
  {
    pattern: /(?:half\s+an?|half\s+(?:of\s+)?an?|half)[-\s]+hour|(?<three>three\s+)?quarters?\s+of\s+an\s+hour|(?:a\s+)?quarter\s+(?:of\s+an\s+)?hour/gi,
    minutes: (m) => (/^half/i.test(m[0]) ? 30 : m.groups?.three ? 45 : 15),
  },
  {
    // "60-90 minutes", "1 or 2 hours": the first figure, the guest can be asked to choose
    pattern: new RegExp(String.raw`(?<n>\d{1,3})\s*(?:-|–|to|or)\s*\d{1,3}\s*(?<unit>${HOURS}|${MINUTES})\b`, 'gi'),
    minutes: (m) => (/^h/i.test(m.groups?.unit ?? '') ? 60 : 1) * Number(m.groups?.n),
  },
  // A figure with its unit, glued or not ("2h", "1.5 hrs"); a word only apart from a whole unit ("an hour": "ah" is no hour).
  { pattern: new RegExp(String.raw`(?<n>\d{1,3}(?:[.,]\d{1,2})?)\s*-?\s*${HOURS}\b`, 'gi'), minutes: (m) => hoursOf(m.groups?.n ?? '0') * 60 },
  { pattern: new RegExp(String.raw`(?<n>${WORD})\s+(?:hours?|hrs?)\b`, 'gi'), minutes: (m) => hoursOf(m.groups?.n ?? '0') * 60 },
  { pattern: new RegExp(String.raw`(?<n>${NUMBER})\s*-?\s*${MINUTES}\b`, 'gi'), minutes: (m) => hoursOf(m.groups?.n ?? '0') },
  // "the hour-long one", "the hour long back massage": a length said as a kind of session.
  { pattern: /hour[-\s]?long\b/gi, minutes: () => 60 },
  // "90m", "60'": only glued to a figure, where they cannot be metres or a quote
  { pattern: /(?<n>\d{2,3})(?:m\b|['’](?![\w']))/gi, minutes: (m) => Number(m.groups?.n) },
];

// Said before or after a length, these make it a point in time rather than a session length.
const RELATIVE_BEFORE = /\b(?:in|within|after|before|every)\s+(?:(?:about|around|approx\.?|approximately|roughly|just|another|the\s+next)\s+)?$/i;
const RELATIVE_AFTER = /^\s*(?:from\s+(?:now|today)|later|ago|before|after|earlier|early|late|time\b|['’]\s*time|past\s+\d|to\s+\d)/i;
const MAX_MINUTES = 12 * 60; // longer is a stay or a day, not a session

function hoursOf(n: string): number {
  const word = n.toLowerCase().replace(/\s+/g, ' ').replace(/(twenty|forty|seventy) five/, '$1-five');
  return WORD_NUMBERS[word] ?? Number(n.replace(',', '.'));
}

/** Finds how long a session the guest asks for ("an hour", "30 mins", "half an hour", "1.5 hours", "hour and a half", "90min", "60'"). */
export function findDuration(typed: string, language: Language = 'en'): DurationMention | undefined {
  if (typeof typed !== 'string' || typed.trim() === '') return undefined;
  const text = blankBookingRefs(typed); // "LS-2H5K" asks for no 2 hours 5
  if (language !== 'en') return findLength(text, language);
  const found: Array<DurationMention & { relative: boolean }> = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
      if (!/^[\s(“‘"',;:~]?$/u.test(text[m.index - 1] ?? '')) continue; // inside a word, a number or markup
      const minutes = Math.round(rule.minutes(m));
      if (!(minutes > 0 && minutes <= MAX_MINUTES)) continue;
      const relative = RELATIVE_BEFORE.test(text.slice(0, m.index)) || RELATIVE_AFTER.test(text.slice(m.index + m[0].length));
      found.push({ minutes, text: m[0], index: m.index, relative });
    }
  }
  return firstNotRelative(found);
}

// Session lengths in figures as guests compare them, with or without a unit ("the 30 and 60", "30和60",
// "30분이랑 60분"); not a clock time ("10:30", "15h30", "3点30"), a date ("15/12") or an hour ("30h", "3点").
const LENGTH_FIGURE = /(?<![\d:.,/])(?<!\d\s*(?:h|g|giờ|gio|点|點|时|時|시)\s*)(\d{2,3})(?![\d:.,/])(?!\s*(?:am|pm|h(?!\p{L})|giờ|gio|点|點|시(?!간)|час))/giu;
// The lengths a guest may compare; any other figure (an hour, a price) says nothing of lengths.
const COMPARED_LENGTHS = new Set([15, 20, 30, 45, 60, 90, 120]);

// Two lengths put as a choice: "30 or 60", "30 hay 60p", "30 или 60 минут", "30还是60", "30분이나 60분".
const LENGTH_OR_LENGTH = /(?<![\d:.,/])(\d{2,3})\s*(?:p|ph|phút|phut|m|min|mins|minutes?|분|分钟|分|мин|минут)?\s*(?:or|hay|hay là|hoặc|hoac|или|либо|还是|或者|或|이나|나|아니면)\s*(\d{2,3})(?![\d:.,/])/iu;

/** Whether a message puts two different session lengths as a choice ("chưa biết nên làm 30 hay 60p"): none chosen yet. */
export function offersTwoLengths(typed: string): boolean {
  const m = LENGTH_OR_LENGTH.exec(blankBookingRefs(typed));
  return m !== null && m[1] !== m[2] && COMPARED_LENGTHS.has(Number(m[1])) && COMPARED_LENGTHS.has(Number(m[2]));
}

/** Whether a message names two different session lengths in figures ("what's the difference between the 30 and 60?"): a comparison, no answer. */
export function comparesLengths(typed: string): boolean {
  const text = blankBookingRefs(typed);
  const named = new Set([...text.matchAll(LENGTH_FIGURE)].map((m) => Number(m[1])).filter((n) => COMPARED_LENGTHS.has(n)));
  return named.size >= 2;
}

