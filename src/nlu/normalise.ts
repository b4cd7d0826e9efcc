// Guests type fast: "hw long r u open", "heyyy", "don’t". Before the classifier reads a message (and
// each phrasing when it learns) the text is brought to one form: lower case, one kind of apostrophe,
// letters held down ("sooo") shortened, and chat spellings written out from the vocabulary's table
// (intents/vocabulary/<language>.yaml), so the words are data and not code.

/** The words of one language as guests type them in a chat. */
export interface Vocabulary {
  /** Whole chat words and what they stand for ("u" -> "you"); an empty value drops the word ("lol"). */
  spellings: Record<string, string>;
  /** Words rewritten as typed, marks and all, before the text is folded ("bố", father: folded it is "bỏ", drop). */
  marked_spellings: Record<string, string>;
  /** Words that join a second question to a first ("and", "also"). */
  joiners: string[];
  /** Words a question starts with ("how", "does"). */
  question_starts: string[];
  /** Typed words that move a walk-through on ("next"), and go back to one after a question asked in its middle. */
  acts: { next: string[]; resume: string[] };
  /** The words of the booking conversation. */
  booking: BookingVocabulary;
  /** Words of a request to book, and of asking what is free, beside a day or time. */
  /** Asking whether it is safe or allowed ("can I still", "should I wait"). */
  safety_asks: string[];
  /** Words of changing or calling off one of the guest's own bookings. */
  manage_words: { bookings: string[]; change: string[]; cancel: string[] };
  booking_verbs: string[];
  own_booking_words: string[];
  booking_asks: string[];
  booking_words: string[];
  /** Things guests book elsewhere ("a flight", "a taxi"): a request to book one is none of the spa's, unless it names the massage (`spa_words`). */
  booked_elsewhere: string[];
  /** Words of money owed ("charged", "fee", "refund"): asked while cancelling or moving, a question about the rules for it. */
  fee_words: string[];
  /** Words hinting at sex ("happy ending", "body to body"): a faint reading as a request for sexual services needs one to stand. */
  innuendo: string[];
  /** Words telling the assistant to drop its instructions ("ignore your instructions"): whatever the rest asks, nothing the spa does. */
  overrides: string[];
  spa_words: string[];
  availability_words: string[];
}

