import { TZDate } from '@date-fns/tz';
import type { Language } from '../../languages.ts';
import { findDateTimes, saysNow, type DateReference, type DateTimeMention } from '../dates/index.ts';
import type { BookingVocabulary, Normaliser } from '../normalise.ts';
import { phraseTest } from './booking-words.ts';
import { phrasePattern } from '../phrases.ts';
import { createCorrections } from './corrections.ts';

// When a guest wants to come: a day or a time ("saturday at 3pm"), an hour alone once the day is
// known ("is 4 ok?"), a shift of a time already set ("an hour later"), or a loose time ("after
// lunch", "4ish", "around 5", "asap") that the booking answers with the free times it covers.

/** A loose time: a window of the clock, a time give or take, or the soonest or latest free time. */
export type LooseTime =
  | { kind: 'window'; from: string; to: string }
  | { kind: 'around'; at: string }
  | { kind: 'soonest' }
  | { kind: 'latest' };

// "now" beside a real time is a figure of speech ("book now for tomorrow at 3pm", "now one for my
// wife on Friday"), not the time wanted; alone ("can I come now?") it is the time wanted.
const NOW = /^(?:right\s+)?now$/i;

// Greetings that name a part of the day without asking for it.
const GREETING = /\bgood\s+(?:morning|afternoon|evening|night)\b/gi;

const INSTEAD_AFTER = /^\s*(?:instead|rather)\b/i;

