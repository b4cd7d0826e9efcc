// Reading guest text in the booking conversation: short answers, therapists, pressure, when, names
// and contacts. The booking flow in src/core decides what to do with what these return.
import type { Language } from '../../languages.ts';
import type { CountryCode } from '../contact.ts';
import type { Normaliser, Vocabulary } from '../normalise.ts';
import { createBookingWords, type NamedTherapist } from './booking-words.ts';
import { createTypedAnswers } from './typed-answers.ts';
import { createTimeReader } from './wanted-time.ts';
import { comparesLengths } from '../durations.ts';

export type { NamedTherapist } from './booking-words.ts';

// Languages written in Latin letters, where an English word may be one of the language's own.
const LATIN_LANGUAGES: ReadonlySet<Language> = new Set(['en', 'vi']);
const LATIN_LETTER = /\p{Script=Latin}/u;
export type { LooseTime } from './wanted-time.ts';
export type { NameAnswer } from './typed-answers.ts';

/** Builds the reader of booking answers for a language's vocabulary and the spa's therapists; dates, times and lengths are read in `language`. */
export function createBookingReader(
  vocabulary: Vocabulary,
  normalise: Normaliser,
  therapists: readonly NamedTherapist[],
  country: CountryCode = 'VN',
  language: Language = 'en',
  english?: { vocabulary: Vocabulary; normalise: Normaliser },
) {
  return createBookingReaders(vocabulary, normalise, country, language, english)(therapists);
}

/**
 * The readers of booking answers of one language, one for each list of therapists. What does not
 * depend on the therapists (times, lengths, names, contacts: most of the patterns) is built once
 * and shared by all of them: the requests read by the classifier and the booking desk each need a
 * reader, and every reload of the content makes the desk a new one.
 */
export function createBookingReaders(
  vocabulary: Vocabulary,
  normalise: Normaliser,
  country: CountryCode = 'VN',
  language: Language = 'en',
  english?: { vocabulary: Vocabulary; normalise: Normaliser },
) {
  const times = createTimeReader(vocabulary.booking, normalise, language);
  const answers = createTypedAnswers(vocabulary.booking, normalise, country, language);
  // Guests writing another language often answer a step in English ("medium nha", "firm", "no"):
  // the short answers' English words count too, where the guest's language finds none.
  const alsoEnglish = english && language !== 'en' ? english : undefined;
  const enAnswers = alsoEnglish && createTypedAnswers(alsoEnglish.vocabulary.booking, alsoEnglish.normalise, country, 'en');
  // So do a day, a time and a length typed in English in a language of another script ("6pm", "sat",
  // "1h" in a Chinese conversation); not in Vietnamese, whose own words English would misread.
  // Made on first use: few guests need it, and each costs some 100 ms to make.
  let enTimes: ReturnType<typeof createTimeReader> | undefined;
  const englishTimes = alsoEnglish && !LATIN_LANGUAGES.has(language) ? () => (enTimes ??= createTimeReader(alsoEnglish.vocabulary.booking, alsoEnglish.normalise, 'en')) : undefined;
  const inLatin = (text: string) => englishTimes !== undefined && LATIN_LETTER.test(text);
  return (therapists: readonly NamedTherapist[]) => {
    const own = {
      ...createBookingWords(vocabulary.booking, therapists, normalise, language, { cancel: vocabulary.manage_words.cancel, book: vocabulary.booking_verbs }),
      ...times,
      ...answers,
      /** The message names two different session lengths ("30和60有什么区别"): it compares them, it chooses neither. */
      comparesLengths,
    };
    if (!alsoEnglish || !enAnswers) return own;
    const en = createBookingWords(alsoEnglish.vocabulary.booking, therapists, alsoEnglish.normalise, 'en');
    return {
      ...own,
      wantedTime: (text: string, ref: Parameters<typeof own.wantedTime>[1]) => own.wantedTime(text, ref) ?? (inLatin(text) ? englishTimes?.().wantedTime(text, ref) : undefined),
      looseTime: (text: string) => own.looseTime(text) ?? (inLatin(text) ? englishTimes?.().looseTime(text) : undefined),
      minutes: (text: string, asked: boolean) => own.minutes(text, asked) ?? (inLatin(text) ? enAnswers.minutes(text, asked) : undefined),
      pressure: (text: string) => own.pressure(text) ?? en.pressure(text),
      therapist: (text: string, asked: boolean) => own.therapist(text, asked) ?? en.therapist(text, asked),
      therapistByGender: (text: string, asked: boolean, preferred?: string) => own.therapistByGender(text, asked, preferred) ?? en.therapistByGender(text, asked, preferred),
      isYes: (text: string) => own.isYes(text) || en.isYes(text),
      startsWithYes: (text: string) => own.startsWithYes(text) || en.startsWithYes(text),
      opensWithYes: (text: string) => own.opensWithYes(text) || en.opensWithYes(text),
      isNone: (text: string) => own.isNone(text) || en.isNone(text),
      leavesItToUs: (text: string) => own.leavesItToUs(text) || en.leavesItToUs(text),
      saysHealthy: (text: string) => own.saysHealthy(text) || enAnswers.saysHealthy(text),
    };
  };
}

export type BookingReader = ReturnType<typeof createBookingReader>;
