// What reminders need from a scheduler; src/store implements it with BullMQ (Redis) and with timers.
import { z } from 'zod';
import type { Booking } from '../booking/index.ts';
import type { PlannedMessage } from './plan.ts';
import type { ReminderSettings } from './settings.ts';

/** Why a message due now was not sent after all. */
export type SkipReason = 'not_found' | 'cancelled' | 'moved' | 'started' | 'no_show' | 'stale';

/** What became of a message when its time came. */
export type DeliveryOutcome = { kind: 'sent' } | { kind: 'skipped'; reason: SkipReason };

/**
 * Sends one planned message when its time comes, given by the wiring: it reads the booking again,
 * skips a message the booking no longer wants, builds the replies and sends them. Throws when the
 * guest's channel could not be reached, so the scheduler can try again.
 */
export type DeliverMessage = (message: PlannedMessage) => Promise<DeliveryOutcome>;

/** A message waiting to be sent, as a scheduler reports it. */
export type ScheduledMessage = Pick<PlannedMessage, 'id' | 'kind' | 'ref' | 'sendAt' | 'deferred'>;

/** Keeps each booking's reminders and follow-up, and sends each once when its time comes. */
export interface MessageScheduler {
  /** Plans a new booking's messages; scheduling the same booking twice is harmless. */
  schedule(booking: Booking): Promise<void>;
  /** A booking moved: its old messages go, the new time's are planned. */
  reschedule(booking: Booking): Promise<void>;
  /** A booking was cancelled: its messages go. */
  unschedule(ref: string): Promise<void>;
  /** What is waiting for a booking, soonest first (for checks and tests). */
  scheduled(ref: string): Promise<ScheduledMessage[]>;
  /** Starts sending messages as they fall due. */
  start(): Promise<void>;
  /** Stops sending, waits for a message being sent, and lets go of its resources. */
  stop(): Promise<void>;
  /** Plans by these settings from now on (the content was read again); messages already planned keep their times. */
  useSettings(settings: ReminderSettings): void;
}

/** A planned message as a job queue hands it back: checked, as stored data may be old or damaged. */
export const plannedMessageSchema = z.object({
  id: z.string().min(1).max(100),
  kind: z.enum(['reminder', 'follow-up']),
  ref: z.string().min(1).max(20),
  bookingStart: z.iso.datetime(),
  minutesBefore: z.number().int().positive().optional(),
  sendAt: z.iso.datetime(),
  deferred: z.boolean(),
}) satisfies z.ZodType<PlannedMessage>;
