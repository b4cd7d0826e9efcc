// What the concierge announces, turned into counts. Only fixed words and known names become label
// values, never guest text or personal details (hand-over events carry both; only the reason is read).
import type { BookingEvent, ChannelName, Concierge, HandoverEvent, TurnEvent } from '../core/index.ts';
import { boundedLabel, INTENT_NAME_PATTERN } from './bounded-labels.ts';
import { BOOKING_CHANGES, HANDOVER_REASONS, TURN_OPERATION, TURN_OUTCOMES, type Instruments } from './instruments.ts';

/** The parts of a concierge that metrics listen to. */
export type ObservedConcierge = Pick<Concierge, 'turnEvents' | 'events' | 'handoverEvents'>;

/** Intent labels that are not intent names. */
export const INTENT_LABELS = {
  /** Text the classifier did not understand. */
  none: 'none',
  /** A pressed button or picked option. */
  action: 'action',
  /** Text in a language the bot does not speak. */
  otherLanguage: 'other_language',
  /** Text taken by the step the conversation was at (a booking question, a walkthrough, a hand-over). */
  unclassified: 'unclassified',
} as const;

const CHANNELS: readonly ChannelName[] = ['cli', 'telegram', 'web', 'slack'];

/** Creates the listeners; `intents` are the intent names that may appear as labels (unset: any of an intent's shape). */
export function createConciergeListeners(instruments: Instruments, intents?: Iterable<string>) {
  const channelLabel = boundedLabel({ known: CHANNELS });
  const intentName = boundedLabel(intents ? { known: intents } : { pattern: INTENT_NAME_PATTERN });
  const outcomeLabel = boundedLabel({ known: TURN_OUTCOMES });
  const changeLabel = boundedLabel({ known: BOOKING_CHANGES });
  const reasonLabel = boundedLabel({ known: HANDOVER_REASONS });

  /** The intent label of a turn: a fixed word, or one of the known intent names. */
  function intentLabel(event: TurnEvent): string {
    if (event.input === 'action') return INTENT_LABELS.action;
    if (event.intent === undefined) return INTENT_LABELS.unclassified;
    if (event.intent === 'None') return INTENT_LABELS.none;
    if (event.intent === 'other-language') return INTENT_LABELS.otherLanguage;
    return intentName(event.intent);
  }

  return {
    turn(event: TurnEvent): void {
      const channel = channelLabel(event.channel);
      instruments.messages.inc({ channel, intent: intentLabel(event) });
      // Adding 0 still creates the channel's series, so the fallback rate reads 0, not "no data".
      instruments.fallbacks.inc({ channel }, event.fallback ? 1 : 0);
      if (event.confidence !== undefined) instruments.intentConfidence.observe(Math.min(1, Math.max(0, event.confidence)));
      instruments.turns.inc({ outcome: outcomeLabel(event.outcome) });
      instruments.replyDuration.observe({ channel }, Math.max(0, event.durationMs) / 1000);
      if (event.outcome === 'store_unavailable') instruments.storeErrors.inc({ operation: TURN_OPERATION });
    },
    booking(event: BookingEvent): void {
      instruments.bookings.inc({ change: changeLabel(event.type) });
    },
    handover(event: HandoverEvent): void {
      if (event.type === 'requested') instruments.handovers.inc({ reason: reasonLabel(event.reason) });
    },
  };
}

/**
 * Subscribes the listeners to the concierge's event hubs as observers; returns a function that
 * unsubscribes. Observers never count as listeners, so watching hand-overs never makes the
 * concierge offer a person when no staff desk is there.
 */
export function subscribeToConcierge(concierge: ObservedConcierge, listeners: ReturnType<typeof createConciergeListeners>): () => void {
  const unsubscribers = [
    concierge.turnEvents.observe(listeners.turn),
    concierge.events.observe(listeners.booking),
    concierge.handoverEvents.observe(listeners.handover),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
