import type { webApi } from '@slack/bolt';
import { PlatformError, type Concierge, type Logger } from '../../core/index.ts';
import type { DeliveredChange } from '../../booking/index.ts';
import { bookingMessage, bookingView } from './blocks.ts';
import { fill, type SlackTexts } from './texts.ts';
import { errorDetails } from './web-api.ts';

/** The booking change log's group the staff channel's posts read. */
export const STAFF_CHANNEL_GROUP = 'staff-channel';

// Each post carries the change it tells of, so that a change handed out again (its first try died
// after Slack had the post) is found in the channel instead of posted twice.
const METADATA_EVENT = 'spa_booking_change';
// How far back a change's post is looked for: it cannot be older than the change.
const LOOKBACK_SECONDS = 60;

/** What the notifier needs. */
export interface BookingNotifierOptions {
  client: webApi.WebClient;
  channel: string;
  concierge: Concierge;
  texts: SlackTexts;
  logger: Logger;
}

/**
 * Posts each new, moved or cancelled booking to the staff channel, as the booking change log hands
 * them over (in order, and again after a failure or a crash: see core/booking-change-reader.ts). A
 * change handed out again is posted only if the channel does not have its post yet. A failed post is
 * thrown as a PlatformError carrying Slack's error code only, so the change is tried again.
 */
export function createBookingNotifier(options: BookingNotifierOptions): (change: DeliveredChange) => Promise<void> {
  const { client, channel, concierge, texts, logger } = options;
  const t = texts.notifications;

  async function alreadyPosted(change: DeliveredChange): Promise<boolean> {
    const writtenAt = Number(change.id.split('-')[0]) / 1000;
    const oldest = Number.isFinite(writtenAt) ? String(Math.max(0, Math.floor(writtenAt - LOOKBACK_SECONDS))) : undefined;
    for (let cursor: string | undefined, page = 0; page < 10; page += 1) {
      const history = await client.conversations.history({ channel, limit: 200, include_all_metadata: true, ...(oldest ? { oldest } : {}), ...(cursor ? { cursor } : {}) });
      const found = (history.messages ?? []).some((message) => {
        const metadata = message.metadata as { event_type?: string; event_payload?: { change?: unknown } } | undefined;
        return metadata?.event_type === METADATA_EVENT && metadata.event_payload?.change === change.id;
      });
      if (found) return true;
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
    return false;
  }

  async function post(change: DeliveredChange): Promise<void> {
    const desk = concierge.staffDesk;
    if (!desk) return;
    if (change.redelivered && (await alreadyPosted(change))) {
      logger.info({ ref: change.booking.ref, type: change.type }, 'booking already in the staff channel (a change handed out again)');
      return;
    }
    const view = bookingView(change.booking, desk, texts);
    const names = { guest: view.guest, ref: view.ref, when: view.when };
    const headline = { created: t.created, moved: t.moved, cancelled: t.cancelled }[change.type];
    const notes = change.type === 'moved' ? [fill(t.moved_from, desk.describe(change.previous))] : [];
    const message = bookingMessage(texts, view, { headline: fill(headline, names), notes });
    await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      // The fallback text holds the guest's name: no formatting, no link previews.
      mrkdwn: false,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: METADATA_EVENT, event_payload: { change: change.id, ref: change.booking.ref } },
    });
    logger.info({ ref: view.ref, type: change.type }, 'booking posted to the staff channel');
  }

  return async (change) => {
    try {
      await post(change);
    } catch (error) {
      // Only Slack's code or status: the WebClient's own error may carry the post's text (guest data).
      const details = errorDetails(error) as { slack?: unknown };
      throw new PlatformError(`the staff channel post failed: ${JSON.stringify(details.slack ?? (error as Error).name)}`);
    }
  };
}
