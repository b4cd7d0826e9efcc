import type { Bot } from 'grammy';
import { z } from 'zod';
import { readYaml } from '../../content/index.ts';
import { intentAction } from '../../core/index.ts';

/** The commands the bot offers, in the order Telegram's menu shows them, each with the action it stands for. */
export const TELEGRAM_COMMANDS = {
  start: intentAction('greeting'),
  help: intentAction('help'),
  book: intentAction('booking.start'),
  mybookings: intentAction('booking.mine'),
  cancel: intentAction('booking.cancel'),
  faq: intentAction('help'),
} as const;

/** A command's name, as typed after the slash. */
export type TelegramCommand = keyof typeof TELEGRAM_COMMANDS;

/** A short description per command, as content/telegram.yaml gives them. */
export type CommandDescriptions = Record<TelegramCommand, string>;

const description = z.string().trim().min(1, 'must not be empty').max(256, 'Telegram allows at most 256 characters');
const telegramContentSchema = z.object({
  commands: z.object({ start: description, help: description, book: description, mybookings: description, cancel: description, faq: description }),
});

/** Reads the command descriptions from `telegram.yaml` in the content folder; a problem throws a ContentError naming the field. */
export async function loadCommandDescriptions(contentDir: string): Promise<CommandDescriptions> {
  return (await readYaml(contentDir, 'telegram.yaml', telegramContentSchema)).commands;
}

/** Registers the command menu with Telegram (setMyCommands); call once at start-up. */
export async function registerCommands(bot: Bot, descriptions: CommandDescriptions): Promise<void> {
  const names = Object.keys(TELEGRAM_COMMANDS) as TelegramCommand[];
  await bot.api.setMyCommands(names.map((command) => ({ command, description: descriptions[command] })));
}
