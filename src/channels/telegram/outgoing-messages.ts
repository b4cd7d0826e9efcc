// Which messages a turn's replies become on Telegram, and what each carries under it.
import type { InlineKeyboard } from 'grammy';
import type { ReplyKeyboardMarkup } from 'grammy/types';
import type { Choice, Logger, Reply } from '../../core/index.ts';
import { keyboardFor } from './inline-keyboard.ts';
import { contactKeyboard, type SharePhoneTexts } from './reply-keyboard.ts';
import { splitText } from './split-text.ts';

/** What goes under a message: buttons under it, the contact keyboard (with the choices on it), or the removal of that keyboard. */
export type MessageMarkup =
  | { kind: 'inline'; keyboard: InlineKeyboard }
  | { kind: 'contact'; keyboard: ReplyKeyboardMarkup; choices: Choice[] }
  | { kind: 'remove-keyboard' };

/** One sendMessage. */
export interface OutgoingMessage {
  text: string;
  markup?: MessageMarkup;
}

/** The messages to send, and whether the chat will have a reply keyboard showing once they are sent. */
export interface MessagePlan {
  messages: OutgoingMessage[];
  keyboardShowing: boolean;
}

/**
 * The messages for a turn's replies, in order. A long text goes out in pieces, with the reply's markup
 * on its last piece: the contact keyboard for a reply that asks for a way to reach the guest (when the
 * button's words are known), else its choices as inline buttons, the text ending with the line that
 * names their groups (a day's times by part of the day) when the reply has one.
 *
 * A reply keyboard left showing from an earlier message is taken away by a message of this turn
 * (unless the turn shows it again): a message carries one reply_markup, and a message with buttons
 * cannot carry the removal, nor can one sent with the removal be given buttons later (Telegram edits
 * only messages without markup or with inline buttons). So the removal rides on the first message
 * without buttons; failing that, a reply's text is cut before its last line (or sentence), the first
 * part carrying the removal and the rest the buttons: "Here's your booking: ..." and then "Shall I
 * confirm it?" [Confirm] read naturally as two messages, and no empty message is needed. A one-sentence
 * reply with buttons cannot be cut: the keyboard then stays until a later turn.
 */
export function planMessages(replies: Reply[], options: { logger: Logger; sharePhone?: SharePhoneTexts | undefined; keyboardShowing: boolean }): MessagePlan {
  const messages = replies.flatMap((reply) => messagesFor(reply, options.sharePhone, options.logger));
  if (messages.some((message) => message.markup?.kind === 'contact')) return { messages, keyboardShowing: true };
  if (!options.keyboardShowing) return { messages, keyboardShowing: false };

  const plain = messages.find((message) => !message.markup);
  if (plain) {
    plain.markup = { kind: 'remove-keyboard' };
    return { messages, keyboardShowing: false };
  }
  for (const [i, message] of messages.entries()) {
    const parts = cutBeforeLastPart(message.text);
    if (!parts) continue;
    const [head, tail] = parts;
    messages.splice(i, 1, { text: head, markup: { kind: 'remove-keyboard' } }, { ...message, text: tail });
    return { messages, keyboardShowing: false };
  }
  return { messages, keyboardShowing: true };
}

function messagesFor(reply: Reply, sharePhone: SharePhoneTexts | undefined, logger: Logger): OutgoingMessage[] {
  // Buttons here cannot sit under headings: the line naming the groups goes last, right above them.
  const pieces = splitText(reply.groupSpans ? `${reply.text}\n${reply.groupSpans}` : reply.text);
  const markup = markupFor(reply, sharePhone, logger);
  return pieces.map((text, i) => (markup && i === pieces.length - 1 ? { text, markup } : { text }));
}

function markupFor(reply: Reply, sharePhone: SharePhoneTexts | undefined, logger: Logger): MessageMarkup | undefined {
  if (reply.asks === 'contact' && sharePhone) return { kind: 'contact', keyboard: contactKeyboard(sharePhone, reply.choices), choices: reply.choices ?? [] };
  const keyboard = keyboardFor(reply.choices, logger);
  return keyboard ? { kind: 'inline', keyboard } : undefined;
}

// A sentence ends at . ! ? before a space, or at a full-width 。！？ (Chinese puts no space after them).
const SENTENCE_END = /[.!?](?=\s+\S)|[。！？](?=\s*\S)/gu;

/** The text cut before its last line, else before its last sentence; undefined when it is one sentence. */
export function cutBeforeLastPart(text: string): [string, string] | undefined {
  const whole = text.trim();
  const lineBreak = whole.lastIndexOf('\n');
  const sentenceEnd = [...whole.matchAll(SENTENCE_END)].at(-1);
  const cut = lineBreak > 0 ? lineBreak : sentenceEnd ? sentenceEnd.index + 1 : -1;
  if (cut <= 0) return undefined;
  const head = whole.slice(0, cut).trim();
  const tail = whole.slice(cut).trim();
  return head && tail ? [head, tail] : undefined;
}
