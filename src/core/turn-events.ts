import type { ChannelName } from './types.ts';

/**
 * What happened in one guest turn, announced after it for metrics. Carries no text and no
 * personal details, only what the turn was understood as and how it went.
 */
export interface TurnEvent {
  type: 'turn';
  channel: ChannelName;
  /** `text` for typed messages, `action` for a pressed button or picked option. */
  input: 'text' | 'action';
  /** The language the turn was answered in ("en", "ko"...). */
  language?: string;
  /** The intent the classifier chose for typed text, when it was asked; `None` when nothing fit. */
  intent?: string;
  /** The classifier's score for that intent, 0..1. */
  confidence?: number;
  /**
   * What the replies answered, in order: intent or question ids, `step` when typed text answered the
   * booking question asked, `booking.stop` when it stopped a booking, `fallback` for "did not
   * understand", `other-language`.
   */
  answered?: string[];
  /** The guest got a "did not understand" answer. */
  fallback: boolean;
  /** `answered`, `limited` (too many messages), `store_unavailable` (Redis failed) or `failed` (a bug). */
  outcome: 'answered' | 'limited' | 'store_unavailable' | 'failed';
  /** From the turn arriving to its replies being ready, in milliseconds. */
  durationMs: number;
}
