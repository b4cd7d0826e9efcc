import { z } from 'zod';

// The part of a conversation's state that belongs to booking, validated with the rest of it.

const isoInstant = z.iso.datetime();

/** A booking being put together, answer by answer. */
export const bookingDraftSchema = z.object({
  /** Idempotency key of this booking: confirming twice makes one booking. */
  key: z.string().regex(/^[a-z0-9]{6,16}$/),
  durationMinutes: z.number().int().positive().optional(),
  day: z.iso.date().optional(),
  time: z.string().regex(/^\d\d:\d\d$/).optional(),
  period: z.enum(['morning', 'afternoon', 'evening', 'night']).optional(),
  /**
   * A loose time the guest gave ("after lunch": 13:00 to 15:00; "4ish": around 16:00; "asap": the
   * soonest; "as late as possible": the latest): the free times offered are those in the window,
   * nearest first when `around`. `pickFirst`: the guest left the time to the spa, so the first is taken.
   */
  window: z
    .object({ from: z.string().regex(/^\d\d:\d\d$/), to: z.string().regex(/^\d\d:\d\d$/), around: z.boolean().optional(), soonest: z.boolean().optional(), latest: z.boolean().optional(), pickFirst: z.boolean().optional() })
    .optional(),
  /** A stretch of days the guest named rather than a day ("the weekend", "next week"): the day question offers its days. */
  span: z.object({ from: z.iso.date(), to: z.iso.date() }).optional(),
  therapist: z.string().max(30).optional(),
  pressure: z.enum(['light', 'medium', 'firm']).optional(),
  health: z.string().max(500).optional(),
  name: z.string().max(60).optional(),
  contact: z.string().max(120).optional(),
  /** The time held for the guest: whose it is (the therapist free then, for "no preference") and until when. */
  hold: z
    .object({ id: z.string().max(64), start: isoInstant, therapistId: z.string().max(30), durationMinutes: z.number(), until: isoInstant.optional() })
    .optional(),
  /** The times last offered as choices, so "the first one" or "the earliest" picks one of them. */
  offered: z.array(isoInstant).max(48).optional(),
  /** A time the guest wanted that could not be had: the times offered instead stay around it. */
  near: isoInstant.optional(),
  /** The summary waits for the time on the guest's phone (asked once where the channel cannot tell their zone). */
  clockAsked: z.boolean().optional(),
  /** The question the bot asked last. */
  awaiting: z.enum(['duration', 'day', 'time', 'therapist', 'pressure', 'health', 'name', 'contact', 'confirm']).optional(),
});

/** A cancellation or move of an existing booking in progress. */
export const manageStateSchema = z.object({
  action: z.enum(['cancel', 'move']),
  ref: z.string().max(20).optional(),
  awaiting: z.enum(['pick', 'confirm', 'when']),
  /** Moving: the day the guest named before giving a time ("move it to Saturday", then "3pm"). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  newStart: isoInstant.optional(),
  holdId: z.string().max(64).optional(),
});

export const bookingMemorySchema = z.object({
  draft: bookingDraftSchema.optional(),
  manage: manageStateSchema.optional(),
  /** The last confirmed booking, so a repeated "Confirm" answers with it instead of booking again. */
  last: z.object({ key: z.string().max(16), ref: z.string().max(20) }).optional(),
  /** Name and contact from the guest's last booking, offered again next time. */
  profile: z.object({ name: z.string().max(60).optional(), contact: z.string().max(120).optional() }).optional(),
});

export type BookingDraft = z.infer<typeof bookingDraftSchema>;
export type ManageState = z.infer<typeof manageStateSchema>;
export type BookingMemory = z.infer<typeof bookingMemorySchema>;
