// Scores the bot on a blind set of guest messages: each message is sent through the real concierge
// (real content, real intents, memory stores, a fixed clock) as a guest would send it, and what the
// replies answered is read from the turn's event. Messages typed mid-booking are sent into a
// conversation waiting at that booking question.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Concierge, TurnEvent } from '../../../src/core/index.ts';
import { createMemoryBookingStore, createMemoryStore } from '../../../src/store/index.ts';
import { intentsDirOf, loadIntentDefinitions } from '../../../src/nlu/index.ts';
import type { Language } from '../../../src/languages.ts';
import { createTestConcierge, INTENTS_DIR } from '../../helpers/bot.ts';

const STEPS = ['duration', 'day', 'time', 'therapist', 'pressure', 'health', 'name', 'contact', 'confirm'] as const;
type Step = (typeof STEPS)[number];

const ids = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
export const blindMessagesSchema = z.array(
  z.object({
    // A bare number ("60") is a message too, though YAML reads it as a number.
    text: z.union([z.string(), z.number()]).transform(String),
    answer: ids,
    also_ok: z.array(z.string()).default([]),
    /** The booking question the message answers; a move's or cancellation's (`pick`, `when`) is not scored here. */
    step: z.string().optional(),
    /** The day and time a booking message asks for, as the guest meant it (either may be left out). */
    when: z.object({ day: z.string().optional(), time: z.string().optional() }).optional(),
  }),
);
export type BlindMessage = z.infer<typeof blindMessagesSchema>[number];

/** Reads a blind set of messages. */
export function readBlindMessages(file: string | URL): BlindMessage[] {
  return blindMessagesSchema.parse(parse(readFileSync(file, 'utf8')));
}

// 03:00 UTC is 10:00 on Wednesday 2 December 2026 in Da Nang: the sets' clock unless one says another.
const CLOCK = new Date('2026-12-02T03:00:00Z');
const isStep = (step: string | undefined): step is Step => (STEPS as readonly string[]).includes(step ?? '');

/** The booking answers given before each step, as a guest reaching that question would have given them; the day is the one after the clock's. */
function draftAt(step: Step, clock: Date): Record<string, unknown> {
  const nextDay = new Date(clock.getTime() + (7 + 24) * 3_600_000).toISOString().slice(0, 10); // Da Nang is UTC+7
  const given: Record<string, unknown> = { key: 'blindset01' };
  const before = STEPS.slice(0, STEPS.indexOf(step));
  const values: Record<Step, [string, unknown]> = {
    duration: ['durationMinutes', 60],
    day: ['day', nextDay],
    time: ['time', '15:00'],
    therapist: ['therapist', 'any'],
    pressure: ['pressure', 'medium'],
    health: ['health', ''],
    name: ['name', 'Lan'],
    contact: ['contact', '+84905123456'],
    confirm: ['contact', '+84905123456'],
  };
  for (const s of before) given[values[s][0]] = values[s][1];
  return { ...given, awaiting: step };
}

/** What the bot answered one message with, and whether that is right. */
export interface ScoredMessage {
  message: BlindMessage;
  answered: string[];
  right: boolean;
  /** The message is word for word a phrasing the classifier learns from (common ones are: "are you a bot"). */
  seen: boolean;
  /** For a request to book with a day (and time): whether the booking took that day and time. */
  whenRight?: boolean;
  /** A move's or cancellation's answer, which needs bookings to move: sent nowhere, counted nowhere. */
  skipped?: boolean;
}

// Not understanding gibberish or chatter is as right as saying what the bot is for.
const FAIR_FOR_OUT_OF_SCOPE = new Set(['out_of_scope', 'fallback']);
// Giving up mid-booking is a stop, and the bot reports it as the booking stopped (sets name either).
const STOPS = new Set(['stop', 'booking.stop']);

/** Whether the answers fit what the message needed: every id asked for, the first one among them. */
export function isRight(message: BlindMessage, answered: string[]): boolean {
  const fits = (id: string, wanted: string) => id === wanted || (wanted === 'out_of_scope' && FAIR_FOR_OUT_OF_SCOPE.has(id)) || (STOPS.has(wanted) && STOPS.has(id));
  const acceptable = [...message.answer, ...message.also_ok];
  const first = answered[0];
  if (first === undefined || !acceptable.some((w) => fits(first, w))) return false;
  if (message.answer.length < 2) return true;
  // Two questions: both answered (either of them may be replaced by an also_ok id).
  const missing = message.answer.filter((w) => !answered.some((a) => fits(a, w)));
  return missing.length === 0 || (missing.length === 1 && answered.length >= 2 && answered.some((a) => message.also_ok.includes(a)));
}

