import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import {
  checkRequestedTime,
  dayKey,
  findFreeSlots,
  nearestFreeSlots,
  openingWindow,
  shiftDay,
  zonedInstant,
  type FreeSlot,
} from '../../booking/index.ts';
import { fillTemplate } from '../../content/index.ts';
import { cleanName } from '../../nlu/index.ts';
import type { Choice, Reply } from '../types.ts';
import { bookingAction, type BookingAction } from './booking-actions.ts';
import { capacityRules, occupancyAround, randomKey, type BookingContext, type BookingGuest, type BookingOutcome } from './booking-context.ts';
import { confirmBooking } from './confirm-booking.ts';
import type { BookingDraft, BookingMemory } from './booking-state.ts';
import { refuseAtGuestLimit, refusedAtGuestLimit } from './guest-limit.ts';
import { applyText, type Awaiting, type MessageSense } from './apply-answer.ts';
import { cityName, clockOf, dayTimeChoices, freeTimesWanted, periodSpans, timeChoice } from './offered-times.ts';

/** The most free times one question offers: as many as the conversation state keeps (`offered`). */
const MAX_TIMES_OFFERED = 48;

/**
 * Starts a booking, taking whatever the guest already said ("tomorrow at 3pm, an hour please"); a guest
 * who already has as many sessions ahead as the spa allows is told so at once.
 */
export async function startBooking(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory, text?: string): Promise<BookingOutcome> {
  if (memory.draft) return carryOn(ctx, guest, { ...memory, draft: memory.draft }, text);
  const refused = await refuseAtGuestLimit(ctx, guest, memory);
  if (refused) return refused;
  let draft: BookingDraft = { key: randomKey() };
  const notes: string[] = [];
  if (text) {
    const applied = applyText(ctx, draft, text, 'any');
    draft = applied.draft;
    notes.push(...applied.notes);
  }
  return advance(ctx, guest, { ...memory, manage: undefined }, draft, notes);
}

const CHOICE_STEPS: ReadonlySet<Awaiting> = new Set(['duration', 'day', 'time', 'therapist', 'pressure']);
// Buttons that answer a question of a booking under way, and mean nothing alone (a length, a day or a time do).
const STEP_ONLY: ReadonlySet<BookingAction['kind']> = new Set(['therapist', 'pressure', 'no-health', 'use-name', 'clock']);

/**
 * "I'd like to book" while a booking is under way: what the message adds or corrects ("... at 4pm
 * instead") goes into the booking in progress, which keeps its hold; with nothing new, the guest is
 * told it carries on and gets the pending question again. Starting over would lose every answer.
 */
async function carryOn(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory & { draft: BookingDraft }, text?: string): Promise<BookingOutcome> {
  // Read as an answer to the choice asked ("Ms Mai if available" at the therapist question); a
  // request to book says nothing of a name or a contact.
  const awaiting = memory.draft.awaiting;
  const asked = awaiting && CHOICE_STEPS.has(awaiting) ? awaiting : 'any';
  const applied = text ? applyText(ctx, memory.draft, text, asked) : undefined;
  if (!applied?.changed) return advance(ctx, guest, memory, memory.draft, [ctx.content.booking.already_booking, ...(applied?.notes ?? [])]);
  return advance(ctx, guest, memory, await releaseStaleHold(ctx, memory.draft, applied.draft), applied.notes);
}

/** Continues a booking with the guest's typed answer; `unhandled` when the message answers nothing asked. */
export async function continueBookingWithText(
  ctx: BookingContext,
  guest: BookingGuest,
  memory: BookingMemory & { draft: BookingDraft },
  text: string,
  sense: MessageSense = {},
): Promise<BookingOutcome | 'unhandled'> {
  const applied = applyText(ctx, memory.draft, text, memory.draft.awaiting ?? 'any', sense);
  if (applied.stop) return stopBooking(ctx, memory);
  if (applied.confirm) return confirm(ctx, guest, memory, memory.draft);
  if (!applied.changed && applied.notes.length === 0) return 'unhandled';
  return advance(ctx, guest, memory, await releaseStaleHold(ctx, memory.draft, applied.draft), applied.notes);
}

