// Guests type fast: "tomorow", "firday", "2moro", "15h30". Such words are put right before chrono
// reads the message, and what it finds is mapped back onto the words as the guest typed them.

const CANONICAL: Record<string, readonly string[]> = {
  tomorrow: ['tomorow', 'tommorow', 'tommorrow', 'tomorrw', 'tomoro', 'tomorro', 'tomrrow', 'tomrow', 'tmorrow', 'tomorroe', 'tmrw', 'tmr', 'tmrrw', '2morrow', '2moro', '2mrw'],
  today: ['tdy', '2day', 'todat', 'toady'],
  tonight: ['tonite', '2nite', '2night', 'tonigh'],
  // Australian "arvo".
  afternoon: ['arvo', 'afternon', 'aftenoon', 'afernoon'],
  monday: ['mondy', 'monady', 'mnday'],
  // Short forms chrono does not know: "tues", "weds".
  tuesday: ['tues', 'tuseday', 'tusday', 'teusday', 'tuesdy', 'tueday'],
  wednesday: ['weds', 'wensday', 'wendsday', 'wednsday', 'wedensday', 'wednessday', 'wedesday', 'wedsday'],
  thursday: ['thurday', 'thrusday', 'thursdy', 'thurdsay', 'thusday'],
  friday: ['firday', 'fryday', 'fridy', 'frday', 'fiday'],
  saturday: ['satrday', 'satuday', 'saterday', 'saturdy', 'satarday', 'sataday', 'satruday', 'saturady'],
  sunday: ['sundy', 'sunady', 'sundat', 'snday'],
};

const MISSPELT = new Map(Object.entries(CANONICAL).flatMap(([word, spellings]) => spellings.map((s) => [s, word] as const)));
const MISSPELT_WORD = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${[...MISSPELT.keys()].join('|')})(?![\p{L}\p{N}])`, 'giu');
// The Vietnamese way of writing a time: "15h30", "9h15", "15h" (hours 10 to 23 alone: "2h" is more
// often a length than two o'clock).
const HOUR_H_MINUTES = /(?<![\p{L}\p{N}:])(?<h>[01]?\d|2[0-3])h(?<m>[0-5]\d)(?![\p{L}\p{N}])/giu;
const HOUR_H = /(?<![\p{L}\p{N}:])(?<h>1\d|2[0-3])h(?![\p{L}\p{N}])/giu;
// A day and month the European way, with the dot after the month ("16.01.", "5.1.2027"): a date, not 16:01.
const DOTTED_DATE = /(?<![\p{L}\p{N}:.])(?<d>0?[1-9]|[12]\d|3[01])\.(?<m>0?[1-9]|1[0-2])\.(?<y>\d{4}|\d{2})?(?![\p{N}])/gu;
// Right after a weekday, without the dot after the month too ("Friday 16.04"): a date, not 16:04.
const WEEKDAY_DOTTED_DATE = /(?<=\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+(?:the\s+)?)(?<d>0?[1-9]|[12]\d|3[01])\.(?<m>0?[1-9]|1[0-2])(?![\p{N}.:])/giu;

// Hours said in words, where what is around them makes them a time ("ten o'clock", "half past ten",
// "eleven am", "at ten", "ten thirty"): written in figures, as chrono reads them.
const HOUR_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const HOUR_WORD = `(?<w>${Object.keys(HOUR_WORDS).join('|')})`;
const MINUTE_WORDS: Record<string, string> = { fifteen: '15', thirty: '30', 'forty five': '45', 'forty-five': '45' };
const SPOKEN_HOURS: Array<{ pattern: RegExp; minutes?: boolean }> = [
  { pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])${HOUR_WORD}(?=\s*(?:o['’]?\s?clock|a\.?m\b\.?|p\.?m\b\.?|in\s+the\s+(?:morning|afternoon|evening)|at\s+night|[\s-]*ish\b))`, 'giu') },
  { pattern: new RegExp(String.raw`(?<=(?:half|quarter)\s+(?:past|to)\s+)${HOUR_WORD}(?![\p{L}\p{N}])`, 'giu') },
  { pattern: new RegExp(String.raw`(?<=(?<![\p{L}])(?:at|around|about|by|until|till|from)\s+)${HOUR_WORD}(?=\s*(?:$|[,.!?;)]|or\b|please\b|pls\b|tomorrow\b|today\b|tonight\b|on\b|this\b|next\b|if\b|would\b|works?\b|is\b))`, 'giu') },
  { pattern: new RegExp(String.raw`(?<![\p{L}\p{N}])${HOUR_WORD}[\s-]+(?<m>fifteen|thirty|forty[\s-]five)(?![\p{L}\p{N}])`, 'giu'), minutes: true },
];

/** A message with its date words put right, and a way back to the guest's own text. */
export interface RespeltText {
  text: string;
  /** The place in the guest's text of a place in `text`. */
  original(index: number): number;
}

interface Change {
  /** Where the change starts in the guest's text, and in the respelt text. */
  from: number;
  to: number;
  /** Its length in the guest's text, and in the respelt text. */
  was: number;
  is: number;
}

/** Puts right the misspelt day words, hour notations and hours in words chrono would not read. */
export function respell(text: string): RespeltText {
  const found: Array<{ index: number; length: number; replacement: string }> = [];
  for (const m of text.matchAll(MISSPELT_WORD)) found.push({ index: m.index, length: m[0].length, replacement: MISSPELT.get(m[0].toLowerCase())! });
  for (const m of text.matchAll(HOUR_H_MINUTES)) found.push({ index: m.index, length: m[0].length, replacement: `${m.groups!.h}:${m.groups!.m}` });
  for (const m of text.matchAll(HOUR_H)) found.push({ index: m.index, length: m[0].length, replacement: `${m.groups!.h}:00` });
  for (const m of text.matchAll(WEEKDAY_DOTTED_DATE)) found.push({ index: m.index, length: m[0].length, replacement: `${m.groups!.d}/${m.groups!.m}` });
  for (const m of text.matchAll(DOTTED_DATE)) {
    const { d, m: month, y } = m.groups!;
    // The dot that ended it stays out of the date when no year follows, as the end of the date.
    const length = y ? m[0].length : m[0].length - 1;
    found.push({ index: m.index, length, replacement: `${d}/${month}${y ? `/${y}` : ''}` });
  }
  for (const { pattern, minutes } of SPOKEN_HOURS) {
    for (const m of text.matchAll(pattern)) {
      const hour = HOUR_WORDS[m.groups!.w!.toLowerCase()]!;
      const replacement = minutes ? `${hour}:${MINUTE_WORDS[m.groups!.m!.toLowerCase().replace(/\s+/g, ' ')] ?? '00'}` : String(hour);
      found.push({ index: m.index, length: m[0].length, replacement });
    }
  }
  if (found.length === 0) return { text, original: (index) => index };

  found.sort((a, b) => a.index - b.index);
  const changes: Change[] = [];
  let out = '';
  let read = 0;
  for (const f of found) {
    if (f.index < read) continue;
    out += text.slice(read, f.index);
    changes.push({ from: f.index, to: out.length, was: f.length, is: f.replacement.length });
    out += f.replacement;
    read = f.index + f.length;
  }
  out += text.slice(read);
  return {
    text: out,
    original(index) {
      let shift = 0;
      for (const c of changes) {
        if (index < c.to) break;
        // Inside a replaced word: its start or its end in the guest's text.
        if (index < c.to + c.is) return index === c.to ? c.from : c.from + c.was;
        shift = c.from + c.was - (c.to + c.is);
      }
      return index + shift;
    },
  };
}
