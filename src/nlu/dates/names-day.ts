// Whether a message names a day or a time of day, cheaply (patterns only, no parsing): what tells "book me
// in tomorrow at 3" from "how long is a massage?". A part of the day alone ("buổi chiều có mở không?") is
// no booking, as in English, where only "this evening" or "next morning" counts.
import type { Language } from '../../languages.ts';
import { MONTH, WEEKDAY } from './vocabulary.ts';
import { groupsOf, wordPatterns, type WordPatterns } from './word-patterns.ts';

// Times written in figures read the same in every language: "15:30", "3pm", "3 p.m.".
const FIGURES = /(?<!\d)\d{1,2}:[0-5]\d(?!\d)|(?<!\d)\d{1,2}\s*[ap]\.?\s?m\b/i;

const ENGLISH = new RegExp(
  String.raw`\b(?:${WEEKDAY}|today|tonight|tomorrow|tmrw|tmr|weekend|(?:this|next)\s+(?:week|morning|afternoon|evening|night))\b` +
    String.raw`|\b${MONTH}\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}(?!\w)|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}\/\d{1,2}\b` +
    String.raw`|\b(?:at|around|by)\s+\d{1,2}\b|\b\d{1,2}\s*o['’]?\s?clock\b|\bnoon\b`,
  'i',
);

interface DayPatterns { day: RegExp; countedDay: RegExp; clock: RegExp; cueBefore: RegExp; cueAfter: RegExp }
const compiled = new WeakMap<WordPatterns, DayPatterns>();

function compile(p: WordPatterns): DayPatterns {
  const alternatives = (sources: string[]) => sources.join('|') || '(?!)';
  // The weekday pattern's named groups, unnamed: one pattern may hold a name once.
  const weekday = p.weekday.replace(/\(\?<\w+>/g, '(?:');
  return {
    day: new RegExp(`${p.start}(?:${p.days}|${p.holidays}|${p.moments}|${p.weekday}|${alternatives(p.dates.map((t) => t.source))})${p.end}`, 'giu'),
    // A day counted from today ("mai"), which after a title is a name.
    countedDay: new RegExp(`^(?:${p.days}|${p.moments})$`, 'iu'),
    clock: new RegExp(`${p.start}(?:${alternatives(p.clocks.map((t) => t.source))})${p.end}`, 'giu'),
    // A day or a part of the day beside an hour that may be something else makes it a time ("下午一点", "mai 2h").
    cueBefore: new RegExp(`(?:${p.days}|${p.holidays}|${p.moments}|${p.periods}|${weekday})\\s*$`, 'iu'),
    cueAfter: new RegExp(`^\\s*(?:${p.days}|${p.moments}|${p.periods})${p.end}`, 'iu'),
  };
}

/** True when a clock the words read is a time: not "3h", "3 часа" or "一点" alone, which may be a length or "a little". */
function namesClock(text: string, p: WordPatterns, d: DayPatterns): boolean {
  for (const m of text.matchAll(d.clock)) {
    const template = p.clocks.find((t) => groupsOf(t, m));
    const g = template && groupsOf(template, m);
    if (!template || !g) continue;
    const [before, after] = [text.slice(0, m.index), text.slice(m.index + m[0].length)];
    const at = p.atBefore.test(before);
    if (template.bare && !at) continue;
    if (at || p.clockPeriodAfter.test(after) || d.cueBefore.test(before) || d.cueAfter.test(after)) return true;
    const mayBeLength = template.mayBeLength && g.min === undefined && g.half === undefined && p.numberOf(g.h ?? '') < 10;
    if (!mayBeLength && !p.words.clocks_needing_a_cue.includes(m[0].toLowerCase().replace(/\s+/g, ''))) return true;
  }
  return false;
}

/** Whether a message names a day or a time of day in a language ("mai 3h chiều", "明天", "в субботу", "tomorrow"). */
export function namesDayOrTimeIn(text: string, language: Language): boolean {
  if (FIGURES.test(text)) return true;
  if (language === 'en') return ENGLISH.test(text);
  const p = wordPatterns(language, text);
  let d = compiled.get(p);
  if (!d) compiled.set(p, (d = compile(p)));
  // "với Mai" is a name, not "tomorrow"; "anh thứ 7" is still Saturday.
  const namesDay = [...text.matchAll(d.day)].some((m) => !(d.countedDay.test(m[0].trim()) && p.notAfter.test(text.slice(0, m.index))));
  return namesDay || namesClock(text, p, d);
}

/** Whether a mention's words are "now" itself in a language ("now", "сейчас", "现在"): beside a real time, a figure of speech. */
export function saysNow(text: string, language: Language): boolean {
  const said = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (language === 'en') return /^(?:right\s+)?now$/.test(said);
  return wordPatterns(language, text).words.now.includes(said);
}
