import { bookingsAhead, type Booking, type GuestLimit } from '../../booking/index.ts';
import { intentAction } from '../actions.ts';
import type { BookingContext, BookingGuest, BookingOutcome } from './booking-context.ts';
import type { BookingMemory } from './booking-state.ts';

// Flood protection: one guest may have only so many sessions booked ahead. The store enforces it when it
// writes a booking; checking here first spares a guest at the limit the whole conversation.

/** The limit a booking confirmed now is held to, from the spa's settings; undefined when there is none. */
export function guestLimitNow(ctx: BookingContext): GuestLimit | undefined {
  const max = ctx.calendar.maxUpcomingPerGuest;
  return max === undefined ? undefined : { maxUpcoming: max, now: ctx.now() };
}

/** The limit's answer when the guest already has as many sessions ahead as allowed; undefined when they may book. */
export async function refuseAtGuestLimit(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory): Promise<BookingOutcome | undefined> {
  const limit = guestLimitNow(ctx);
  if (!limit) return undefined;
  const ahead = bookingsAhead(await ctx.store.listByGuest(guest.key), limit.now);
  return ahead.length >= limit.maxUpcoming ? limitReached(ctx, memory, ahead) : undefined;
}

/** The same answer when the store refused the booking at the limit (another booking got there first). */
export async function refusedAtGuestLimit(ctx: BookingContext, guest: BookingGuest, memory: BookingMemory): Promise<BookingOutcome> {
  return limitReached(ctx, memory, bookingsAhead(await ctx.store.listByGuest(guest.key), ctx.now()));
}

/** Lists the guest's sessions ahead and offers what they can do instead; the booking in progress ends. */
function limitReached(ctx: BookingContext, memory: BookingMemory, ahead: Booking[]): BookingOutcome {
  const texts = ctx.content.booking;
  const list = ahead.map((b) => ctx.text.line(b)).join('\n');
  const choices = [
    { label: texts.labels.my_bookings, action: intentAction('booking.mine') },
    { label: ctx.content.messages.labels.person, action: intentAction('person') },
  ];
  return { replies: [{ text: ctx.text.say(texts.guest_limit, { list }), choices }], memory: { ...memory, draft: undefined, manage: undefined } };
}
