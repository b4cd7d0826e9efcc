// Parsers built from a language's date words (word-patterns.ts): days counted from today, weekdays (next
// week's too), parts of the day, days of a month and clock times. Each reads one piece ("mai", "3 giờ",
// "chiều"); join-refiner.ts puts the pieces of one mention together, in whatever order they were said.
import { ParsingResult, type ParsingComponents as Components, type ParsingContext } from 'chrono-node';
import type { DayPeriod } from './types.ts';
import { addDays, assignDate, wallDate, weekdayOf } from './calendar.ts';
import { textAfter, type RuleParser } from './rule-parser.ts';
import { PERIOD_TAG, SPAN_TAG, WEAK_TAG } from './tags.ts';
import { clockComponents } from './time-parsers.ts';
import { PERIOD_HOURS } from './vocabulary.ts';
import { alternation, groupsOf, type CompiledTemplate, type WordPatterns } from './word-patterns.ts';

const squash = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

/** The value a phrase stands for in a list of the words, however it was spaced ("다음주", "thứ  7"). */
function valueOf<T>(record: Record<string, T>, said: string | undefined): T | undefined {
  const key = squash(said ?? '');
  return Object.entries(record).find(([phrase]) => squash(phrase) === key)?.[1];
}

/** The same day of next week, weeks starting on Monday: said on a Sunday, "next Saturday" is in six days. */
function nextWeeks(context: ParsingContext, weekday: number) {
  const today = wallDate(context);
  const monday = addDays(today, 8 - (weekdayOf(today) || 7));
  return addDays(monday, (weekday + 6) % 7);
}

/** A part of the day, as components that any day or hour said beside it can still take. */
function periodComponents(context: ParsingContext, period: DayPeriod): Components {
  return context.createParsingComponents().addTag(PERIOD_TAG + period).imply('hour', PERIOD_HOURS[period].at).imply('minute', 0);
}

