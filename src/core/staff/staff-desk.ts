import { checkRequestedTime, dayKey, dayKeyOf, daysBetween, findFreeSlots, FRONT_DESK_CHANNEL, newTimeOffId, openingWindow, shiftDay, weekdayOf, windowHolding, zonedInstant, type Attendance, type Booking, type BookingChange, type RequestedTimeReason, type TimeOff } from '../../booking/index.ts';
import { findDateTimes, guestMatches, namedWeek, readTimeOffLine, type GuestQuery } from '../../nlu/index.ts';
import type { Content } from '../../content/index.ts';
import { capacityRules, occupancyAround, type BookingContext } from '../booking/booking-context.ts';
import { reserveNew } from '../booking/confirm-booking.ts';
import { createBookingText } from '../booking/booking-text.ts';
import type { Logger } from '../logger.ts';
import type { GuestOutbox } from '../outbox.ts';
import { groupMissed, type MissedGroup, type MissedMessages } from '../missed-messages.ts';

/** Free start times of one day, per therapist. */
export interface DayAvailability {
  day: string;
  dayLabel: string;
  /** Each therapist's free start times, and their time off that day ("14:00–18:00"). */
  therapists: Array<{ id: string; name: string; times: string[]; off: string[] }>;
  /** Why nothing can be booked that day at all, when so: it is over, the spa is closed, or it is beyond the booking horizon. */
  unbookable?: 'past' | 'closed' | 'too_far';
  /** Today: times before this one ("11:15") are left out, as guests must book that far ahead. */
  bookableFrom?: string;
}

/** A booking staff make for a walk-in or a caller (`/book`): when, how long, for whom. */
export interface DeskBookingRequest {
  day: string;
  time: string;
  minutes: number;
  name: string;
  /** The guest's phone or email, when they gave one. */
  contact?: string;
  /** A therapist's id, or anyone. */
  therapist?: string;
  /** What the therapist should know (the /book dialog's notes). */
  notes?: string;
  /** The same key books once: a command delivered twice makes one booking. */
  key: string;
}

/** Why staff could not book that time: the engine's reasons. */
export type DeskBookingRefusal = RequestedTimeReason | 'unknown_therapist';

/** Free start times grouped by day, as the Move and /book dialogs offer them. */
export type StartChoices = Array<{ dayLabel: string; times: Array<{ label: string; start: string }> }>;

/** A day at the spa per therapist, as the Home tab and the morning post show it. */
export interface DaySchedule {
  day: string;
  dayLabel: string;
  /** Why the day has nothing to show: it is over or the spa is closed. */
  unbookable?: 'past' | 'closed' | 'too_far';
  therapists: Array<{
    id: string;
    name: string;
    /** Their confirmed bookings in order of start. */
    bookings: Booking[];
    /** Start times still free for the longest session. */
    free: string[];
    /** Their time off that day ("14:00–18:00"). */
    off: string[];
  }>;
}

/** What `/timeoff` did: time off set (with the bookings it overlaps), taken back, or listed; or why not. */
export type TimeOffOutcome =
  | { kind: 'added'; timeOff: TimeOff; clashes: Booking[] }
  | { kind: 'removed'; removed: TimeOff[] }
  | { kind: 'list'; entries: TimeOff[] }
  | { kind: 'refused'; reason: 'no_therapist' | 'no_day' | 'closed' | 'past' | 'bad_range' | 'not_found' };

/** The longest range `/availability` answers for at once. */
export const MAX_AVAILABILITY_DAYS = 14;

/** What the spa's staff can do from their desk (Slack): look at the calendar and act on bookings. */
/** The change log's group that tells guests what staff did to their booking. */
export const GUEST_NOTICES_GROUP = 'guest-notices';
// How far ahead the Move and /book dialogs offer times: a week; and at most as many as a Slack menu holds.
const CHOICE_DAYS = 7;
const MAX_CHOICES = 100;
// How far back `/booking Anna` looks: the week's visits, for a guest who calls about one.
const SEARCH_DAYS_BACK = 7;
// While a staff member waits for their answer, changes of other processes are not taken over.
const NO_TAKEOVER_MS = 24 * 3600 * 1000;