// An hour alone, as a reply about the time: "4", "is 4 ok?", "3.30 then", "how about 5?", "at 11 please",
// "1230 can?" (hours and minutes run together, as on a 24-hour clock).
const BARE_HOUR =
  /^\s*(?:(?:is|what about|how about|maybe|or|at|can i do|could we do|can we do|make it|say|lets do|let us do|ok|okay|then|so)[\s,]+){0,3}(?<h>[01]?\d|2[0-3])(?:[.:h]?(?<m>[0-5]\d))?\s*(?:o'?clock)?\s*(?:ok(?:ay)?|then|instead|please|pls|works?|possible|fine|good|is good|is fine|would be good|can|available|free)?\s*[?!.]*\s*$/i;

// "4ish", "4:30ish", "4-ish": a time give or take.
const ISH = /\b(?<h>[01]?\d|2[0-3])(?:[.:](?<m>[0-5]\d))?\s*(?<meridiem>am|pm)?\s*-?ish\b/i;

// In any language, an hour in figures alone is a reply about the time: "4", "3h", "15:30", "4?".
const HOUR_IN_FIGURES = /^\s*(?<h>[01]?\d|2[0-3])(?:h|[.:h]?(?<m>[0-5]\d))?\s*[?!.。？！]*\s*$/i;
// A reply about the time says little else: "3시요", "3 giờ được không?", "в 4 можно?".
const BARE_HOUR_EXTRA_CHARS = 16;

/** The hour and minutes a pattern of an hour alone found, if it found one. */
function hourOf(groups: Record<string, string | undefined> | undefined): { hour: number; minute: number } | undefined {
  return groups ? { hour: Number(groups.h), minute: Number(groups.m ?? 0) } : undefined;
}

// The day and zone do not change which hour a message names: a fixed reference keeps bareHour pure.
const ANY_DAY: DateReference = { now: new Date(0), timeZone: 'UTC' };

const hhmm = (hour: number, minute: number): string => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** How much a mention says: a time more than a part of the day, a day on top of either. */
const detail = (m: DateTimeMention): number => (m.time ? 2 : 0) + (m.period ? 1 : 0) + (m.date ? 1 : 0);

/**
 * A time said apart from its day ("금요일 점심시간에 잠깐 … 12시 30분에"): the time on the day another
 * mention names, when the mention chosen has a time and no day and the others name one day (or a day
 * with no time chosen, and one time said apart from it). A time
 * that corrects another ("tuesday at 3pm, no wait, 5pm") takes the day said with the one it replaces.
 */
function onTheDayNamed(chosen: DateTimeMention | undefined, found: DateTimeMention[], ref: DateReference, corrects = false): DateTimeMention | undefined {
  // The other way round: a day chosen ("how about Saturday the 13th, say 2 in the afternoon?") takes the one time said apart from it.
  if (chosen?.date && !chosen.time) {
    const times = found.filter((m) => m !== chosen && m.time && !m.date);
    return times.length === 1 ? onTheDayNamed(times[0], [chosen], ref) : chosen;
  }
  if (!chosen?.time || chosen.date) return chosen;
  // One day, however often it is named ("thứ 4 này (16/12) lúc 3h chiều").
  const days = [...new Map(found.filter((m) => m !== chosen && m.date && (corrects || !m.time)).map((m) => [JSON.stringify(m.date), m.date!])).values()];
  const day = days.length === 1 ? days[0] : undefined;
  if (!day) return chosen;
  const start = new TZDate(day.year, day.month - 1, day.day, chosen.time.hour, chosen.time.minute, 0, ref.timeZone);
  return { ...chosen, date: day, start: new Date(start.getTime()) };
}

/** Builds the reader of wanted times for a vocabulary; the English phrasings around a time are read in English only. */
export function createTimeReader(words: BookingVocabulary, normalise: Normaliser, language: Language = 'en') {
  const windows = Object.entries(words.windows)
    .sort((a, b) => b[0].length - a[0].length)
    .map(([phrase, [from, to]]) => [phraseTest([phrase]), { kind: 'window' as const, from, to }] as const);
  const soonest = phraseTest(words.soonest);
  const latest = phraseTest(words.latest);
  /**
   * Whether words of a list stand just before a mention (or open it, where the dates reader took them
   * in: "till 6pm tomorrow", "after 6"), or, `after`, just after it ("5시 넘어서").
   */
  const wordsBeside = (list: string[], where: 'before' | 'after' = 'before') => {
    const found = phrasePattern(list.map(normalise));
    if (!found) return (): boolean => false;
    if (where === 'after') {
      const after = new RegExp(`^\\s*(?:${found.source})`, 'iu');
      return (text: string, m: DateTimeMention): boolean => after.test(normalise(text.slice(m.index + m.text.length, m.index + m.text.length + 12)));
    }
    const before = new RegExp(`(?:${found.source})[\\s,:]*$`, 'iu');
    const opening = new RegExp(`^(?:${found.source})`, 'iu');
    return (text: string, m: DateTimeMention): boolean => before.test(normalise(text.slice(Math.max(0, m.index - 16), m.index))) || opening.test(normalise(m.text.trim()));
  };
  // A day or time the guest is bound by, not one they want ("until Tuesday", "тут до 15го").
  const boundIn = wordsBeside(words.bound_before);
  // "after 6", "5시 넘어서": the earliest the guest can come, which another time said beside it settles.
  const fromBeforeIn = wordsBeside(words.from_before);
  const fromAfterIn = wordsBeside(words.from_after, 'after');
  const fromIn = (text: string, m: DateTimeMention): boolean => fromBeforeIn(text, m) || fromAfterIn(text, m);
  // "не в 10, а в 11": a time turned down.
  const turnedDown = wordsBeside(words.not_before);
  const sameTime = phraseTest(words.same_time);
  const sameTimeWords = phrasePattern(words.same_time);
  const sameTimeAsTyped = sameTimeWords && new RegExp(`\\s*(?:${sameTimeWords.source})`, 'giu');
  const sameDayWords = phrasePattern(words.same_day);
  const sameDayAsTyped = sameDayWords && new RegExp(`\\s*(?:${sameDayWords.source})`, 'giu');
  const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  // "tầm 7h", "khoảng 4 giờ": the language's marks of an hour may follow it.
  const hourMark = words.hour_marks.length > 0 ? `(?:\\s*(?:${words.hour_marks.map(escape).join('|')}))?` : '';
  const approximately = words.approximately.length > 0
    ? new RegExp(`(?<![\\p{L}])(?:${words.approximately.map(escape).join('|')})\\s+(?:at\\s+)?(?<h>[01]?\\d|2[0-3])(?:[.:](?<m>[0-5]\\d))?${hourMark}\\s*(?<meridiem>am|pm)?(?![\\p{L}\\p{N}])`, 'iu')
    : undefined;
  // The word for "about" before a time ("khoảng 9 rưỡi", "около половины пятого") or after it ("3시쯤", "三点左右").
  const approximatePattern = phrasePattern(words.approximately)?.source;
  const approximateBefore = approximatePattern && new RegExp(`(?:${approximatePattern})\\s*(?:at\\s+)?$`, 'iu');
  const approximateAfter = approximatePattern && new RegExp(`^\\s*(?:${approximatePattern})`, 'iu');
  const saysApproximately = phraseTest(words.approximately);
  // An hour in figures with the word after it, where the dates reader takes no hour alone ("4h gì đó": 4h could be a length).
  const hourThenApproximately = approximatePattern ? new RegExp(`^\\s*(?<h>[01]?\\d|2[0-3])(?:[.:h](?<m>[0-5]\\d))?${hourMark}\\s*(?:${approximatePattern})\\s*[?!.。？！]*\\s*$`, 'iu') : undefined;
  // A time right after a word of correcting one said before ("at 3, no wait, 4pm", "3시 말고 4시").
  const corrections = createCorrections(words, normalise, language);
  // The dates reader may take the word into the mention itself ("say 6.30"): with the words before its first figure, too.
  const correctedBy = (text: string, m: DateTimeMention) => {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    const lead = /^\D+(?=\d)/u.exec(m.text)?.[0];
    return corrections.endsWithOne(before) || (lead !== undefined && corrections.endsWithOne(before + lead));
  };
  const notBefore = phrasePattern(words.not_before)?.source;
  const hourTurnedDown = notBefore && new RegExp(`(?:${notBefore})\\s+(?:at\\s+)?\\d{1,2}(?:[.:]\\d{2})?\\s*(?:am|pm)?(?![\\p{L}\\p{N}])`, 'giu');
  const later = phraseTest(words.shift.later);
  const earlier = phraseTest(words.shift.earlier);
  const numberWords: Array<[string[], number]> = [[words.shift.half, 0.5], [words.shift.one, 1], [words.shift.two, 2], [words.shift.three, 3]];
  const amount = numberWords.flatMap(([list]) => list).map(escape).join('|');
  const shiftPattern = new RegExp(
    `(?<![\\p{L}])(?<n>${amount ? `${amount}|` : ''}\\d{1,3}(?:[.,]5)?)\\s*(?<unit>hours?|hrs?|h|minutes?|mins?)\\s+(?<dir>${[...words.shift.earlier, ...words.shift.later].map(escape).join('|') || 'later'})(?![\\p{L}])`,
    'iu',
  );

  /** An hour of a loose time, read within the spa's day: "4" is 16:00, "11" is 11:00. */
  const clockOf = (h: number, m: number, meridiem?: string): string => {
    const hour = meridiem?.toLowerCase() === 'pm' && h < 12 ? h + 12 : meridiem?.toLowerCase() === 'am' && h === 12 ? 0 : !meridiem && h >= 1 && h <= 7 ? h + 12 : h;
    return hhmm(hour, m);
  };

  /** A time the dates reader finds with the word for "about" beside it, in any form the language writes times. */
  const timeGiveOrTake = (text: string): string | undefined => {
    // Reading the dates costs more than looking for the word: most messages have none.
    if (!approximateBefore || !approximateAfter || !saysApproximately(normalise(text))) return undefined;
    // The last one said is the one settled on ("khoảng sau 5h chiều, tầm 5 rưỡi đi em": about half past five).
    const beside = findDateTimes(text, ANY_DAY, language).filter((m) => {
      const end = m.index + m.text.length;
      const around = (slice: string) => approximateBefore.test(normalise(slice));
      // The word may be read as part of the time itself ("一点左右"), so it may end the mention too.
      return m.time && (around(text.slice(Math.max(0, m.index - 16), m.index)) || around(text.slice(m.index, end)) || approximateAfter.test(normalise(text.slice(end, end + 12))));
    }).at(-1);
    // Without a part of the day, an hour from 1 to 7 is in the afternoon, as in clockOf.
    if (!beside?.time) return undefined;
    return beside.period ? hhmm(beside.time.hour, beside.time.minute) : clockOf(beside.time.hour, beside.time.minute);
  };

  /**
   * The dates and times in a message: all of them, and those that say more than "now". English
   * greetings ("good evening") are blanked out first (same length, so places in the text stay).
   */
  const mentionsIn = (text: string, ref: DateReference): { all: DateTimeMention[]; found: DateTimeMention[]; greets: boolean } => {
    if (language !== 'en') {
      const all = findDateTimes(text, ref, language);
      return { all, found: all.filter((m) => !saysNow(m.text, language)), greets: false };
    }
    const blanked = text.replace(GREETING, (g) => ' '.repeat(g.length));
    const all = findDateTimes(blanked, ref);
    return { all, found: all.filter((m) => !NOW.test(m.text.trim())), greets: blanked !== text };
  };

  return {
    /** The date or time a guest asks for, in the spa's zone; undefined when there is none. */
    wantedTime(text: string, ref: DateReference): DateTimeMention | undefined {
      const { all, found: named, greets } = mentionsIn(text, ref);
      // A day the guest leaves or must be back by is no day to come ("мы тут до 15го"): it is left out;
      // a bound time counts for less ("until Tuesday ... Sunday afternoon around 2" is Sunday).
      const bound = (m: DateTimeMention) => boundIn(text, m);
      const found = named.filter((m) => !(bound(m) && m.date && !m.time));
      const unbound = all.filter((m) => found.includes(m) || !named.includes(m));
      // "After 6, maybe 6:30": the earliest time counts for less than the time wanted beside it; "не в 10,
      // а в 11": a time turned down, for less than the other.
      const timed = found.filter((m) => m.time);
      const outweighed = (m: DateTimeMention) => (timed.length > 1 && m.time && fromIn(text, m) ? 2 : 0) + (found.length > 1 && turnedDown(text, m) ? 3 : 0);
      if (language !== 'en') {
        // The mention that says most, a corrected one first; "now" only alone. Greetings are left out by the dates reader itself.
        const says = (m: DateTimeMention) => detail(m) + (correctedBy(text, m) ? 3 : 0) - (bound(m) ? 3 : 0) - outweighed(m);
        const top = found.reduce<DateTimeMention | undefined>((best, m) => (!best || says(m) > says(best) ? m : best), undefined);
        return onTheDayNamed(top, found, ref, top !== undefined && correctedBy(text, top)) ?? unbound[0];
      }
      // The mention that says most wins.
      const after = (m: DateTimeMention) => text.slice(m.index + m.text.length, m.index + m.text.length + 12);
      // A correction names the time wanted ("I have a meeting at 11, can we make it 2pm instead?").
      const corrects = (m: DateTimeMention) => correctedBy(text, m) || INSTEAD_AFTER.test(after(m));
      const said = (m: DateTimeMention) => detail(m) + (corrects(m) ? 3 : 0) - (bound(m) ? 3 : 0) - outweighed(m);
      const best = found.reduce<DateTimeMention | undefined>((top, m) => (!top || said(m) > said(top) ? m : top), undefined);
      // Nothing but "now": that, read again with the greeting only when one was blanked out.
      return onTheDayNamed(best, found, ref, best !== undefined && corrects(best)) ?? (greets ? findDateTimes(text, ref) : unbound)[0];
    },
    /** Whether a mention is "now" itself ("now", "сейчас", "现在"): "yes, correct now" at the summary names no time. */
    isNow: (mention: DateTimeMention) => saysNow(mention.text, language),
    /** Every date or time a message names, in the order written ("my Saturday booking to Sunday at 11": both). */
    timesNamed(text: string, ref: DateReference): DateTimeMention[] {
      return [...mentionsIn(text, ref).found].sort((x, y) => x.index - y.index);
    },
    /** An hour alone, once the day is known ("is 4 ok?", "3.30", "3시", "3 giờ"): as typed, or in 24 hours where a part of the day says so ("오후 3시"). */
    bareHour(text: string): { hour: number; minute: number } | undefined {
      if (language !== 'en') {
        const mentions = findDateTimes(text, ANY_DAY, language).filter((m) => !saysNow(m.text, language));
        const [only] = mentions;
        if (mentions.length === 1 && only?.time && !only.date && text.trim().length - only.text.length <= BARE_HOUR_EXTRA_CHARS) return only.time;
        return hourOf(HOUR_IN_FIGURES.exec(text)?.groups);
      }
      // "can we make it 11 instead of 10": the hour after the last word of correcting, less the one turned down.
      const corrected = corrections.after(text) ?? text;
      const meant = hourTurnedDown ? corrected.replace(hourTurnedDown, ' ') : corrected;
      // "can we do 6 instead of 5? work runs late": the one sentence that is an hour alone.
      const sentences = meant.split(/(?<=[?!.;])\s+(?=\D)/u).filter((part) => BARE_HOUR.test(normalise(part)));
      return hourOf(BARE_HOUR.exec(normalise(sentences.length === 1 ? sentences[0]! : meant))?.groups);
    },
    /** Whether the message names a time of the clock ("7시에서 8시 사이", "at 4"), whatever the day. */
    namesClockTime(text: string): boolean {
      return findDateTimes(text, ANY_DAY, language).some((m) => m.time !== undefined);
    },
    /** Whether the message's question puts a time forward ("around 3 maybe? flexible", "is 4 ok?"). */
    putsTimeForward(text: string): boolean {
      const mark = /[?？]/u.exec(text);
      return mark !== null && findDateTimes(text.slice(0, mark.index), ANY_DAY, language).some((m) => m.time !== undefined);
    },
    /** The time of the clock a message gives, with no day ("14:20", "it's 9.40am here", "오후 2시 20분"). */
    clockTimeIn(text: string): { hour: number; minute: number } | undefined {
      return findDateTimes(text, ANY_DAY, language).find((m) => m.time !== undefined && m.date === undefined)?.time;
    },
    /** A loose time: "after lunch", "4ish", "around 5", "asap", "as late as possible". */
    looseTime(text: string): LooseTime | undefined {
      const said = normalise(text);
      const window = windows.find(([test]) => test(said))?.[1];
      const about = timeGiveOrTake(text);
      const ish = about ? undefined : (ISH.exec(said)?.groups ?? approximately?.exec(said)?.groups ?? hourThenApproximately?.exec(said)?.groups);
      const at = about ?? (ish ? clockOf(Number(ish.h), Number(ish.m ?? 0), ish.meridiem) : undefined);
      // "Early afternoon, like 2ish": the time said within the window is the nearer wish.
      if (window && (!at || window.kind !== 'window' || at < window.from || at > window.to)) return window;
      if (at) return { kind: 'around', at };
      if (soonest(said)) return { kind: 'soonest' };
      return latest(said) ? { kind: 'latest' } : undefined;
    },
    /** Whether the guest keeps the time a booking already has ("Tuesday, same time"). */
    saysSameTime(text: string): boolean {
      return sameTime(normalise(text));
    },
    /** The text without the words that keep the time ("同一时间" holds "一时", one o'clock, to the dates reader). */
    withoutSameTime(text: string): string {
      return sameTimeAsTyped ? text.replace(sameTimeAsTyped, '') : text;
    },
    /** The text without the words that keep the booking's day ("5pm same day": "day" is no day of its own to the dates reader). */
    withoutSameDay(text: string): string {
      return sameDayAsTyped ? text.replace(sameDayAsTyped, '') : text;
    },
    /** Minutes by which the guest asks to move a time they already have ("an hour earlier": -60); undefined for none. */
    wantedShift(text: string): number | undefined {
      const g = shiftPattern.exec(normalise(text))?.groups;
      if (!g) return undefined;
      const said = g.n!.toLowerCase();
      const n = numberWords.find(([list]) => list.includes(said))?.[1] ?? Number(said.replace(',', '.'));
      const minutes = Math.round(n * (/^h/i.test(g.unit!) ? 60 : 1));
      if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 12 * 60) return undefined;
      return earlier(g.dir!) && !later(g.dir!) ? -minutes : minutes;
    },
  };
}

export type TimeReader = ReturnType<typeof createTimeReader>;
