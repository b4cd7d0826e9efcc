import type { Language } from '../languages.ts';
import type { Guest } from './types.ts';

/** A line of the conversation, kept so a person taking over can see what was said. */
export interface RecentMessage {
  from: 'guest' | 'bot' | 'staff';
  text: string;
}

/**
 * What the staff desk hears about conversations handed over to a person. `language` is the
 * conversation's (the one the bot was answering in), not the tag the channel reported: staff see
 * which language the guest writes, and their replies reach the guest framed in it.
 */
export type HandoverEvent =
  | {
      type: 'requested';
      key: string;
      channel: string;
      conversationId: string;
      guest: Guest;
      language: Language;
      reason: 'asked' | 'misunderstood';
      recent: RecentMessage[];
    }
  | { type: 'guest-message'; key: string; channel: string; conversationId: string; guest: Guest; language: Language; text: string }
  | { type: 'ended'; key: string; channel: string; conversationId: string; language: Language };

/** How many lines of the conversation are kept, and how much of each. */
export const RECENT_LINES = 8;
export const RECENT_LINE_CHARS = 300;

/** The conversation's recent lines with new ones added, capped in count and length. */
export function withRecent(recent: RecentMessage[] | undefined, lines: RecentMessage[]): RecentMessage[] {
  const capped = lines.filter((l) => l.text).map((l) => ({ from: l.from, text: l.text.slice(0, RECENT_LINE_CHARS) }));
  return [...(recent ?? []), ...capped].slice(-RECENT_LINES);
}
