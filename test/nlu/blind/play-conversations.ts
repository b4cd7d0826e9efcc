// Plays a blind set of whole booking conversations: the harness is the guest. It types the opening
// messages, then answers whatever the bot asks (read from the conversation's state, as a guest reads
// the question), slips in the side questions where they were written, and checks the bookings
// store at the end. A question the guest already answered, asked again, fails the conversation.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { BookingStore } from '../../../src/booking/index.ts';
import type { Concierge, Reply, TurnEvent } from '../../../src/core/index.ts';
import { createMemoryBookingStore, createMemoryStore } from '../../../src/store/index.ts';
import { createTestConcierge } from '../../helpers/bot.ts';

const answer = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const clock = z.string().regex(/^\d\d:\d\d$/);
const bookedSchema = z.object({
  day: z.string(),
  time: clock.optional(),
  time_between: z.tuple([clock, clock]).optional(),
  minutes: z.number(),
  name: z.string().optional(),
  contact: z.union([z.string(), z.number()]).transform(String).optional(),
  therapist: z.string().optional(),
  pressure: z.string().optional(),
});
export const blindConversationsSchema = z.array(
  z.object({
    id: z.string(),
    now: z.string(),
    existing: z.array(z.object({ day: z.string(), time: clock, minutes: z.number() })).default([]),
    opening: z.array(z.string()).min(1),
    answers: z.record(z.string(), answer).default({}),
    asides: z.array(z.object({ at: z.string(), text: z.string(), answer: z.string() })).default([]),
    expect: z.object({
      booked: z.union([z.literal('none'), bookedSchema]).optional(),
      cancelled: z.number().optional(),
      moved: z.object({ from: z.number(), day: z.string(), time: clock }).optional(),
    }),
  }),
);
export type BlindConversation = z.infer<typeof blindConversationsSchema>[number];

/** Reads a blind set of conversations. */
export function readBlindConversations(file: string | URL): BlindConversation[] {
  return blindConversationsSchema.parse(parse(readFileSync(file, 'utf8')));
}

/** How one conversation went: whether it reached what the guest wanted, and the transcript. */
export interface PlayedConversation {
  id: string;
  ok: boolean;
  why?: string;
  transcript: string[];
}

const MAX_TURNS = 30;

/** The same phone number however it was written: its digits, a leading 0 read as Vietnam's 84. */
function contactKey(contact: string): string {
  if (contact.includes('@')) return contact.trim().toLowerCase();
  const digits = contact.replace(/\D/g, '');
  return digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
}

