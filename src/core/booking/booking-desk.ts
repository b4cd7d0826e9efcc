import { parseBookingAction } from './booking-actions.ts';
import { upcomingBookings, type BookingContext, type BookingGuest, type BookingOutcome } from './booking-context.ts';
import { continueBookingWithAction, continueBookingWithText, repromptBooking, startBooking } from './booking-flow.ts';
import type { BookingDraft, BookingMemory } from './booking-state.ts';
import { askManageAgain, continueManagingWithAction, continueManagingWithText, listMyBookings, startManaging } from './manage-bookings.ts';
import type { MessageSense } from './apply-answer.ts';
import { zoneShowing } from './guest-clock.ts';

/** The booking side of the concierge: one entry per way a guest reaches it. */
export function createBookingDesk(ctx: BookingContext) {
  /** The context as this guest reads it: times on the spa's clock and, when their device's zone is known, on theirs. */
  const as = (guest: BookingGuest): BookingContext => (guest.timeZone ? { ...ctx, text: ctx.text.forGuest(guest.timeZone) } : ctx);

  /**
   * The answer to "what time is it on your phone?": the guest's zone, and the summary again on both
   * clocks. Anything else is read as the summary's answer ("yes, confirm").
   */
  async function clockAnswer(guest: BookingGuest, memory: BookingMemory & { draft: BookingDraft }, text: string, sense: MessageSense) {
    const draft = { ...memory.draft, clockAsked: undefined };
    const local = ctx.reader.clockTimeIn(text);
    const zone = local && zoneShowing(local.hour * 60 + local.minute, ctx.now());
    if (!zone) return continueBookingWithText(as(guest), guest, { ...memory, draft }, text, sense);
    const known = { ...guest, timeZone: zone };
    const again = await repromptBooking(as(known), known, { ...memory, draft }, [ctx.text.say(ctx.content.booking.clock_set)]);
    return { ...again, guestTimeZone: zone };
  }

  return {
    /** A booking intent the guest typed ("can I come tomorrow at 3?", "cancel my booking"). */
    forIntent(intent: string, guest: BookingGuest, memory: BookingMemory, text?: string): Promise<BookingOutcome> {
      switch (intent) {
        case 'booking.mine':
          return listMyBookings(as(guest), guest, memory);
        case 'booking.cancel':
          return startManaging(as(guest), guest, memory, 'cancel', text);
        case 'booking.reschedule':
          return startManaging(as(guest), guest, memory, 'move', text);
        default:
          // "Can I come an hour earlier?" is about a time the guest already has: their booking.
          if (!memory.draft && text && ctx.reader.wantedShift(text) !== undefined) return startManaging(as(guest), guest, memory, 'move', text);
          return startBooking(as(guest), guest, memory, text);
      }
    },

    /**
     * "I need to move my booking" said while a new booking is under way, naming no new time, by a guest
     * who has bookings: it is about one of those. The booking under way is dropped (its hold freed) and
     * the move starts; undefined when the guest has none (the booking under way goes on).
     */
    async switchToMoving(guest: BookingGuest, memory: BookingMemory, text: string): Promise<BookingOutcome | undefined> {
      if (!memory.draft || (await upcomingBookings(ctx, guest.key)).length === 0) return undefined;
      if (memory.draft.hold) await ctx.store.releaseHold(memory.draft.hold.id);
      return startManaging(as(guest), guest, { ...memory, draft: undefined }, 'move', text);
    },

    /** A pressed booking button; undefined when the action is not a (valid) booking one. */
    async forAction(action: string, guest: BookingGuest, memory: BookingMemory): Promise<BookingOutcome | undefined> {
      const parsed = parseBookingAction(action);
      if (!parsed) return undefined;
      if (parsed.kind === 'manage' || parsed.kind === 'manage-yes' || parsed.kind === 'manage-no' || parsed.kind === 'move-to') {
        return continueManagingWithAction(as(guest), guest, memory, parsed);
      }
      return continueBookingWithAction(as(guest), guest, memory, parsed);
    },

    /** Whether a booking, cancel or move waits for the guest's answer. */
    waiting: (memory: BookingMemory) => Boolean(memory.draft || memory.manage),

    /** Typed text while a booking, cancel or move waits for an answer; undefined when none does. */
    async forText(guest: BookingGuest, memory: BookingMemory, text: string, sense: MessageSense = {}): Promise<BookingOutcome | 'unhandled' | undefined> {
      if (memory.draft?.clockAsked) return clockAnswer(guest, { ...memory, draft: memory.draft }, text, sense);
      if (memory.draft) return continueBookingWithText(as(guest), guest, { ...memory, draft: memory.draft }, text, sense);
      if (memory.manage) return continueManagingWithText(as(guest), guest, { ...memory, manage: memory.manage }, text, sense);
      return undefined;
    },

    /** The pending booking question again, after the guest asked something else (or which booking they mean). */
    async reprompt(guest: BookingGuest, memory: BookingMemory): Promise<BookingOutcome | undefined> {
      if (memory.draft) return repromptBooking(as(guest), guest, { ...memory, draft: memory.draft });
      if (memory.manage?.awaiting === 'pick') return startManaging(as(guest), guest, memory, memory.manage.action);
      if (memory.manage) return askManageAgain(as(guest), { ...memory, manage: memory.manage });
      return undefined;
    },

    /** The calendar and store, for staff tools. */
    context: ctx,
  };
}

export type BookingDesk = ReturnType<typeof createBookingDesk>;
