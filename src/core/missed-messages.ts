// What guests wrote that the bot did not understand, kept without names or numbers for the staff's
// weekly report (`/missed`): the loop that makes the bot better with use. Implemented in src/store.
import { sameWordsKey } from '../nlu/index.ts';

/** One message the bot did not understand, as kept: already without personal details. */
export interface MissedMessage {
  text: string;
  /** The language the conversation was in. */
  language?: string;
  /** ISO 8601 instant. */
  at: string;
}

/** Where missed messages are kept for a few weeks. */
export interface MissedMessages {
  record(message: MissedMessage): Promise<void>;
  /** The messages kept from `from` on, oldest first. */
  since(from: Date): Promise<MissedMessage[]>;
}

/** How long missed messages are kept: a few weekly reports' worth. */
export const MISSED_KEPT_DAYS = 35;

/** One line of the report: the same words (case and spacing aside), how often, in which language. */
export interface MissedGroup {
  text: string;
  language?: string;
  count: number;
  last: string;
}

/** Groups messages that say the same (case, spacing and end marks aside), most often first, then the latest. */
export function groupMissed(messages: readonly MissedMessage[]): MissedGroup[] {
  const groups = new Map<string, MissedGroup>();
  for (const m of messages) {
    const key = `${m.language ?? ''}\u0000${sameWordsKey(m.text)}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
      if (m.at > group.last) group.last = m.at;
    } else groups.set(key, { text: m.text, ...(m.language ? { language: m.language } : {}), count: 1, last: m.at });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
}
