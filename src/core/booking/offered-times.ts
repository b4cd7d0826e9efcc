// The free times a guest is offered: a day's, grouped by part of the day, with the next free days
// beside them; those in the window the guest gave loosely ("after lunch", "4ish"); as buttons.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { dayKey, findFreeSlots, shiftDay, zonedInstant, type Booking, type FreeSlot } from '../../booking/index.ts';
import { fillTemplate, spaCity } from '../../content/index.ts';
import type { Choice } from '../types.ts';
import { bookingAction } from './booking-actions.ts';
import { occupancyAround, type BookingContext } from './booking-context.ts';
import type { BookingDraft } from './booking-state.ts';

// As many times as the booking conversation offers for a day (what the conversation state keeps).
const MAX_MOVE_TIMES = 48;

/** What findFreeSlots needs besides the span and what is busy. */
export type SlotInput = Omit<Parameters<typeof findFreeSlots>[0], 'from' | 'to' | 'busy'>;

/**
 * A day's free times as choices under their part of the day ("Morning"...), then the next two days
 * that still have a free time, under "Other days", so another day is one press away.
 */
export async function dayTimeChoices(ctx: BookingContext, slotInput: SlotInput, day: string, offered: FreeSlot[]): Promise<Choice[]> {
  const nextDays = await nextFreeDays(ctx, slotInput, day, 2);
  return [
    ...offered.map((s) => ({ ...timeChoice(ctx, s, 'time'), group: periodLabel(ctx, s.start) })),
    ...nextDays.map((next) => ({ label: ctx.text.day(next), action: bookingAction({ kind: 'day', day: next }), group: ctx.content.booking.other_days })),
  ];
}

/**
 * A day's free times for moving a booking there, grouped by part of the day; the booking's own time
 * does not count as taken.
 */
export async function moveTimeChoices(ctx: BookingContext, booking: Booking, guestKey: string, day: string): Promise<Choice[]> {
  const from = zonedInstant(day, '00:00', ctx.calendar.timeZone);
  const busy = await occupancyAround(ctx, from, 0, 1);
  const free = findFreeSlots({
    settings: ctx.calendar,
    durationMinutes: booking.durationMinutes,
    now: ctx.now(),
    therapist: booking.therapistRequested,
    guestKey,
    ignoreRef: booking.ref,
    from,
    to: new Date(from.getTime() + 86_400_000),
    busy,
  });
  return free
    .filter((s) => s.start.getTime() !== new Date(booking.start).getTime())
    .slice(0, MAX_MOVE_TIMES)
    .map((s) => ({ label: ctx.text.time(s.start), action: bookingAction({ kind: 'move-to', ref: booking.ref, start: s.start }), group: periodLabel(ctx, s.start) }));
}

/** A free time as a button: "15:00", or "Fri 27 Nov, 15:00" among times on several days. */
export function timeChoice(ctx: BookingContext, slot: FreeSlot, style: 'time' | 'when'): Choice {
  const label = style === 'time' ? ctx.text.time(slot.start) : ctx.text.shortLabel(slot.start);
  return { label, action: bookingAction({ kind: 'at', start: slot.start }) };
}

/** The spa's wall clock ("15:00") at an instant. */
export function clockOf(ctx: BookingContext, instant: Date): string {
  return format(new TZDate(instant, ctx.calendar.timeZone), 'HH:mm');
}

/**
 * Of a day's free times, those the guest asked for loosely: in the part of the day or the window
 * they named ("after lunch"), the nearest first around a time give or take ("4ish"), the soonest, or
 * the latest first.
 */
export function freeTimesWanted(ctx: BookingContext, draft: BookingDraft, free: FreeSlot[]): FreeSlot[] {
  const { window, period } = draft;
  if (period) return free.filter((s) => periodOf(ctx, s.start) === period);
  if (!window || window.soonest) return free;
  if (window.latest) return [...free].reverse();
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  if (window.around) {
    const at = minutes(window.from);
    const distance = (s: FreeSlot) => Math.abs(minutes(clockOf(ctx, s.start)) - at);
    return [...free].sort((a, b) => distance(a) - distance(b)).slice(0, 4).sort((a, b) => a.start.getTime() - b.start.getTime());
  }
  return free.filter((s) => clockOf(ctx, s.start) >= window.from && clockOf(ctx, s.start) <= window.to);
}

/**
 * The parts of the day among `choices` in one line, each with its first and last time ("Morning
 * 09:00–11:30 · Afternoon 12:00–16:30"), in the order offered; undefined when no choice is a time
 * under a part of the day. Telegram's keyboards have no headings: this line names the groups there.
 */
export function periodSpans(ctx: BookingContext, choices: Choice[]): string | undefined {
  const { periods, period_spans: words } = ctx.content.booking;
  const parts = new Set<string>(Object.values(periods));
  const timesByPart = new Map<string, string[]>();
  for (const choice of choices) {
    if (choice.group === undefined || !parts.has(choice.group)) continue;
    timesByPart.set(choice.group, [...(timesByPart.get(choice.group) ?? []), choice.label]);
  }
  const spans = [...timesByPart].map(([period, times]) => {
    const from = times[0] ?? '';
    const to = times.at(-1) ?? from;
    return times.length === 1 ? fillTemplate(words.one, { period, time: from }) : fillTemplate(words.span, { period, from, to });
  });
  return spans.length > 0 ? spans.join(words.between) : undefined;
}

/** The heading a free time is shown under: the part of the day it falls in (night times with the evening). */
function periodLabel(ctx: BookingContext, instant: Date): string {
  const period = periodOf(ctx, instant);
  return ctx.content.booking.periods[period === 'night' ? 'evening' : (period ?? 'morning')];
}

/** The spa's city as the guest's language writes it. */
export function cityName(ctx: BookingContext): string {
  return spaCity(ctx.content);
}

/** The next `count` days after `day` that still have a free time for this booking, within a week. */
async function nextFreeDays(ctx: BookingContext, slotInput: SlotInput, day: string, count: number): Promise<string[]> {
  const from = zonedInstant(shiftDay(day, 1), '00:00', ctx.calendar.timeZone);
  const busy = await occupancyAround(ctx, from, 0, 7);
  const free = findFreeSlots({ ...slotInput, from, to: new Date(from.getTime() + 7 * 86_400_000), busy });
  return [...new Set(free.map((s) => dayKey(s.start, ctx.calendar.timeZone)))].slice(0, count);
}

function periodOf(ctx: BookingContext, instant: Date): BookingDraft['period'] {
  const hour = new TZDate(instant, ctx.calendar.timeZone).getHours();
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : hour < 21 ? 'evening' : 'night';
}

