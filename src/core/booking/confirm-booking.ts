import { newBookingRef, zonedInstant, type Booking } from '../../booking/index.ts';
import { capacityRules, type BookingContext, type BookingGuest, type BookingOutcome } from './booking-context.ts';
import type { BookingDraft, BookingMemory } from './booking-state.ts';
import { guestLimitNow } from './guest-limit.ts';

/**
 * Confirms the draft atomically in the store, within the guest's limit of sessions ahead. The
 * idempotency key is the draft's, so a second "Confirm" (or a redelivered message) returns the first
 * booking instead of making another.
 */
export async function confirmBooking(
  ctx: BookingContext,
  guest: BookingGuest,
  memory: BookingMemory,
  draft: BookingDraft,
): Promise<{ kind: 'confirmed'; outcome: BookingOutcome } | { kind: 'incomplete' } | { kind: 'taken' } | { kind: 'guest_limit' }> {
  const { calendar, text } = ctx;
  if (!draft.durationMinutes || !draft.day || !draft.time || !draft.name || !draft.contact) return { kind: 'incomplete' };
  const start = zonedInstant(draft.day, draft.time, calendar.timeZone);
  const end = new Date(start.getTime() + draft.durationMinutes * 60_000);
  const now = ctx.now().toISOString();
  const guestLimit = guestLimitNow(ctx);
  for (let attempt = 0; attempt < 5; attempt++) {
    const booking: Omit<Booking, 'therapistId'> = {
      ref: newBookingRef(),
      service: ctx.serviceId,
      durationMinutes: draft.durationMinutes,
      start: start.toISOString(),
      end: end.toISOString(),
      day: draft.day,
      therapistRequested: draft.therapist ?? 'any',
      guest: { key: guest.key, name: draft.name, contact: draft.contact, channel: guest.channel, conversationId: guest.conversationId, ...(guest.language ? { language: guest.language } : {}), ...(guest.timeZone ? { timeZone: guest.timeZone } : {}) },
      notes: { ...(draft.pressure ? { pressure: draft.pressure } : {}), ...(draft.health ? { health: draft.health } : {}) },
      status: 'confirmed',
      createdAt: now,
      updatedAt: now,
    };
    const result = await ctx.store.reserve({
      idempotencyKey: `${guest.key}:${draft.key}`,
      ...(draft.hold ? { holdId: draft.hold.id } : {}),
      booking,
      rules: capacityRules(calendar),
      ...(guestLimit ? { guestLimit } : {}),
    });
    if (result.ok) {
      if (!result.duplicate) ctx.events.emit({ type: 'created', booking: result.booking });
      const outcome: BookingOutcome = {
        replies: [{ text: text.confirmation(result.booking), choices: ctx.menuChoices() }],
        memory: {
          ...memory,
          draft: undefined,
          last: { key: draft.key, ref: result.booking.ref },
          profile: { name: draft.name, contact: draft.contact },
        },
      };
      return { kind: 'confirmed', outcome };
    }
    if (result.reason === 'taken' || result.reason === 'guest_limit') return { kind: result.reason };
    // ref_in_use: a new reference and try again.
  }
  throw new Error('could not find a free booking reference');
}
