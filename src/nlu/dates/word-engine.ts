// The engines for the languages other than English. Russian and Chinese start from chrono's own casual
// parsers; Korean has none in chrono, and its Vietnamese misses "thứ 7", "mốt", "15h" and unmarked text,
// so both are read by the parsers built from our words alone. Every engine ends with the refiners that
// hold in any language: pieces joined into mentions, hours settled within the spa's day, days forward.
import * as chrono from 'chrono-node/en';
import * as ru from 'chrono-node/ru';
import * as zh from 'chrono-node/zh';
import type { WallClock } from './calendar.ts';
import { forwardRefiner } from './forward-refiner.ts';
import { clockPeriodRefiner, joinRefiner, ordinaryWordRefiner, periodInsideRefiner } from './join-refiner.ts';
import { leapDayRefiner, spaHourRefiner, unlikelyFilter } from './refiners.ts';
import { clockTimeParser } from './time-parsers.ts';
import { wordParsers } from './word-parsers.ts';
import { wordPatterns, type WordPatterns } from './word-patterns.ts';
import type { RuleParser } from './rule-parser.ts';
import type { WordedLanguage } from './words.ts';

const CHRONO: Partial<Record<WordedLanguage, chrono.Chrono>> = { ru: ru.casual, zh: zh.casual };
// The parsers hold no state: built once for each language and way of typing.
const PARSERS = new WeakMap<WordPatterns, RuleParser[]>();

/** An engine for one message in a language other than English, for one reading of the spa's wall clock. */
export function createWordedEngine(language: WordedLanguage, text: string, clock: WallClock): chrono.Chrono {
  const patterns = wordPatterns(language, text);
  let parsers = PARSERS.get(patterns);
  if (!parsers) PARSERS.set(patterns, (parsers = wordParsers(patterns)));
  const own = CHRONO[language];
  // Times written in figures ("15:30", "3pm", and the "at 4:00" the booking writes for a bare hour) read as in English.
  const engine = own ? own.clone() : new chrono.Chrono({ parsers: [clockTimeParser], refiners: [unlikelyFilter] });
  // Ours come first, so that on a tie of length the overlap removal keeps them (chrono's Chinese counts
  // weeks from Sunday; ours, like the guests, from Monday).
  engine.parsers.unshift(...parsers);
  engine.refiners.unshift(
    ordinaryWordRefiner(patterns.words.clocks_needing_a_cue),
    clockPeriodRefiner(patterns.clockPeriodLast, patterns.words.clock_periods),
    periodInsideRefiner,
    leapDayRefiner,
  );
  engine.refiners.push(joinRefiner(patterns.joiner, patterns.rangeMark), spaHourRefiner, forwardRefiner(clock));
  return engine;
}

/** The message with its greetings ("早上好", "chào buổi sáng") blanked out, letter for letter: they name a
 * part of the day without asking for it. */
export function withoutGreetings(language: WordedLanguage, text: string): string {
  return text.replace(wordPatterns(language, text).greetings, (g) => ' '.repeat(g.length));
}
