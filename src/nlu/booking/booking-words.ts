import type { BookingVocabulary, Normaliser } from '../normalise.ts';
import { phrasePattern } from '../phrases.ts';
import type { Language } from '../../languages.ts';

// How many of a message's last words may stop it on their own ("... 오늘은 안할게요").
const STOP_TAIL_WORDS = 4;

/** A message's clauses as marked by its punctuation, empty ones left out. */
function clausesOf(said: string): string[] {
  return said
    .split(/[,.;!?]+/)
    .map((clause) => clause.trim())
    .filter(Boolean);
}

// Short answers in the booking conversation ("yes", "no", "firm please", "stop", "Mai"), with the
// words of intents/vocabulary/<language>.yaml. A long message that merely contains "no" or "stop"
// is not such an answer, so each test also looks at the length of the message.

/** A therapist as the reader needs to know them: how guests name them, and their gender. */
export interface NamedTherapist {
  id: string;
  name: string;
  gender?: 'female' | 'male' | undefined;
  /** Other spellings of the name ("마이", "Май"). */
  aliases?: readonly string[] | undefined;
}

/** A test for any of the phrases as whole words, in a normalised message. */
export function phraseTest(phrases: readonly string[]): (text: string) => boolean {
  const pattern = phrasePattern(phrases);
  return pattern ? (text) => pattern.test(text) : () => false;
}

/** The length of the longest of the phrases found in a normalised message; 0 when none is. */
function longestPhrase(phrases: readonly string[]): (text: string) => number {
  const found = phrasePattern(phrases);
  if (!found) return () => 0;
  const every = new RegExp(found.source, 'giu');
  return (text) => Math.max(0, ...[...text.matchAll(every)].map((m) => m[0].length));
}


// "not too hard", "nothing too strong", "do not go too deep": the word that is not wanted.
const NEGATED_WORD = /\b(?:not|nothing|do\s+not\s+(?:go|make\s+it|press))\s+(?:too\s+|very\s+|so\s+|that\s+|overly\s+)?(\p{L}+)/iu;

// Names in scripts written without spaces between words: found only beside a title ("마이 선생님", "麦老师"),
// since alone they hide inside other words ("안" is also "not").
const JOINED_NAME = /[\p{Script=Han}\p{Script=Hangul}]/u;
// A name ending in a consonant, for the case forms keyed "" (Cyrillic consonants: the languages that decline names here).
const CONSONANT_END = /[бвгджзклмнпрстфхцчшщ]$/u;

