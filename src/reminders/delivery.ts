import type { BookingStore } from '../booking/index.ts';
import type { Content } from '../content/index.ts';
import type { GuestOutbox, Logger } from '../core/index.ts';
import { checkStillDue } from './due.ts';
import type { DeliverMessage } from './scheduler.ts';
import { createReminderTexts } from './texts.ts';

/** What sending a reminder or follow-up takes. */
export interface ReminderDeliveryDeps {
  bookings: Pick<BookingStore, 'get'>;
  content: Content;
  /** The content of the language a booking was made in (the concierge's `contentFor`); `content` for every booking without it. */
  contentFor?: (language: string | undefined) => Content;
  /** The concierge's outbox: each channel registered how to reach its guests. */
  outbox: Pick<GuestOutbox, 'deliver'>;
  now?: () => Date;
  logger: Logger;
}

/**
 * The scheduler's `deliver`: reads the booking again (it may have been cancelled or moved since the
 * message was planned, on any instance), and sends the message to the guest on their channel.
 */
export function createReminderDelivery(deps: ReminderDeliveryDeps): DeliverMessage {
  const made = new Map<Content, ReturnType<typeof createReminderTexts>>();
  const textsFor = (language: string | undefined) => {
    const content = deps.contentFor?.(language) ?? deps.content;
    let texts = made.get(content);
    if (!texts) made.set(content, (texts = createReminderTexts(content)));
    return texts;
  };
  const now = deps.now ?? (() => new Date());
  return async (message) => {
    const check = checkStillDue(message, await deps.bookings.get(message.ref), now());
    if (!check.due) {
      deps.logger.info({ id: message.id, reason: check.reason }, 'a planned message is no longer wanted; skipped');
      return { kind: 'skipped', reason: check.reason };
    }
    const { booking } = check;
    // In the language the guest booked in.
    const texts = textsFor(booking.guest.language);
    const reply = message.kind === 'reminder' ? texts.reminder(booking, now()) : texts.followUp(booking);
    await deps.outbox.deliver(booking.guest.channel, booking.guest.conversationId, [reply]);
    deps.logger.info({ id: message.id, channel: booking.guest.channel }, 'planned message sent');
    return { kind: 'sent' };
  };
}
