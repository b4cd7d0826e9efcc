// The channel-neutral language of the core: a Turn comes in, Replies go out.

/** The channels a guest can reach the bot on. */
export type ChannelName = 'cli' | 'telegram' | 'web' | 'slack';

/** Who is talking, as far as the channel knows. */
export interface Guest {
  id: string;
  name?: string;
  /** An IETF language tag reported by the channel, e.g. "vi" or "en-GB". */
  language?: string;
  /** The IANA zone the guest's device is set to ("Asia/Seoul"), when the channel knows it (the web page does). */
  timeZone?: string;
}

/** One thing a guest did: typed text, or picked one of the offered choices. */
export type TurnInput = { kind: 'text'; text: string } | { kind: 'action'; action: string };

/** One incoming message from a guest on a channel. */
export interface Turn {
  channel: ChannelName;
  /** Identifies the conversation within its channel (a Telegram chat id, a web session id). */
  conversationId: string;
  guest: Guest;
  input: TurnInput;
}

/** A button or numbered option offered to the guest; `action` is opaque to channels. */
export interface Choice {
  label: string;
  action: string;
  /** The heading a choice is shown under when a reply offers many ("Morning", "Afternoon"); choices of one group are adjacent. */
  group?: string;
  /** The choice the reply leads to (Confirm): shown as the main button. */
  primary?: boolean;
}

/** One message the bot sends back. */
export interface Reply {
  text: string;
  choices?: Choice[];
  /** What the reply asks the guest for, where a channel has its own way to give it (Telegram's share-my-phone button). */
  asks?: 'contact';
  /**
   * The choices' groups named in one line, each with its first and last time ("Morning 09:00–11:30 ·
   * Afternoon 12:00–16:30"), for a channel whose buttons cannot sit under headings (Telegram's keyboards).
   */
  groupSpans?: string;
}
