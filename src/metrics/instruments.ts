// The metrics themselves: names, help texts, labels and buckets, all on one registry.
import { Counter, Histogram, type Registry } from 'prom-client';

/** Every counter and histogram the process exposes, besides the default process metrics. */
export interface Instruments {
  messages: Counter<'channel' | 'intent'>;
  fallbacks: Counter<'channel'>;
  intentConfidence: Histogram;
  turns: Counter<'outcome'>;
  replyDuration: Histogram<'channel'>;
  bookings: Counter<'change'>;
  handovers: Counter<'reason'>;
  storeErrors: Counter<'operation'>;
  platformErrors: Counter<'platform' | 'method'>;
}

/** Confidence is a score from 0 to 1; ten even buckets show where the classifier hesitates. */
export const CONFIDENCE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** A turn answered from memory takes about a millisecond; one that waits on Redis or a lock, up to seconds. */
export const REPLY_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The turn outcomes, booking changes and hand-over reasons the core announces. */
export const TURN_OUTCOMES = ['answered', 'limited', 'store_unavailable', 'failed'] as const;
export const BOOKING_CHANGES = ['created', 'moved', 'cancelled'] as const;
export const HANDOVER_REASONS = ['asked', 'misunderstood'] as const;

/** The store operation counted when a caller names none: an error the Redis client reported. */
export const CONNECTION_OPERATION = 'connection';
/** The store operation counted for a guest turn that could not reach the store. */
export const TURN_OPERATION = 'turn';

/** Creates the metrics on `registry`, each name starting with `prefix`. */
export function createInstruments(registry: Registry, prefix: string): Instruments {
  const registers = [registry];
  const instruments: Instruments = {
    messages: new Counter({
      name: `${prefix}messages_total`,
      help: 'Guest messages handled, by channel and the intent they were understood as (none: not understood; action: a button; unclassified: answered by the step the conversation was at).',
      labelNames: ['channel', 'intent'],
      registers,
    }),
    fallbacks: new Counter({
      name: `${prefix}fallbacks_total`,
      help: 'Guest messages answered with "did not understand", by channel; divided by messages_total, the fallback rate.',
      labelNames: ['channel'],
      registers,
    }),
    intentConfidence: new Histogram({
      name: `${prefix}intent_confidence`,
      help: "The classifier's score for the intent it chose for a guest's text, 0 to 1.",
      buckets: CONFIDENCE_BUCKETS,
      registers,
    }),
    turns: new Counter({
      name: `${prefix}turns_total`,
      help: 'Guest turns by outcome: answered, limited (too many messages), store_unavailable (Redis failed) or failed (a bug).',
      labelNames: ['outcome'],
      registers,
    }),
    replyDuration: new Histogram({
      name: `${prefix}reply_duration_seconds`,
      help: "From a guest's turn arriving to its replies being ready, by channel.",
      labelNames: ['channel'],
      buckets: REPLY_SECONDS_BUCKETS,
      registers,
    }),
    bookings: new Counter({
      name: `${prefix}bookings_total`,
      help: 'Bookings created, moved and cancelled, by change.',
      labelNames: ['change'],
      registers,
    }),
    handovers: new Counter({
      name: `${prefix}handovers_total`,
      help: 'Conversations handed over to a person on the team, by reason (asked, or misunderstood twice).',
      labelNames: ['reason'],
      registers,
    }),
    storeErrors: new Counter({
      name: `${prefix}store_errors_total`,
      help: 'Errors from the store (Redis), by operation (connection: the client reported one; turn: a guest turn could not reach it).',
      labelNames: ['operation'],
      registers,
    }),
    platformErrors: new Counter({
      name: `${prefix}platform_errors_total`,
      help: 'Failed calls to a platform API (Telegram Bot API, Slack Web API), by platform and method.',
      labelNames: ['platform', 'method'],
      registers,
    }),
  };
  // Series that exist from the start read as 0 rather than missing, so rates and alerts work
  // before the first occurrence.
  for (const outcome of TURN_OUTCOMES) instruments.turns.inc({ outcome }, 0);
  for (const change of BOOKING_CHANGES) instruments.bookings.inc({ change }, 0);
  for (const reason of HANDOVER_REASONS) instruments.handovers.inc({ reason }, 0);
  for (const operation of [CONNECTION_OPERATION, TURN_OPERATION]) instruments.storeErrors.inc({ operation }, 0);
  return instruments;
}
