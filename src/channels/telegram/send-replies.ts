// Sending a turn's replies to a Telegram chat.
import type { Api } from 'grammy';
import type { Choice, Logger, Reply } from '../../core/index.ts';
import { planMessages, type MessageMarkup } from './outgoing-messages.ts';
import { REMOVE_REPLY_KEYBOARD, type ReplyKeyboardMemory, type SharePhoneTexts } from './reply-keyboard.ts';
import { splitText } from './split-text.ts';

/** How replies go out to a chat. */
export interface SendOptions {
  logger: Logger;
  /** The share-my-phone button's words in the replies' language; without them a contact question keeps its inline buttons. */
  sharePhone?: SharePhoneTexts | undefined;
  /** Which chats have a reply keyboard showing; without it none is taken away and none is noted. */
  replyKeyboards?: ReplyKeyboardMemory | undefined;
}

/**
 * Sends the replies to a chat in order, as plain text (no parse_mode, so guest text needs no
 * escaping), as planMessages lays them out; notes whether the chat is left with a reply keyboard.
 */
export async function sendReplies(api: Api, chatId: number, replies: Reply[], options: SendOptions): Promise<void> {
  const { logger, replyKeyboards } = options;
  const withText = replies.filter((reply) => {
    if (splitText(reply.text).length > 0) return true;
    logger.warn({ chatId, choices: reply.choices?.length ?? 0 }, 'a reply with no text was not sent to Telegram');
    return false;
  });
  const showingBefore = await replyKeyboards?.shown(chatId);
  const plan = planMessages(withText, { logger, sharePhone: options.sharePhone, keyboardShowing: showingBefore !== undefined });
  // Noted as each message goes out, so a failure halfway leaves the memory matching what the guest sees.
  let showing: Choice[] | undefined = showingBefore;
  try {
    for (const message of plan.messages) {
      await api.sendMessage(chatId, message.text, message.markup ? { reply_markup: replyMarkupOf(message.markup) } : {});
      if (message.markup?.kind === 'contact') showing = message.markup.choices;
      if (message.markup?.kind === 'remove-keyboard') showing = undefined;
    }
  } finally {
    if (showing !== showingBefore) await replyKeyboards?.remember(chatId, showing);
  }
}

/**
 * Runs each chat's sends one after another, so a message from outside a turn (a staff answer, a
 * reminder) never lands between a turn's messages nor reads the reply keyboard's memory before the
 * turn has noted it. Chats do not wait for each other.
 */
export function createSendQueue(): <T>(chatId: number, send: () => Promise<T>) => Promise<T> {
  const last = new Map<number, Promise<unknown>>();
  return (chatId, send) => {
    const previous = last.get(chatId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(send);
    const settled = next.catch(() => undefined);
    last.set(chatId, settled);
    void settled.then(() => {
      if (last.get(chatId) === settled) last.delete(chatId);
    });
    return next;
  };
}

function replyMarkupOf(markup: MessageMarkup) {
  if (markup.kind === 'remove-keyboard') return REMOVE_REPLY_KEYBOARD;
  return markup.keyboard;
}
