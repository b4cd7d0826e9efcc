// Dates and times in guest messages: chrono-node does the reading, with parsers and refiners for the
// phrasings it misses and for what a booking needs (forward-looking days, spa hours, zone-true instants).
// Start here; engine.ts shows how the parsers (time-parsers.ts, day-parsers.ts) and refiners (refiners.ts,
// forward-refiner.ts) are put together, and mentions.ts how a result becomes a mention.
import type { ParsingResult } from 'chrono-node';
import { tzOffset } from '@date-fns/tz';
import type { DateReference, DateTimeMention } from './types.ts';
import { wallClock } from './calendar.ts';
import { createEngine } from './engine.ts';
import { toMention } from './mentions.ts';
import { respell } from './spellings.ts';

// Types
export type { CalendarDate, ClockTime, DayPeriod, DateTimeMention, DateReference } from './types.ts';

// Finding mentions
/** Finds every date or time mention in a guest's message, resolved in the given zone. */
export function findDateTimes(text: string, ref: DateReference): DateTimeMention[] {
  if (Number.isNaN(ref.now.getTime())) throw new RangeError('findDateTimes: the reference instant is not a valid Date');
  new Intl.DateTimeFormat('en', { timeZone: ref.timeZone }); // throws a RangeError naming a bad zone
  if (typeof text !== 'string' || text.trim() === '') return [];
  const engine = createEngine(wallClock(ref.now, ref.timeZone));
  const respelt = respell(text);
  const results = engine.parse(respelt.text, { instant: ref.now, timezone: tzOffset(ref.timeZone, ref.now) }) as ParsingResult[];
  return results.flatMap((r) => {
    const mention = toMention(r, ref);
    if (!mention || respelt.text === text) return mention ?? [];
    // Where the guest typed it, as they typed it.
    const index = respelt.original(mention.index);
    return { ...mention, index, text: text.slice(index, respelt.original(mention.index + mention.text.length)) };
  });
}