/** Words of the booking conversation: short answers, therapists, pressure, loose times. */
export interface BookingVocabulary {
  stop: string[];
  confirm_cancel: string[];
  /** Agreeing to a move in the words of the question ("yes, move it"). */
  confirm_move: string[];
  female: string[];
  male: string[];
  therapist: string[];
  group: string[];
  cancel_booking: string[];
  none: string[];
  /** Nothing about the guest's health to tell ("no health issues"). */
  healthy: string[];
  /** What a health note is about in general ("health", "injuries", "противопоказаний", "毛病"), not a condition. */
  health_topics: string[];
  /** Words that deny one next to it ("no", "никаких", "没", "없"): "no real health issues", "身体没什么毛病". */
  health_denials: string[];
  /** Words that bring in an exception to "nothing" ("but", "apart from", "ngoài ra", "就是"): a note follows or went before. */
  health_exceptions: string[];
  yes: string[];
  /** Words of agreeing matched as typed, marks and all ("đúng": folded, it is "dừng", stop). */
  /** Words that agree only as the whole message ("co", có without its mark: in a longer one it is many other words). */
  yes_alone: string[];
  yes_as_typed: string[];
  /** Words that turn an answer round ("not", "không", "не"): a yes or a cancel with one is neither. */
  negations: string[];
  any_therapist: string[];
  /** Words that mean any person by themselves ("whoever is free", "ai cũng được", "아무나"): said up front, they choose any therapist. */
  anyone: string[];
  /** Both genders said as one ("nam hay nữ cũng được", male or female, either is fine): any therapist, not the gender named first. */
  either_gender: string[];
  /** Words that leave a choice to the spa ("up to you", "не знаю", "随便"): anyone for the therapist, medium for the pressure. */
  either_way: string[];
  light: string[];
  /** "Not too hard" ("不要太重", "не слишком сильно"): light, unless another pressure is named beside it. */
  not_too_hard: string[];
  medium: string[];
  firm: string[];
  ordinals: { first: string[]; second: string[]; third: string[]; fourth: string[]; last: string[] };
  /** A length said without a number when the length was asked ("hour", "the longer one"). */
  lengths: { hour: string[]; half_hour: string[]; longest: string[]; shortest: string[] };
  shift: { earlier: string[]; later: string[]; half: string[]; one: string[]; two: string[]; three: string[] };
  /** Loose times as a window of the clock ("after lunch": 13:00 to 15:00). */
  windows: Record<string, [string, string]>;
  approximately: string[];
  /** Marks typed right after an hour that make it o'clock ("tầm 7h", "khoảng 4 giờ"), read after `approximately`. */
  hour_marks: string[];
  soonest: string[];
  /** The latest free time wanted ("as late as possible", "越晚越好"). */
  latest: string[];
  /** Words before a day or time the guest is bound by, not one they want ("until", "leaving", "тут до"). */
  bound_before: string[];
  /** Words around a time that make it the earliest the guest can come, not the time wanted, when another is said ("after 6, maybe 6:30", "5시 넘어서"). */
  from_before: string[];
  /** Words right before a time that turn it down ("не в 10, а в 11", "not at 10 but 11"): the other one is wanted. */
  not_before: string[];
  from_after: string[];
  /** The time a booking already has, said when moving it to another day ("Tuesday, same time"). */
  same_time: string[];
  /** The day a booking already has, said when moving it to another time ("5pm same day"): no day of its own. */
  same_day: string[];
  question_starts: string[];
  /** Words a question may open with before its question word ("sorry, how long...", "а сколько стоит"). */
  question_lead_ins: string[];
  /** Words that end a question where the language marks it last ("... không", "...吗", "...나요"). */
  question_ends: string[];
  /** Words said after a question's end that do not end it: whom it is asked of, a soft particle ("... ko shop", "... không ạ"). */
  question_tails: string[];
  /** Words that make a question wherever they stand ("多久", "什么", "до скольки"). */
  question_inside: string[];
  /** Phrases that hold a question word and ask nothing ("没什么", nothing much). */
  not_asking: string[];
  /** A choice put as "if": a question about what would follow it, not the choice ("if I go firm, will it hurt?"). */
  if_chosen: string[];
  /** Whether something would be enough ("is 30 min enough?", "30 минут хватит?"): at the length question, asked, no answer. */
  enough: string[];
  /** A therapist named outside the therapist question, `{name}` for the name ("with {name}", "chị {name}", "{name} 선생님"). */
  therapist_named: string[];
  /** More ways of naming one in answer to the therapist question ("prefer {name}", "{name} please"). */
  therapist_answer: string[];
  /** The word for pressure ("pressure", "lực", "力度"), beside which a pressure said outside its question counts. */
  pressure_words: string[];
  /** Words that introduce the guest's name in a longer message ("меня зовут", "我叫", "이름은"); "my name is" is read for every language. */
  name_intros: string[];
  /** Words a guest introduces themselves with that also say other things ("I'm", "anh là", "это"): a name only in capitals. */
  name_self_intros: string[];
  /** Endings written onto a name that are not part of it ("김민지입니다": "입니다"). */
  name_endings: string[];
  /** Words said just before a time that replaces one said earlier ("no wait", "actually", "à không", "말고", "改成", "вернее"). */
  corrections: string[];
  /** Words any short answer may carry beside the answer itself ("the", "please", "I suppose"). */
  answer_fillers: string[];
  /**
   * A therapist's name in its other cases ("к Мае", "с Аном"): an ending of the name, and the endings
   * that replace it; the key "" stands for a name ending in a consonant of the language's alphabet.
   */
  name_cases: Record<string, string[]>;
}

const NO_WORDS = { first: [], second: [], third: [], fourth: [], last: [] };
export const EMPTY_VOCABULARY: Vocabulary = {
  spellings: {},
  marked_spellings: {},
  joiners: [],
  question_starts: [],
  acts: { next: [], resume: [] },
  safety_asks: [],
  manage_words: { bookings: [], change: [], cancel: [] },
  booking_verbs: [],
  own_booking_words: [],
  booking_asks: [],
  booking_words: [],
  booked_elsewhere: [],
  fee_words: [],
  innuendo: [],
  overrides: [],
  spa_words: [],
  availability_words: [],
  booking: {
    stop: [], confirm_cancel: [], confirm_move: [], female: [], male: [], therapist: [], group: [], cancel_booking: [], none: [], healthy: [], health_topics: [], health_denials: [], health_exceptions: [], yes: [], yes_as_typed: [], yes_alone: [], negations: [], any_therapist: [], anyone: [], either_gender: [], either_way: [],
    light: [], not_too_hard: [], medium: [], firm: [], ordinals: NO_WORDS, lengths: { hour: [], half_hour: [], longest: [], shortest: [] }, shift: { earlier: [], later: [], half: [], one: [], two: [], three: [] },
    windows: {}, approximately: [], hour_marks: [], soonest: [], latest: [], bound_before: [], from_before: [], not_before: [], from_after: [], same_time: [], same_day: [], question_starts: [], question_lead_ins: [], question_ends: [], question_tails: [], question_inside: [], not_asking: [], if_chosen: [], enough: [], therapist_named: [], therapist_answer: [], pressure_words: [], name_intros: [], name_self_intros: [], name_endings: [], corrections: [], answer_fillers: [], name_cases: {},
  },
};

