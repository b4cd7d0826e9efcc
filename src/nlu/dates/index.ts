// Dates and times in guest messages: chrono-node does the reading, with parsers and refiners for the
// phrasings it misses and for what a booking needs (forward-looking days, spa hours, zone-true instants).
// Start here; engine.ts shows how the English parsers (time-parsers.ts, day-parsers.ts) and refiners
// (refiners.ts, forward-refiner.ts) are put together, and mentions.ts how a result becomes a mention.
// The other languages (word-engine.ts) are read with the words of intents/vocabulary/dates/<language>.yaml
// (words.ts, word-patterns.ts, word-parsers.ts, join-refiner.ts), and chrono's own Russian and Chinese.
import type { ParsingResult } from 'chrono-node';
import { tzOffset } from '@date-fns/tz';
import type { DateReference, DateTimeMention } from './types.ts';
import { wallClock } from './calendar.ts';
import type { Language } from '../../languages.ts';
import { createEngine } from './engine.ts';
import { toMention } from './mentions.ts';
import { respell } from './spellings.ts';
import { createWordedEngine, withoutGreetings } from './word-engine.ts';
import { blankBookingRefs } from '../../booking/references.ts';

// Types
export type { CalendarDate, ClockTime, DayPeriod, DateTimeMention, DateReference } from './types.ts';

// Finding mentions
/** Finds every date or time mention in a guest's message in a language, resolved in the given zone. */
export function findDateTimes(text: string, ref: DateReference, language: Language = 'en'): DateTimeMention[] {
  if (Number.isNaN(ref.now.getTime())) throw new RangeError('findDateTimes: the reference instant is not a valid Date');
  new Intl.DateTimeFormat('en', { timeZone: ref.timeZone }); // throws a RangeError naming a bad zone
  if (typeof text !== 'string' || text.trim() === '') return [];
  const clock = wallClock(ref.now, ref.timeZone);
  // A booking reference is no date: "LS-29ND" holds no 29th. An English word typed onto Chinese or
  // Korean ("我想book明天") is blanked too, letter for letter: the day after it stays a word of its own.
  const unreferenced = blankBookingRefs(language === 'zh' || language === 'ko' ? withoutGluedLatinWords(text) : text);
  const engine = language === 'en' ? createEngine(clock) : createWordedEngine(language, unreferenced, clock);
  // English has misspellings put right; the other languages' words list their own spellings, and their
  // greetings are blanked out, letter for letter.
  const prepared = language === 'en' ? respell(unreferenced) : { text: withoutGreetings(language, unreferenced), original: (index: number) => index };
  const results = engine.parse(prepared.text, { instant: ref.now, timezone: tzOffset(ref.timeZone, ref.now) }) as ParsingResult[];
  return results.flatMap((r) => {
    const mention = toMention(r, ref);
    if (!mention || prepared.text === text) return mention ?? [];
    // Where the guest typed it, as they typed it.
    const index = prepared.original(mention.index);
    return { ...mention, index, text: text.slice(index, prepared.original(mention.index + mention.text.length)) };
  });
}

// A Latin word of two letters or more touching a Han character or a Hangul syllable; "3pm明天" keeps its "pm".
const GLUED_LATIN = /[A-Za-z]{2,}(?=[\p{Script=Han}\p{Script=Hangul}])|(?<=[\p{Script=Han}\p{Script=Hangul}])[A-Za-z]{2,}/gu;
function withoutGluedLatinWords(text: string): string {
  return text.replace(GLUED_LATIN, (word) => (/^[ap]m$/i.test(word) ? word : ' '.repeat(word.length)));
}

// Telling a booking from a question
export { namesDayOrTimeIn, saysNow } from './names-day.ts';
