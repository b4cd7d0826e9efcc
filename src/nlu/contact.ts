// How to reach the guest and what to call them: a phone number, an email address, a name they give.
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode } from 'libphonenumber-js/max';

/** Finds a phone number in the text; local numbers are read as the given country's. */
export function findPhone(text: string, defaultCountry: CountryCode): { e164: string; text: string } | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  // The full ("max") metadata checks each country's number ranges, so dates and prices are not taken for
  // numbers. A number written with its "+" and country code is the guest's own way of giving one: the
  // right length is enough, as a range newer than the metadata is still someone's phone.
  const international = (f: { startsAt: number }) => text[f.startsAt] === '+';
  // `extended` finds the possible numbers too; each is then checked here.
  const found = findPhoneNumbersInText(text, { defaultCountry, extended: true }).find((f) => f.number.isValid() || (international(f) && f.number.isPossible()));
  return found && { e164: found.number.number, text: text.slice(found.startsAt, found.endsAt) };
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

/** Finds an email address in the text. */
export function findEmail(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  const match = EMAIL.exec(text)?.[0];
  return match?.replace(/^[.'-]+/, '');
}

// "my name is" and the like introduce a name whatever its case; "I'm" and "this is" introduce many other
// things ("I'm fine", "this is urgent"), so after them only a capitalised word that is not a common one counts.
const STRONG_INTRO = /(?:\bmy\s+name\s*(?:is|'s|’s)|\bmy\s+names|\b(?:the\s+)?name\s*(?:is|['’]s|[:=-])|\bcall\s+me|\bunder\s+the\s+name(?:\s+of)?|\btên\s+(?:của\s+)?(?:tôi|em|mình|anh|chị)\s+là)\s*[:,-]?\s+/giu;
const WEAK_INTRO = /(?:\bI\s*['’]?\s*m|\bI\s+am|\bthis\s+is|\bit\s*['’]?s)\s+/giu;
const MAX_WORDS = 5;
const MAX_LENGTH = 60;

// Words that follow an introduction without being a name, or end one ("Tom and I", "Lan from room 3").
const NOT_A_NAME = new Set(
  `a an the and or but so not no yes ok okay fine good great well here there back home in at on from with for to of by
  i i'm im me my we us you your he she they it is am are was be been this that just also still very really so too
  please thanks thank hi hello hey sorry sure happy glad ready free available interested looking coming going
  staying trying wondering calling writing asking booking planning visiting hoping waiting travelling traveling
  pregnant allergic sick ill tired late early new here alone married single vegetarian vegan hungry busy
  english vietnamese american british australian french german korean chinese japanese russian canadian indian
  guest customer client member mr mrs ms miss dr sir madam`.split(/\s+/),
);

function nameWords(rest: string, capitalisedOnly: boolean): string[] {
  const words: string[] = [];
  for (const token of rest.split(/\s+/)) {
    const raw = token.replace(/^["'(“‘]+/u, '');
    const word = raw.replace(/[,;:!?)"”’]+$/u, '');
    // Letters, apostrophes, hyphens and dots only: "<b>", "A1" or "lan@x.vn" are not names.
    if (!word || !/^[\p{L}\p{M}'’.-]+$/u.test(word) || !/\p{L}/u.test(word)) break;
    if (NOT_A_NAME.has(word.toLowerCase().replace(/[.'’-]+$/, ''))) break;
    if (capitalisedOnly && !/^\p{Lu}/u.test(word)) break;
    if (capitalisedOnly && words.length === 0 && /ing$/i.test(word) && word.length >= 6) break; // "I'm Looking"
    words.push(word);
    const sentenceEnd = /\.$/.test(word) && !/^\p{L}\.$/u.test(word); // "Mary J. Blige" goes on after the initial
    if (raw !== word || sentenceEnd || words.length === MAX_WORDS) break;
  }
  return words;
}

function tidy(words: string[]): string | undefined {
  let name = words.join(' ').replace(/’/g, "'").replace(/^[.'-]+|[.'-]+$/g, '');
  if (!/\p{L}/u.test(name)) return undefined;
  // "my name is lan" is still Lan.
  if (name === name.toLowerCase()) name = name.replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  if (name.length > MAX_LENGTH) name = name.slice(0, MAX_LENGTH).replace(/\s+\S*$/, '');
  return name || undefined;
}

/** Finds a name the guest gives for themselves ("my name is Lan", "I'm Tom Baker", "this is Mai", "call me Sam", "name: Ana Silva"); ignores "I'm fine", "I'm pregnant", "I'm here" and the like. */
export function findName(text: string): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const normal = text.normalize('NFC').replace(/\p{Cc}+/gu, ' ');
  for (const [intro, capitalisedOnly] of [[STRONG_INTRO, false], [WEAK_INTRO, true]] as const) {
    intro.lastIndex = 0;
    for (let m = intro.exec(normal); m; m = intro.exec(normal)) {
      const name = tidy(nameWords(normal.slice(m.index + m[0].length, m.index + m[0].length + 200), capitalisedOnly));
      if (name) return name;
    }
  }
  return undefined;
}