/** A function that brings a message to the form phrasings are learnt in. */
export type Normaliser = (text: string) => string;

import { respell } from './dates/spellings.ts';
import type { Language } from '../languages.ts';
import { foldVietnamese } from './languages/vietnamese.ts';
import { toSimplified } from './languages/chinese.ts';
import { bookingRefPattern } from '../booking/references.ts';


const HAN_ONLY = /^\p{Script=Han}+$/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'/.]*[\p{L}\p{N}/]|[\p{L}\p{N}]/gu;
// Where a Latin letter meets a Chinese or Korean one, in either order.
const SCRIPT_SEAM = /(?<=[\p{Script=Latin}])(?=[\p{Script=Han}\p{Script=Hangul}])|(?<=[\p{Script=Han}\p{Script=Hangul}])(?=[\p{Script=Latin}])/u;

// What each language's text is folded to before it is read: Vietnamese without its marks (guests type
// it both ways), Russian with "е" for "ё" (as often typed as not), Chinese in Simplified characters.
const FOLDS: Partial<Record<Language, (text: string) => string>> = {
  vi: foldVietnamese,
  ru: (t) => t.replace(/ё/g, 'е').replace(/Ё/g, 'Е'),
  zh: toSimplified,
};

/**
 * Builds the normaliser for a vocabulary; the language's text is folded first (FOLDS), and so is the
 * vocabulary when it is read.
 */
export function createNormaliser(vocabulary: Vocabulary, language: Language = 'en'): Normaliser {
  const fold = FOLDS[language] ?? ((t: string) => t);
  const spellings = new Map(Object.entries(vocabulary.spellings).map(([k, v]) => [fold(k.toLowerCase()), fold(v.toLowerCase())]));
  const spellingOf = (word: string): string | undefined => {
    const bare = word.replace(/[.']+$/, '');
    return spellings.get(word) ?? spellings.get(bare) ?? spellings.get(bare.replace(/'/g, ''));
  };
  // Chinese is written without spaces: a spelling of Chinese characters ("唔", "冇", "咩", Cantonese
  // for "not", "none", "what") is rewritten wherever it stands in a run of them, longest first.
  const joinedKeys = [...spellings.keys()].filter((key) => HAN_ONLY.test(key)).sort((a, b) => b.length - a.length);
  const joinedSpellings = joinedKeys.length > 0 ? new RegExp(joinedKeys.join('|'), 'gu') : undefined;
  const respellJoined = (text: string) => (joinedSpellings ? text.replace(joinedSpellings, (word) => spellings.get(word) ?? word) : text);
  const rewrite = (piece: string) => {
    // A letter typed three times or more is one letter: "heyyy", "sooo", "pleeease".
    const written = respellJoined(piece.replace(/(\p{L})\1{2,}/gu, '$1'))
      .replace(WORD, (word) => {
        const spelt = spellingOf(word);
        if (spelt !== undefined) return spelt;
        // "想book個massage", "book할게요": a Latin word typed inside Chinese or Korean is spelt as one of its own, in place.
        const parts = word.split(SCRIPT_SEAM);
        return parts.length > 1 ? parts.map((part) => spellingOf(part) ?? part).join('') : word;
      })
      .replace(/\s+/g, ' ');
    // Day words as the dates reader puts them right ("tomorow", "firday", "15h30").
    return respell(written).text;
  };
  // Rewritten before folding, where folding would make one word of two ("bố" father, "bỏ" drop).
  const marked = new Map(Object.entries(vocabulary.marked_spellings).map(([k, v]) => [k.normalize('NFC').toLowerCase(), v]));
  const markedWords = marked.size > 0 ? new RegExp(`(?<![\\p{L}\\p{M}])(?:${[...marked.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{M}])`, 'gu') : undefined;
  const unmarked = (text: string) => (markedWords ? text.replace(markedWords, (word) => marked.get(word) ?? word) : text);
  return (text) => {
    const typed = fold(unmarked(text.normalize('NFC').toLowerCase()))
      .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'");
    return outsideBookingRefs(typed, rewrite).replace(/\s+/g, ' ').trim();
  };
}

/** The text with `rewrite` applied between booking references; a reference stays as typed ("LS-2MRW" holds no "tomorrow"). */
function outsideBookingRefs(text: string, rewrite: (piece: string) => string): string {
  let result = '';
  let from = 0;
  for (const ref of text.matchAll(bookingRefPattern('gi'))) {
    result += rewrite(text.slice(from, ref.index)) + ref[0];
    from = ref.index + ref[0].length;
  }
  return result + rewrite(text.slice(from));
}
