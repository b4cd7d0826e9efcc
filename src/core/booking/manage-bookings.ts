import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import {
  cancellationTerms,
  checkRequestedTime,
  dayKey,
  findBookingRef,
  zonedInstant,
  type Booking,
} from '../../booking/index.ts';
import type { Choice } from '../types.ts';
import { bookingAction, type BookingAction } from './booking-actions.ts';
import {
  capacityRules,
  occupancyAround,
  randomKey,
  upcomingBookings,
  type BookingContext,
  type BookingGuest,
  type BookingOutcome,
} from './booking-context.ts';
import { reasonText } from './booking-flow.ts';
import { moveTimeChoices, periodSpans } from './offered-times.ts';
import type { DateTimeMention } from '../../nlu/index.ts';
import type { BookingMemory, ManageState } from './booking-state.ts';
import type { MessageSense } from './apply-answer.ts';

// "My bookings", cancelling and moving. A guest only ever sees and changes bookings made from
// their own chat: every lookup goes through their own list.

/** Lists the guest's upcoming bookings, with buttons to cancel or move each. */
export async function listMyBookings(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory): Promise<BookingOutcome> {
  const texts = ctx.content.booking;
  const upcoming = await upcomingBookings(ctx, guest.key);
  if (upcoming.length === 0) {
    const book: Choice = { label: texts.labels.book_again, action: 'i:booking.start' };
    return { replies: [{ text: texts.my_bookings_none, choices: [book, ...ctx.menuChoices().slice(0, 2)] }], memory };
  }
  const choices = upcoming.slice(0, 3).flatMap((b) => manageChoices(ctx, b));
  const list = upcoming.map((b) => ctx.text.line(b)).join('\n');
  return { replies: [{ text: ctx.text.say(texts.my_bookings, { list }), choices }], memory: { ...memory, manage: undefined } };
}

/** Starts cancelling or moving: finds which booking the guest means (a reference, or their only one). */
export async function startManaging(
  ctx: BookingContext,
  guest: BookingGuest,
  memory: BookingMemory,
  action: 'cancel' | 'move',
  text?: string,
): Promise<BookingOutcome> {
  const texts = ctx.content.booking;
  const upcoming = await upcomingBookings(ctx, guest.key);
  const asked = text ? findBookingRef(text) : undefined;
  if (asked) {
    const booking = upcoming.find((b) => b.ref === asked);
    if (!booking) return { replies: [{ text: ctx.text.say(texts.ref_not_found, { ref: asked }), choices: ctx.menuChoices() }], memory };
    return chosen(ctx, guest, memory, action, booking, text);
  }
  if (upcoming.length === 0) return listMyBookings(ctx, guest, memory);
  if (upcoming.length === 1) return chosen(ctx, guest, memory, action, upcoming[0]!, text);
  // "Change my Saturday booking to Sunday 11am": the first day or time that fits one booking says
  // which; what else the message names is the new time.
  const named = text ? namedBooking(ctx, upcoming, text) : undefined;
  if (named) return chosen(ctx, guest, memory, action, named.booking, named.rest);
  const list = upcoming.map((b) => ctx.text.line(b)).join('\n');
  const choices = upcoming.slice(0, 4).map((b) => ({ label: ctx.text.say(action === 'cancel' ? texts.labels.cancel_ref : texts.labels.move_ref, { ref: b.ref }), action: bookingAction({ kind: 'manage', action, ref: b.ref }) }));
  return { replies: [{ text: `${texts.pick_booking}\n${list}`, choices }], memory: { ...memory, manage: { action, awaiting: 'pick' } } };
}

/** Handles a button of the manage conversations. */
export async function continueManagingWithAction(
  ctx: BookingContext,
  guest: BookingGuest,
  memory: BookingMemory,
  action: BookingAction,
): Promise<BookingOutcome | undefined> {
  if (action.kind === 'manage') return startManaging(ctx, guest, memory, action.action, action.ref);
  // A free time pressed among those offered for the day the guest named.
  if (action.kind === 'move-to') {
    const booking = (await upcomingBookings(ctx, guest.key)).find((b) => b.ref === action.ref);
    return booking ? proposeMove(ctx, guest, memory, booking, { at: action.start }) : undefined;
  }
  const manage = memory.manage;
  if (action.kind === 'manage-no' && manage?.ref === action.ref) {
    if (manage.holdId) await ctx.store.releaseHold(manage.holdId);
    return { replies: [{ text: ctx.text.say(ctx.content.booking.kept, { ref: action.ref }), choices: ctx.menuChoices() }], memory: { ...memory, manage: undefined } };
  }
  if (action.kind === 'manage-yes' && manage?.ref === action.ref && manage.awaiting === 'confirm') return carryOut(ctx, guest, memory, manage);
  return undefined;
}