/** Continues a booking with a pressed button. */
export async function continueBookingWithAction(
  ctx: BookingContext,
  guest: BookingGuest,
  memory: BookingMemory,
  action: BookingAction,
): Promise<BookingOutcome | undefined> {
  const draft = memory.draft;
  if (action.kind === 'confirm') {
    if (draft && draft.key === action.key) return confirm(ctx, guest, memory, draft);
    if (memory.last?.key === action.key) {
      return { replies: [{ text: ctx.text.say(ctx.content.booking.already_confirmed, { ref: memory.last.ref }), choices: ctx.menuChoices() }], memory };
    }
    return undefined;
  }
  if (action.kind === 'stop') return draft ? stopBooking(ctx, memory) : undefined;
  // "Show my time too": the time on the guest's phone is asked once (booking-desk reads the answer).
  if (action.kind === 'clock') return draft ? { replies: [{ text: ctx.text.say(ctx.content.booking.clock_question) }], memory: { ...memory, draft: { ...draft, clockAsked: true } } } : undefined;
  // A step's button from a booking no longer kept (it ran out, or the conversation is new to this bot):
  // said so, rather than a booking started afresh around one answer.
  if (!draft && STEP_ONLY.has(action.kind)) return { replies: [{ text: ctx.content.booking.booking_expired, choices: ctx.menuChoices() }], memory };
  // A time picked from offered alternatives may start a booking afresh (an old button, or "my bookings").
  if (!draft) {
    const refused = await refuseAtGuestLimit(ctx, guest, memory);
    if (refused) return refused;
  }
  const base: BookingDraft = draft ?? { key: randomKey() };
  let next: BookingDraft;
  switch (action.kind) {
    case 'duration':
      if (!ctx.calendar.durations.includes(action.minutes)) return undefined;
      next = { ...base, durationMinutes: action.minutes };
      break;
    case 'day':
      next = { ...base, day: action.day, time: undefined, period: undefined, window: undefined, near: undefined };
      break;
    case 'at':
      next = { ...base, day: dayKey(action.start, ctx.calendar.timeZone), time: clockOf(ctx, action.start), period: undefined, window: undefined, near: undefined };
      break;
    case 'therapist':
      if (action.id !== 'any' && !ctx.calendar.therapists.some((t) => t.id === action.id)) return undefined;
      next = { ...base, therapist: action.id };
      break;
    case 'pressure':
      next = { ...base, pressure: action.pressure };
      break;
    case 'no-health':
      next = { ...base, health: '' };
      break;
    case 'use-name': {
      const name = guest.name ?? memory.profile?.name;
      if (!name) return undefined;
      next = { ...base, name: cleanName(name) };
      break;
    }
    default:
      return undefined;
  }
  return advance(ctx, guest, memory, await releaseStaleHold(ctx, draft, next), []);
}

/** Asks the booking's current question again (after answering something else mid-way). */
export async function repromptBooking(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory & { draft: BookingDraft }, notes: string[] = []): Promise<BookingOutcome> {
  return advance(ctx, guest, memory, memory.draft, notes);
}

/** Confirms, or says the time was just taken (offering the nearest free ones) or the guest's limit was reached. */
async function confirm(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory, draft: BookingDraft): Promise<BookingOutcome> {
  // A hold that ran out may have let someone else take the time: the guest hears so rather than a surprise.
  if (draft.hold?.until && new Date(draft.hold.until).getTime() <= ctx.now().getTime()) return holdRanOut(ctx, memory, draft, draft.hold);
  const result = await confirmBooking(ctx, guest, memory, draft);
  if (result.kind === 'confirmed') return result.outcome;
  if (result.kind === 'incomplete') return advance(ctx, guest, memory, draft, []);
  if (draft.hold) await ctx.store.releaseHold(draft.hold.id);
  if (result.kind === 'guest_limit') return refusedAtGuestLimit(ctx, guest, memory);
  return advance(ctx, guest, memory, { ...draft, time: undefined, hold: undefined }, [ctx.content.booking.taken_at_confirm]);
}

