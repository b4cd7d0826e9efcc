// The buttons under a bot message (an inline keyboard): each carries its choice's action as callback_data.
import { InlineKeyboard } from 'grammy';
import type { Choice, Logger } from '../../core/index.ts';
import { layoutChoices } from './choice-layout.ts';

/** Telegram's limit on a button's callback_data, in bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * The inline keyboard for a reply's choices, laid out by layoutChoices. A choice whose action is over
 * Telegram's 64 bytes is left out with a log line: Telegram would refuse the whole message for it.
 */
export function keyboardFor(choices: Choice[] | undefined, logger: Logger): InlineKeyboard | undefined {
  const usable = (choices ?? []).filter((choice) => {
    const bytes = Buffer.byteLength(choice.action, 'utf8');
    if (bytes <= MAX_CALLBACK_DATA_BYTES) return true;
    logger.warn({ action: choice.action.slice(0, 80), bytes }, 'choice left out of the Telegram keyboard: its action is over 64 bytes');
    return false;
  });
  if (usable.length === 0) return undefined;
  return new InlineKeyboard(layoutChoices(usable).map((row) => row.map((choice) => InlineKeyboard.text(choice.label, choice.action))));
}
