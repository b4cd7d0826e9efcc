// A guest's message can hold more than one thing: a greeting, a story, two questions. It is read as a
// whole and in parts, so the question in the middle of a long message is found, and two questions
// get two answers. Which words join parts and start questions is the vocabulary's data.
import type { Vocabulary } from './normalise.ts';
import { foldedFor } from './languages/index.ts';
import { phrasePattern } from './phrases.ts';

/** One part of a message, and whether it is put as a question. */
export interface Segment {
  text: string;
  question: boolean;
}

// More parts than this are a long story: the first ones carry on being read, the rest are not.
const MAX_SEGMENTS = 6;
// A part is split in two at its first few "and"s only: each split costs two readings.
const MAX_HALVES = 3;

/** Builds the splitter for a vocabulary; the text is expected normalised (lower case). */
export function createSegmenter(vocabulary: Pick<Vocabulary, 'joiners' | 'question_starts'> & { booking?: Pick<Vocabulary['booking'], 'question_ends' | 'question_inside'> }, language = 'en') {
  const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  // The words of questions are kept as typed; the text here is folded, as Vietnamese is read.
  const starts = foldedFor(language, vocabulary.question_starts).map(escape).join('|');
  const joiners = [...vocabulary.joiners].sort((a, b) => b.length - a.length).map(escape).join('|');
  // The end of a word in any script ("có", "можно"), where \b sees only ASCII letters.
  const end = String.raw`(?![\p{L}\p{N}])`;
  const questionStart = starts ? new RegExp(`^(?:${starts})${end}`, 'u') : undefined;
  // A joiner splits only where a question starts after it: "you and your team" stays whole.
  const joinerBeforeQuestion = joiners && starts ? new RegExp(`[,;]?\\s+(?:${joiners})\\s*,?\\s+(?=(?:${starts})${end})`, 'gu') : undefined;
  // "and can I keep my shirt on?" after a question mark: the joiner belongs to no part.
  const leadingJoiner = joiners ? new RegExp(`^(?:${joiners})${end}[\\s,]*`, 'u') : undefined;

  // Where a language marks a question at its end ("... không", "...吗", "...나요"), a comma after
  // the mark ends the question: "co dau ko, lam mat bao lau" is two.
  const ends = phrasePattern(foldedFor(language, vocabulary.booking?.question_ends ?? []));
  const questionEnd = ends ? new RegExp(`\\S\\s+\\S*(?:${ends.source})$|\\p{Script=Han}(?:${ends.source})$`, 'iu') : undefined;
  // Chinese needs no comma: "要脱衣服吗 会盖毛巾吗" is two questions, a space after the first's mark.
  const commaAfterQuestion = ends ? new RegExp(`(?<=(?:${ends.source}))\\s*[,，、]\\s*|(?<=\\p{Script=Han}(?:${ends.source}))\\s+(?=\\p{Script=Han})`, 'giu') : undefined;
  const splitAfterQuestions = (sentence: string): string[] => {
    if (!commaAfterQuestion) return [sentence];
    const parts: string[] = [];
    let from = 0;
    for (const m of sentence.matchAll(commaAfterQuestion)) {
      const before = sentence.slice(from, m.index);
      if (!questionEnd?.test(before.trim())) continue;
      parts.push(before);
      from = m.index + m[0].length;
    }
    return [...parts, sentence.slice(from)];
  };

  // "会不会疼": a question word inside the part, where the language is written without spaces.
  const questionInside = phrasePattern(vocabulary.booking?.question_inside ?? []);
  const isQuestion = (part: string) =>
    /[?？]\s*$/.test(part) || (questionStart?.test(part) ?? false) || (questionEnd?.test(part) ?? false) || (questionInside?.test(part) ?? false);

  const anyJoiner = joiners ? new RegExp(`[,;]?\\s+(?:${joiners})\\s+`, 'gu') : undefined;

  /**
   * The two halves of a part around each "and", "or", "also" in it, for a second question that shares
   * the first's start ("can I shower after and go to the gym?", "what is petrissage and tapotement").
   */
  function halves(text: string): Array<[string, string]> {
    if (!anyJoiner) return [];
    return [...text.matchAll(anyJoiner)]
      .slice(0, MAX_HALVES)
      .map((m) => [text.slice(0, m.index), text.slice(m.index + m[0].length)] as [string, string])
      .filter(([a, b]) => /\p{L}/u.test(a) && /\p{L}/u.test(b));
  }

  /** The parts of a message: its sentences, and questions joined by "and", "also"... */
  function segments(text: string): Segment[] {
    const sentences = text
      // Chinese ends sentences with 。 and ！ and needs no space after them.
      .split(/(?<=[!?。！？])\s*|(?<=[.;])\s+|\s*\n+\s*|\s+-\s+/)
      .map((s) => s.trim())
      .filter((s) => /[\p{L}\p{N}]/u.test(s));
    const parts = sentences
      .flatMap(splitAfterQuestions)
      .flatMap((sentence) => (joinerBeforeQuestion ? sentence.split(joinerBeforeQuestion) : [sentence]));
    return parts
      .map((p) => (leadingJoiner ? p.trim().replace(leadingJoiner, '') : p.trim()))
      .filter((p) => /[\p{L}\p{N}]/u.test(p))
      .slice(0, MAX_SEGMENTS)
      .map((p) => ({ text: p, question: isQuestion(p) }));
  }

  return Object.assign(segments, { halves });
}

export type Segmenter = ReturnType<typeof createSegmenter>;
