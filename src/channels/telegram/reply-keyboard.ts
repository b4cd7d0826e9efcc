// The reply keyboard: buttons shown in place of the guest's own keyboard, here only for the contact
// question, where Telegram can send the guest's phone number at a tap (request_contact).
import type { KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import type { Choice, TurnInput } from '../../core/index.ts';
import { layoutChoices } from './choice-layout.ts';

/** The share-my-phone button's words in one language (`share_phone` in telegram.yaml). */
export interface SharePhoneTexts {
  /** The button's label ("📱 Share my phone number"). */
  button: string;
  /** The hint in the message box while the button shows ("Or type a phone number or email"). */
  placeholder: string;
}

/**
 * The reply keyboard under the contact question: the share-my-phone button, then the question's
 * choices (Stop) as plain buttons.
 *
 * Why this layout: a message carries one reply_markup, and the share-my-phone button exists only in a
 * reply keyboard, so the question cannot also carry its inline Stop button. Its choices move into the
 * reply keyboard instead. Pressing one sends its label as the guest's message, which the channel turns
 * back into the choice's action while the keyboard shows (see inputFromText), so Stop stops in every
 * language, whatever the reader makes of the word. A reply keyboard leaves the message box usable, so
 * a guest can still type a phone number or an email, and the placeholder says so. one_time_keyboard
 * folds it away once a button is used; the bot's next message takes it away for good (see planMessages).
 */
export function contactKeyboard(texts: SharePhoneTexts, choices: Choice[] = []): ReplyKeyboardMarkup {
  const share: KeyboardButton = { text: texts.button, request_contact: true };
  const others = layoutChoices(choices).map((row) => row.map((choice): KeyboardButton => ({ text: choice.label })));
  return { keyboard: [[share], ...others], one_time_keyboard: true, resize_keyboard: true, input_field_placeholder: texts.placeholder };
}

/** What takes a reply keyboard away (ReplyKeyboardRemove), carried by a message of the bot's. */
export const REMOVE_REPLY_KEYBOARD: ReplyKeyboardRemove = { remove_keyboard: true };

/**
 * The reply keyboard showing in each chat, as the choices on it (the share button is none of them),
 * so that a press can be read as its choice and the bot's next message can take the keyboard away.
 */
export interface ReplyKeyboardMemory {
  /** The choices on the chat's reply keyboard; undefined when none is showing. */
  shown(chatId: number): Promise<Choice[] | undefined>;
  /** Notes the keyboard a message showed (its choices), or undefined once one took it away. */
  remember(chatId: number, choices: Choice[] | undefined): Promise<void>;
}

/**
 * Remembers in this process only, for at most `limit` chats (the longest-remembered forgotten first).
 * Lost on a restart, and not shared between instances behind a webhook. That is harmless, and why
 * nothing more durable is kept: a press then arrives as its label, which the core reads as typed
 * text; and a shared contact (the usual answer) marks the chat as showing again (see the bot), so the
 * keyboard is still taken away after it.
 */
export function createMemoryReplyKeyboards(limit = 10_000): ReplyKeyboardMemory {
  // Only chats with a keyboard showing are kept; a Map iterates in insertion order, oldest first.
  const showing = new Map<number, Choice[]>();
  return {
    async shown(chatId) {
      return showing.get(chatId);
    },
    async remember(chatId, choices) {
      showing.delete(chatId);
      if (!choices) return;
      showing.set(chatId, choices);
      if (showing.size > limit) showing.delete(showing.keys().next().value as number);
    },
  };
}

/**
 * What a guest's text is: the press of a button on the reply keyboard showing, when it is that
 * button's label (a reply keyboard's button sends nothing else), else the text itself.
 */
export async function inputFromText(memory: ReplyKeyboardMemory, chatId: number, text: string): Promise<TurnInput> {
  const pressed = (await memory.shown(chatId))?.find((choice) => choice.label === text);
  return pressed ? { kind: 'action', action: pressed.action } : { kind: 'text', text };
}
