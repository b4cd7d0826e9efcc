import type { Language } from '../../languages.ts';
import { findEmail, findName, findPhone, type CountryCode } from '../contact.ts';
import { respell } from '../dates/spellings.ts';
import { findDuration, offersTwoLengths } from '../durations.ts';
import type { BookingVocabulary, Normaliser } from '../normalise.ts';
import { phraseTest } from './booking-words.ts';
import { createCorrections } from './corrections.ts';
import { phrasePattern } from '../phrases.ts';
import { foldVietnamese, foldedFor } from '../languages/index.ts';

// The answers a guest types in full: a name, a phone number or email, a length, and whether what
// they typed is a question of their own rather than an answer.

// Longer than this, a "length" is a misread time ("10h").
const MAX_SESSION_MINUTES = 4 * 60;

/** A name the guest gave, with the contact typed beside it ("Tom Nguyen 0905 123 456"). */
export interface NameAnswer {
  name: string;
  contact?: string;
}

// Where a guest writing each language most likely has their phone from, for a number typed without +.
const CALLING_FROM: Record<Language, CountryCode> = { en: 'VN', vi: 'VN', ko: 'KR', zh: 'CN', ru: 'RU' };
// Asked for a phone, a guest types it as at home ("0412 555 018" in Australia, "07700 900 461" in Britain):
// the countries guests writing each language most often call from, tried in turn where the spa's own
// and CALLING_FROM's find no number. Only at the contact question: elsewhere a run of digits is as likely
// something else.
const ALSO_CALLING_FROM: Record<Language, readonly CountryCode[]> = {
  en: ['GB', 'AU', 'US', 'IN', 'PH', 'SG', 'MY', 'NZ', 'IE', 'ZA', 'DE', 'FR', 'IL'],
  vi: [],
  ko: [],
  zh: ['TW', 'HK', 'MO', 'SG'],
  ru: ['KZ', 'BY', 'UA', 'UZ', 'KG'],
};