/** Handles typed text while a cancel or move waits for an answer; `unhandled` when it answers nothing. */
export async function continueManagingWithText(
  ctx: BookingContext,
  guest: BookingGuest,
  memory: BookingMemory & { manage: ManageState },
  text: string,
  sense: MessageSense = {},
): Promise<BookingOutcome | 'unhandled'> {
  const { manage } = memory;
  const { reader: words } = ctx;
  // The classifier's reading of a stop counts only when the message says nothing the step can use.
  const stops = words.isStop(text) || (sense.stops === true && !words.isYes(text) && !words.confirmsCancel(text) && !newTimeIn(ctx, text));
  // Moving, the guest decides to cancel instead: the same booking, or the one they pick.
  if (manage.action === 'move' && words.asksToCancelBooking(text)) {
    const booking = manage.ref ? (await upcomingBookings(ctx, guest.key)).find((b) => b.ref === manage.ref) : undefined;
    return booking ? chosen(ctx, guest, memory, 'cancel', booking) : startManaging(ctx, guest, memory, 'cancel', text);
  }
  if (stops && manage.action === 'move') return continueManagingWithAction(ctx, guest, memory, { kind: 'manage-no', ref: manage.ref ?? '' }).then((o) => o ?? 'unhandled');
  const ref = findBookingRef(text);
  if (ref) return startManaging(ctx, guest, memory, manage.action, text);
  // A clear question of the guest's own ("what time do you open next Monday?") is answered, then the step asked again.
  if (sense.asksAside && sense.asideIsClear) return 'unhandled';
  if (manage.awaiting === 'pick') {
    const fitting = bookingsFitting(ctx, await upcomingBookings(ctx, guest.key), text);
    if (fitting?.length === 1) return chosen(ctx, guest, memory, manage.action, fitting[0]!);
    if (fitting) {
      // A day or place that fits none, or several: the list again, and why when none fits.
      const again = await startManaging(ctx, guest, memory, manage.action);
      return fitting.length === 0 ? { ...again, replies: [{ text: ctx.content.booking.pick_none }, ...again.replies] } : again;
    }
  }
  if (manage.awaiting === 'confirm' && manage.ref) {
    // "취소 수수료는 없죠?" (no fee, right?) holds a "no" but asks about something else: answered first.
    if (sense.asksAside && words.isQuestion(text)) return 'unhandled';
    const agrees = manage.action === 'cancel' ? words.confirmsCancel(text) : words.confirmsMove(text);
    if (words.isYes(text) || agrees) return carryOut(ctx, guest, memory, manage);
    if (words.isNone(text) || stops) {
      const outcome = await continueManagingWithAction(ctx, guest, memory, { kind: 'manage-no', ref: manage.ref });
      if (outcome) return outcome;
    }
  }
  if (manage.action === 'move' && manage.ref && (manage.awaiting === 'when' || manage.awaiting === 'confirm')) {
    const booking = (await upcomingBookings(ctx, guest.key)).find((b) => b.ref === manage.ref);
    const asked = booking ? newTimeIn(ctx, text) : undefined;
    if (booking && asked) return proposeMove(ctx, guest, memory, booking, asked);
  }
  return 'unhandled';
}

