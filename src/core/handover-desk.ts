import { fillTemplate, type Content } from '../content/index.ts';
import type { Outcome } from './answers.ts';
import type { EventHub } from './event-hub.ts';
import { withRecent, type HandoverEvent } from './handover.ts';
import type { GuestOutbox } from './outbox.ts';
import type { ReplyBuilder } from './replies.ts';
import type { ConversationState } from './state.ts';
import type { Turn } from './types.ts';

/**
 * Handing a guest to a person on the team and back, in one language (the language desk makes one per
 * language); the staff desk (Slack) listens to its events, which carry that language.
 */
export function createHandoverDesk(content: Content, replies: ReplyBuilder, events: EventHub<HandoverEvent>, outbox: GuestOutbox, now: () => Date) {
  const texts = content.handover;
  const { language } = content;
  return {
    /** Whether a staff desk is listening; without one the bot gives the spa's contact details instead. */
    get available() {
      return events.hasListeners;
    },

    /** Asks a person to take over; the guest is told someone will answer here. */
    start(state: ConversationState, turn: Turn, key: string, reason: 'asked' | 'misunderstood', text?: string): Outcome {
      if (state.handover) return { replies: [{ text: texts.already_waiting }], state };
      // The message that brought the person in belongs in what they see first.
      const recent = text ? withRecent(state.recent, [{ from: 'guest', text }]) : (state.recent ?? []);
      events.emit({ type: 'requested', key, channel: turn.channel, conversationId: turn.conversationId, guest: turn.guest, language, reason, recent });
      return {
        replies: [{ text: reason === 'asked' ? texts.started : texts.started_after_misses }],
        state: { ...state, misses: 0, walkthrough: undefined, handover: { channel: turn.channel, conversationId: turn.conversationId, since: now().toISOString() } },
      };
    },

    /** A guest message while a person has the conversation: passed on, and the bot says nothing. */
    forward(state: ConversationState, turn: Turn, key: string, text: string): Outcome {
      events.emit({ type: 'guest-message', key, channel: turn.channel, conversationId: turn.conversationId, guest: turn.guest, language, text });
      return { replies: [], state };
    },

    /** Sends a staff member's answer to the guest on their channel: as written, after a frame in the guest's language. */
    async staffReply(state: ConversationState, staff: string, text: string): Promise<ConversationState> {
      const handover = state.handover;
      if (!handover) return state;
      // fillTemplate, not String.replace: a name with `$&` or `$'` in it stays as written.
      const line = `${fillTemplate(texts.staff_prefix, { staff })}${text}`;
      await outbox.deliver(handover.channel, handover.conversationId, [{ text: line }]);
      return { ...state, recent: withRecent(state.recent, [{ from: 'staff', text }]) };
    },

    /** Gives the conversation back to the bot and tells the guest. */
    async end(state: ConversationState, key: string): Promise<ConversationState> {
      const handover = state.handover;
      if (!handover) return state;
      await outbox.deliver(handover.channel, handover.conversationId, [replies.withMenu(fillTemplate(texts.ended, { spa_name: content.spa.name }))]);
      events.emit({ type: 'ended', key, channel: handover.channel, conversationId: handover.conversationId, language });
      return { ...state, handover: undefined, misses: 0 };
    },
  };
}

export type HandoverDesk = ReturnType<typeof createHandoverDesk>;