/** Sends every message of a set through a fresh conversation and scores what was answered. */
export async function scoreBlindMessages(messages: BlindMessage[], language: Language = 'en', clock = CLOCK): Promise<ScoredMessage[]> {
  const trained = new Set((await loadIntentDefinitions(intentsDirOf(INTENTS_DIR, language))).flatMap((d) => d.examples.map(sameText)));
  const store = createMemoryStore({ now: () => clock.getTime() });
  let last: TurnEvent | undefined;
  const scored: ScoredMessage[] = [];
  for (const [i, message] of messages.entries()) {
    const id = `blind-${i}`;
    if (message.step && !isStep(message.step)) {
      scored.push({ message, answered: [], right: false, seen: false, skipped: true });
      continue;
    }
    // Each message meets an empty diary: the times held or booked by the messages before it would
    // otherwise fill the rooms ("3pm" at the time question finds 15:00 taken and is offered others).
    const concierge: Concierge = await createTestConcierge({
      store,
      bookings: createMemoryBookingStore({ now: () => clock.getTime() }),
      now: () => clock,
    });
    concierge.turnEvents.on((event) => void (last = event));
    // A guest answering a booking question has been writing their language all along: the conversation is in it.
    if (isStep(message.step)) {
      await store.write(
        `web:${id}`,
        { version: 1, guest: { id }, misses: 0, ...(language === 'en' ? {} : { language }), booking: { draft: draftAt(message.step, clock) }, updatedAt: clock.toISOString() },
        3600,
      );
    }
    last = undefined;
    await concierge.handle({ channel: 'web', conversationId: id, guest: { id }, input: { kind: 'text', text: message.text } });
    const answered = (last as TurnEvent | undefined)?.answered ?? [];
    const right = isRight(message, answered);
    const whenRight = message.when && right && (answered[0] === 'booking.start' || answered[0] === 'step') ? await tookWhen(store, `web:${id}`, message.when) : undefined;
    scored.push({ message, answered, right, seen: trained.has(sameText(message.text)), ...(whenRight === undefined ? {} : { whenRight }) });
  }
  return scored;
}

/** Whether the booking under way holds the day (and time) the guest asked for. */
async function tookWhen(store: ReturnType<typeof createMemoryStore>, key: string, when: { day?: string | undefined; time?: string | undefined }): Promise<boolean> {
  const state = (await store.read(key)) as { booking?: { draft?: { day?: string; time?: string } } } | undefined;
  const draft = state?.booking?.draft;
  return (when.day === undefined || draft?.day === when.day) && (when.time === undefined || draft?.time === when.time);
}

/** A text as compared with the phrasings: lower case, spaces and end punctuation aside. */
function sameText(text: string): string {
  return text.toLowerCase().replace(/[\s?!.]+$/, '').replace(/\s+/g, ' ').trim();
}

/**
 * A summary and the misses, for the bench and the test. Messages the classifier learnt word for word
 * are left out of the count: the score is on text it has never seen.
 */
export function summarise(scored: ScoredMessage[]): { right: number; total: number; seen: number; misses: string[]; whenRight: number; whenTotal: number } {
  scored = scored.filter((s) => !s.skipped);
  const unseen = scored.filter((s) => !s.seen);
  const misses = unseen
    .filter((s) => !s.right)
    .map((s) => `${s.message.step ? `[at ${s.message.step}] ` : ''}${s.message.text} -> ${s.answered.join(' + ') || '(nothing)'} (want ${s.message.answer.join(' + ')})`);
  const timed = unseen.filter((s) => s.whenRight !== undefined);
  const wrongWhen = timed.filter((s) => !s.whenRight).map((s) => `(when) ${s.message.text} -> not ${s.message.when?.day} ${s.message.when?.time ?? ''}`);
  return {
    right: unseen.filter((s) => s.right).length,
    total: unseen.length,
    seen: scored.length - unseen.length,
    misses: [...misses, ...wrongWhen],
    whenRight: timed.filter((s) => s.whenRight).length,
    whenTotal: timed.length,
  };
}
