import type { Therapist } from '../../booking/index.ts';
import type { BookingTexts } from '../../content/index.ts';

// Short answers in the booking conversation ("yes", "no", "firm please", "stop", "Mai").
// A long message that merely contains "no" or "stop" is not such an answer, so each test
// also looks at the length of the message.

function phraseTest(phrases: readonly string[]): (text: string) => boolean {
  const escaped = phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  return (text) => pattern.test(text);
}

// "don't cancel", "please do not cancel it": never an agreement to cancel.
const NEGATION = /\b(?:don'?t|do\s+not|not|never)\b/i;

// "not too hard", "nothing too strong", "don't go too deep": the word that is not wanted.
const NEGATED_WORD = /\b(?:not|nothing|don'?t\s+(?:go|make\s+it|press))\s+(?:too\s+|very\s+|so\s+|that\s+|overly\s+)?(\p{L}+)/iu;

const wordCount = (text: string) => (text.match(/[\p{L}\p{N}']+/gu) ?? []).length;

/** Reads the short answers of the booking conversation, with the words listed in content/booking.yaml. */
export function createBookingWords(understand: BookingTexts['understand'], therapists: Therapist[]) {
  const stop = phraseTest(understand.stop);
  const cancelBooking = phraseTest(understand.cancel_booking);
  const confirmCancel = phraseTest(understand.confirm_cancel);
  const group = phraseTest(understand.group);
  const genders = (['female', 'male'] as const).map((g) => [g, phraseTest(understand[g])] as const);
  const yes = phraseTest(understand.yes);
  const none = phraseTest(understand.none);
  const anyTherapist = phraseTest(understand.any_therapist);
  const pressures = (['light', 'medium', 'firm'] as const).map((p) => [p, phraseTest(understand[p])] as const);
  // A therapist is named by the first word of their name ("Mai" for "Mai (sample)"). Names can be
  // ordinary words too ("An"), so outside the therapist question only "with Mai" counts.
  const firstNames = therapists.map((t) => [t.id, [...new Set([t.name.split(/[\s(]/)[0]!.toLowerCase(), t.id])]] as const);
  const named = firstNames.map(([id, names]) => [id, phraseTest(names)] as const);
  const namedWith = firstNames.map(([id, names]) => [id, phraseTest(names.map((n) => `with ${n}`))] as const);
  // Answering the therapist question at more length: "I'd like Mai if she is free", "prefer An".
  const namedAsAnswer = firstNames.map(
    ([id, names]) => [id, phraseTest(names.flatMap((n) => [`with ${n}`, `like ${n}`, `prefer ${n}`, `want ${n}`, `have ${n}`, `choose ${n}`, `${n} please`, `${n} if`]))] as const,
  );

  return {
    /** The guest wants to stop what they are doing. */
    isStop: (text: string) => wordCount(text) <= 6 && stop(text),
    /** The guest asks to cancel their booking itself ("cancel my booking"), not just to stop. */
    asksToCancelBooking: (text: string) => wordCount(text) <= 10 && cancelBooking(text),
    /** The request is for more than one guest ("for two people", "me and my wife"). */
    mentionsGroup: (text: string) => group(text),
    /** The guest agrees to a cancellation in its own words ("yes, cancel it"), which `isYes` reads as stop. */
    confirmsCancel: (text: string) => wordCount(text) <= 8 && confirmCancel(text) && !NEGATION.test(text),
    /** The guest agrees. */
    isYes: (text: string) => wordCount(text) <= 5 && yes(text) && !stop(text),
    /** The guest has nothing to add ("no", "nothing"). */
    isNone: (text: string) => wordCount(text) <= 5 && none(text),
    /** The pressure the guest asks for, if any; "not too hard" or "nothing too soft" is the middle one. */
    pressure(text: string): 'light' | 'medium' | 'firm' | undefined {
      const negated = NEGATED_WORD.exec(text)?.[1];
      if (negated && pressures.some(([p, test]) => p !== 'medium' && test(negated))) return 'medium';
      return pressures.find(([, test]) => test(text))?.[0];
    },
    /**
     * A therapist the guest asks for by gender ("a female therapist", or "a woman please" when asked):
     * `preferred` if it fits, else the first listed of that gender; undefined when none fits.
     */
    therapistByGender(text: string, asked: boolean, preferred?: string): string | undefined {
      if (!asked && !/therapist|masseuse|masseur/i.test(text)) return undefined;
      const gender = genders.find(([, test]) => test(text))?.[0];
      if (!gender) return undefined;
      const fitting = therapists.filter((t) => t.gender === gender);
      return (fitting.find((t) => t.id === preferred) ?? fitting[0])?.id;
    },
    /** A therapist id the guest names, or "any" for no preference; `asked` when answering the therapist question. */
    therapist(text: string, asked: boolean): string | undefined {
      // Answering the question, a short reply naming them is enough ("Mai", "An please"); in a longer
      // message "an" or "mai" is more likely an ordinary word ("half an hour later").
      const tests = asked ? (wordCount(text) <= 3 ? named : namedAsAnswer) : namedWith;
      const id = tests.find(([, test]) => test(text))?.[0];
      if (id) return id;
      return asked && anyTherapist(text) ? 'any' : undefined;
    },
  };
}

export type BookingWords = ReturnType<typeof createBookingWords>;
