// Reading guest text in the booking conversation: short answers, therapists, pressure, when, names
// and contacts. The booking flow in src/core decides what to do with what these return.
import type { Language } from '../../languages.ts';
import type { CountryCode } from '../contact.ts';
import type { Normaliser, Vocabulary } from '../normalise.ts';
import { createBookingWords, type NamedTherapist } from './booking-words.ts';
import { createTypedAnswers } from './typed-answers.ts';
import { createTimeReader } from './wanted-time.ts';

export type { NamedTherapist } from './booking-words.ts';
export type { LooseTime } from './wanted-time.ts';
export type { NameAnswer } from './typed-answers.ts';

/** Builds the reader of booking answers for a language's vocabulary and the spa's therapists; dates, times and lengths are read in `language`. */
export function createBookingReader(
  vocabulary: Vocabulary,
  normalise: Normaliser,
  therapists: readonly NamedTherapist[],
  country: CountryCode = 'VN',
  language: Language = 'en',
) {
  return {
    ...createBookingWords(vocabulary.booking, therapists, normalise, language),
    ...createTimeReader(vocabulary.booking, normalise, language),
    ...createTypedAnswers(vocabulary.booking, normalise, country, language),
  };
}

export type BookingReader = ReturnType<typeof createBookingReader>;