async function stopBooking(ctx: BookingContext, memory: BookingMemory): Promise<BookingOutcome> {
  if (memory.draft?.hold) await ctx.store.releaseHold(memory.draft.hold.id);
  return { replies: [{ text: ctx.content.booking.stopped, choices: ctx.menuChoices() }], memory: { ...memory, draft: undefined }, stopped: true };
}

/** Lets the hold go when the time, length or therapist it was for has changed. */
async function releaseStaleHold(ctx: BookingContext, before: BookingDraft | undefined, after: BookingDraft): Promise<BookingDraft> {
  const hold = before?.hold;
  if (!hold) return after;
  const sameTime = after.day === before.day && after.time === before.time && after.durationMinutes === hold.durationMinutes;
  const sameTherapist = !after.therapist || after.therapist === 'any' || after.therapist === hold.therapistId;
  if (sameTime && sameTherapist) return after;
  await ctx.store.releaseHold(hold.id);
  return { ...after, hold: undefined };
}

/** Asks for the next missing answer; checks and holds the time as soon as it is known. */
async function advance(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory, draft: BookingDraft, notes: string[]): Promise<BookingOutcome> {
  const texts = ctx.content.booking;
  const { calendar, text } = ctx;
  const stop: Choice = { label: texts.labels.stop, action: bookingAction({ kind: 'stop' }) };
  const ask = (awaiting: NonNullable<BookingDraft['awaiting']>, question: string, choices: Choice[], d: BookingDraft = draft): BookingOutcome => {
    const spans = periodSpans(ctx, choices);
    const extras = { ...(awaiting === 'contact' ? { asks: 'contact' as const } : {}), ...(spans ? { groupSpans: spans } : {}) };
    return { replies: [{ text: [...notes, question].join('\n\n'), choices: [...choices, stop], ...extras }], memory: { ...memory, draft: { ...d, awaiting } } };
  };

  // A day chosen ends the stretch it was chosen in.
  if (draft.day && draft.span) draft = { ...draft, span: undefined };
  if (!draft.durationMinutes) {
    const question = draft.awaiting === 'duration' ? texts.ask_duration_again : texts.ask_duration;
    return ask('duration', question, calendar.durations.map((m) => ({ label: text.durationLabel(m), action: bookingAction({ kind: 'duration', minutes: m }) })));
  }
  const slotInput = { settings: calendar, durationMinutes: draft.durationMinutes, now: ctx.now(), therapist: draft.therapist ?? 'any', guestKey: guest.key };
  if (!draft.day) {
    const now = ctx.now();
    // The days of the weekend or of next week when the guest named one of those, else the week to come.
    const { span } = draft;
    const from = span ? new Date(Math.max(now.getTime(), zonedInstant(span.from, '00:00', calendar.timeZone).getTime())) : now;
    const to = span ? zonedInstant(shiftDay(span.to, 1), '00:00', calendar.timeZone) : new Date(now.getTime() + 8 * 86_400_000);
    const busy = await occupancyAround(ctx, from, 0, Math.ceil((to.getTime() - from.getTime()) / 86_400_000));
    const days = to > from ? [...new Set(findFreeSlots({ ...slotInput, from, to, busy }).map((s) => dayKey(s.start, calendar.timeZone)))] : [];
    // None free in it: the week to come, as if no stretch was named.
    if (span && days.length === 0) return advance(ctx, guest, memory, { ...draft, span: undefined }, notes);
    // "Whenever", "asap" once today is over: the soonest day with a free time.
    if (draft.window?.soonest && days[0]) return advance(ctx, guest, memory, { ...draft, day: days[0] }, notes);
    return ask('day', texts.ask_day, days.slice(0, span ? 7 : 3).map((day) => ({ label: text.day(day), action: bookingAction({ kind: 'day', day }) })));
  }
  // Still choosing among the times offered near one that was taken ("actually 30 min" changes the length).
  if (!draft.time && draft.near) return offerAlternatives(ctx, memory, draft, new Date(draft.near), notes, stop);
  if (!draft.time) {
    const from = zonedInstant(draft.day, '00:00', calendar.timeZone);
    const busy = await occupancyAround(ctx, from, 0, 1);
    const free = findFreeSlots({ ...slotInput, from, to: new Date(from.getTime() + 86_400_000), busy });
    const wanted = freeTimesWanted(ctx, draft, free);
    // All of the day's free times, up to what the state keeps (a fine grid of starts could have more).
    const offered = (wanted.length > 0 ? wanted : free).slice(0, MAX_TIMES_OFFERED);
    if (offered.length > 0) {
      // "4ish" with 16:00 free: that time, as the guest meant it (the summary shows it, and it can be changed).
      // "As late as possible": the latest free time, the same way.
      const around = draft.window?.around ? offered.find((s) => clockOf(ctx, s.start) === draft.window?.from) : draft.window?.latest || draft.window?.pickFirst ? offered[0] : undefined;
      if (around) return advance(ctx, guest, memory, { ...draft, time: clockOf(ctx, around.start), window: undefined }, notes);
      const shown = { ...draft, offered: offered.map((s) => s.start.toISOString()) };
      const choices = await dayTimeChoices(ctx, slotInput, draft.day, offered);
      return ask('time', text.say(texts.ask_time, { day: text.day(draft.day), city: cityName(ctx) }), choices, shown);
    }
    // Nothing left that day (the spa is closed, "tonight" at half past seven, or a full day): which other day suits.
    const today = draft.day === dayKey(ctx.now(), calendar.timeZone);
    const closed = !openingWindow(draft.day, calendar);
    notes.push(closed ? text.say(texts.reasons.closed_day, { day: text.day(draft.day) }) : today ? texts.today_over : text.say(texts.day_full, { day: text.day(draft.day) }));
    return advance(ctx, guest, memory, { ...draft, day: undefined, time: undefined, offered: undefined }, notes);
  }

  const start = zonedInstant(draft.day, draft.time, calendar.timeZone);
  let free: FreeSlot | undefined;
  if (!draft.hold) {
    const busy = await occupancyAround(ctx, start, 1, 1);
    const check = checkRequestedTime({ ...slotInput, start, busy });
    if (!check.ok) {
      notes.push(reasonText(ctx, check.reason, start, draft));
      return offerAlternatives(ctx, memory, { ...draft, time: undefined }, start, notes, stop);
    }
    const held = await ctx.store.hold({
      holdId: randomKey(),
      guestKey: guest.key,
      start,
      end: check.slot.end,
      day: draft.day,
      therapist: draft.therapist ?? 'any',
      rules: capacityRules(calendar, start, check.slot.end),
      ttlSeconds: calendar.holdMinutes * 60,
    });
    if (!held.ok) {
      notes.push(text.say(texts.reasons.taken, { when: text.when(start) }));
      return offerAlternatives(ctx, memory, { ...draft, time: undefined }, start, notes, stop);
    }
    const until = held.hold.expiresAt;
    draft = { ...draft, hold: { id: held.hold.id, start: start.toISOString(), therapistId: held.hold.therapistId, durationMinutes: draft.durationMinutes, until } };
    free = check.slot;
  }
  if (draft.therapist === undefined) {
    // Asked again (after a question in between): who is free at the held time now.
    if (!free) {
      const check = checkRequestedTime({ ...slotInput, start, busy: await occupancyAround(ctx, start, 1, 1) });
      if (check.ok) free = check.slot;
    }
    const therapists = free?.therapistIds ?? calendar.therapists.map((t) => t.id);
    const choices = [
      { label: texts.labels.any_therapist, action: bookingAction({ kind: 'therapist', id: 'any' }) },
      ...therapists.map((id) => ({ label: text.therapistName(id), action: bookingAction({ kind: 'therapist', id }) })),
    ];
    return ask('therapist', text.say(texts.ask_therapist, { when: text.when(start), hold: calendar.holdMinutes }), choices);
  }
  if (!draft.pressure) {
    return ask('pressure', texts.ask_pressure, (['light', 'medium', 'firm'] as const).map((p) => ({ label: texts.labels[p], action: bookingAction({ kind: 'pressure', pressure: p }) })));
  }
  if (draft.health === undefined) {
    return ask('health', texts.ask_health, [{ label: texts.labels.no_health, action: bookingAction({ kind: 'no-health' }) }]);
  }
  if (!draft.name) {
    const known = guest.name ?? memory.profile?.name;
    const choices = known ? [{ label: fillTemplate(texts.labels.use_name, { name: cleanName(known) }).slice(0, 40), action: bookingAction({ kind: 'use-name' }) }] : [];
    return ask('name', texts.ask_name, choices);
  }
  if (!draft.contact) {
    if (memory.profile?.contact) draft = { ...draft, contact: memory.profile.contact };
    else return ask('contact', texts.ask_contact, []);
  }
  const confirm: Choice = { label: texts.labels.confirm, action: bookingAction({ kind: 'confirm', key: draft.key }), primary: true };
  // Where the channel cannot tell the guest's zone, the summary offers their clock beside the spa's.
  const clock: Choice[] = guest.timeZone ? [] : [{ label: texts.labels.show_my_time, action: bookingAction({ kind: 'clock' }) }];
  return ask('confirm', text.summary(draft, start), [confirm, ...clock]);
}

