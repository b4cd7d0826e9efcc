// Puts our parsers and refiners into a chrono engine, in the order that lets them win over chrono's own.
// The English locale alone: loading every locale chrono knows costs start-up time for nothing.
import * as chrono from 'chrono-node/en';
import type { WallClock } from './calendar.ts';
import { holidayParser, monthTheDayParser, ordinalDayParser, relativeDayParser, weekdayDayParser } from './day-parsers.ts';
import { forwardRefiner } from './forward-refiner.ts';
import { leapDayRefiner, rangeMergeRefiner, spaHourRefiner, unlikelyFilter } from './refiners.ts';
import { clockTimeParser, hourRangeParser, periodParser } from './time-parsers.ts';

const byName = (name: string) => (x: object): boolean => x.constructor.name === name;

// Parsers and refiners that hold no state, built once.
const RULE_PARSERS = [hourRangeParser, clockTimeParser, periodParser, weekdayDayParser, monthTheDayParser, ordinalDayParser, holidayParser, relativeDayParser];
// Da Nang's guests write day/month: take chrono's little-endian reading of "3/4" (3 April).
const littleEndianSlash = chrono.GB.parsers.find(byName('SlashDateFormatParser'));

/** chrono's casual English with our parsers and refiners, for one reading of the spa's wall clock. */
export function createEngine(clock: WallClock): chrono.Chrono {
  const engine = chrono.casual.clone();
  const slash = engine.parsers.findIndex(byName('SlashDateFormatParser'));
  if (slash >= 0 && littleEndianSlash) engine.parsers[slash] = littleEndianSlash;
  // Ours come first, so on a tie of length the overlap refiner keeps them.
  engine.parsers.unshift(...RULE_PARSERS);
  const range = engine.refiners.findIndex(byName('ENMergeDateRangeRefiner'));
  if (range < 0) throw new Error('chrono-node changed: ENMergeDateRangeRefiner not found, review src/nlu/dates/engine.ts');
  engine.refiners.splice(range, 1, rangeMergeRefiner);
  engine.refiners.unshift(unlikelyFilter, leapDayRefiner);
  engine.refiners.push(spaHourRefiner, forwardRefiner(clock));
  return engine;
}
