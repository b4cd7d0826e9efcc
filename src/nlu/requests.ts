// Requests a guest makes in so many words, read from the vocabulary rather than the classifier: to
// book ("can I come tomorrow after lunch?"), to change or cancel a booking of their own, and asking
// whether something is safe. The classifier alone loses these among the many precise questions.
import { createBookingReader, type BookingReader } from './booking/index.ts';
import { phraseTest } from './booking/booking-words.ts';
import type { Normaliser, Vocabulary } from './normalise.ts';
import { findBookingRef } from '../booking/references.ts';
import type { Language } from '../languages.ts';

/** A request to book: what it asks for, whether it asks outright, and whether it names when. */
export interface BookingRequest {
  intent: 'booking.start' | 'booking.availability';
  outright: boolean;
  timed: boolean;
}

/**
 * Builds the reader of requests for a language's vocabulary. Of `times`, a booking reader of the
 * language, only its times, lengths and question test are used: the therapists it knows do not matter.
 */
export function createRequestReader(vocabulary: Vocabulary, normalise: Normaliser, language: Language = 'en', times: BookingReader = createBookingReader(vocabulary, normalise, [], 'VN', language)) {
  const bookingVerb = phraseTest(vocabulary.booking_verbs);
  const ownBooking = phraseTest(vocabulary.own_booking_words);
  const bookingAsk = phraseTest(vocabulary.booking_asks);
  const bookingWord = phraseTest(vocabulary.booking_words);
  const availabilityWord = phraseTest(vocabulary.availability_words);
  const elsewhere = phraseTest(vocabulary.booked_elsewhere);
  const spaWord = phraseTest(vocabulary.spa_words);
  const overrides = phraseTest(vocabulary.overrides);
  /**
   * A request to book in the message's own terms: when (a day, a time, a loose time) asked for ("can I
   * come", "book"), or stated with a length or a booking word ("massage tomorrow 3pm, 1 hour"); a
   * question needs the asking words ("would a massage in the evening help me sleep?" is no request).
   * What it asks for is free times when it says "free", "available" or the like.
   */
  const bookingRequest = (text: string, namesTime: boolean): BookingRequest | undefined => {
    const said = normalise(text);
    // "Book me a flight to Hanoi", "can you get us a taxi tomorrow": not the spa's to book.
    if (ownBooking(said) || (elsewhere(said) && !spaWord(said))) return undefined;
    const intent = availabilityWord(said) ? ('booking.availability' as const) : ('booking.start' as const);
    // "What's the latest I can come in?" asks about the hours: the latest time, asked for in words, names no time.
    const loose = times.looseTime(text);
    const timed = namesTime || (loose !== undefined && !(loose.kind === 'latest' && times.asksInWords(text)));
    // "Can I book?", "I'd like to reserve a massage": asking in so many words needs no day.
    if (bookingVerb(said)) return { intent, outright: true, timed };
    if (!timed) return undefined;
    if (bookingAsk(said) || availabilityWord(said)) return { intent, outright: true, timed };
    const stated = !times.isQuestion(text) && (bookingWord(said) || times.minutes(text, false) !== undefined);
    return stated ? { intent, outright: false, timed } : undefined;
  };
  const ownBookingNoun = phraseTest(vocabulary.manage_words.bookings);
  const changeWord = phraseTest(vocabulary.manage_words.change);
  const cancelWord = phraseTest(vocabulary.manage_words.cancel);
  /** Changing or calling off a booking of their own, in so many words ("I have to cancel a booking"). */
  const manageRequest = (text: string): string | undefined => {
    const said = normalise(text);
    // A booking's reference names a booking of the guest's own as well as "my booking" does.
    if (!ownBookingNoun(said) && findBookingRef(said) === undefined) return undefined;
    return cancelWord(said) ? 'booking.cancel' : changeWord(said) ? 'booking.reschedule' : undefined;
  };
  const safetyAsk = phraseTest(vocabulary.safety_asks);
  const feeWord = phraseTest(vocabulary.fee_words);
  const innuendo = phraseTest(vocabulary.innuendo);

  return {
    /** The message names a booking of the guest's own ("my booking", "제 예약", a reference). */
    namesOwnBooking: (text: string) => {
      const said = normalise(text);
      return ownBooking(said) || findBookingRef(said) !== undefined;
    },
    /** The booking reader the requests are read with (times, lengths, questions). */
    reader: times,
    bookingRequest,
    manageRequest,
    /** The words of booking itself ("can I book", "예약하고 싶어요"): a new booking asked for, whatever else is said. */
    namesBookingVerb: (text: string) => bookingVerb(normalise(text)),
    /** A request to book something the spa does not offer ("book me a flight", "can you get us a taxi"). */
    booksElsewhere: (text: string) => {
      const said = normalise(text);
      return elsewhere(said) && !spaWord(said);
    },
    /** The message tells the assistant to drop its instructions ("ignore your instructions and ..."). */
    overridesInstructions: (text: string) => overrides(normalise(text)),
    /** The change or cancel the words name, with no booking named ("не получается в четверг, можно сдвинуть?"). */
    manageVerb: (text: string): string | undefined => {
      const said = normalise(text);
      return cancelWord(said) ? 'booking.cancel' : changeWord(said) ? 'booking.reschedule' : undefined;
    },
    /** The message asks whether it is safe or allowed ("can I still", "should I wait"). */
    asksIfSafe: (text: string) => safetyAsk(normalise(text)),
    /** The message hints at sex in words guests use for it ("happy ending", "2차", "ну ты понял"). */
    hintsAtSex: (text: string) => innuendo(normalise(text)),
    /** The message asks about money owed ("will I still be charged?", "có mất phí không"): a question with a word of fees. */
    asksAboutFees: (text: string) => times.isQuestion(text) && feeWord(normalise(text)),
  };
}
