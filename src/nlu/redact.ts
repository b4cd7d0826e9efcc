// A guest's message with what says who they are taken out, for the staff's report of what the bot
// missed: emails, phone numbers and other figures, booking references, and names written in capitals
// after the first word. Names in scripts without capitals (Korean, Chinese) cannot be told apart here.
import { bookingRefPattern } from '../booking/references.ts';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// A run of figures, with what phone numbers are written with between them.
const FIGURES = /\+?\d[\d\s().-]*\d|\d/g;
// A word in capitals after another word: most likely a name ("my name is Anna Tran", "with Mai").
const CAPITALISED_AFTER_A_WORD = /(?<=[\p{L}\p{N},;:]\s+)\p{Lu}[\p{Ll}\p{M}'-]+/gu;

/** What two messages share when they say the same, case, spacing and end marks aside ("Do u do feet?" and "do u do feet"). */
export function sameWordsKey(text: string): string {
  return text.toLowerCase().replace(/[\s?!.。？！…]+/gu, ' ').trim();
}

/** The message without emails, figures, booking references or capitalised names ("…", "#", "[name]"). */
export function withoutPersonalDetails(text: string): string {
  return text
    .replace(bookingRefPattern('gi'), '[ref]')
    .replace(EMAIL, '[email]')
    .replace(FIGURES, '#')
    .replace(CAPITALISED_AFTER_A_WORD, '[name]')
    .replace(/\s+/g, ' ')
    .trim();
}
