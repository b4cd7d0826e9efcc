import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/languages.ts';
import { playConversation, readBlindConversations } from './play-conversations.ts';
import { readBlindMessages, scoreBlindMessages, summarise, type ScoredMessage } from './score-messages.ts';

// Guest messages and whole booking conversations written by someone who never saw intents/,
// content/ or test/, scored through the real concierge. Set A was written first and the bot was
// tuned on it; set B was first scored after that tuning (its figures then are in
// docs/benchmarks.md), and its conversations were looked at after. Neither is blind any more: the
// next measurement needs a new set. `npm run bench blind` prints the figures. The floors are the
// figures measured, so a change that costs guests understanding fails here.
// Set C (English) and the sets in Vietnamese, Korean, Chinese and Russian were first scored on
// 2026-12-06 (docs/benchmarks.md); the other languages' sets were then looked at, so none is blind now.
// Set D (English) and a second set in each other language (VI2, KO2, ZH2, RU2) were written and first
// scored after that, then looked at for causes. Set E and VI3, KO3, ZH3, RU3 were written after the
// last tuning and scored once (docs/benchmarks.md); their misses have not been looked at. They were
// scored again after the second model (n-grams) joined NLP.js: E, KO3, ZH3 and RU3 went up, VI3 down
// by four messages. Their misses are still unread.
// Set F and VI4, KO4, ZH4, RU4 were written on 2026-12-07 by writers given only the labels and the
// spa's rules, and scored once (docs/benchmarks.md); nothing has been changed for them. They are the
// measure for the next change made after looking at E, VI3, KO3, ZH3 and RU3. The conversations of
// those five have since been looked at (their messages not): a question asked before confirming a
// cancellation dropped the cancellation; fixed, KO3, ZH3 and RU3 take one more conversation each,
// the new sets none more.
// The conversations of F, VI4, KO4, ZH4 and RU4 were then looked at (their messages not), and the
// causes fixed: English step answers in another language, a move naming the booking's own day and
// the new one, the same loose time said twice, a question that is not the last sentence. Those sets
// went from 26 to 38 conversations. Set G and VI5, KO5, ZH5, RU5, written on 2026-12-07 before those
// fixes and scored before and after them (21 of 50 conversations both times), are unread: the
// measure for the next change.
// Set H and VI6, KO6, ZH6, RU6 were written next (their messages against Thursday 10 December 2026,
// 14:00, so they carry that clock); then the conversations of G, VI5, KO5, ZH5 and RU5 were read and
// their causes fixed (21 of 50 conversations became 43). H..RU6 were scored before and after those
// fixes (21, then 26 of 50 conversations) and are unread: the measure for the next change.
// Set K and VI9, KO9, ZH9, RU9 were written on 2026-12-07 before anything was changed for J..RU8, and
// scored before and after J..RU8 were read (34, then 35 of 50 conversations); then their conversations
// were read (44 of 50). Set L and VI10, KO10, ZH10, RU10 were written before that reading and scored
// before and after it (36, then 38 of 50 conversations): unread, the measure for the next change.
// Since then a guest answering a booking question is put in their set's language by the scorer, as
// their conversation would be (score-messages.ts); the figures in docs/benchmarks.md say which scorer.
// Set M and VI11, KO11, ZH11, RU11 (their clock Tuesday 12 January 2027, 10:00) were written on
// 2026-12-07 and scored before and after twelve more phrasings per intent in Vietnamese, Korean,
// Chinese and Russian, drafted from the intents' meanings only (docs/benchmarks.md). Unread: the
// measure for the next change. The conversations of L, VI10, KO10, ZH10 and RU10 were read then.
// Sets N and VI12, KO12, ZH12, RU12 (clock Saturday 20 February 2027, 16:30) were written while the
// conversations of L..RU10 and M..RU11 were read, and scored before and after those causes were fixed;
// then their own conversations were read. Sets O and VI13, KO13, ZH13, RU13 (clock Wednesday 7 April
// 2027, 11:15) were written while N..RU12 were read, scored before and after (docs/benchmarks.md), and
// read last. Sets P and VI14, KO14, ZH14, RU14 (clock Thursday 17 June 2027, 14:20) were written before
// the next causes were fixed (found on the sets already read) and scored before and after them, then
// read. Sets Q and VI15, KO15, ZH15, RU15 (clock Monday 9 August 2027, 09:40) were written before that
// reading and scored before and after its causes were fixed: unread, the measure for the next change.
// Sets R, S and their languages have been read since (docs/benchmarks.md). Sets T and VI18, KO18, ZH18,
// RU18 (clock Tuesday 13 July 2027, 14:45) were written before S..RU17 were read, and scored before and
// after the causes found there were fixed; then read. Sets U and VI19, KO19, ZH19, RU19 (clock Friday 24
// September 2027, 10:20) were written before T..RU18 were read, and scored before and after their causes
// were fixed; rounds U to X have been read since (docs/benchmarks.md). Sets Y and VI23, KO23, ZH23, RU23
// (clock Saturday 6 May 2028, 10:15) were written and scored before X..RU22 were read, and after their
// causes were fixed: unread, the measure for the next change. Set Z is ten English conversations only,
// written beside Y and scored before the same change; it has been read. Sets AA (twenty English
// conversations) and VI24 (ten Vietnamese) were written after that change and scored once: unread.
const THURSDAY_2PM = new Date('2026-12-10T14:00:00+07:00');
const TUESDAY_10AM = new Date('2027-01-12T10:00:00+07:00');
const SATURDAY_430PM = new Date('2027-02-20T16:30:00+07:00');
const WEDNESDAY_1115AM = new Date('2027-04-07T11:15:00+07:00');
const THURSDAY_220PM = new Date('2027-06-17T14:20:00+07:00');
const MONDAY_940AM = new Date('2027-08-09T09:40:00+07:00');
const THURSDAY_410PM = new Date('2027-03-18T16:10:00+07:00');
const SATURDAY_1130AM = new Date('2027-05-22T11:30:00+07:00');
const TUESDAY_245PM = new Date('2027-07-13T14:45:00+07:00');
const FRIDAY_1020AM = new Date('2027-09-24T10:20:00+07:00');
const WEDNESDAY_405PM = new Date('2027-11-17T16:05:00+07:00');
const MONDAY_1140AM = new Date('2028-01-10T11:40:00+07:00');
const THURSDAY_725PM = new Date('2028-03-23T19:25:00+07:00');
const SATURDAY_1015AM = new Date('2028-05-06T10:15:00+07:00');
// A set of conversations only (Z) has no messages floor.
const SETS: ReadonlyArray<{ name: string; language: Language; messagesFloor?: number; conversationsFloor: number; now?: Date }> = [
  { name: 'A', language: 'en', messagesFloor: 0.96, conversationsFloor: 19 },
  { name: 'B', language: 'en', messagesFloor: 0.935, conversationsFloor: 20 },
  { name: 'C', language: 'en', messagesFloor: 0.89, conversationsFloor: 16 },
  { name: 'D', language: 'en', messagesFloor: 0.895, conversationsFloor: 16 },
  { name: 'VI', language: 'vi', messagesFloor: 0.94, conversationsFloor: 4 },
  { name: 'VI2', language: 'vi', messagesFloor: 0.845, conversationsFloor: 5 },
  { name: 'KO', language: 'ko', messagesFloor: 0.915, conversationsFloor: 5 },
  { name: 'KO2', language: 'ko', messagesFloor: 0.835, conversationsFloor: 3 },
  { name: 'ZH', language: 'zh', messagesFloor: 0.93, conversationsFloor: 5 },
  { name: 'ZH2', language: 'zh', messagesFloor: 0.805, conversationsFloor: 2 },
  { name: 'RU', language: 'ru', messagesFloor: 0.96, conversationsFloor: 5 },
  { name: 'RU2', language: 'ru', messagesFloor: 0.87, conversationsFloor: 3 },
  { name: 'E', language: 'en', messagesFloor: 0.885, conversationsFloor: 10 },
  { name: 'VI3', language: 'vi', messagesFloor: 0.865, conversationsFloor: 2 },
  { name: 'KO3', language: 'ko', messagesFloor: 0.815, conversationsFloor: 4 },
  { name: 'ZH3', language: 'zh', messagesFloor: 0.835, conversationsFloor: 2 },
  { name: 'RU3', language: 'ru', messagesFloor: 0.895, conversationsFloor: 3 },
  { name: 'F', language: 'en', messagesFloor: 0.925, conversationsFloor: 8 },
  { name: 'VI4', language: 'vi', messagesFloor: 0.9, conversationsFloor: 6 },
  { name: 'KO4', language: 'ko', messagesFloor: 0.885, conversationsFloor: 8 },
  { name: 'ZH4', language: 'zh', messagesFloor: 0.885, conversationsFloor: 8 },
  { name: 'RU4', language: 'ru', messagesFloor: 0.94, conversationsFloor: 8 },
  { name: 'G', language: 'en', messagesFloor: 0.97, conversationsFloor: 8 },
  { name: 'VI5', language: 'vi', messagesFloor: 0.905, conversationsFloor: 9 },
  { name: 'KO5', language: 'ko', messagesFloor: 0.925, conversationsFloor: 8 },
  { name: 'ZH5', language: 'zh', messagesFloor: 0.955, conversationsFloor: 9 },
  { name: 'RU5', language: 'ru', messagesFloor: 0.93, conversationsFloor: 9 },
  { name: 'H', language: 'en', messagesFloor: 0.94, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'VI6', language: 'vi', messagesFloor: 0.905, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'KO6', language: 'ko', messagesFloor: 0.925, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'ZH6', language: 'zh', messagesFloor: 0.925, conversationsFloor: 7, now: THURSDAY_2PM },
  { name: 'RU6', language: 'ru', messagesFloor: 0.94, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'I', language: 'en', messagesFloor: 0.965, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'VI7', language: 'vi', messagesFloor: 0.91, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'KO7', language: 'ko', messagesFloor: 0.94, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'ZH7', language: 'zh', messagesFloor: 0.885, conversationsFloor: 9, now: THURSDAY_2PM },
  { name: 'RU7', language: 'ru', messagesFloor: 0.93, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'J', language: 'en', messagesFloor: 0.965, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'VI8', language: 'vi', messagesFloor: 0.935, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'KO8', language: 'ko', messagesFloor: 0.915, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'ZH8', language: 'zh', messagesFloor: 0.925, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'RU8', language: 'ru', messagesFloor: 0.92, conversationsFloor: 9, now: THURSDAY_2PM },
  { name: 'K', language: 'en', messagesFloor: 0.95, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'VI9', language: 'vi', messagesFloor: 0.905, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'KO9', language: 'ko', messagesFloor: 0.89, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'ZH9', language: 'zh', messagesFloor: 0.87, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'RU9', language: 'ru', messagesFloor: 0.93, conversationsFloor: 8, now: THURSDAY_2PM },
  { name: 'L', language: 'en', messagesFloor: 0.92, conversationsFloor: 5, now: THURSDAY_2PM },
  { name: 'VI10', language: 'vi', messagesFloor: 0.89, conversationsFloor: 7, now: THURSDAY_2PM },
  { name: 'KO10', language: 'ko', messagesFloor: 0.875, conversationsFloor: 9, now: THURSDAY_2PM },
  { name: 'ZH10', language: 'zh', messagesFloor: 0.87, conversationsFloor: 7, now: THURSDAY_2PM },
  { name: 'RU10', language: 'ru', messagesFloor: 0.915, conversationsFloor: 10, now: THURSDAY_2PM },
  { name: 'M', language: 'en', messagesFloor: 0.95, conversationsFloor: 7, now: TUESDAY_10AM },
  { name: 'VI11', language: 'vi', messagesFloor: 0.9, conversationsFloor: 8, now: TUESDAY_10AM },
  { name: 'KO11', language: 'ko', messagesFloor: 0.935, conversationsFloor: 7, now: TUESDAY_10AM },
  { name: 'ZH11', language: 'zh', messagesFloor: 0.93, conversationsFloor: 7, now: TUESDAY_10AM },
  { name: 'RU11', language: 'ru', messagesFloor: 0.895, conversationsFloor: 6, now: TUESDAY_10AM },
  { name: 'N', language: 'en', messagesFloor: 0.91, conversationsFloor: 10, now: SATURDAY_430PM },
  { name: 'VI12', language: 'vi', messagesFloor: 0.945, conversationsFloor: 10, now: SATURDAY_430PM },
  { name: 'KO12', language: 'ko', messagesFloor: 0.935, conversationsFloor: 8, now: SATURDAY_430PM },
  { name: 'ZH12', language: 'zh', messagesFloor: 0.945, conversationsFloor: 9, now: SATURDAY_430PM },
  { name: 'RU12', language: 'ru', messagesFloor: 0.94, conversationsFloor: 7, now: SATURDAY_430PM },
  { name: 'O', language: 'en', messagesFloor: 0.945, conversationsFloor: 7, now: WEDNESDAY_1115AM },
  { name: 'VI13', language: 'vi', messagesFloor: 0.93, conversationsFloor: 8, now: WEDNESDAY_1115AM },
  { name: 'KO13', language: 'ko', messagesFloor: 0.94, conversationsFloor: 6, now: WEDNESDAY_1115AM },
  { name: 'ZH13', language: 'zh', messagesFloor: 0.935, conversationsFloor: 8, now: WEDNESDAY_1115AM },
  { name: 'RU13', language: 'ru', messagesFloor: 0.93, conversationsFloor: 9, now: WEDNESDAY_1115AM },
  { name: 'P', language: 'en', messagesFloor: 0.95, conversationsFloor: 9, now: THURSDAY_220PM },
  { name: 'VI14', language: 'vi', messagesFloor: 0.945, conversationsFloor: 8, now: THURSDAY_220PM },
  { name: 'KO14', language: 'ko', messagesFloor: 0.935, conversationsFloor: 7, now: THURSDAY_220PM },
  { name: 'ZH14', language: 'zh', messagesFloor: 0.93, conversationsFloor: 9, now: THURSDAY_220PM },
  { name: 'RU14', language: 'ru', messagesFloor: 0.94, conversationsFloor: 9, now: THURSDAY_220PM },
  { name: 'Q', language: 'en', messagesFloor: 0.96, conversationsFloor: 10, now: MONDAY_940AM },
  { name: 'VI15', language: 'vi', messagesFloor: 0.95, conversationsFloor: 10, now: MONDAY_940AM },
  { name: 'KO15', language: 'ko', messagesFloor: 0.925, conversationsFloor: 10, now: MONDAY_940AM },
  { name: 'ZH15', language: 'zh', messagesFloor: 0.97, conversationsFloor: 10, now: MONDAY_940AM },
  { name: 'RU15', language: 'ru', messagesFloor: 0.965, conversationsFloor: 10, now: MONDAY_940AM },
  { name: 'R', language: 'en', messagesFloor: 0.89, conversationsFloor: 9, now: THURSDAY_410PM },
  { name: 'VI16', language: 'vi', messagesFloor: 0.91, conversationsFloor: 10, now: THURSDAY_410PM },
  { name: 'KO16', language: 'ko', messagesFloor: 0.895, conversationsFloor: 9, now: THURSDAY_410PM },
  { name: 'ZH16', language: 'zh', messagesFloor: 0.915, conversationsFloor: 9, now: THURSDAY_410PM },
  { name: 'RU16', language: 'ru', messagesFloor: 0.93, conversationsFloor: 10, now: THURSDAY_410PM },
  { name: 'S', language: 'en', messagesFloor: 0.945, conversationsFloor: 9, now: SATURDAY_1130AM },
  { name: 'VI17', language: 'vi', messagesFloor: 0.915, conversationsFloor: 10, now: SATURDAY_1130AM },
  { name: 'KO17', language: 'ko', messagesFloor: 0.89, conversationsFloor: 10, now: SATURDAY_1130AM },
  { name: 'ZH17', language: 'zh', messagesFloor: 0.965, conversationsFloor: 9, now: SATURDAY_1130AM },
  { name: 'RU17', language: 'ru', messagesFloor: 0.945, conversationsFloor: 10, now: SATURDAY_1130AM },
  { name: 'T', language: 'en', messagesFloor: 0.92, conversationsFloor: 8, now: TUESDAY_245PM },
  { name: 'VI18', language: 'vi', messagesFloor: 0.925, conversationsFloor: 8, now: TUESDAY_245PM },
  { name: 'KO18', language: 'ko', messagesFloor: 0.93, conversationsFloor: 10, now: TUESDAY_245PM },
  { name: 'ZH18', language: 'zh', messagesFloor: 0.945, conversationsFloor: 8, now: TUESDAY_245PM },
  { name: 'RU18', language: 'ru', messagesFloor: 0.925, conversationsFloor: 10, now: TUESDAY_245PM },
  { name: 'U', language: 'en', messagesFloor: 0.94, conversationsFloor: 9, now: FRIDAY_1020AM },
  { name: 'VI19', language: 'vi', messagesFloor: 0.925, conversationsFloor: 9, now: FRIDAY_1020AM },
  { name: 'KO19', language: 'ko', messagesFloor: 0.92, conversationsFloor: 9, now: FRIDAY_1020AM },
  { name: 'ZH19', language: 'zh', messagesFloor: 0.92, conversationsFloor: 9, now: FRIDAY_1020AM },
  { name: 'RU19', language: 'ru', messagesFloor: 0.955, conversationsFloor: 9, now: FRIDAY_1020AM },
  { name: 'V', language: 'en', messagesFloor: 0.955, conversationsFloor: 9, now: WEDNESDAY_405PM },
  { name: 'VI20', language: 'vi', messagesFloor: 0.91, conversationsFloor: 10, now: WEDNESDAY_405PM },
  { name: 'KO20', language: 'ko', messagesFloor: 0.95, conversationsFloor: 10, now: WEDNESDAY_405PM },
  { name: 'ZH20', language: 'zh', messagesFloor: 0.93, conversationsFloor: 10, now: WEDNESDAY_405PM },
  { name: 'RU20', language: 'ru', messagesFloor: 0.925, conversationsFloor: 10, now: WEDNESDAY_405PM },
  { name: 'W', language: 'en', messagesFloor: 0.95, conversationsFloor: 8, now: MONDAY_1140AM },
  { name: 'VI21', language: 'vi', messagesFloor: 0.905, conversationsFloor: 10, now: MONDAY_1140AM },
  { name: 'KO21', language: 'ko', messagesFloor: 0.935, conversationsFloor: 9, now: MONDAY_1140AM },
  { name: 'ZH21', language: 'zh', messagesFloor: 0.93, conversationsFloor: 10, now: MONDAY_1140AM },
  { name: 'RU21', language: 'ru', messagesFloor: 0.95, conversationsFloor: 8, now: MONDAY_1140AM },
  { name: 'X', language: 'en', messagesFloor: 0.94, conversationsFloor: 10, now: THURSDAY_725PM },
  { name: 'VI22', language: 'vi', messagesFloor: 0.92, conversationsFloor: 10, now: THURSDAY_725PM },
  { name: 'KO22', language: 'ko', messagesFloor: 0.94, conversationsFloor: 10, now: THURSDAY_725PM },
  { name: 'ZH22', language: 'zh', messagesFloor: 0.92, conversationsFloor: 10, now: THURSDAY_725PM },
  { name: 'RU22', language: 'ru', messagesFloor: 0.935, conversationsFloor: 9, now: THURSDAY_725PM },
  { name: 'Y', language: 'en', messagesFloor: 0.95, conversationsFloor: 10, now: SATURDAY_1015AM },
  { name: 'VI23', language: 'vi', messagesFloor: 0.91, conversationsFloor: 7, now: SATURDAY_1015AM },
  { name: 'KO23', language: 'ko', messagesFloor: 0.91, conversationsFloor: 10, now: SATURDAY_1015AM },
  { name: 'ZH23', language: 'zh', messagesFloor: 0.94, conversationsFloor: 9, now: SATURDAY_1015AM },
  { name: 'RU23', language: 'ru', messagesFloor: 0.925, conversationsFloor: 10, now: SATURDAY_1015AM },
  { name: 'Z', language: 'en', conversationsFloor: 9 },
  { name: 'AA', language: 'en', conversationsFloor: 15 },
  { name: 'VI24', language: 'vi', conversationsFloor: 9 },
];