/** Builds the reader of typed answers for a vocabulary, its lengths read in `language`. */
export function createTypedAnswers(words: BookingVocabulary, normalise: Normaliser, country: CountryCode, language: Language = 'en') {
  // A question word and two more words, after the words a question may open with ("sorry, how long is it");
  // "... được không", "...吗", "...나요": a question marked at its end, with or without "?". Something must
  // come before the mark: "không" or "吗" alone is an answer, not a question. Whom it is asked of may
  // follow the mark ("co dau ko shop", "được không ạ").
  const questionMarks = (phrases: (list: string[]) => string[]) => {
    const leadIns = phrasePattern(phrases(words.question_lead_ins))?.source;
    const starts = phrases(words.question_starts);
    const ends = phrasePattern(phrases(words.question_ends));
    const tails = phrasePattern(phrases(words.question_tails))?.source;
    const tail = tails ? `(?:[\\s,]+(?:${tails}))*` : '';
    return {
      atStart: starts.length > 0 ? new RegExp(`^(?:(?:${leadIns ?? '(?!)'})[,!.]?\\s+){0,2}(?:${starts.map((w) => w.replace(/\s+/g, '\\s+')).join('|')})\\s+\\S+\\s+\\S+`, 'iu') : undefined,
      atEnd: ends ? new RegExp(`[\\p{L}\\p{N}].*(?:${ends.source})${tail}[\\s?？!！.。~…]*$`, 'iu') : undefined,
    };
  };
  // The lists are kept as typed: read folded, as the message is, for Vietnamese typed without marks.
  const { atStart: questionAtStart, atEnd: questionAtEnd } = questionMarks((list) => foldedFor(language, list));
  // Vietnamese typed with its marks is read with them, where folding makes one word of two: "cổ" (neck)
  // is no "có" (a question's start), "Hồng" (a name) no "hông" (one's end). Unmarked words still count.
  const typedMarks = language === 'vi' ? questionMarks((list) => [...new Set([...list, ...foldedFor(language, list)])]) : undefined;
  const markedQuestion = (text: string): boolean | undefined => {
    if (!typedMarks) return undefined;
    const typed = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    if (foldVietnamese(typed) === typed) return undefined;
    return (typedMarks.atStart?.test(typed) ?? false) || (typedMarks.atEnd?.test(typed) ?? false);
  };
  // "要提前多久到啊", "а в субботу вы до скольки работаете": a question word inside the message.
  const questionInside = phrasePattern(words.question_inside);
  const notAsking = phrasePattern(words.not_asking.map(normalise));
  const withoutNotAsking = notAsking ? new RegExp(notAsking.source, 'giu') : undefined;
  const refusals = phraseTest([...words.none, ...words.yes, ...words.stop]);
  const ifChosen = phraseTest(words.if_chosen.map(normalise));
  const enough = phraseTest(words.enough.map(normalise));
  const introduced = createIntroducedName(words, language, words.name_intros);
  // "anh là Trần Quốc Bảo", "I'm Tom": the words that also say anything else ("em là khách quen") give a name only in capitals.
  const introducedSelf = createIntroducedName(words, language, words.name_self_intros, true);
  const nameAfterIntro = (text: string) => introduced(text) ?? introducedSelf(text);
  const leadingHangulName = createLeadingHangulName(words);
  // "..., Olga Smirnova, +7 916 245 33 81": two or three capitalised words just before the contact.
  const nameBeforeContact = (text: string): string | undefined => {
    const contact = contactIn(text);
    if (!contact) return undefined;
    return NAME_BEFORE_CONTACT.exec(text.slice(0, text.indexOf(contact.text)))?.[1];
  };
  const healthy = phraseTest(words.healthy);
  const healthException = phraseTest(words.health_exceptions.map(normalise));
  const noneSaid = phraseTest(words.none.map(normalise));
  const corrections = createCorrections(words, normalise, language);
  const deniesHealthTopic = healthTopicDenied(words, language);
  // Whole-message answers to the length question, said without a number: compared once the
  // words any answer may carry ("ok", "the", "one", "please") are set aside.
  const fillers = phrasePattern(words.answer_fillers.map(normalise));
  const withoutFillers = fillers ? new RegExp(fillers.source, 'giu') : undefined;
  const bare = (text: string) => {
    const plain = normalise(text).replace(/[^\p{L}\p{N}' ]+/gu, ' ');
    return (withoutFillers ? plain.replace(withoutFillers, ' ') : plain).replace(/\s+/g, ' ').trim();
  };
  const lengthWords = (list: string[]) => {
    const known = new Set(list.map(bare));
    return (text: string) => known.has(bare(text));
  };
  const hourWords = lengthWords(words.lengths.hour);
  const halfHourWords = lengthWords(words.lengths.half_hour);
  const longestWords = lengthWords(words.lengths.longest);
  const shortestWords = lengthWords(words.lengths.shortest);
  // Said in a longer answer ("short one is fine", "짧은거요", "длинный вариант"): one of them, not both.
  const saysLongest = phraseTest(words.lengths.longest.map(normalise));
  const saysShortest = phraseTest(words.lengths.shortest.map(normalise));
  const saysHour = phraseTest(words.lengths.hour.map(normalise));
  const saysHalfHour = phraseTest(words.lengths.half_hour.map(normalise));

  /** A contact in the text: a phone number (E.164) or an email address. */
  const contactIn = (text: string): { contact: string; text: string } | undefined => {
    // The spa's country first ("0905 123 456"), then the one most guests writing this language call from ("010 1234 5678").
    const phone = findPhone(text, country) ?? (language === 'en' ? undefined : findPhone(text, CALLING_FROM[language]));
    if (phone) return { contact: phone.e164, text: phone.text };
    const email = findEmail(text);
    return email ? { contact: email, text: email } : undefined;
  };

  const isShort = (text: string): boolean => {
    const trimmed = text.trim();
    return /\p{Script=Han}/u.test(trimmed) ? trimmed.replace(/[\s\p{P}]/gu, '').length <= 6 : trimmed.split(/\s+/).length <= 3;
  };
  const isQuestion = (text: string): boolean => /[?？]\s*$/.test(text) || asksInWords(text);
  /** A question put in words, whatever its mark: a question word ("what time"), or a question's ending ("몇시에요", "được không"). */
  const asksInWords = (text: string): boolean => {
    const folded = normalise(text);
    const said = withoutNotAsking ? folded.replace(withoutNotAsking, ' ') : folded;
    // Words said as no question ("mấy giờ cũng được", any time is fine) are read without them, folded.
    const marked = said === folded ? markedQuestion(text) : undefined;
    const starts = marked ?? ((questionAtStart?.test(said) ?? false) || (questionAtEnd?.test(said) ?? false));
    if (starts || (questionInside?.test(said) ?? false)) return true;
    // A question marked at its end, with more said after a comma ("bầu thì có làm được ko e, hỏi cho bạn c").
    const clauses = said.split(/[,;，；]/).slice(0, -1);
    return clauses.some((clause) => questionAtEnd?.test(clause.trim()) ?? false);
  };

  return {
    /**
     * A question of the guest's own: a question mark, or a question word and more ("where are you
     * located"). Not "Do" or "Will" alone: they begin names ("Do Thi Lan", "Will Smith").
     */
    isQuestion,
    /** A question put in words ("what time is the last one?"), not by its mark alone ("the last one?"). */
    asksInWords,
    /**
     * A question in any of its sentences ("what's the difference? it's my first time"): mid-booking, a
     * question of the guest's own need not come last. (A first message asking "can I do 30 min? only
     * have lunch break" is still read whole, as a booking.)
     */
    asksInASentence(text: string): boolean {
      // Chinese needs no space after its mark: "按完可以去游泳嗎？飯店有泳池".
      if (/[?？]\s+\S|？\s*[^\s？?！!。]|\?(?=\p{Script=Han})/u.test(text) || isQuestion(text)) return true;
      // A question marked at its end in a clause of its own: "技师会说中文吗 我英语不太行".
      const clauses = text.split(/[。！!；;\n]|(?<=\p{Script=Han})[\s,，]+(?=\p{Script=Han})/u);
      return clauses.length > 1 && clauses.some((clause) => clause.trim() !== '' && isQuestion(clause.trim()));
    },
    /**
     * What follows a word of correcting after the guest's own question ("is 30 enough? nah let's do an
     * hour"): the answer, when it holds one, and the question is settled.
     */
    afterOwnQuestion(text: string): string | undefined {
      const after = corrections.after(text);
      if (!after?.trim()) return undefined;
      const before = text.slice(0, text.length - after.length);
      return /[?？]/.test(before) && !/[?？]/.test(after) && !isQuestion(after.trim()) ? after.trim() : undefined;
    },
    /**
     * A question started after a comma ("30 or 60 min, which one should i pick"). Not a question of the
     * whole message: "need a massage asap, whats the earliest u can do" asks to book.
     */
    asksAfterAComma(text: string): boolean {
      const said = normalise(text);
      return said.split(/[,;，；]/).slice(1).some((clause) => questionAtStart?.test(clause.trim()) ?? false);
    },
    /** A choice put as "if" ("if I go firm, will it hurt?", "а если выберу сильный, будет больно?"). */
    choosesIf: (text: string): boolean => ifChosen(normalise(text)),
    /** Whether something would be enough ("is 30 min enough?", "полчаса хватит?"). */
    asksEnough: (text: string): boolean => enough(normalise(text)),
    /** Three words or fewer, or six characters or fewer where words are written without spaces (Chinese). */
    isShort,
    /** The session length a message names ("an hour", "30 min", or a bare "60" when the length was asked). */
    minutes(text: string, asked: boolean): number | undefined {
      // "1시간이요.. 아 아니다 30분으로": a length said after a word of correcting is the one meant.
      const corrected = corrections.after(text);
      if (corrected !== undefined) {
        const meant = findDuration(respell(corrected).text, language)?.minutes;
        if (meant !== undefined && meant <= MAX_SESSION_MINUTES) return meant;
      }
      // Two lengths put as a choice, neither corrected ("chưa biết nên làm 30 hay 60p"): none chosen yet.
      if (offersTwoLengths(text)) return undefined;
      // Read with times written as times ("10h morning" is ten o'clock), as the dates reader writes them.
      const found = findDuration(respell(text).text, language)?.minutes;
      // "10h morning" is ten o'clock: no session lasts hours on end.
      if (found !== undefined) return found <= MAX_SESSION_MINUTES ? found : undefined;
      if (!asked) return undefined;
      if (hourWords(text)) return 60;
      if (halfHourWords(text)) return 30;
      // "60", "ok lets do 60 then", "30 is enough": a number of minutes said when the length was asked.
      const numbers = normalise(text).match(/(?<![\d:.])\d{2,3}(?![\d:.])/g) ?? [];
      if (numbers.length > 0) return numbers.length === 1 ? Number(numbers[0]) : undefined;
      // "반시간이면 될듯" (half an hour would do): the one length word in a longer answer.
      const said = normalise(text);
      const hour = saysHour(said);
      const half = saysHalfHour(said);
      return hour !== half ? (hour ? 60 : 30) : undefined;
    },
    /** The message says there is nothing about the guest's health to tell ("no health issues"). */
    saysHealthy(text: string): boolean {
      const said = normalise(text);
      // "sức khỏe có ổn không?" asks; a question word inside ("没什么毛病") does not make it one.
      return healthy(said) || (deniesHealthTopic(said) && !/[?？]\s*$/.test(text) && !(questionAtEnd?.test(said) ?? false));
    },
    /** Beside "nothing", something for the therapist: "no, just a stiff neck", "cổ hơi cứng, ngoài ra ko có gì", "没什么病就是肩膀老疼". */
    notesAnException(text: string): boolean {
      return healthException(normalise(text)) && !isShort(text);
    },
    /** Something said, then nothing besides it ("허리가 좀 안 좋은데 … 그거 말곤 없어요"): a note, whatever question it holds. */
    notesOnlyThat(text: string): boolean {
      const said = normalise(text);
      return healthException(said) && noneSaid(said) && !isShort(text);
    },
    /** A name the guest gives for themselves in a longer message ("my name is Lan", "name Anna Lee"). */
    introducedName(text: string): string | undefined {
      const named = findName(text) ?? NAME_LABEL.exec(text)?.[1] ?? NAME_CHANGE.exec(text.trim())?.[1] ?? nameAfterIntro(text) ?? nameBeforeContact(text);
      return named ? capitalised(cleanName(named)) || undefined : undefined;
    },
    /**
     * Whether a message answering the name question could be a name: short enough ("Tran Minh Anh"),
     * or naming one ("put it under my husband's name, Tran Van Minh").
     */
    couldBeAName(text: string): boolean {
      const trimmed = text.trim();
      return trimmed.split(/\s+/).length <= NAME_WORDS_MAX || findName(trimmed) !== undefined || TRAILING_NAME.test(trimmed) || NAME_LABEL.test(trimmed);
    },
    /** Two to four words, each capitalised, as a name is written ("Đỗ Quang Huy"): at the name question, no stop even where a word folds to one ("huy", "hủy"). */
    isWrittenAsAName: (text: string) => WRITTEN_AS_A_NAME.test(text.replace(EMOJI, ' ').trim()),
    /** A message's sentences, as typed ("По здоровью: была операция. Сейчас всё хорошо."). */
    sentences: (text: string): string[] =>
      text
        .split(/(?<=[.!?;。！？；])\s*|\n+/u)
        .map((sentence) => sentence.trim())
        .filter(Boolean),
    /** "The longer one" or "the shorter one", said when the length was asked, alone or in a longer answer. */
    lengthChoice(text: string): 'longest' | 'shortest' | undefined {
      if (longestWords(text)) return 'longest';
      if (shortestWords(text)) return 'shortest';
      const said = normalise(text);
      const [longest, shortest] = [saysLongest(said), saysShortest(said)];
      return longest === shortest ? undefined : longest ? 'longest' : 'shortest';
    },
    /** The contact in a message, if it has one. */
    contact(text: string): string | undefined {
      return contactIn(text)?.contact;
    },
    /** The contact given where it was asked for: a phone may be written as at home, in another country's way. */
    contactAnswer(text: string): string | undefined {
      const contact = contactIn(text)?.contact;
      if (contact) return contact;
      for (const from of ALSO_CALLING_FROM[language]) {
        const phone = findPhone(text, from);
        if (phone) return phone.e164;
      }
      return undefined;
    },
    /** The message without the session length it names, so "三点 一个小时" is three o'clock, not 3:01. */
    withoutLength(text: string): string {
      const respelt = respell(text);
      const length = findDuration(respelt.text, language);
      // Only what a session lasts: "9h" or "3 giờ" are more likely clock times than lengths.
      if (!length || length.minutes < SHORTEST_LENGTH || length.minutes > LONGEST_LENGTH) return text;
      const from = respelt.original(length.index);
      const to = respelt.original(length.index + length.text.length);
      return `${text.slice(0, from)} ${text.slice(to)}`.trim();
    },
    /** The message without its phone number or email, so their digits are never read as a day, a time or a length. */
    withoutContact(text: string): string {
      const contact = contactIn(text);
      return contact ? text.replace(contact.text, ' ') : text;
    },
    /**
     * The name for a booking in a message answering the name question; undefined when the message
     * holds no name ("yes", "no", "ok"). `useNameLabel` is the "Use {name}" button's label, typed out.
     */
    name(text: string, useNameLabel: string): NameAnswer | undefined {
      const contact = contactIn(text);
      const rest = contact ? text.replace(contact.text, ' ') : text;
      const labelled = labelPattern(useNameLabel).exec(rest.trim())?.[1];
      // In a longer answer ("put it under my husband's name, Tran Van Minh") the name is its capitalised words at the end.
      const trailing = rest.trim().split(/\s+/).length > NAME_WORDS_MAX ? TRAILING_NAME.exec(rest.trim())?.[1] : undefined;
      const name = cleanName(labelled ?? findName(rest) ?? nameAfterIntro(rest) ?? trailing ?? leadingHangulName(rest) ?? capitalised(rest.replace(NAME_INTRO, '').replace(NAME_OUTRO, '')));
      if (!name || refusals(normalise(name)) && name.split(' ').length === 1) return undefined;
      return { name, ...(contact ? { contact: contact.contact } : {}) };
    },
  };
}

export type TypedAnswers = ReturnType<typeof createTypedAnswers>;

// A name after its introduction: a run of Chinese characters (two to four), one Korean word, or up to
// three words in letters, capitalised ones together ("Olga Smirnova"), else one ("olga").
const HAN_NAME = /^\p{Script=Han}{2,4}/u;
const HANGUL_WORD = /^\p{Script=Hangul}+/u;
// Up to four words: Vietnamese names often have four ("Nguyễn Thị Thu Hà").
const LETTER_WORDS = /^[\p{L}\p{M}'-]+(?:\s+[\p{L}\p{M}'-]+){0,3}/u;

/**
 * Reads the name after one of the language's introductions ("меня зовут Ольга", "我叫陈静",
 * "이름은 김민지입니다", "tên là Lan"), in a message that says more than the name.
 */
function createIntroducedName(words: BookingVocabulary, language: Language, intros: readonly string[], capitalisedOnly = false): (text: string) => string | undefined {
  // Vietnamese is matched without its marks, as guests type it either way; the name keeps them.
  const fold = language === 'vi' ? foldVietnamese : (t: string) => t;
  const intro = phrasePattern(intros.map(fold));
  const hangulName = createHangulName(words);
  if (!intro) return () => undefined;
  const atStart = new RegExp(`^(?:${intro.source})`, 'iu');
  return (text) => {
    const found = intro.exec(fold(text.normalize('NFC')));
    if (!found) return undefined;
    let rest = text.normalize('NFC').slice(found.index + found[0].length).replace(/^[\s:：,，=-]+/u, '');
    // One introduction after another ("예약자 이름은 …"): the name follows the last.
    for (let next = atStart.exec(fold(rest)); next; next = atStart.exec(fold(rest))) rest = rest.slice(next[0].length).replace(/^[\s:：,，=-]+/u, '');
    const han = HAN_NAME.exec(rest)?.[0];
    if (han) return han;
    const hangul = HANGUL_WORD.exec(rest)?.[0];
    if (hangul) return hangulName(hangul);
    const letters = LETTER_WORDS.exec(rest)?.[0].split(/\s+/);
    if (!letters) return undefined;
    const capital = (w: string) => /^\p{Lu}/u.test(w);
    if (!capital(letters[0]!)) return capitalisedOnly ? undefined : letters[0];
    const run = [letters[0]!];
    for (const w of letters.slice(1)) {
      if (!capital(w)) break;
      run.push(w);
    }
    return run.join(' ');
  };
}

/**
 * The name in a Korean word that ends with the language's endings ("김민지입니다", "정태식이에요"): the word
 * without them, when two to four syllables are left; none in a word of endings only ("이름으로요").
 */
function createHangulName(words: BookingVocabulary): (word: string) => string | undefined {
  const ending = phrasePattern(words.name_endings);
  const atEnd = ending ? new RegExp(`(?:${ending.source})$`, 'iu') : undefined;
  const onlyEndings = ending ? new RegExp(`^(?:${ending.source})+$`, 'iu') : undefined;
  return (word) => {
    if (onlyEndings?.test(word)) return undefined;
    const found = atEnd?.exec(word);
    const name = found && found.index > 0 ? word.slice(0, found.index) : word;
    return name.length >= 2 && name.length <= 4 ? name : undefined;
  };
}

/** A Korean answer to the name question that starts with the name ("정태식입니다", "오정희요 엄마 이름으로요"). */
function createLeadingHangulName(words: BookingVocabulary): (text: string) => string | undefined {
  const hangulName = createHangulName(words);
  return (text) => {
    const first = HANGUL_WORD.exec(text.trim())?.[0];
    return first ? hangulName(first) : undefined;
  };
}

// "name Anna Lee", "name: Anna Lee" in a message that gives everything at once: capitalised words.
const NAME_LABEL = /\b[Nn]ame\s*[:=-]?\s+(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,3})/u;
// "change the name to linh tran", "put it under Minh instead": the rest of the message, whatever its case.
const NAME_CHANGE = /\b(?:change|put|make|switch)\s+(?:it\s+|the\s+|my\s+)?(?:name\s+)?(?:to|as|under|into)\s+([\p{L}'-]+(?:\s+[\p{L}'-]+){0,3}?)(?:\s+(?:instead|please|pls|thanks))?\s*[.!]*$/iu;

