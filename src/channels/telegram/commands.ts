import type { Bot } from 'grammy';
import { z } from 'zod';
import { fillTemplate, readYamlIn, shortened } from '../../content/index.ts';
import { intentAction } from '../../core/index.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../languages.ts';
import type { SharePhoneTexts } from './reply-keyboard.ts';

/** The commands the bot offers, in the order Telegram's menu shows them, each with the action it stands for. */
export const TELEGRAM_COMMANDS = {
  start: intentAction('greeting'),
  help: intentAction('help'),
  book: intentAction('booking.start'),
  mybookings: intentAction('booking.mine'),
  cancel: intentAction('booking.cancel'),
  faq: intentAction('help'),
  // The same buttons as the menu's language button.
  language: intentAction('language'),
} as const;

/** A command's name, as typed after the slash. */
export type TelegramCommand = keyof typeof TELEGRAM_COMMANDS;

/** A short description per command, as content/telegram.yaml (or a language's version of it) gives them. */
export type CommandDescriptions = Record<TelegramCommand, string>;

/** The command menu in every language the bot speaks. */
export type CommandMenus = Record<Language, CommandDescriptions>;

const description = z.string().trim().min(1, 'must not be empty').max(256, 'Telegram allows at most 256 characters');
const telegramContentSchema = z.object({
  description: z.string().trim().min(1, 'must not be empty').max(512, 'Telegram allows at most 512 characters'),
  short_description: z.string().trim().min(1, 'must not be empty').max(120, 'Telegram allows at most 120 characters'),
  commands: z.object({
    start: description,
    help: description,
    book: description,
    mybookings: description,
    cancel: description,
    faq: description,
    language: description,
  }),
  share_phone: z.object({
    // Telegram sets no limit on a button's label; a longer one is cut off on a phone.
    button: z.string().trim().min(1, 'must not be empty').max(40, 'at most 40 characters, or a phone cuts it off'),
    placeholder: z.string().trim().min(1, 'must not be empty').max(64, 'Telegram allows at most 64 characters'),
  }),
});

/**
 * Reads the command descriptions in one language from `telegram.yaml` (English) or
 * `<language>/telegram.yaml`; a problem throws a ContentError naming the file, the field and the language.
 */
export async function loadCommandDescriptions(contentDir: string, language: Language = DEFAULT_LANGUAGE): Promise<CommandDescriptions> {
  return (await readYamlIn(contentDir, 'telegram.yaml', telegramContentSchema, language)).commands;
}

/** What a guest sees of the bot before pressing Start, in one language; `{name}` stands for the spa's name. */
export interface BotDescriptions {
  description: string;
  shortDescription: string;
}

/** A language's `telegram.yaml`: the command menu, what a guest sees before pressing Start, the share-my-phone button. */
export interface TelegramTexts extends BotDescriptions {
  commands: CommandDescriptions;
  sharePhone: SharePhoneTexts;
}

/** Reads every language's `telegram.yaml` once; call once at start-up. */
export async function loadTelegramTexts(contentDir: string): Promise<Record<Language, TelegramTexts>> {
  const read = async (language: Language) => {
    const file = await readYamlIn(contentDir, 'telegram.yaml', telegramContentSchema, language);
    const texts: TelegramTexts = { commands: file.commands, description: file.description, shortDescription: file.short_description, sharePhone: file.share_phone };
    return [language, texts] as const;
  };
  return Object.fromEntries(await Promise.all(LANGUAGES.map(read))) as Record<Language, TelegramTexts>;
}

/** The command menu of every language, from the texts read. */
export function commandMenusOf(texts: Record<Language, TelegramTexts>): CommandMenus {
  return Object.fromEntries(LANGUAGES.map((language) => [language, texts[language].commands])) as CommandMenus;
}

/** Reads the command descriptions in every language the bot speaks. */
export async function loadCommandMenus(contentDir: string): Promise<CommandMenus> {
  return commandMenusOf(await loadTelegramTexts(contentDir));
}

/**
 * Sets what a guest sees before pressing Start (setMyDescription, setMyShortDescription): English as
 * the default, each other language for its language_code, with the spa's name filled in.
 */
export async function registerDescriptions(bot: Bot, descriptions: Record<Language, BotDescriptions>, spaName: string): Promise<void> {
  for (const language of LANGUAGES) {
    const { description, shortDescription } = descriptions[language];
    const other = language === DEFAULT_LANGUAGE ? {} : { language_code: language };
    // A long spa name must not push a description over Telegram's limits.
    await bot.api.setMyDescription(shortened(fillTemplate(description, { name: spaName }), 512), other);
    await bot.api.setMyShortDescription(shortened(fillTemplate(shortDescription, { name: spaName }), 120), other);
  }
}

/**
 * Registers the command menu with Telegram (setMyCommands); call once at start-up. The English menu
 * is the default (no language_code), which every guest whose app speaks another language sees; each
 * other language's menu is registered for its language_code.
 */
export async function registerCommands(bot: Bot, menus: CommandMenus): Promise<void> {
  const names = Object.keys(TELEGRAM_COMMANDS) as TelegramCommand[];
  const commandsOf = (descriptions: CommandDescriptions) => names.map((command) => ({ command, description: descriptions[command] }));
  await bot.api.setMyCommands(commandsOf(menus[DEFAULT_LANGUAGE]));
  for (const language of LANGUAGES) {
    if (language !== DEFAULT_LANGUAGE) await bot.api.setMyCommands(commandsOf(menus[language]), { language_code: language });
  }
}
