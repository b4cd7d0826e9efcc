import { z } from 'zod';
import { LANGUAGES } from '../languages.ts';
import { bookingMemorySchema } from './booking/booking-state.ts';
import type { Turn } from './types.ts';

// Dialogue state of one conversation. It is validated on every read: state written by an
// older version, or damaged in the store, resets the conversation instead of crashing it.

export const conversationStateSchema = z.object({
  version: z.literal(1),
  guest: z.object({
    id: z.string().max(200),
    name: z.string().max(200).optional(),
    language: z.string().max(35).optional(),
    /** The guest's zone as they told it (the time on their phone), where the channel sends none. */
    timeZone: z.string().max(64).optional(),
  }),
  /** The language the conversation is in, once the guest wrote or chose one (absent: the channel's or the default). */
  language: z.enum(LANGUAGES).optional(),
  /** Consecutive messages the bot did not understand. */
  misses: z.number().int().min(0).max(100),
  /** The walk-through in progress and the step last shown (0-based). */
  /** The walk-through under way; `aside` once the guest asked something else in its middle. */
  walkthrough: z.object({ id: z.string().max(100), step: z.number().int().min(0), aside: z.boolean().optional() }).optional(),
  /** The last few lines of the conversation, for a person taking over. */
  recent: z.array(z.object({ from: z.enum(['guest', 'bot', 'staff']), text: z.string().max(300) })).max(8).optional(),
  /** Set while a person on the team has the conversation: the bot stays quiet and passes messages on. */
  handover: z.object({ channel: z.string().max(20), conversationId: z.string().max(200), since: z.iso.datetime() }).optional(),
  /** Booking in progress, a cancel or move waiting for an answer, and the guest's last booking. */
  booking: bookingMemorySchema.optional(),
  updatedAt: z.iso.datetime(),
});

export type ConversationState = z.infer<typeof conversationStateSchema>;

/** The one key that decides both where a conversation's state lives and the order its messages are handled in. */
export function conversationKey(turn: Pick<Turn, 'channel' | 'conversationId'>): string {
  return `${turn.channel}:${turn.conversationId}`;
}

/** A fresh state for a guest who has not talked to the bot yet (or whose state expired). */
export function newConversationState(turn: Turn, now: Date): ConversationState {
  return {
    version: 1,
    guest: { id: turn.guest.id.slice(0, 200) },
    misses: 0,
    updatedAt: now.toISOString(),
  };
}