export function createStaffDesk(
  ctx: BookingContext,
  outbox: GuestOutbox,
  logger: Logger,
  contentFor: (language: string | undefined) => Content = () => ctx.content,
  /** This process's reader name in the change log's groups. */
  readerName = 'staff-desk',
  /** The messages the bot did not understand, for `/missed`. */
  missed?: MissedMessages,
) {
  const { calendar, store, text } = ctx;
  /** The booking texts of the language a guest booked in: what staff do is told to guests in their words. */
  const guestText = (booking: Booking) => {
    const content = contentFor(booking.guest.language);
    const texts = content === ctx.content ? text : createBookingText(content, calendar);
    return { content, text: texts.forGuest(booking.guest.timeZone) };
  };
  const zone = calendar.timeZone;

  async function guestNotice(change: BookingChange): Promise<void> {
    // A booking made at the front desk has no chat to tell the guest in: staff reach them themselves.
    if (change.type === 'created' || change.by !== 'spa' || change.booking.guest.channel === FRONT_DESK_CHANNEL) return;
    const { booking } = change;
    const told = guestText(booking);
    const when = told.text.when(new Date(booking.start));
    const notice =
      change.type === 'moved'
        ? told.text.say(told.content.booking.moved_by_spa, { ref: booking.ref, when, from: told.text.when(new Date(change.previous.start)) })
        : told.text.say(told.content.booking.cancelled_by_spa, { ref: booking.ref, when });
    await outbox.deliver(booking.guest.channel, booking.guest.conversationId, [{ text: notice }]);
  }

  /** Sends the guest notices new in the log now; whether `ref`'s own went out ("pending": another reader has it). */
  async function sendNoticesNow(ref: string): Promise<boolean | 'pending'> {
    let told: boolean | 'pending' = 'pending';
    const changes = await store.changes.read(GUEST_NOTICES_GROUP, readerName, { count: 20, retryOwn: false, claimIdleMs: NO_TAKEOVER_MS });
    const done: string[] = [];
    for (const change of changes) {
      const own = change.booking.ref === ref && change.type !== 'created';
      try {
        await guestNotice(change);
        done.push(change.id);
        if (own) told = true;
      } catch (error) {
        // Left in the log: this process's reader tries it again.
        logger.warn({ err: error, ref: change.booking.ref, change: change.type }, 'the guest could not be told what the spa changed');
        if (own) told = false;
      }
    }
    await store.changes.ack(GUEST_NOTICES_GROUP, done);
    return told;
  }

  /**
   * Free start times over the next week for a length and a therapist ("any"), staff booking at any
   * notice, grouped by day, at most `max` in all; a booking being moved neither blocks nor offers its own time.
   */
  async function startChoices(minutes: number, therapist: string, max: number, moving?: Booking): Promise<StartChoices> {
    const today = dayKey(ctx.now(), zone);
    const days = Array.from({ length: CHOICE_DAYS }, (_, i) => shiftDay(today, i));
    const busy = await store.occupancy([shiftDay(today, -1), ...days]);
    const slots = findFreeSlots({
      settings: { ...calendar, minNoticeMinutes: 0 },
      durationMinutes: minutes,
      from: ctx.now(),
      to: zonedInstant(shiftDay(today, CHOICE_DAYS), '00:00', zone),
      busy,
      now: ctx.now(),
      therapist,
      ...(moving ? { ignoreRef: moving.ref } : {}),
    }).filter((slot) => !moving || slot.start.getTime() !== new Date(moving.start).getTime());
    const byDay = new Map<string, Array<{ label: string; start: string }>>();
    for (const slot of slots.slice(0, max)) {
      const day = dayKey(slot.start, zone);
      byDay.set(day, [...(byDay.get(day) ?? []), { label: text.time(slot.start), start: slot.start.toISOString() }]);
    }
    return [...byDay].map(([day, times]) => ({ dayLabel: text.day(day), times }));
  }

  /** The days a staff member means ("tomorrow", "fri", "1 dec to 3 dec"); today when nothing is said. */
  function daysMeant(when: string | undefined): string[] | undefined {
    const today = dayKey(ctx.now(), zone);
    if (!when?.trim()) return [today];
    const span = weekSpan(when, today);
    if (span) return span;
    const [mention] = findDateTimes(when.slice(0, 200), { now: ctx.now(), timeZone: zone });
    if (!mention || (!mention.date && !mention.time)) return undefined;
    const first = dayKey(mention.start, zone);
    if (!mention.end?.date) return [first];
    const last = dayKeyOf(mention.end.date);
    return last < first ? [first] : daysBetween(zonedInstant(first, '12:00', zone), zonedInstant(last, '12:00', zone), zone);
  }

  /** Why a whole day cannot be booked, if it cannot: a staff member should not read "nothing free" as "fully booked". */
  function unbookableDay(day: string): DayAvailability['unbookable'] {
    const today = dayKey(ctx.now(), zone);
    if (day < today) return 'past';
    if (calendar.closedDates.includes(day) || calendar.openingHours[weekdayOf(day)] === 'closed') return 'closed';
    if (day > dayKey(new Date(ctx.now().getTime() + calendar.horizonDays * 86_400_000), zone)) return 'too_far';
    return undefined;
  }

  /** "this week" and "next week" (Monday to Sunday; this week from today), "the weekend" (Saturday and Sunday ahead). */
  function weekSpan(when: string, today: string): string[] | undefined {
    const week = namedWeek(when);
    if (!week) return undefined;
    const fromMonday = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(weekdayOf(today));
    const monday = shiftDay(today, -fromMonday);
    const run = (first: string, count: number) => Array.from({ length: count }, (_, i) => shiftDay(first, i));
    switch (week) {
      case 'this_week':
        return run(today, 7 - fromMonday);
      case 'next_week':
        return run(shiftDay(monday, 7), 7);
      case 'weekend':
        return fromMonday === 6 ? [today] : run(shiftDay(monday, 5), 2).filter((d) => d >= today);
      case 'next_weekend':
        return run(shiftDay(monday, 12), 2);
    }
  }

  /** Free start times per therapist on the days, for sessions of `minutes`, with each therapist's time off. */
  async function freeTimesOn(days: string[], minutes: number): Promise<DayAvailability[]> {
    const busy = await store.occupancy([shiftDay(days[0]!, -1), ...days]);
    return days.map((day) => {
      const from = zonedInstant(day, '00:00', zone);
      const to = zonedInstant(shiftDay(day, 1), '00:00', zone);
      const slots = findFreeSlots({ settings: calendar, durationMinutes: minutes, from, to, busy, now: ctx.now(), therapist: 'any' });
      const unbookable = unbookableDay(day);
      const notice = new Date(ctx.now().getTime() + calendar.minNoticeMinutes * 60_000);
      const today = !unbookable && day === dayKey(ctx.now(), zone) && calendar.minNoticeMinutes > 0;
      return {
        day,
        dayLabel: text.day(day),
        ...(unbookable ? { unbookable } : {}),
        ...(today ? { bookableFrom: text.time(notice) } : {}),
        therapists: calendar.therapists.map((t) => ({
          id: t.id,
          name: t.name,
          times: slots.filter((s) => s.therapistIds.includes(t.id)).map((s) => text.time(s.start)),
          off: busy.filter((o) => o.off !== undefined && o.therapistId === t.id && dayKey(o.start, zone) === day).map((o) => `${text.time(o.start)}–${text.time(o.end)}`),
        })),
      };
    });
  }

  return {
    /** Free start times per therapist for a day or range, for a session length (default the longest). */
    async availability(when: string, durationMinutes?: number) {
      const minutes = durationMinutes ?? Math.max(...calendar.durations);
      if (!calendar.durations.includes(minutes)) return { ok: false as const, reason: 'bad_duration' as const };
      const days = daysMeant(when);
      if (!days) return { ok: false as const, reason: 'bad_day' as const };
      if (days.length > MAX_AVAILABILITY_DAYS) return { ok: false as const, reason: 'too_long_range' as const };
      const result = await freeTimesOn(days, minutes);
      return { ok: true as const, days: result };
    },

    /** Today and the next `days - 1` days per therapist: their bookings, the free start times, their time off. */
    async schedule(days = 2): Promise<DaySchedule[]> {
      const today = dayKey(ctx.now(), zone);
      const wanted = Array.from({ length: days }, (_, i) => shiftDay(today, i));
      const minutes = Math.max(...calendar.durations);
      const [free, booked] = await Promise.all([freeTimesOn(wanted, minutes), Promise.all(wanted.map((day) => store.listByDay(day)))]);
      return wanted.map((day, i) => {
        const open = free[i];
        return {
          day,
          dayLabel: text.day(day),
          ...(open?.unbookable ? { unbookable: open.unbookable } : {}),
          therapists: calendar.therapists.map((t) => {
            const times = open?.therapists.find((x) => x.id === t.id);
            return { id: t.id, name: t.name, bookings: booked[i]!.filter((b) => b.therapistId === t.id), free: times?.times ?? [], off: times?.off ?? [] };
          }),
        };
      });
    },

    /** A day's confirmed bookings in order ("today", "tomorrow", a date; default today). */
    async bookingsOn(when?: string) {
      const days = daysMeant(when);
      if (!days) return { ok: false as const, reason: 'bad_day' as const };
      const day = days[0]!;
      return { ok: true as const, day, dayLabel: text.day(day), bookings: await store.listByDay(day) };
    },

    /** One booking by reference. */
    booking(ref: string): Promise<Booking | undefined> {
      return store.get(ref.trim().toUpperCase());
    },

    /**
     * A guest's confirmed bookings, found by phone, email or name: from a week back (who came) to as
     * far ahead as guests can book, soonest first.
     */
    async bookingsOf(query: GuestQuery): Promise<{ from: string; bookings: Booking[] }> {
      const today = dayKey(ctx.now(), zone);
      const from = shiftDay(today, -SEARCH_DAYS_BACK);
      const days = Array.from({ length: SEARCH_DAYS_BACK + calendar.horizonDays + 1 }, (_, i) => shiftDay(from, i));
      const byDay = await Promise.all(days.map((day) => store.listByDay(day)));
      const bookings = byDay.flat().filter((booking) => guestMatches(query, booking.guest));
      return { from: text.day(from), bookings: bookings.sort((a, b) => a.start.localeCompare(b.start)) };
    },

    /**
     * Cancels for the spa, tells listeners, and tells the guest on their channel. The notice follows
     * the change log (group `guest-notices`): this call hands out and sends what is new there at once
     * (so staff hear whether the guest was told), and a notice that fails or is cut short by a crash
     * stays in the log for the process's reader to send (`guestNotice`). `guestTold` is "pending"
     * when another reader took the notice first.
     */
    async cancel(ref: string, staffName: string) {
      const booking = await store.get(ref.trim().toUpperCase());
      if (!booking) return { ok: false as const, reason: 'not_found' as const };
      if (booking.status === 'cancelled') return { ok: false as const, reason: 'already_cancelled' as const };
      // A session that is over stays as it was: there is nothing left to cancel, nor a guest to tell.
      if (new Date(booking.end).getTime() <= ctx.now().getTime()) return { ok: false as const, reason: 'over' as const };
      await store.changes.join(GUEST_NOTICES_GROUP);
      const result = await store.cancel(booking.ref, booking.guest.key, ctx.now().toISOString(), { by: 'spa' });
      if (!result.ok) return { ok: false as const, reason: 'not_found' as const };
      // Another member of staff (or the guest) cancelled it a moment ago: they were told then.
      if (result.already) return { ok: false as const, reason: 'already_cancelled' as const };
      logger.info({ ref: booking.ref, staff: staffName }, 'booking cancelled by staff');
      ctx.events.emit({ type: 'cancelled', booking: result.booking });
      const guestTold = await sendNoticesNow(booking.ref);
      return { ok: true as const, booking: result.booking, guestTold };
    },

    /**
     * Books for a walk-in or a caller, with the engine and the atomic store guests book with, and the
     * same event: the staff channel hears of it, and reminders go where the guest can be reached (a
     * desk booking has no chat, so none). Staff may book at short notice, not in the past.
     */
    async bookAtDesk(request: DeskBookingRequest, staffName: string): Promise<{ ok: true; booking: Booking; duplicate: boolean } | { ok: false; reason: DeskBookingRefusal }> {
      if (request.therapist && request.therapist !== 'any' && !calendar.therapists.some((t) => t.id === request.therapist)) return { ok: false, reason: 'unknown_therapist' };
      const start = zonedInstant(request.day, request.time, zone);
      const therapist = request.therapist ?? 'any';
      const check = checkRequestedTime({
        settings: { ...calendar, minNoticeMinutes: 0 },
        durationMinutes: request.minutes,
        now: ctx.now(),
        therapist,
        guestKey: `${FRONT_DESK_CHANNEL}:${request.key}`,
        start,
        busy: await occupancyAround(ctx, start, 1, 1),
      });
      if (!check.ok) return { ok: false, reason: check.reason };
      const now = ctx.now().toISOString();
      const result = await reserveNew(ctx, {
        idempotencyKey: `${FRONT_DESK_CHANNEL}:${request.key}`,
        // No guest limit applies at the desk.
        booking: (ref) => ({
          ref,
          service: ctx.serviceId,
          durationMinutes: request.minutes,
          start: start.toISOString(),
          end: new Date(start.getTime() + request.minutes * 60_000).toISOString(),
          day: request.day,
          therapistRequested: therapist,
          guest: { key: `${FRONT_DESK_CHANNEL}:${ref}`, name: request.name, contact: request.contact ?? '', channel: FRONT_DESK_CHANNEL, conversationId: ref },
          notes: request.notes?.trim() ? { health: request.notes.trim().slice(0, 1000) } : {},
          status: 'confirmed',
          createdAt: now,
          updatedAt: now,
        }),
      });
      if (!result.ok) return { ok: false, reason: 'taken' };
      if (!result.duplicate) logger.info({ ref: result.booking.ref, staff: staffName }, 'booking made by staff');
      return result;
    },

    /**
     * A therapist's time off (`/timeoff Mai tomorrow`, `/timeoff An 2026-12-24 14:00-18:00`): a day alone
     * is its opening hours, a time alone runs to closing. From then on neither guests nor `/availability`
     * are offered that therapist then; bookings already made in it stay and are named, for staff to see
     * to. `/timeoff` alone lists what is ahead; `remove` with an id, or a therapist and a day, takes it back.
     */
    async timeOff(line: string, staffName: string): Promise<TimeOffOutcome> {
      const ref = { now: ctx.now(), timeZone: zone };
      const said = readTimeOffLine(line.slice(0, 300), calendar.therapists, ref);
      const today = dayKey(ctx.now(), zone);
      const ahead = () => Array.from({ length: calendar.horizonDays + 1 }, (_, i) => shiftDay(today, i));
      switch (said.kind) {
        case 'list': {
          const entries = await store.listTimeOff(ahead());
          return { kind: 'list', entries: entries.filter((off) => new Date(off.end).getTime() > ctx.now().getTime()) };
        }
        case 'unclear':
          return { kind: 'refused', reason: said.missing === 'therapist' ? 'no_therapist' : 'no_day' };
        case 'remove': {
          const ids = 'id' in said ? [said.id] : (await store.listTimeOff([said.day])).filter((off) => off.therapistId === said.therapist).map((off) => off.id);
          const removed = (await Promise.all(ids.map((id) => store.removeTimeOff(id)))).filter((off): off is TimeOff => off !== undefined);
          if (removed.length === 0) return { kind: 'refused', reason: 'not_found' };
          logger.info({ ids: removed.map((off) => off.id), staff: staffName }, 'time off removed by staff');
          return { kind: 'removed', removed };
        }
        case 'add': {
          const hours = openingWindow(said.day, calendar);
          if (!hours) return { kind: 'refused', reason: 'closed' };
          const start = said.from ? zonedInstant(said.day, said.from, zone).getTime() : hours.open;
          const end = said.to ? zonedInstant(said.day, said.to, zone).getTime() : hours.close;
          if (end <= start) return { kind: 'refused', reason: 'bad_range' };
          if (end <= ctx.now().getTime()) return { kind: 'refused', reason: 'past' };
          const timeOff: TimeOff = {
            id: newTimeOffId(),
            therapistId: said.therapist,
            start: new Date(start).toISOString(),
            end: new Date(end).toISOString(),
            day: said.day,
            by: staffName,
            createdAt: ctx.now().toISOString(),
          };
          let result = await store.addTimeOff(timeOff);
          // Four random characters rarely meet an id in use; a second draw settles it.
          if (!result.ok) result = await store.addTimeOff({ ...timeOff, id: newTimeOffId() });
          if (!result.ok) throw new Error('no free id for time off after two tries');
          logger.info({ id: result.timeOff.id, therapist: said.therapist, clashes: result.clashes.length, staff: staffName }, 'time off set by staff');
          return { kind: 'added', timeOff: result.timeOff, clashes: result.clashes };
        }
      }
    },

    /**
     * What guests wrote over the last `days` days that the bot did not understand, without names or
     * numbers, the same words grouped, most often first; and the day the report starts.
     */
    async missedReport(days = 7): Promise<{ from: string; groups: MissedGroup[]; total: number }> {
      const from = new Date(ctx.now().getTime() - days * 86_400_000);
      const messages = missed ? await missed.since(from) : [];
      return { from: text.day(dayKey(from, zone)), groups: groupMissed(messages), total: messages.length };
    },

    /** A booking's start and end on the spa's clock ("15:00", "16:00"). */
    clockTimes(booking: Booking): { start: string; end: string } {
      return { start: text.time(new Date(booking.start)), end: text.time(new Date(booking.end)) };
    },

    /** Whether the spa is open now (by its opening hours), and the day it opened: when the day's schedule is due. */
    openNow(): { day: string } | undefined {
      const hours = windowHolding(ctx.now().getTime(), calendar);
      return hours && { day: hours.day };
    },

    /** "Thu 24 Dec, 14:00–18:00" and the therapist's name, for time off shown to staff. */
    describeTimeOff(off: TimeOff): { when: string; therapist: string } {
      return { when: `${text.shortLabel(new Date(off.start))}–${text.time(new Date(off.end))}`, therapist: text.therapistName(off.therapistId) };
    },

    /**
     * The free start times a booking could move to, for its length and the therapist the guest asked
     * for, over the next week (staff may move at short notice); grouped by day, at most `max` in all.
     */
    async moveChoices(ref: string, max = MAX_CHOICES): Promise<{ booking: Booking; days: StartChoices } | undefined> {
      const booking = await store.get(ref.trim().toUpperCase());
      if (!booking || booking.status !== 'confirmed') return undefined;
      const days = await startChoices(booking.durationMinutes, booking.therapistRequested, max, booking);
      return { booking, days };
    },

    /** The free start times a walk-in or a caller could take (`/book` with nothing after it): the shortest session, anyone, over the next week. */
    bookChoices(max = MAX_CHOICES): Promise<StartChoices> {
      return startChoices(Math.min(...calendar.durations), 'any', max);
    },

    /**
     * Moves a booking for the spa (the Move button), with the engine and atomic store guests book with:
     * its length and the therapist the guest asked for, at any notice. Reminders follow the change log;
     * the guest is told with `tellGuest(ref)`, which the caller calls once it has answered staff (Slack
     * waits 3 seconds at most), and which the log's reader does anyway if it never is.
     */
    async moveAtDesk(
      ref: string,
      startIso: string,
      staffName: string,
    ): Promise<{ ok: true; booking: Booking; previous: Booking } | { ok: false; reason: 'not_found' | 'cancelled' | 'over' | RequestedTimeReason }> {
      const booking = await store.get(ref.trim().toUpperCase());
      if (!booking) return { ok: false, reason: 'not_found' };
      if (booking.status === 'cancelled') return { ok: false, reason: 'cancelled' };
      if (new Date(booking.end).getTime() <= ctx.now().getTime()) return { ok: false, reason: 'over' };
      const start = new Date(startIso);
      if (Number.isNaN(start.getTime())) return { ok: false, reason: 'off_grid' };
      const check = checkRequestedTime({
        settings: { ...calendar, minNoticeMinutes: 0 },
        durationMinutes: booking.durationMinutes,
        now: ctx.now(),
        therapist: booking.therapistRequested,
        guestKey: booking.guest.key,
        ignoreRef: booking.ref,
        start,
        busy: await occupancyAround(ctx, start, 1, 1),
      });
      if (!check.ok) return { ok: false, reason: check.reason };
      await store.changes.join(GUEST_NOTICES_GROUP);
      const end = check.slot.end;
      const result = await store.move({
        ref: booking.ref,
        guestKey: booking.guest.key,
        start,
        end,
        day: dayKey(start, zone),
        rules: capacityRules(calendar, start, end),
        updatedAt: ctx.now().toISOString(),
        by: 'spa',
      });
      if (!result.ok) return { ok: false, reason: result.reason === 'taken' ? 'taken' : 'not_found' };
      logger.info({ ref: booking.ref, staff: staffName }, 'booking moved by staff');
      ctx.events.emit({ type: 'moved', booking: result.booking, previous: result.previous });
      return { ok: true, booking: result.booking, previous: result.previous };
    },

    /** Tells guests now of what staff changed (from the change log); whether `ref`'s own notice went out ("pending": another reader has it). */
    tellGuest: (ref: string): Promise<boolean | 'pending'> => sendNoticesNow(ref),

    /** Tells the guest what staff did to their booking (a cancellation or a move by the spa); throws when their channel fails, so it is tried again. */
    guestNotice,

    /** Marks whether the guest came. A no-show only once the session has started: before, the guest may still come. */
    async markAttendance(ref: string, attendance: Attendance) {
      const booking = attendance === 'no_show' ? await store.get(ref.trim().toUpperCase()) : undefined;
      if (booking && booking.status !== 'cancelled' && new Date(booking.start).getTime() > ctx.now().getTime()) {
        return { ok: false as const, reason: 'not_started' as const, booking };
      }
      return store.setAttendance(ref.trim().toUpperCase(), attendance, ctx.now().toISOString());
    },

    /** "Fri 27 Nov, 15:00" and the therapist's name, in the spa's zone. */
    describe(booking: Booking): { when: string; therapist: string } {
      return { when: text.shortLabel(new Date(booking.start)), therapist: text.therapistName(booking.therapistId) };
    },
  };
}

export type StaffDesk = ReturnType<typeof createStaffDesk>;