async function chosen(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory, action: 'cancel' | 'move', booking: Booking, text?: string): Promise<BookingOutcome> {
  const texts = ctx.content.booking;
  const terms = cancellationTerms(booking, ctx.now(), ctx.calendar);
  if (terms.kind === 'past') return { replies: [{ text: ctx.text.say(texts.already_past, { ref: booking.ref }), choices: ctx.menuChoices() }], memory };
  if (terms.kind === 'late') {
    const reply = ctx.text.say(texts.too_late_to_change, { ref: booking.ref, hours: ctx.calendar.freeCancellationHours });
    return { replies: [{ text: reply, choices: [{ label: ctx.content.messages.labels.person, action: 'i:person' }, ...ctx.menuChoices().slice(0, 2)] }], memory: { ...memory, manage: undefined } };
  }
  if (action === 'cancel') {
    const question = ctx.text.say(texts.cancel_confirm, { ref: booking.ref, when: ctx.text.when(new Date(booking.start)), until: ctx.text.when(terms.until) });
    return {
      replies: [{ text: question, choices: yesNo(ctx, booking.ref, texts.labels.yes_cancel) }],
      memory: { ...memory, draft: undefined, manage: { action, ref: booking.ref, awaiting: 'confirm' } },
    };
  }
  const asked = text ? newTimeIn(ctx, text) : undefined;
  if (asked) return proposeMove(ctx, guest, memory, booking, asked);
  return {
    replies: [{ text: ctx.text.say(texts.move_ask_when, { ref: booking.ref }), choices: [] }],
    memory: { ...memory, draft: undefined, manage: { action, ref: booking.ref, awaiting: 'when' } },
  };
}

/** The one booking a day or time in the message fits, and the message without it. */
function namedBooking(ctx: BookingContext, upcoming: Booking[], text: string): { booking: Booking; rest: string } | undefined {
  for (const mention of ctx.reader.timesNamed(text, { now: ctx.now(), timeZone: ctx.calendar.timeZone })) {
    const fitting = upcoming.filter((b) => fits(ctx, b, mention));
    if (fitting.length === 1) return { booking: fitting[0]!, rest: text.slice(0, mention.index) + ' '.repeat(mention.text.length) + text.slice(mention.index + mention.text.length) };
  }
  return undefined;
}

/** Whether a booking is on the day and at the time a mention names (either may be left out). */
function fits(ctx: BookingContext, booking: Booking, when: DateTimeMention): boolean {
  const zone = ctx.calendar.timeZone;
  const clock = (instant: Date) => format(new TZDate(instant, zone), 'HH:mm');
  return (!when.date || dayKey(when.start, zone) === booking.day) && (!when.time || clock(new Date(booking.start)) === clock(when.start));
}

/**
 * The bookings, of those listed to the guest, that fit what they said: its place in the list ("the
 * second one", "the last one") or its day or time ("the sunday one", "the 5pm one"). Undefined when
 * the message names neither.
 */
function bookingsFitting(ctx: BookingContext, listed: Booking[], text: string): Booking[] | undefined {
  const when = ctx.reader.wantedTime(text, { now: ctx.now(), timeZone: ctx.calendar.timeZone });
  if (when) {
    const fitting = listed.filter((b) => fits(ctx, b, when));
    if (fitting.length > 0 || !when.date) return fitting;
    // "The Saturday one" names a weekday, which the dates reader puts on the nearest Saturday: the one
    // booking on that weekday is meant, whichever week it is in.
    const weekday = new TZDate(when.start, ctx.calendar.timeZone).getDay();
    const sameWeekday = listed.filter((b) => new TZDate(new Date(b.start), ctx.calendar.timeZone).getDay() === weekday && fits(ctx, b, { ...when, date: undefined }));
    return sameWeekday.length === 1 ? sameWeekday : fitting;
  }
  const ordinal = ctx.reader.ordinal(text);
  if (ordinal === undefined) return undefined;
  const booking = listed.at(ordinal);
  return booking ? [booking] : [];
}

/** A time to move to that a message names: a shift ("an hour earlier", in minutes), a day or time, the booking's own time ("Tuesday, same time"). */
interface NewTime {
  /** A free time pressed. */
  at?: Date;
  shift?: number;
  when?: DateTimeMention;
  sameTime?: boolean;
  /** Every day the message names, in the order written ("my Saturday one to Sunday": both). */
  days?: string[];
}

function newTimeIn(ctx: BookingContext, text: string): NewTime | undefined {
  const shift = ctx.reader.wantedShift(text);
  if (shift !== undefined) return { shift };
  const ref = { now: ctx.now(), timeZone: ctx.calendar.timeZone };
  const sameTime = ctx.reader.saysSameTime(text);
  const said = ctx.reader.withoutSameDay(sameTime ? ctx.reader.withoutSameTime(text) : text);
  const when = ctx.reader.wantedTime(said, ref);
  const days = ctx.reader.timesNamed(said, ref).flatMap((m) => (m.date ? [dayKey(m.start, ctx.calendar.timeZone)] : []));
  return when || sameTime ? { ...(when ? { when } : {}), ...(sameTime ? { sameTime } : {}), ...(days.length > 0 ? { days } : {}) } : undefined;
}