/** The spa-zone day and clock of an instant. */
function spaTime(iso: string): { day: string; time: string } {
  const local = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

/** Books one of the guest's existing sessions through the front door, as that guest did earlier. */
async function bookExisting(concierge: Concierge, guestId: string, e: { day: string; time: string; minutes: number }): Promise<void> {
  const say = (text: string) => concierge.handle({ channel: 'web', conversationId: guestId, guest: { id: guestId }, input: { kind: 'text', text } });
  await say(`I'd like to book ${e.minutes} minutes on ${e.day} at ${e.time}`);
  for (const text of ['no preference', 'medium', 'no', 'Earlier Guest', '0905 000 111', 'yes']) await say(text);
}

/** Plays one conversation against a fresh bot with its own clock and stores. */
export async function playConversation(c: BlindConversation): Promise<PlayedConversation> {
  let now = new Date(c.now);
  const store = createMemoryStore({ now: () => now.getTime() });
  const bookings: BookingStore = createMemoryBookingStore({ now: () => now.getTime() });
  const concierge = await createTestConcierge({ store, bookings, now: () => now });
  const guestId = `blind-${c.id}`;
  const key = `web:${guestId}`;
  const transcript: string[] = [];
  const fail = (why: string): PlayedConversation => ({ id: c.id, ok: false, why, transcript });

  // Existing bookings are made a day before, so the notice rule does not stand in the way.
  now = new Date(new Date(c.now).getTime() - 86_400_000);
  for (const e of c.existing) await bookExisting(concierge, guestId, e);
  now = new Date(c.now);
  await store.delete(key);
  const existing = (await bookings.listByGuest(key)).sort((a, b) => a.start.localeCompare(b.start));
  if (existing.length !== c.existing.length) return fail('could not set up the existing bookings');

  let last: TurnEvent | undefined;
  concierge.turnEvents.on((event) => void (last = event));
  const say = async (text: string): Promise<Reply[]> => {
    last = undefined;
    const replies = await concierge.handle({ channel: 'web', conversationId: guestId, guest: { id: guestId }, input: { kind: 'text', text } });
    // What the bot read, beside the guest's words, for whoever looks at a failed transcript.
    const event = last as TurnEvent | undefined;
    const read = event ? ` {${event.intent ?? '-'} ${event.confidence?.toFixed(2) ?? ''} -> ${event.answered?.join(' + ') ?? ''}}` : '';
    transcript.push(`guest: ${text}${read}`, ...replies.map((r) => `bot: ${r.text.replace(/\n+/g, ' / ')}${r.choices?.length ? ` [${r.choices.map((ch) => ch.label).join(' | ')}]` : ''}`));
    return replies;
  };
  const awaiting = async (): Promise<string | undefined> => {
    const state = (await store.read(key)) as { booking?: { draft?: { awaiting?: string }; manage?: { awaiting?: string } } } | undefined;
    const manage = state?.booking?.manage?.awaiting;
    if (manage) return manage;
    return state?.booking?.draft?.awaiting;
  };

  for (const text of c.opening) await say(text);
  const used = new Map<string, number>();
  const asides = [...c.asides];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const step = await awaiting();
    if (!step) break;
    const aside = asides.find((a) => a.at === step);
    if (aside) {
      asides.splice(asides.indexOf(aside), 1);
      await say(aside.text);
      const answered = (last as TurnEvent | undefined)?.answered ?? [];
      if (!answered.includes(aside.answer)) return fail(`the side question "${aside.text}" got ${answered.join(' + ') || 'nothing'} (want ${aside.answer})`);
      if ((await awaiting()) !== step) return fail(`after the side question the bot did not ask for the ${step} again`);
      continue;
    }
    const replies = c.answers[step];
    const n = used.get(step) ?? 0;
    if (!replies || replies.length === 0) return fail(`the bot asked for the ${step}, which the guest had not been asked for or had already given`);
    // A list is sent one reply at a time; its last reply is repeated if the question comes again.
    const reply = replies[Math.min(n, replies.length - 1)]!;
    if (n >= replies.length + 1) return fail(`the bot keeps asking for the ${step}`);
    used.set(step, n + 1);
    await say(reply);
  }
  if (await awaiting()) return fail('the conversation did not end');

  const mine = (await bookings.listByGuest(key)).filter((b) => b.status === 'confirmed');
  const made = mine.filter((b) => !existing.some((e) => e.ref === b.ref));
  const { booked, cancelled, moved } = c.expect;
  if (booked === 'none') {
    if (made.length > 0) return fail(`a booking was made: ${made.map((b) => b.ref).join(', ')}`);
    // The bot says so in the guest's language; the turn reports the booking stopped (`booking.stop`).
    if (!/nothing was booked|stopped|-> booking\.stop\}/i.test(transcript.slice(-3).join('\n'))) return fail('the guest was not told that nothing was booked');
  } else if (booked) {
    if (made.length !== 1) return fail(`want one new booking, found ${made.length}`);
    const b = made[0]!;
    const at = spaTime(b.start);
    const problems: string[] = [];
    if (at.day !== booked.day) problems.push(`day ${at.day} (want ${booked.day})`);
    if (booked.time && at.time !== booked.time) problems.push(`time ${at.time} (want ${booked.time})`);
    if (booked.time_between && (at.time < booked.time_between[0] || at.time > booked.time_between[1])) problems.push(`time ${at.time} (want ${booked.time_between.join('–')})`);
    if (b.durationMinutes !== booked.minutes) problems.push(`length ${b.durationMinutes} (want ${booked.minutes})`);
    if (booked.name && b.guest.name.toLowerCase() !== booked.name.toLowerCase()) problems.push(`name "${b.guest.name}" (want "${booked.name}")`);
    if (booked.contact && contactKey(b.guest.contact) !== contactKey(booked.contact)) problems.push(`contact ${b.guest.contact} (want ${booked.contact})`);
    if (booked.therapist && b.therapistRequested !== booked.therapist.toLowerCase()) problems.push(`therapist ${b.therapistRequested} (want ${booked.therapist})`);
    if (booked.pressure && b.notes.pressure !== booked.pressure) problems.push(`pressure ${b.notes.pressure} (want ${booked.pressure})`);
    if (problems.length > 0) return fail(problems.join('; '));
  }
  if (cancelled !== undefined) {
    const target = existing[cancelled - 1];
    const after = target && (await bookings.listByGuest(key)).find((b) => b.ref === target.ref);
    if (after?.status !== 'cancelled') return fail(`booking ${cancelled} was not cancelled`);
    const others = existing.filter((e) => e !== target);
    if (mine.filter((b) => others.some((o) => o.ref === b.ref)).length !== others.length) return fail('another booking was cancelled too');
  }
  if (moved) {
    const target = existing[moved.from - 1];
    const after = target && (await bookings.listByGuest(key)).find((b) => b.ref === target.ref);
    const at = after && spaTime(after.start);
    if (!at || at.day !== moved.day || at.time !== moved.time) return fail(`booking ${moved.from} is at ${at ? `${at.day} ${at.time}` : 'nowhere'} (want ${moved.day} ${moved.time})`);
  }
  return { id: c.id, ok: true, transcript };
}

