import type { webApi } from '@slack/bolt';
import { createKeyedQueue, PlatformError, type Concierge, type HandoverEvent, type Logger } from '../../core/index.ts';
import type { HandoverThread, HandoverThreads } from '../../store/index.ts';
import { channelName, handoverMessage, textMessage, type SlackMessage } from './blocks.ts';
import { guestText, slackToPlain, withoutEmphasis } from './slack-text.ts';
import type { StaffDirectory } from './staff-directory.ts';
import { fill, type SlackTexts } from './texts.ts';
import { errorDetails } from './web-api.ts';

/** What the relay needs. */
export interface HandoverRelayOptions {
  client: webApi.WebClient;
  /** The staff channel's id. */
  channel: string;
  concierge: Concierge;
  threads: HandoverThreads;
  staff: StaffDirectory;
  texts: SlackTexts;
  logger: Logger;
}

/** A message a staff member wrote in a thread of the staff channel. */
export interface ThreadReply {
  channel: string;
  threadTs: string;
  user: string;
  text: string;
  /** The reply carried files, which only Slack can show: the guest gets its text alone. */
  hasFiles?: boolean;
}

/**
 * Carries a handed-over conversation between the guest's channel and a thread in the staff channel:
 * the request opens the thread, the guest's messages go into it, staff replies in it go to the guest,
 * and the hand-back ends it. One conversation's events are handled in order.
 */
export function createHandoverRelay(options: HandoverRelayOptions) {
  const { client, channel, concierge, threads, staff, texts, logger } = options;
  const t = texts.handover;
  const queue = createKeyedQueue();

  async function openThread(key: string, opening: HandoverThread['opening']): Promise<void> {
    const message = handoverMessage(texts, opening, false);
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, mrkdwn: false, unfurl_links: false, unfurl_media: false });
    if (!posted.ts) throw new PlatformError('Slack posted the hand-over message but did not say where (no ts)');
    await threads.write({ key, channel: posted.channel ?? channel, ts: posted.ts, ended: false, opening });
    logger.info({ key, ts: posted.ts }, 'hand-over thread opened in the staff channel');
  }

  /** Records the end, says so in the thread and takes the button off its first message. */
  async function closeThread(thread: HandoverThread): Promise<void> {
    if (!thread.ended) {
      await threads.write({ ...thread, ended: true });
      await client.chat.postMessage({ channel: thread.channel, thread_ts: thread.ts, text: t.ended });
    }
    const closed = handoverMessage(texts, thread.opening, true);
    await client.chat.update({ channel: thread.channel, ts: thread.ts, text: closed.text, blocks: closed.blocks });
  }

  /** Whether the thread is the conversation's current, open one (not an earlier hand-over's). */
  async function isCurrent(thread: HandoverThread): Promise<boolean> {
    if (thread.ended) return false;
    const current = await threads.byKey(thread.key);
    return current?.ts === thread.ts && current.channel === thread.channel;
  }

  async function onEvent(event: HandoverEvent): Promise<void> {
    if (event.type === 'requested') {
      const opening = { ...(event.guest.name ? { guestName: event.guest.name } : {}), language: event.language, guestChannel: event.channel, reason: event.reason, recent: event.recent };
      return openThread(event.key, opening);
    }
    const thread = await threads.byKey(event.key);
    if (event.type === 'ended') {
      if (thread) await closeThread(thread);
      else logger.warn({ key: event.key }, 'a hand-over ended that has no thread in the staff channel');
      return;
    }
    if (!thread || thread.ended) {
      // The thread is gone (expired, or another instance had no shared store): open one, so the message is not lost.
      const opening = { ...(event.guest.name ? { guestName: event.guest.name } : {}), language: event.language, guestChannel: event.channel, reason: 'wrote' as const, recent: [{ from: 'guest' as const, text: event.text }] };
      return openThread(event.key, opening);
    }
    // The guest's own words, as a message's text only: escaped, with Slack's formatting off.
    const guest = event.guest.name ? guestText(event.guest.name, 200) : t.no_name;
    const text = fill(withoutEmphasis(t.guest_message), { guest, text: guestText(event.text, 3000) });
    await client.chat.postMessage({ channel: thread.channel, thread_ts: thread.ts, text, mrkdwn: false, unfurl_links: false, unfurl_media: false });
  }

  /** Tells one staff member something in the thread, where only they see it. */
  async function tellInThread(reply: ThreadReply, message: SlackMessage): Promise<void> {
    await client.chat.postEphemeral({ channel: reply.channel, user: reply.user, thread_ts: reply.threadTs, text: message.text, blocks: message.blocks });
  }

  return {
    /** Handles a hand-over event of the core; failures are logged, never thrown at the core. */
    handle(event: HandoverEvent): Promise<void> {
      return queue.run(event.key, async () => {
        try {
          await onEvent(event);
        } catch (error) {
          logger.error({ ...errorDetails(error), key: event.key, type: event.type }, 'a hand-over event could not be shown in the staff channel');
        }
      });
    },

    /** A message in a thread of the staff channel: sent to the guest when the thread is an open hand-over and the author is staff. */
    async staffReply(reply: ThreadReply): Promise<void> {
      const thread = await threads.byThread(reply.channel, reply.threadTs);
      if (!thread) return;
      if (!(await staff.isStaff(reply.user))) {
        logger.info({ user: reply.user, key: thread.key }, 'a reply in a hand-over thread from someone not on the team was not sent');
        return;
      }
      const text = slackToPlain(reply.text).trim();
      if (!text) {
        if (reply.hasFiles) await tellInThread(reply, textMessage(t.files_not_sent));
        return;
      }
      if (!(await isCurrent(thread))) return tellInThread(reply, textMessage(t.not_delivered_ended));
      // The guest reads the name inside a frame in their own language: the spa's name reads right in any of them.
      const name = (await staff.displayName(reply.user)) ?? concierge.contentFor(undefined).spa.name;
      let delivered: boolean;
      try {
        delivered = await concierge.staffReply(thread.key, name, text);
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        logger.warn({ err: error, key: thread.key }, 'a staff reply could not be delivered to the guest');
        return tellInThread(reply, textMessage(fill(t.not_delivered_failed, { channel: channelName(texts, thread.opening.guestChannel) })));
      }
      if (delivered) {
        if (reply.hasFiles) await tellInThread(reply, textMessage(t.files_not_sent));
        return;
      }
      // The conversation is no longer with the team (handed back elsewhere, or its state expired).
      await tellInThread(reply, textMessage(t.not_delivered_ended));
      await queue.run(thread.key, () => closeThread(thread));
    },

    /** The "Hand back to the bot" button on a thread's first message; returns what to tell the staff member, if anything. */
    async handBack(threadChannel: string, ts: string): Promise<SlackMessage | undefined> {
      const thread = await threads.byThread(threadChannel, ts);
      if (!thread) return textMessage(t.already_ended);
      if (await isCurrent(thread)) {
        // The core tells the guest, and its `ended` event closes the thread.
        if (await concierge.endHandover(thread.key)) return undefined;
      }
      await queue.run(thread.key, () => closeThread(thread));
      return textMessage(t.already_ended);
    },
  };
}

export type HandoverRelay = ReturnType<typeof createHandoverRelay>;
