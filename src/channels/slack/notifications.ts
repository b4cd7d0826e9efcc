import type { webApi } from '@slack/bolt';
import { createKeyedQueue, type BookingEvent, type Concierge, type Logger } from '../../core/index.ts';
import { bookingMessage, bookingView } from './blocks.ts';
import { fill, type SlackTexts } from './texts.ts';
import { errorDetails } from './web-api.ts';

/** What the notifier needs. */
export interface BookingNotifierOptions {
  client: webApi.WebClient;
  channel: string;
  concierge: Concierge;
  texts: SlackTexts;
  logger: Logger;
}

/**
 * Posts each new, moved or cancelled booking to the staff channel, one booking's events in order.
 * The booking is already saved when its event comes: a post that fails after the WebClient's retries
 * is logged with the reference (staff find it with `/bookings`), and nothing else fails with it.
 */
export function createBookingNotifier(options: BookingNotifierOptions): (event: BookingEvent) => Promise<void> {
  const { client, channel, concierge, texts, logger } = options;
  const queue = createKeyedQueue();
  const t = texts.notifications;

  async function post(event: BookingEvent): Promise<void> {
    const desk = concierge.staffDesk;
    if (!desk) return;
    const view = bookingView(event.booking, desk, texts);
    const names = { guest: view.guest, ref: view.ref, when: view.when };
    const headline = { created: t.created, moved: t.moved, cancelled: t.cancelled }[event.type];
    const notes = event.type === 'moved' ? [fill(t.moved_from, desk.describe(event.previous))] : [];
    const message = bookingMessage(texts, view, { headline: fill(headline, names), notes });
    await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    logger.info({ ref: view.ref, type: event.type }, 'booking posted to the staff channel');
  }

  return (event) =>
    queue.run(event.booking.ref, async () => {
      try {
        await post(event);
      } catch (error) {
        logger.error({ ...errorDetails(error), ref: event.booking.ref, type: event.type }, 'a booking could not be posted to the staff channel (the booking itself is saved)');
      }
    });
}
