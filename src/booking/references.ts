// Booking references guests read out and type back: "LS-" and four characters that cannot be confused
// with each other (no 0/O, 1/I/L), drawn at random so one reference says nothing about another.
import { randomBytes } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 4;
// Bytes at or above the largest multiple of the alphabet's size are thrown away: `byte % 31` over all
// 256 values would make the first 8 characters likelier than the rest.
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);
const CODE = `([${ALPHABET}]{${CODE_LENGTH}})`;
// Guests drop the dash, add a space, or get a typographic dash from their phone's keyboard.
const SEPARATOR = '[ \\t]*[-\\u2010-\\u2015]?[ \\t]*';
const WHOLE_REF = new RegExp(`^\\s*LS${SEPARATOR}${CODE}\\s*$`, 'i');
// Not inside a longer word or code: "falls", "pls" or "LS-7K3Q9" hold no reference.
const REF_IN_TEXT = new RegExp(`(?<![A-Z0-9])LS${SEPARATOR}${CODE}(?![A-Z0-9])`, 'i');

/** The pattern of a reference inside a text, with the flags the caller needs ("gi" to replace them all). */
export function bookingRefPattern(flags: string): RegExp {
  return new RegExp(REF_IN_TEXT.source, flags);
}

/** The text with every reference in it blanked, letter for letter, so indices into it still point into the text. */
export function blankBookingRefs(text: string): string {
  return text.replace(bookingRefPattern('gi'), (ref) => ' '.repeat(ref.length));
}

/** Four characters of the alphabet, each uniformly random from a crypto source. */
function randomCode(random: (size: number) => Uint8Array): string {
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const byte of random(CODE_LENGTH * 2)) {
      if (byte < UNBIASED_BELOW && code.length < CODE_LENGTH) code += ALPHABET[byte % ALPHABET.length];
    }
  }
  return code;
}

/** A new reference such as "LS-7K3Q", each character uniformly random from a crypto source. */
export function newBookingRef(random: (size: number) => Uint8Array = randomBytes): string {
  return `LS-${randomCode(random)}`;
}

/** A new id for a therapist's time off, such as "T-4K2M": short enough for staff to type back. */
export function newTimeOffId(random: (size: number) => Uint8Array = randomBytes): string {
  return `T-${randomCode(random)}`;
}

/** True when the whole text is a reference, in any case, with or without the dash ("ls 7k3q", "LS7K3Q"). */
export function isBookingRef(text: string): boolean {
  return WHOLE_REF.test(text);
}

/** The reference the whole text spells, written the canonical way ("LS-7K3Q"), or undefined. */
export function normalizeBookingRef(text: string): string | undefined {
  const code = WHOLE_REF.exec(text)?.[1];
  return code === undefined ? undefined : `LS-${code.toUpperCase()}`;
}

/** The first reference inside a guest's message ("cancel LS-7K3Q please"), canonical, or undefined. */
export function findBookingRef(text: string): string | undefined {
  const code = REF_IN_TEXT.exec(text)?.[1];
  return code === undefined ? undefined : `LS-${code.toUpperCase()}`;
}