// How far apart a health topic and the word denying it may stand: words in spaced scripts (Vietnamese
// counts syllables), letters where words are joined ("身体没什么毛病", "건강문제는 없어요"). Korean
// spaces its words, Chinese its phrases: there a space ends what one denial covers.
const DENIAL_GAP: Record<Language, string> = {
  en: String.raw`(?:\s+[\p{L}\p{N}']+){0,2}\s+`,
  ru: String.raw`(?:\s+[\p{L}\p{N}']+){0,2}\s+`,
  vi: String.raw`(?:\s+[\p{L}\p{N}']+){0,3}\s+`,
  ko: String.raw`[^,.;:!?\n]{0,6}`,
  zh: String.raw`[^\s,.;:!?。，；：！？、]{0,6}`,
};

/**
 * Whether a message denies any health matter in general terms: a health topic with a denial next to
 * it, in either order, within one clause ("no real health issues", "противопоказаний никаких нет").
 */
function healthTopicDenied(words: BookingVocabulary, language: Language): (said: string) => boolean {
  const topic = phrasePattern(words.health_topics)?.source;
  const denial = phrasePattern(words.health_denials)?.source;
  if (!topic || !denial) return () => false;
  const gap = DENIAL_GAP[language];
  const pattern = new RegExp(`(?:${topic})${gap}(?:${denial})|(?:${denial})${gap}(?:${topic})`, 'iu');
  return (said) => pattern.test(said);
}