const file = (set: string, kind: 'messages' | 'conversations') => new URL(`./set-${set.toLowerCase()}-${kind}.yaml`, import.meta.url);

describe.each(SETS)('blind set $name', ({ name, language, messagesFloor, conversationsFloor, now }) => {
  // Each set's messages go through the bot once; both tests below read the result.
  let scored: Promise<ScoredMessage[]> | undefined;
  const scoreOnce = () => (scored ??= scoreBlindMessages(readBlindMessages(file(name, 'messages')), language, now));

  if (messagesFloor !== undefined) {
    it('is here, and shares few of its messages word for word with the phrasings', async () => {
      expect(existsSync(file(name, 'messages'))).toBe(true);
      // Two people writing for the same spa write some of the same everyday sentences ("are you a bot");
      // those are left out of the score below, and there must be few.
      const { total, seen } = summarise(await scoreOnce());
      expect(seen / (total + seen)).toBeLessThan(0.15);
    }, 120_000);

    it(`answers at least ${messagesFloor * 100}% of its messages as they need`, async () => {
      const { right, total, misses } = summarise(await scoreOnce());
      expect(right / total, `misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(messagesFloor);
    }, 120_000);
  }

  it(`takes at least ${conversationsFloor} of its booking conversations where the guest wanted`, async () => {
    const conversations = readBlindConversations(file(name, 'conversations'));
    const played = await Promise.all(conversations.map((c) => playConversation(c)));
    const failed = played.filter((p) => !p.ok).map((p) => `${p.id}: ${p.why}\n  ${p.transcript.join('\n  ')}`);
    expect(played.length - failed.length, failed.join('\n')).toBeGreaterThanOrEqual(conversationsFloor);
  }, 120_000);
});