/** Checks the new time for a move, holds it, and asks to confirm. */
async function proposeMove(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory, booking: Booking, asked: NewTime): Promise<BookingOutcome> {
  const texts = ctx.content.booking;
  const { calendar } = ctx;
  const { shift, when } = asked;
  // A day named now, or before ("move it to Saturday", then "3pm"). The booking's own day names the
  // booking, not where it goes ("move my Saturday one to Sunday", "Sunday, same time 3pm" at the time
  // question): the last other day named is the new one.
  const named = asked.days?.filter((d) => d !== booking.day).at(-1);
  const day = named ?? (memory.manage?.ref === booking.ref ? memory.manage.day : undefined);
  const manage: ManageState = { action: 'move', ref: booking.ref, awaiting: 'when', ...(day ? { day } : {}) };
  const ask = (reply: string, choices: Choice[] = []): BookingOutcome => {
    const spans = periodSpans(ctx, choices);
    return { replies: [{ text: reply, choices, ...(spans ? { groupSpans: spans } : {}) }], memory: { ...memory, manage } };
  };
  const askWhen = () => (day ? ctx.text.say(texts.move_ask_time, { ref: booking.ref, day: ctx.text.day(day) }) : ctx.text.say(texts.move_ask_when, { ref: booking.ref }));
  const old = new Date(booking.start);
  // "An hour earlier" moves from the booking's time; "move it to 5pm" keeps the day named before, else the booking's own.
  const clockOn = (instant: Date) => zonedInstant(day ?? booking.day, format(new TZDate(instant, calendar.timeZone), 'HH:mm'), calendar.timeZone);
  const start =
    asked.at ? asked.at
    : shift !== undefined ? new Date(old.getTime() + shift * 60_000)
    : when?.time ? (when.date && dayKey(when.start, calendar.timeZone) === (day ?? booking.day) ? when.start : clockOn(when.start))
    : asked.sameTime && day ? clockOn(old)
    : undefined;
  // A day without a time: that day's free times, grouped, one press each.
  if (!start) return ask(askWhen(), day ? await moveTimeChoices(ctx, booking, guest.key, day) : []);
  if (start.getTime() === old.getTime()) return ask(`${ctx.text.say(texts.move_same_time, { ref: booking.ref, when: ctx.text.when(old) })}\n\n${askWhen()}`);
  const therapist = booking.therapistRequested;
  const busy = await occupancyAround(ctx, start, 1, 1);
  const check = checkRequestedTime({ settings: calendar, durationMinutes: booking.durationMinutes, start, busy, now: ctx.now(), therapist, guestKey: guest.key, ignoreRef: booking.ref });
  if (!check.ok) return ask(`${reasonText(ctx, check.reason, start, { therapist })}\n\n${ctx.text.say(texts.move_ask_when, { ref: booking.ref })}`);
  if (memory.manage?.holdId) await ctx.store.releaseHold(memory.manage.holdId);
  const held = await ctx.store.hold({ holdId: randomKey(), guestKey: guest.key, start, end: check.slot.end, day: dayKey(start, calendar.timeZone), therapist, rules: capacityRules(calendar, start, check.slot.end), ttlSeconds: calendar.holdMinutes * 60 });
  if (!held.ok) return ask(`${ctx.text.say(texts.reasons.taken, { when: ctx.text.when(start) })}\n\n${ctx.text.say(texts.move_ask_when, { ref: booking.ref })}`);
  const question = ctx.text.say(texts.move_confirm, { ref: booking.ref, from: ctx.text.when(old), to: ctx.text.when(start) });
  return {
    replies: [{ text: question, choices: yesNo(ctx, booking.ref, texts.labels.yes_move) }],
    memory: { ...memory, draft: undefined, manage: { action: 'move', ref: booking.ref, awaiting: 'confirm', newStart: start.toISOString(), holdId: held.hold.id } },
  };
}

