// Tags our parsers put on what they read, so that refiners after chrono's merging still know how it was said.
import type { ParsingResult } from 'chrono-node';
import type { DayPeriod } from './types.ts';
import { periodOf } from './vocabulary.ts';

export const PERIOD_TAG = 'spa/period/';
export const CLOCK_TAG = 'spa/clock'; // the hour was resolved by resolveHour (vocabulary.ts)
export const SPOKEN_TAG = 'spa/spoken/'; // + hour/minutes: an hour read without a cue, open to a period found later
export const RANGE_TAG = 'spa/range'; // two mentions joined by "to", "until": the end names its own day
export const WEAK_TAG = 'spa/weak'; // an hour that may be a length ("3h", "3 часа"): a time only beside another piece
export const SPAN_TAG = 'spa/span/'; // + weekend or next_week: the day is the first of a stretch the guest means as a whole

/** True when a result or components carry a tag that starts with `prefix`. */
export const hasTag = (r: { tags(): Set<string> }, prefix: string): boolean => [...r.tags()].some((t) => t.startsWith(prefix));

/** The part of the day a result was tagged with, by our period parser or chrono's casual words. */
export const periodTagOf = (r: { tags(): Set<string> }): DayPeriod | undefined =>
  periodOf(
    [...r.tags()]
      .map((t) => (t.startsWith(PERIOD_TAG) ? t.slice(PERIOD_TAG.length) : t === 'casualReference/tonight' ? 'night' : t.startsWith('casualReference/') ? t.slice(16) : ''))
      .find((t) => periodOf(t)),
  );
/** True for a lone part of the day ("tomorrow morning"), which a clock time just before it can take. */
export const isPeriodWithoutTime = (r: ParsingResult): boolean => !r.end && !r.start.isCertain('hour') && periodTagOf(r) !== undefined;
