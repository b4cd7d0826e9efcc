// How long a session a guest asks for, in the languages other than English: "1 tiếng rưỡi", "한 시간",
// "一个半小时", "полчаса". The words are the `lengths` of intents/vocabulary/dates/<language>.yaml; a length
// said as a point in time ("sau 1 tiếng", "1시간 후", "через час") or inside a clock time ("3시 30분") is none.
import { alternation, groupsOf, wordPatterns, type WordPatterns } from './word-patterns.ts';
import type { WordedLanguage } from './words.ts';

/** A session length found in a message: minutes, and the words as the guest typed them. */
export interface LengthMention { minutes: number; text: string; index: number }

interface LengthRule { pattern: RegExp; minutes: (g: Record<string, string | undefined>, p: WordPatterns) => number }

const MAX_MINUTES = 12 * 60; // longer is a stay or a day, not a session

interface LengthPatterns { rules: LengthRule[]; relativeBefore: RegExp; relativeAfter: RegExp; clock: RegExp; dayBefore: RegExp }

function compile(p: WordPatterns): LengthPatterns {
  const w = p.words.lengths;
  const runOn = !p.words.whole_words;
  const end = `${p.end}(?!\\p{N})`;
  const number = `(?<n>\\d{1,3}(?:[.,]\\d{1,2})?|${p.number})`;
  const counter = `(?:\\s*${alternation(w.counters, runOn)})?`;
  const hours = alternation(w.hours, runOn);
  const rule = (source: string, minutes: LengthRule['minutes']): LengthRule => ({ pattern: new RegExp(`${p.start}(?:${source})${end}`, 'giu'), minutes });
  const count = (g: Record<string, string | undefined>) => p.numberOf((g.n ?? '').replace(',', '.'));
  return {
    rules: [
      rule(`(?<phrase>${alternation(Object.keys(w.phrases), runOn)})`, (g) => w.phrases[(g.phrase ?? '').toLowerCase().replace(/\s+/g, ' ')] ?? 0),
      // "一个半小时", "1 tiếng rưỡi", "1시간 반"
      rule(`${number}${counter}\\s*(?<hb>${alternation(w.half_before, runOn)})?\\s*${hours}(?:\\s*(?<ha>${alternation(w.half_after, runOn)}))?`, (g) => count(g) * 60 + (g.hb || g.ha ? 30 : 0)),
      // "1 tiếng 30 phút", "1시간 30분"
      rule(`${number}${counter}\\s*${hours}\\s*(?<min>\\d{1,2})\\s*${alternation(w.minutes, runOn)}?`, (g) => count(g) * 60 + Number(g.min)),
      rule(`${number}${counter}\\s*${alternation(w.minutes, runOn)}`, (g) => count(g)),
    ],
    relativeBefore: new RegExp(`(?:^|[^\\p{L}\\p{N}])${alternation(w.relative_before, runOn)}\\s*$`, 'iu'),
    relativeAfter: new RegExp(`^\\s*${alternation(w.relative_after, runOn)}${p.end}`, 'iu'),
    clock: new RegExp(`${p.start}(?:${p.clocks.filter((t) => !t.bare).map((t) => t.source).join('|') || '(?!)'})${p.end}`, 'giu'),
    // "chiều mai khoảng 4h", "내일 4시": a day or a part of the day just before an hour makes it a time.
    dayBefore: new RegExp(
      `(?:${p.days}|${p.moments}|${p.periods}|${alternation(Object.keys(p.words.weekdays), runOn)})${p.end}[\\s,，、]*(?:${alternation([...p.words.joiners, ...p.words.at], runOn)}[\\s,，、]*)?$`,
      'iu',
    ),
  };
}

const compiled = new WeakMap<WordPatterns, LengthPatterns>();

/** Clock times in the text that a length inside them belongs to: "3시 30분" holds no "30분" session. */
function clockSpans(text: string, p: WordPatterns, l: Pick<LengthPatterns, 'clock' | 'dayBefore'>): Array<{ from: number; to: number; mayBeLength: boolean }> {
  // "3시 60분" is three o'clock and an hour's session: no clock has 60 minutes past.
  const isClock = (m: RegExpMatchArray) => {
    const template = p.clocks.find((t) => groupsOf(t, m));
    const min = template && groupsOf(template, m)?.min;
    return min === undefined || p.numberOf(min) <= 59;
  };
  return [...text.matchAll(l.clock)].filter(isClock).map((m) => {
    const template = p.clocks.find((t) => groupsOf(t, m));
    const period = p.clockPeriodAfter.exec(text.slice(m.index + m[0].length))?.[0] ?? '';
    const dayBefore = l.dayBefore.test(text.slice(0, m.index));
    return { from: m.index, to: m.index + m[0].length + period.length, mayBeLength: Boolean(template?.mayBeLength) && period === '' && !dayBefore };
  });
}

/** Finds how long a session a guest asks for in a language other than English. */
export function findLength(text: string, language: WordedLanguage): LengthMention | undefined {
  const p = wordPatterns(language, text);
  let l = compiled.get(p);
  if (!l) compiled.set(p, (l = compile(p)));
  const clocks = clockSpans(text, p, l);
  const found: Array<LengthMention & { relative: boolean; mayBeClock: boolean }> = [];
  for (const rule of l.rules) {
    for (const m of text.matchAll(rule.pattern)) {
      const minutes = Math.round(rule.minutes(m.groups ?? {}, p));
      if (!(minutes > 0 && minutes <= MAX_MINUTES)) continue;
      const [from, to] = [m.index, m.index + m[0].length];
      // A clock that says more than the length ("3 часа дня", "3시 30분") is a time; "3h" alone stays a length.
      const inClock = clocks.filter((c) => c.from <= from && to <= c.to);
      if (inClock.some((c) => to - from < c.to - c.from || !c.mayBeLength)) continue;
      const relative = l.relativeBefore.test(text.slice(0, from)) || l.relativeAfter.test(text.slice(to));
      found.push({ minutes, text: m[0], index: m.index, relative, mayBeClock: inClock.length > 0 });
    }
  }
  // "4h ... 1 tiếng": a length that cannot be a clock time goes before one that can.
  const surely = found.filter((f) => !f.mayBeClock);
  const mention = firstNotRelative(surely.length > 0 ? surely : found);
  return mention && { minutes: mention.minutes, text: mention.text, index: mention.index };
}

/**
 * The first length found that is not a point in time ("sau 1 tiếng", "in an hour"); a relative phrase
 * hides the shorter ones inside it ("in half an hour" holds no "an hour").
 */
export function firstNotRelative<M extends { index: number; text: string; relative: boolean }>(found: M[]): Omit<M, 'relative'> | undefined {
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  let coveredUntil = 0;
  for (const { relative, ...mention } of found) {
    if (mention.index < coveredUntil) continue;
    if (!relative) return mention;
    coveredUntil = mention.index + mention.text.length;
  }
  return undefined;
}
