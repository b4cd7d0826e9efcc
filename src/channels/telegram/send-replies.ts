import { InlineKeyboard, type Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Choice, Logger, Reply } from '../../core/index.ts';

/** Telegram's limit on one message's text. */
export const MAX_MESSAGE_CHARS = 4096;
/** Telegram's limit on a button's callback_data, in bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;
// Labels up to this length fit two to a row on a phone without being cut off.
const SHORT_LABEL_CHARS = 15;

/**
 * Splits text into pieces Telegram accepts: at the last line break that fits, else the last space,
 * else a hard cut (never inside a surrogate pair). The separator at a split is dropped, as are blank
 * lines around it.
 */
export function splitText(text: string, limit = MAX_MESSAGE_CHARS): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut <= 0) cut = rest.lastIndexOf(' ', limit);
    let skip = 1;
    if (cut <= 0) {
      cut = isHighSurrogate(rest.charCodeAt(limit - 1)) ? limit - 1 : limit;
      skip = 0;
    }
    // Blank lines at a split would only push the next piece down.
    pieces.push(rest.slice(0, cut).replace(/\n+$/, ''));
    rest = rest.slice(cut + skip).replace(/^\n+/, '');
  }
  pieces.push(rest);
  // Telegram refuses empty messages; a split can leave one made only of line breaks.
  return pieces.filter((piece) => piece.trim().length > 0);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The inline keyboard for a reply's choices: two buttons a row when every label is short, else one. */
export function keyboardFor(choices: Choice[] | undefined, logger: Logger): InlineKeyboard | undefined {
  const usable = (choices ?? []).filter((choice) => {
    const bytes = Buffer.byteLength(choice.action, 'utf8');
    if (bytes <= MAX_CALLBACK_DATA_BYTES) return true;
    logger.warn({ action: choice.action.slice(0, 80), bytes }, 'choice left out of the Telegram keyboard: its action is over 64 bytes');
    return false;
  });
  if (usable.length === 0) return undefined;
  const perRow = usable.every((choice) => choice.label.length <= SHORT_LABEL_CHARS) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  usable.forEach((choice, i) => {
    const button = InlineKeyboard.text(choice.label, choice.action);
    if (i % perRow === 0) rows.push([button]);
    else rows.at(-1)?.push(button);
  });
  return new InlineKeyboard(rows);
}

/**
 * Sends the replies to a chat in order, as plain text (no parse_mode, so guest text needs no
 * escaping). A long text goes out in pieces; a reply's keyboard rides on its last piece.
 */
export async function sendReplies(api: Api, chatId: number, replies: Reply[], logger: Logger): Promise<void> {
  for (const reply of replies) {
    const pieces = splitText(reply.text);
    if (pieces.length === 0) {
      logger.warn({ chatId, choices: reply.choices?.length ?? 0 }, 'a reply with no text was not sent to Telegram');
      continue;
    }
    const keyboard = keyboardFor(reply.choices, logger);
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1;
      await api.sendMessage(chatId, piece, last && keyboard ? { reply_markup: keyboard } : {});
    }
  }
}