// Two or three capitalised words ending what comes before a contact, after the start or a punctuation mark.
const NAME_BEFORE_CONTACT = /(?:^|[,.;:!?]\s*)(\p{Lu}[\p{Ll}'-]+(?:\s+\p{Lu}[\p{Ll}'-]+){1,2})[\s,:-]*(?:\p{Ll}+[\s:]*)?$/u;

// The lengths taken out of a message before its day and time are read.
const SHORTEST_LENGTH = 15;
const LONGEST_LENGTH = 120;

// Names run to four words or so ("Nguyen Thi Minh Anh").
const NAME_WORDS_MAX = 4;
const WRITTEN_AS_A_NAME = /^\p{Lu}[\p{L}\p{M}'-]*(?:\s+\p{Lu}[\p{L}\p{M}'-]*){1,3}$/u;
// An emoji beside a name ("Phạm Quang Huy 💪") is no part of it.
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;

// Two to four capitalised words ending a message, after a comma or a colon.
const TRAILING_NAME = /[,:]\s*(\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){1,3})[\s.!]*$/u;

// Words around a name typed as the whole answer to the name question ("its linh", "Anna please").
const NAME_INTRO = /^\s*(?:it\s*['’]?s|its|it\s+is|i\s*['’]?m|i\s+am|this\s+is|name|my\s+name|for|under|put\s+it\s+under|book\s+it\s+under)\s*[:,-]?\s+/i;
const NAME_OUTRO = /[\s,]*(?:please|pls|plz|thanks|thank\s+you|thx|ty)?[\s.!]*$/i;

/** A name typed all in lower case, with capitals ("linh tran" is Linh Tran). */
function capitalised(name: string): string {
  return name === name.toLowerCase() ? name.replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase()) : name;
}

/** Matches the "Use {name}" button's label typed out, capturing the name. */
function labelPattern(template: string): RegExp {
  const [before = '', after = ''] = template.split('{name}').map((part) => part.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${before}${before ? '\\s+' : ''}(.+?)${after ? `\\s*${after}` : ''}$`, 'i');
}

/** A name as the guest typed it, keeping letters (any script), spaces, apostrophes, hyphens and dots. */
export function cleanName(raw: string): string {
  return raw
    .replace(/[^\p{L}\p{M}\s'.-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 5)
    .join(' ')
    .slice(0, 60);
}
