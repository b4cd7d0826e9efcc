// Puts the pieces of one mention together: "sáng mai 10 giờ", "내일 오후 3시", "в пятницу после обеда" are
// each said as a day, a part of the day and an hour, in any order, with at most a joining word between.
import type { ParsingComponents as Components, ParsingContext, ParsingResult } from 'chrono-node';
import { CLOCK_TAG, PERIOD_TAG, WEAK_TAG, hasTag, periodTagOf } from './tags.ts';
import type { DayPeriod } from './types.ts';
import { resolveHour } from './vocabulary.ts';

const KEYS = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'meridiem'] as const;

/** Two pieces can be one mention when they say different things: a day and a time, not two days or two hours. */
function fit(a: ParsingResult, b: ParsingResult): boolean {
  if (a.end || b.end) return false;
  const [x, y] = [a.start, b.start];
  const both = (k: 'day' | 'weekday' | 'hour') => x.isCertain(k) && y.isCertain(k);
  // A weekday fits a day of the month ("thứ 7 ngày 12/12"); two days, two weekdays or two hours do not.
  if (both('day') || both('weekday') || both('hour')) return false;
  return !(periodTagOf(a) && periodTagOf(b));
}

/** The components of two pieces as one: what either says for certain, then what either implies. */
function merged(x: Components, y: Components): Components {
  const c = x.clone().addTags(x.tags()); // chrono's clone leaves the tags behind
  for (const k of KEYS) if (y.isCertain(k) && !c.isCertain(k)) c.assign(k, y.get(k) ?? 0);
  // A part of the day said after a day ("mai chiều") brings the hour it stands for.
  if (!c.isCertain('hour') && periodTagOf(y)) c.imply('hour', y.get('hour') ?? 0).imply('minute', 0);
  return c.addTags(y.tags());
}

/** Runs before chrono's overlap removal: a part of the day inside a longer mention ("今天晚上", read by chrono
 * as a day with an implied hour) is kept as that mention's tag before the piece itself is dropped. */
export const periodInsideRefiner = {
  refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    for (const piece of results) {
      const period = periodTagOf(piece);
      if (!period || piece.start.isCertain('hour') || piece.end) continue;
      const around = results.find((r) => r !== piece && r.index <= piece.index && piece.index + piece.text.length <= r.index + r.text.length && r.text.length > piece.text.length);
      if (around && !periodTagOf(around)) around.addTag(PERIOD_TAG + period);
    }
    return results;
  },
};

/** Runs first: an hour whose mention ends with a part of the day ("в 5 вечера") is that part's hour, however
 * the parser that read it took the hour (chrono's Russian reads "5 вечера" as five in the morning). */
export function clockPeriodRefiner(clockPeriodLast: RegExp, clockPeriods: Readonly<Record<string, DayPeriod>>) {
  return {
    refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
      for (const r of results) {
        const hour = r.start.get('hour');
        const said = clockPeriodLast.exec(r.text)?.groups?.p?.toLowerCase();
        const period = said === undefined ? undefined : clockPeriods[said];
        if (hour === null || hour >= 12 || !r.start.isCertain('hour') || !period) continue;
        const settled = resolveHour(hour, { period });
        if (settled !== hour) r.start.assign('hour', settled).assign('meridiem', settled >= 12 ? 1 : 0);
      }
      return results;
    },
  };
}

/** Runs first: a clock time that alone is an ordinary word ("一點" is also "a little"), read by chrono's own
 * parsers, is a weak piece as ours make it (word-parsers.ts), so only a day or a part of the day beside it
 * makes it a time. */
export function ordinaryWordRefiner(clocksNeedingACue: readonly string[]) {
  const ordinary = new Set(clocksNeedingACue.map((w) => w.replace(/\s+/g, '').toLowerCase()));
  return {
    refine(_context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
      for (const r of results) {
        // Ours have settled it already, seeing the "at" before it too.
        if (hasTag(r, CLOCK_TAG) || r.start.isCertain('day') || r.start.isCertain('weekday')) continue;
        if (ordinary.has(r.text.replace(/\s+/g, '').toLowerCase())) r.addTag(WEAK_TAG);
      }
      return results;
    },
  };
}

/** A refiner that drops overlapping pieces (the longer stays), joins neighbours separated by `joiner` only,
 * and drops an hour that may be a length ("3h") when nothing beside it made it a time. */
export function joinRefiner(joiner: RegExp) {
  return {
    refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
      const kept: ParsingResult[] = [];
      for (const r of [...results].sort((a, b) => a.index - b.index)) {
        const prev = kept[kept.length - 1];
        if (prev && r.index < prev.index + prev.text.length) {
          if (r.text.length > prev.text.length) kept[kept.length - 1] = r;
          continue;
        }
        kept.push(r);
      }
      const joined: Array<{ result: ParsingResult; pieces: number }> = [];
      for (const r of kept) {
        const prev = joined[joined.length - 1];
        const between = prev ? context.text.slice(prev.result.index + prev.result.text.length, r.index) : '';
        if (prev && joiner.test(between) && fit(prev.result, r)) {
          prev.result.start = merged(prev.result.start, r.start);
          prev.result.text = context.text.slice(prev.result.index, r.index + r.text.length);
          prev.pieces++;
          continue;
        }
        joined.push({ result: r, pieces: 1 });
      }
      return joined.filter(({ result, pieces }) => pieces > 1 || !hasTag(result, WEAK_TAG)).map(({ result }) => result);
    },
  };
}
