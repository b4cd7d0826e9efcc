// The channel-neutral language of the core: a Turn comes in, Replies go out.

/** The channels a guest can reach the bot on. */
export type ChannelName = 'cli' | 'telegram' | 'web' | 'slack';

/** Who is talking, as far as the channel knows. */
export interface Guest {
  id: string;
  name?: string;
  /** An IETF language tag reported by the channel, e.g. "vi" or "en-GB". */
  language?: string;
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
}

/** One message the bot sends back. */
export interface Reply {
  text: string;
  choices?: Choice[];
}