/** Cancels or moves, atomically in the store, and tells listeners. */
async function carryOut(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory, manage: ManageState): Promise<BookingOutcome> {
  const texts = ctx.content.booking;
  const ref = manage.ref!;
  const done = (text: string): BookingOutcome => ({ replies: [{ text, choices: ctx.menuChoices() }], memory: { ...memory, manage: undefined } });
  const notFound = () => done(ctx.text.say(texts.ref_not_found, { ref }));
  const updatedAt = ctx.now().toISOString();
  if (manage.action === 'cancel') {
    const result = await ctx.store.cancel(ref, guest.key, updatedAt);
    if (!result.ok) return notFound();
    // Cancelled already (a second press, or the spa a moment before): listeners heard of it then.
    if (!result.already) ctx.events.emit({ type: 'cancelled', booking: result.booking });
    return done(ctx.text.say(texts.cancelled, { ref, when: ctx.text.when(new Date(result.booking.start)) }));
  }
  const booking = (await upcomingBookings(ctx, guest.key)).find((b) => b.ref === ref);
  if (!booking || !manage.newStart) return notFound();
  const start = new Date(manage.newStart);
  const end = new Date(start.getTime() + booking.durationMinutes * 60_000);
  const result = await ctx.store.move({ ref, guestKey: guest.key, start, end, day: dayKey(start, ctx.calendar.timeZone), ...(manage.holdId ? { holdId: manage.holdId } : {}), rules: capacityRules(ctx.calendar, start, end), updatedAt });
  if (!result.ok) {
    if (result.reason === 'not_found') return notFound();
    return { replies: [{ text: `${ctx.text.say(texts.reasons.taken, { when: ctx.text.when(start) })}\n\n${ctx.text.say(texts.move_ask_when, { ref })}`, choices: [] }], memory: { ...memory, manage: { action: 'move', ref, awaiting: 'when' } } };
  }
  ctx.events.emit({ type: 'moved', booking: result.booking, previous: result.previous });
  return done(ctx.text.say(texts.moved, { ref, when: ctx.text.when(start) }));
}

function manageChoices(ctx: BookingContext, booking: Booking): Choice[] {
  const labels = ctx.content.booking.labels;
  return [
    { label: ctx.text.say(labels.move_ref, { ref: booking.ref }), action: bookingAction({ kind: 'manage', action: 'move', ref: booking.ref }) },
    { label: ctx.text.say(labels.cancel_ref, { ref: booking.ref }), action: bookingAction({ kind: 'manage', action: 'cancel', ref: booking.ref }) },
  ];
}

function yesNo(ctx: BookingContext, ref: string, yesLabel: string): Choice[] {
  return [
    { label: yesLabel, action: bookingAction({ kind: 'manage-yes', ref }) },
    { label: ctx.content.booking.labels.keep, action: bookingAction({ kind: 'manage-no', ref }) },
  ];
}

/**
 * The pending question of a cancellation or move again, after the guest asked something else ("is
 * there a fee?" before saying yes): when to move it to, or the confirmation with its buttons.
 * Undefined when there is nothing left to ask (the booking has gone meanwhile).
 */
export async function askManageAgain(ctx: BookingContext, memory: BookingMemory & { manage: ManageState }): Promise<BookingOutcome | undefined> {
  const { manage } = memory;
  if (!manage.ref) return undefined;
  const texts = ctx.content.booking;
  if (manage.awaiting === 'when' && manage.action === 'move') {
    const question = manage.day
      ? ctx.text.say(texts.move_ask_time, { ref: manage.ref, day: ctx.text.day(manage.day) })
      : ctx.text.say(texts.move_ask_when, { ref: manage.ref });
    return { replies: [{ text: question, choices: [] }], memory };
  }
  if (manage.awaiting !== 'confirm') return undefined;
  const booking = await ctx.store.get(manage.ref);
  if (!booking || booking.status !== 'confirmed') return undefined;
  if (manage.action === 'cancel') {
    const terms = cancellationTerms(booking, ctx.now(), ctx.calendar);
    if (terms.kind !== 'free') return undefined;
    const question = ctx.text.say(texts.cancel_confirm, { ref: booking.ref, when: ctx.text.when(new Date(booking.start)), until: ctx.text.when(terms.until) });
    return { replies: [{ text: question, choices: yesNo(ctx, booking.ref, texts.labels.yes_cancel) }], memory };
  }
  if (!manage.newStart) return undefined;
  const question = ctx.text.say(texts.move_confirm, { ref: booking.ref, from: ctx.text.when(new Date(booking.start)), to: ctx.text.when(new Date(manage.newStart)) });
  return { replies: [{ text: question, choices: yesNo(ctx, booking.ref, texts.labels.yes_move) }], memory };
}