/** The parsers for one language's words. */
export function wordParsers(p: WordPatterns): RuleParser[] {
  const w = p.words;
  const before = (context: ParsingContext, match: RegExpMatchArray): string => context.text.slice(0, match.index ?? 0);
  // chrono retries a failed match from the next letter, where a lookbehind no longer sees the one before.
  const joinedBefore = new RegExp(w.whole_words ? '[\\p{L}\\p{N}]$' : '\\p{N}$', 'u');
  const startsWord = (context: ParsingContext, match: RegExpMatchArray): boolean => !joinedBefore.test(before(context, match));
  // A day counted from today can be a person's name after a title ("anh Mai" is Mai, "mai" is tomorrow);
  // a weekday or a holiday is no one's name ("giúp anh thứ 7 này" is this Saturday).
  const named = (context: ParsingContext, match: RegExpMatchArray): boolean => startsWord(context, match) && !p.notAfter.test(before(context, match));
  const needsCue = new Set(w.clocks_needing_a_cue.map(squash));
  const pattern = (source: string) => () => new RegExp(`${p.start}(?:${source})${p.end}`, 'iu');
  const alternatives = (templates: CompiledTemplate[]) => templates.map((t) => t.source).join('|') || '(?!)';

  const days: RuleParser = {
    pattern: pattern(`(?<day>${p.days})`),
    extract(context, match) {
      const ahead = valueOf(w.days, match.groups?.day);
      if (ahead === undefined || !named(context, match)) return null;
      const c = context.createParsingComponents();
      assignDate(c, addDays(wallDate(context), ahead));
      return c;
    },
  };

  // "크리스마스", "圣诞节", "giáng sinh": the date, in the year the forward refiner settles.
  const holidays: RuleParser = {
    pattern: pattern(`(?<holiday>${p.holidays})`),
    extract(context, match) {
      const date = valueOf(w.holidays, match.groups?.holiday);
      if (!date || !startsWord(context, match)) return null;
      return context.createParsingComponents({ month: date[0], day: date[1] });
    },
  };

  const moments: RuleParser = {
    pattern: pattern(`(?<moment>${p.moments})`),
    extract(context, match) {
      const moment = valueOf(w.moments, match.groups?.moment);
      if (!moment || !named(context, match)) return null;
      const c = periodComponents(context, moment[1]);
      assignDate(c, addDays(wallDate(context), moment[0]));
      return c;
    },
  };

  // "주말", "на выходных": the weekend's first day still to come (today, said on a Saturday or Sunday);
  // "담주", "下周": next week's Monday, the first day the guest could mean.
  const weeks: RuleParser = {
    pattern: pattern(`(?<week>${p.weeks || '(?!)'})`),
    extract(context, match) {
      const week = valueOf(w.weeks, match.groups?.week);
      if (!week || !startsWord(context, match)) return null;
      const today = wallDate(context);
      const weekday = weekdayOf(today);
      const day = week === 'next_week' ? nextWeeks(context, 1) : weekday === 6 || weekday === 0 ? today : addDays(today, 6 - weekday);
      const c = context.createParsingComponents().addTag(SPAN_TAG + week);
      assignDate(c, day);
      return c;
    },
  };

  // "chủ nhật 31", "воскресенье 31": a bare day of the month right after a weekday, where words are spaced;
  // not an hour ("thứ 7 3h", "thứ 7 3 giờ") nor a length ("thứ 7 2 tiếng").
  const clockAt = new RegExp(`^(?:${alternatives(p.clocks)})`, 'iu');
  const unitAfter = new RegExp(`^\\s*${alternation([...w.lengths.hours, ...w.lengths.minutes], false)}(?![\\p{L}])`, 'iu');
  const dayOfMonthAfter = (after: string): { day: number; length: number } | undefined => {
    if (!w.whole_words) return undefined;
    const found = /^\s+(\d{1,2})(?![\p{L}\p{N}:./])/u.exec(after);
    if (!found) return undefined;
    const rest = after.slice(found[0].length - found[1]!.length);
    if ((clockAt.exec(rest)?.[0].length ?? 0) > found[1]!.length || unitAfter.test(after.slice(found[0].length))) return undefined;
    const day = Number(found[1]);
    return day >= 1 && day <= 31 ? { day, length: found[0].length } : undefined;
  };

  const weekdays: RuleParser = {
    pattern: pattern(p.weekday),
    extract(context, match) {
      const g = match.groups ?? {};
      const weekday = valueOf(w.weekdays, g.wd);
      if (weekday === undefined || !startsWord(context, match)) return null;
      const relation = g.before ?? g.after;
      const next = relation !== undefined && w.next_week.some((x) => squash(x) === squash(relation));
      const ofMonth = dayOfMonthAfter(textAfter(context, match));
      if (ofMonth) {
        // The day of the month is the surer of the two; the weekday only said which day it is.
        const c = context.createParsingComponents({ day: ofMonth.day });
        return context.createParsingResult(match.index ?? 0, match[0] + context.text.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + ofMonth.length), c);
      }
      const c = context.createParsingComponents({ weekday });
      if (next) assignDate(c, nextWeeks(context, weekday));
      return c;
    },
  };

  const periods: RuleParser = {
    pattern: pattern(`(?<period>${p.periods})`),
    extract(context, match) {
      const period = valueOf(w.periods, match.groups?.period);
      return period && startsWord(context, match) ? periodComponents(context, period) : null;
    },
  };

  const dates: RuleParser = {
    pattern: pattern(alternatives(p.dates)),
    extract(context, match) {
      const template = p.dates.find((t) => groupsOf(t, match));
      const g = template && groupsOf(template, match);
      if (!g || !startsWord(context, match)) return null;
      const day = Number(g.d);
      const month = g.month === undefined ? undefined : p.monthOf(g.month);
      if (day < 1 || day > 31 || (month !== undefined && !(month >= 1 && month <= 12))) return null;
      const c = context.createParsingComponents({ day });
      if (month !== undefined) c.assign('month', month);
      if (g.year !== undefined) c.assign('year', Number(g.year));
      return c;
    },
  };

  // "3시 60분": no clock has 60 minutes past, so it is three o'clock and what follows is something else.
  const withoutMinutes = p.clocks.filter((t) => !t.source.includes('<min'));
  const hourAlone = new RegExp(`^(?:${alternatives(withoutMinutes)})${p.end}`, 'iu');
  const clocks: RuleParser = {
    pattern: pattern(alternatives(p.clocks)),
    extract(context, match) {
      const template = p.clocks.find((t) => groupsOf(t, match));
      const g = template && groupsOf(template, match);
      if (!template || !g || !startsWord(context, match)) return null;
      if (g.min !== undefined && p.numberOf(g.min) > 59) {
        const shorter = hourAlone.exec(context.text.slice(match.index ?? 0));
        if (!shorter) return null;
        shorter.index = match.index ?? 0;
        const hour = clocks.extract(context, shorter);
        return hour && !(hour instanceof ParsingResult) ? context.createParsingResult(shorter.index, shorter[0], hour) : hour;
      }
      // "половина пятого": half past the hour before the one it is said towards.
      const toward = g.toward !== undefined ? p.towardOf(g.toward) : undefined;
      // Half towards one ("полпервого") is half past twelve, on a twelve-hour clock.
      const hour = toward !== undefined ? (toward === 1 ? 12 : toward - 1) : p.numberOf(g.h ?? '');
      const minutes = toward !== undefined ? 30 : g.min !== undefined ? p.numberOf(g.min) : g.to !== undefined ? -p.numberOf(g.to) : g.half !== undefined ? 30 : 0;
      if (!(hour >= 0 && hour <= 24) || !(Math.abs(minutes) <= 59)) return null;
      const atWord = p.atBefore.exec(before(context, match));
      const at = atWord !== null;
      if (template.bare && !at) return null;
      // "7 giờ tối nay": "tối nay" is tonight, said after the hour, not "7 in the evening" and a stray "nay".
      const after = textAfter(context, match);
      const periodWord = p.momentAfter.test(after) ? null : p.clockPeriodAfter.exec(after);
      const period = valueOf(w.clock_periods, periodWord?.groups?.p);
      const c = clockComponents(context, hour % 24, minutes, period ? { period } : {});
      // "3h" or "3 часа" alone may be a length, "一点" a little: a time only beside a day, a part of the day or "at".
      const mayBeLength = template.mayBeLength && g.min === undefined && g.half === undefined && hour < 10;
      const periodBefore = p.periodBefore.test(before(context, match));
      if ((mayBeLength || needsCue.has(squash(match[0]))) && !period && !at && !periodBefore) c.addTag(WEAK_TAG);
      // "в 14 30" whole, with its "at": figures alone look like no time to chrono's filters.
      const from = at && template.mayBeLength === false && (g.min !== undefined || g.toward !== undefined) ? (match.index ?? 0) - atWord[0].replace(/^[^\p{L}\p{N}]/u, '').length : (match.index ?? 0);
      const said = context.text.slice(from, match.index ?? 0) + match[0] + (periodWord?.[0] ?? '');
      return from !== match.index || periodWord ? context.createParsingResult(from, said, c) : c;
    },
  };

  return [moments, weekdays, weeks, days, holidays, dates, clocks, periods];
}