/** Reads the short answers of the booking conversation; `language` says how long a short answer is. */
export function createBookingWords(
  words: BookingVocabulary,
  therapists: readonly NamedTherapist[],
  normalise: Normaliser,
  language: Language = 'en',
  verbs: { cancel: readonly string[]; book: readonly string[] } = { cancel: [], book: [] },
) {
  // Vietnamese writes each syllable apart: "đúng rồi em, xác nhận giúp chị" is a short answer of seven syllables.
  const syllablesPerWord = language === 'vi' ? 2 : 1;
  const wordCount = (text: string) => Math.ceil((text.match(/[\p{L}\p{N}']+/gu) ?? []).length / syllablesPerWord);
  const stop = phraseTest(words.stop);
  const cancelBooking = phraseTest(words.cancel_booking);
  const confirmCancel = phraseTest(words.confirm_cancel);
  const cancelVerb = phraseTest(verbs.cancel);
  const bookVerb = phraseTest(verbs.book);
  const endsAsking = (text: string) => /[?？]\s*$/.test(text);
  const confirmMove = phraseTest(words.confirm_move);
  const group = phraseTest(words.group);
  const genders = (['female', 'male'] as const).map((g) => [g, phraseTest(words[g])] as const);
  const yes = phraseTest(words.yes);
  const yesAsTyped = phraseTest(words.yes_as_typed);
  const yesAlone = new Set(words.yes_alone.map((w) => normalise(w).trim()));
  // "do not cancel", "không được", "не подходит": never an agreement (the text is normalised).
  const negated = phraseTest(words.negations);
  const none = phraseTest(words.none);
  const anyTherapist = phraseTest(words.any_therapist);
  const anyone = phraseTest(words.anyone);
  const eitherWay = phraseTest(words.either_way);
  const eitherGender = phraseTest(words.either_gender);
  const therapistWord = phraseTest(words.therapist);
  const pressures = (['light', 'medium', 'firm'] as const).map((p) => [p, longestPhrase(words[p])] as const);
  const pressureWord = phraseTest(words.pressure_words);
  const notTooHardWords = phrasePattern(words.not_too_hard);
  const notTooHard = notTooHardWords && new RegExp(notTooHardWords.source, 'giu');
  const ordinals = (['first', 'second', 'third', 'fourth', 'last'] as const).map((o, i) => [o === 'last' ? -1 : i, phraseTest(words.ordinals[o])] as const);
  // A name and its other cases, where the language declines names ("май": "мае", "маю", "маем", "маей").
  const cases = Object.entries(words.name_cases);
  const withCases = (name: string): string[] => {
    const forms = cases.flatMap(([ending, replacements]) => {
      const fits = ending === '' ? CONSONANT_END.test(name) : name.endsWith(ending) && name.length > ending.length;
      return fits ? replacements.map((r) => name.slice(0, name.length - ending.length) + r) : [];
    });
    return [name, ...forms];
  };
  // A therapist is named by the first word of their name ("Mai" for "Mai (sample)") or an alias ("마이").
  // Names can be ordinary words too ("An", "mai" is tomorrow in Vietnamese), so outside the therapist
  // question only a name with the language's words around it counts ("with Mai", "chị Mai", "к Май").
  const firstNames = therapists.map((t) => [t.id, [...new Set([t.name.split(/[\s(]/)[0]!, t.id, ...(t.aliases ?? [])].map((n) => normalise(n)).flatMap(withCases))]] as const);
  const around = (templates: readonly string[], names: readonly string[]) => phraseTest(names.flatMap((n) => templates.map((t) => t.replace('{name}', n))));
  const named = firstNames.map(([id, names]) => [id, phraseTest(names.filter((n) => !JOINED_NAME.test(n)))] as const);
  // The whole answer to the therapist question, a polite ending aside ("麦", "安吧", "마이요"): a name in any script.
  const namedAlone = (said: string): string | undefined => {
    const bare = said.replace(/[\s\p{P}]+/gu, '').replace(/(?:요|吧|啊|呀|哦)$/u, '');
    return firstNames.find(([, names]) => names.some((n) => n.replace(/\s+/g, '') === bare))?.[0];
  };
  const namedWith = firstNames.map(([id, names]) => [id, around(words.therapist_named, names)] as const);
  // The same, to take out of a message before its dates are read: "к Май" is the therapist, not May.
  const namedWithWords = phrasePattern(firstNames.flatMap(([, names]) => names.flatMap((n) => words.therapist_named.map((t) => t.replace('{name}', n)))));
  const namedWithPattern = namedWithWords && new RegExp(namedWithWords.source, 'giu');
  // Answering the therapist question at more length: "I'd like Mai if she is free", "prefer An".
  const namedAsAnswer = firstNames.map(([id, names]) => [id, around([...words.therapist_named, ...words.therapist_answer], names)] as const);
  const read = (text: string) => normalise(text);
  const isYes = (text: string): boolean => {
    const said = read(text);
    if (yesAlone.has(said.replace(/[\s\p{P}]+$/u, '').trim())) return true;
    return wordCount(text) <= 6 && (yes(said) || yesAsTyped(text.normalize('NFC').toLowerCase())) && !stop(said) && !negated(said);
  };
  /** The message opens with `lead`, a yes, and nothing after it turns it round, stops or asks. */
  const leadsWithYes = (lead: string, text: string): boolean => {
    const said = read(text);
    return lead.trim() !== '' && isYes(lead) && !negated(said) && !stop(said) && !endsAsking(text);
  };
  /** A short message in the question's own words, not negated ("do not cancel"). */
  const agreesIn = (words: (said: string) => boolean, text: string): boolean => {
    const said = read(text);
    return wordCount(text) <= 8 && words(said) && !negated(said);
  };

  return {
    /** The guest wants to stop what they are doing. */
    isStop(text: string): boolean {
      const said = read(text);
      if (wordCount(said) <= 6) return stop(said);
      // "none of those work for me, forget it": a stop said last, in a few words of its own.
      const last = clausesOf(said).at(-1) ?? '';
      return wordCount(last) <= 4 && stop(last);
    },
    /** The last few words stop, where clauses run on unmarked ("... 다시 올게요 오늘은 안할게요"); whether the rest asks is the caller's to know. */
    stopsAtTheEnd: (text: string): boolean => stop(read(text).trim().split(/\s+/).slice(-STOP_TAIL_WORDS).join(' ')),
    /** A clause of a few words of its own stops ("hmm actually forget it, my flight got moved ..."), wherever it stands. */
    stopsInAClause: (text: string): boolean => clausesOf(read(text)).some((clause) => wordCount(clause) <= 5 && stop(clause)),
    /** The guest asks to cancel their booking itself ("cancel my booking"), not just to stop. */
    asksToCancelBooking: (text: string) => wordCount(text) <= 10 && cancelBooking(read(text)),
    /** The request is for more than one guest ("for two people", "me and my wife"). */
    mentionsGroup: (text: string) => group(read(text)),
    /** The guest agrees to a cancellation in its own words ("yes, cancel it", "ừ em hủy giúp chị nhé"), which `isYes` reads as stop. */
    confirmsCancel: (text: string) => agreesIn(confirmCancel, text) || (!endsAsking(text) && agreesIn(cancelVerb, text)),
    /** The guest agrees to the booking's summary in the words of booking ("đặt giúp bác", "book it in", "예약해 주세요"). */
    confirmsBooking: (text: string) => !endsAsking(text) && agreesIn(bookVerb, text),
    /** The guest agrees to a move in its own words ("ok, move it", "변경해주세요"); "does it cost anything to move it?" asks. */
    confirmsMove: (text: string) => agreesIn(confirmMove, text) && !endsAsking(text),
    /** The guest agrees. */
    isYes,
    /** The guest leaves the choice to the spa ("up to you", "idk", "не знаю"). */
    leavesItToUs: (text: string) => wordCount(text) <= 6 && eitherWay(read(text)),
    /** A longer message that starts by agreeing, with nothing against it after ("Yes, that is correct. Thank you kindly."). */
    startsWithYes: (text: string): boolean => leadsWithYes(text.split(/[,.!;:，。！；]/)[0] ?? '', text),
    /** The first word agrees ("yes dear that's all correct thank you"), with nothing against it after; whether the rest is only politeness is the caller's to know. */
    opensWithYes: (text: string): boolean => leadsWithYes(text.trim().split(/[\s,.!;:，。！；]+/)[0] ?? '', text),
    /** The guest has nothing to add ("no", "nothing"). */
    isNone: (text: string) => wordCount(text) <= 6 && none(read(text)),
    /** The message says "pressure" ("firm pressure please"), so a pressure word in it is one. */
    mentionsPressure: (text: string) => pressureWord(read(text)),
    /** The pressure the guest asks for, if any; "not too hard" or "nothing too soft" is the middle one. */
    pressure(text: string): 'light' | 'medium' | 'firm' | undefined {
      const said = read(text);
      const negation = NEGATED_WORD.exec(said);
      // "light, not too strong" is light; "not too hard" alone is the middle one.
      const unnegated = negation ? said.replace(negation[0], ' ') : said;
      // "中等吧 不要太重" (medium, not too hard) is medium; "不要太重" alone is light.
      const rest = notTooHard ? unnegated.replace(notTooHard, ' ') : unnegated;
      // The longest words said win: "làm mạnh tay nhe" is firm ("nhe", folded, is also "nhẹ", light).
      const found = pressures.map(([p, longest]) => [p, longest(rest)] as const).filter(([, length]) => length > 0);
      const direct = found.reduce<(typeof found)[number] | undefined>((best, next) => (!best || next[1] > best[1] ? next : best), undefined)?.[0];
      if (direct) return direct;
      if (rest !== unnegated) return 'light';
      const negated = negation?.[1];
      if (negated && pressures.some(([p, longest]) => p !== 'medium' && longest(negated) > 0)) return 'medium';
      return undefined;
    },
    /** The place in a list the guest names ("the second one": 1, "the last one": -1); a digit alone counts only where it is no hour. */
    ordinal(text: string, digits = true): number | undefined {
      const said = read(text).trim();
      const digit = digits ? /^(?:the\s+)?([1-4])$/.exec(said)?.[1] : undefined;
      if (digit) return Number(digit) - 1;
      return ordinals.find(([, test]) => test(said))?.[0];
    },
    /**
     * A therapist the guest asks for by gender ("a female therapist", or "a woman please" when asked):
     * `preferred` if it fits, else the first listed of that gender; undefined when none fits.
     */
    therapistByGender(text: string, asked: boolean, preferred?: string): string | undefined {
      const said = read(text);
      // Outside the question, a gender needs the word for a therapist, or a list of wishes with the
      // gender as one item of its own ("wed 4pm. female. medium pressure"); "dude, can I book" opens with one.
      const listed = text.split(/[,.;!\n]+/).slice(1).map((part) => read(part)).filter((part) => wordCount(part) === 1);
      if (!asked && !therapistWord(said) && !listed.some((part) => genders.some(([, test]) => test(part)))) return undefined;
      const gender = genders.find(([, test]) => test(said))?.[0];
      if (!gender) return undefined;
      const fitting = therapists.filter((t) => t.gender === gender);
      return (fitting.find((t) => t.id === preferred) ?? fitting[0])?.id;
    },
    /** The message without a therapist named with the words around a name ("к Май", "with Mai"), whose name could read as a date. */
    withoutTherapistNamed(text: string): string {
      return namedWithPattern ? text.replace(namedWithPattern, ' ') : text;
    },
    /**
     * Whether a message names both a woman and a man, and not as "either" ("is An a man or a woman?", "can
     * I really choose male or female?"); "male or female is fine", "nam hay nữ cũng đc" leave it open.
     */
    namesBothGenders(text: string): boolean {
      const said = read(text);
      return genders.every(([, test]) => test(said)) && (!eitherGender(said) || endsAsking(text));
    },
    /** A therapist id the guest names, or "any" for no preference; `asked` when answering the therapist question. */
    therapist(text: string, asked: boolean): string | undefined {
      const said = read(text);
      // Answering the question, a short reply naming them is enough ("Mai", "An please"); in a longer
      // message "an" or "mai" is more likely an ordinary word ("half an hour later").
      const tests = asked ? (wordCount(said) <= 3 ? [...named, ...namedAsAnswer] : namedAsAnswer) : namedWith;
      // "Ан, мне сказали он сильно мнет": the answer first, the reason after it.
      const firstClause = asked ? read(text.split(/[,.;!，。！]/)[0] ?? '') : '';
      const answeredFirst = firstClause !== said && wordCount(firstClause) <= 2 ? named.find(([, test]) => test(firstClause))?.[0] : undefined;
      const id = tests.find(([, test]) => test(said))?.[0] ?? (asked ? (namedAlone(said) ?? answeredFirst) : undefined);
      if (id) return id;
      if (asked && eitherGender(said)) return 'any';
      // Outside the question, with the word for a therapist ("any therapist is ok") or in words that mean
      // a person ("whoever is free"); but "any female therapist?" names a gender.
      const gendered = genders.some(([, test]) => test(said));
      const anyOne = (anyTherapist(said) && (asked || (!gendered && therapistWord(said)))) || (!gendered && anyone(said));
      return anyOne ? 'any' : undefined;
    },
  };
}

export type BookingWords = ReturnType<typeof createBookingWords>;
