import type { Guest } from './types.ts';

/** A line of the conversation, kept so a person taking over can see what was said. */
export interface RecentMessage {
  from: 'guest' | 'bot' | 'staff';
  text: string;
}

/** What the staff desk hears about conversations handed over to a person. */
export type HandoverEvent =
  | {
      type: 'requested';
      key: string;
      channel: string;
      conversationId: string;
      guest: Guest;
      reason: 'asked' | 'misunderstood';
      recent: RecentMessage[];
    }
  | { type: 'guest-message'; key: string; channel: string; conversationId: string; guest: Guest; text: string }
  | { type: 'ended'; key: string; channel: string; conversationId: string };

/** How many lines of the conversation are kept, and how much of each. */
export const RECENT_LINES = 8;
export const RECENT_LINE_CHARS = 300;

/** The conversation's recent lines with new ones added, capped in count and length. */
export function withRecent(recent: RecentMessage[] | undefined, lines: RecentMessage[]): RecentMessage[] {
  const capped = lines.filter((l) => l.text).map((l) => ({ from: l.from, text: l.text.slice(0, RECENT_LINE_CHARS) }));
  return [...(recent ?? []), ...capped].slice(-RECENT_LINES);
}