/** Says what is free nearest to a wanted time, as choices. */
async function offerAlternatives(ctx: BookingContext, memory: BookingMemory, draft: BookingDraft, near: Date, notes: string[], stop: Choice): Promise<BookingOutcome> {
  const texts = ctx.content.booking;
  const busy = await occupancyAround(ctx, near, 7, 7);
  const nearest = nearestFreeSlots({
    settings: ctx.calendar,
    durationMinutes: draft.durationMinutes ?? Math.min(...ctx.calendar.durations),
    now: ctx.now(),
    therapist: draft.therapist ?? 'any',
    start: near,
    busy,
    count: 3,
  });
  const reply: Reply =
    nearest.length > 0
      ? { text: [...notes, texts.alternatives].join('\n\n'), choices: [...nearest.map((s) => timeChoice(ctx, s, 'when')), stop] }
      : { text: [...notes, texts.no_alternatives].join('\n\n'), choices: [stop] };
  const offered = nearest.map((s) => s.start.toISOString());
  return { replies: [reply], memory: { ...memory, draft: { ...draft, near: near.toISOString(), offered, awaiting: 'time' } } };
}

/** Why a wanted time cannot be booked, in the spa's words. */
export function reasonText(ctx: BookingContext, reason: string, start: Date, draft: Pick<BookingDraft, 'therapist'>): string {
  const texts = ctx.content.booking;
  const { calendar, text } = ctx;
  const day = dayKey(start, calendar.timeZone);
  const hours = calendar.openingHours[weekdayKey(ctx, start)];
  const values: Record<string, string | number> = {
    when: text.when(start),
    day: text.day(day),
    notice: Math.round(calendar.minNoticeMinutes / 60),
    days: calendar.horizonDays,
    step: calendar.slotStepMinutes,
    hours: hours === 'closed' || !hours ? '' : `${hours.open}–${hours.close}`,
    therapist: text.therapistName(draft.therapist ?? 'any'),
    durations: calendar.durations.join(` ${ctx.content.messages.spa_facts.or} `),
  };
  const template = (texts.reasons as Record<string, string>)[reason] ?? texts.reasons.taken;
  return text.say(template, values);
}

function weekdayKey(ctx: BookingContext, instant: Date) {
  return format(new TZDate(instant, ctx.calendar.timeZone), 'EEE').toLowerCase() as 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
}

/** Confirm pressed after the hold ran out: said plainly, with the nearest free times (the same one, if it still is). */
async function holdRanOut(ctx: BookingContext, memory: BookingMemory, draft: BookingDraft, hold: NonNullable<BookingDraft['hold']>): Promise<BookingOutcome> {
  const start = new Date(hold.start);
  await ctx.store.releaseHold(hold.id);
  const note = ctx.text.say(ctx.content.booking.hold_expired, { when: ctx.text.when(start), until: ctx.text.clock(new Date(hold.until ?? hold.start)) });
  const stop: Choice = { label: ctx.content.booking.labels.stop, action: bookingAction({ kind: 'stop' }) };
  return offerAlternatives(ctx, memory, { ...draft, time: undefined, hold: undefined }, start, [note], stop);
}
