// Puts the pieces of one mention together: "sáng mai 10 giờ", "내일 오후 3시", "в пятницу после обеда" are
// each said as a day, a part of the day and an hour, in any order, with at most a joining word between.
import type { ParsingComponents as Components, ParsingContext, ParsingResult } from 'chrono-node';
import { CLOCK_TAG, PERIOD_TAG, SPOKEN_TAG, WEAK_TAG, hasTag, periodTagOf } from './tags.ts';
import type { DayPeriod } from './types.ts';
import { resolveHour } from './vocabulary.ts';

const KEYS = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'meridiem'] as const;

/** Two pieces can be one mention when they say different things: a day and a time, not two days or two hours. */
function fit(a: ParsingResult, b: ParsingResult): boolean {
  // A range of hours takes a day or a part of the day said beside it ("mai 1h-2h", "오후 3~4시"), nothing more.
  if (a.end && b.end) return false;
  const range = a.end ? a : b.end ? b : undefined;
  if (range && (range === a ? b : a).start.isCertain('hour')) return false;
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

/** An hour alone, with no day, weekday or range of its own: one end of a range of hours. */
const hourOnly = (r: ParsingResult): boolean => r.start.isCertain('hour') && !r.start.isCertain('day') && !r.start.isCertain('weekday') && !r.end;

/** A bare hour and a range's mark ending the text before a piece ("1-", "1 đến "): the hour, and how long that text is. */
function rangeOpening(before: string, rangeMark: RegExp): { hour: number; length: number } | undefined {
  const found = /(?<![\p{L}\p{N}:.,/])(\d{1,2})([^\p{L}\p{N}]*\p{L}*[^\p{L}\p{N}]*)$/u.exec(before);
  if (!found || !rangeMark.test(found[2]!)) return undefined;
  const hour = Number(found[1]);
  return hour <= 24 ? { hour, length: found[0].length } : undefined;
}

/**
 * A refiner that drops overlapping pieces (the longer stays), reads two hours with `rangeMark` between
 * as a range ("1h-2h", "1시~2시", "1 đến 2 giờ" from its first hour), joins neighbours separated by
 * `joiner` only, and drops an hour that may be a length ("3h") when nothing beside it made it a time.
 */
export function joinRefiner(joiner: RegExp, rangeMark: RegExp) {
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
        const after = prev ? prev.result.index + prev.result.text.length : 0;
        // "1-2h chiều": an hour in figures before a range's mark starts it, in the part of the day of its end.
        const opening = hourOnly(r) ? rangeOpening(context.text.slice(after, r.index), rangeMark) : undefined;
        if (opening) {
          const end = r.start;
          const hour = end.get('hour') ?? 0;
          const first = opening.hour < 12 && hour >= 12 && opening.hour + 12 <= hour ? opening.hour + 12 : opening.hour;
          // Tagged as its own hour was said, so a part of the day found later settles it as it settles the end.
          const tags = [...end.tags()].filter((t) => !t.startsWith(SPOKEN_TAG));
          const spoken = [...end.tags()].some((t) => t.startsWith(SPOKEN_TAG)) ? [`${SPOKEN_TAG}${opening.hour}/0`] : [];
          r.start = end.clone().addTags([...tags, ...spoken]).assign('hour', first).assign('minute', 0);
          r.end = end;
          r.text = context.text.slice(r.index - opening.length, r.index + r.text.length);
          r.index -= opening.length;
        }
        const between = prev ? context.text.slice(after, r.index) : '';
        // Two pieces in one range: each is a time, where alone "1h" might be a length.
        if (prev && rangeMark.test(between) && prev.result.start.isCertain('hour') && !prev.result.end && hourOnly(r)) {
          prev.result.end = r.start;
          prev.result.text = context.text.slice(prev.result.index, r.index + r.text.length);
          prev.pieces++;
          continue;
        }
        if (prev && joiner.test(between) && fit(prev.result, r)) {
          prev.result.start = merged(prev.result.start, r.start);
          if (r.end) prev.result.end = r.end;
          prev.result.text = context.text.slice(prev.result.index, r.index + r.text.length);
          prev.pieces++;
          continue;
        }
        joined.push({ result: r, pieces: opening ? 2 : 1 });
      }
      return joined.filter(({ result, pieces }) => pieces > 1 || !hasTag(result, WEAK_TAG)).map(({ result }) => result);
    },
  };
}
