import { newBookingRef, zonedInstant, type Booking, type ReserveRequest } from '../../booking/index.ts';
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
  const { durationMinutes, day, time, name, contact } = draft;
  if (!durationMinutes || !day || !time || !name || !contact) return { kind: 'incomplete' };
  const start = zonedInstant(day, time, calendar.timeZone);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const now = ctx.now().toISOString();
  const guestLimit = guestLimitNow(ctx);
  const result = await reserveNew(ctx, {
    idempotencyKey: `${guest.key}:${draft.key}`,
    ...(draft.hold ? { holdId: draft.hold.id } : {}),
    ...(guestLimit ? { guestLimit } : {}),
    booking: (ref) => ({
      ref,
      service: ctx.serviceId,
      durationMinutes,
      start: start.toISOString(),
      end: end.toISOString(),
      day,
      therapistRequested: draft.therapist ?? 'any',
      guest: { key: guest.key, name, contact, channel: guest.channel, conversationId: guest.conversationId, ...(guest.language ? { language: guest.language } : {}), ...(guest.timeZone ? { timeZone: guest.timeZone } : {}) },
      notes: { ...(draft.pressure ? { pressure: draft.pressure } : {}), ...(draft.health ? { health: draft.health } : {}) },
      status: 'confirmed',
      createdAt: now,
      updatedAt: now,
    }),
  });
  if (!result.ok) return { kind: result.reason };
  const outcome: BookingOutcome = {
    replies: [{ text: text.confirmation(result.booking), choices: ctx.menuChoices() }],
    memory: {
      ...memory,
      draft: undefined,
      last: { key: draft.key, ref: result.booking.ref },
      profile: { name, contact },
    },
  };
  return { kind: 'confirmed', outcome };
}

/**
 * Writes a new booking atomically under a fresh reference (one already in use is drawn again) and
 * tells listeners of it once: a repeat of the same idempotency key answers with the first booking.
 */
export async function reserveNew(
  ctx: BookingContext,
  request: Omit<ReserveRequest, 'booking' | 'rules'> & { booking: (ref: string) => Omit<Booking, 'therapistId'> },
): Promise<{ ok: true; booking: Booking; duplicate: boolean } | { ok: false; reason: 'taken' | 'guest_limit' }> {
  const { booking, ...rest } = request;
  for (let attempt = 0; attempt < 5; attempt++) {
    const made = booking(newBookingRef());
    const result = await ctx.store.reserve({ ...rest, booking: made, rules: capacityRules(ctx.calendar, new Date(made.start), new Date(made.end)) });
    if (result.ok) {
      if (!result.duplicate) ctx.events.emit({ type: 'created', booking: result.booking });
      return result;
    }
    if (result.reason !== 'ref_in_use') return { ok: false, reason: result.reason };
  }
  throw new Error('could not find a free booking reference');
}
