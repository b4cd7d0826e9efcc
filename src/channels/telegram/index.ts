// The Telegram channel: guests chat and book through grammY. Transport only; the core decides what to say.

// The bot
export { createTelegramBot, conversationIdOf, ALLOWED_UPDATES, type TelegramBotOptions } from './telegram-bot.ts';
export { registerCommands, registerDescriptions, commandMenusOf, loadTelegramTexts, loadCommandDescriptions, loadCommandMenus, type BotDescriptions, type TelegramTexts, TELEGRAM_COMMANDS, type TelegramCommand, type CommandDescriptions, type CommandMenus } from './commands.ts';

// Receiving updates: long polling, or a webhook on the project's HTTP server
export { startLongPolling, type LongPollingHandle } from './long-polling.ts';
export { registerTelegramWebhook, setTelegramWebhook, type TelegramWebhookRoute } from './webhook.ts';
export { checkTelegramBot } from './start-up.ts';

// Sending replies
export { sendReplies, splitText, keyboardFor, MAX_MESSAGE_CHARS, MAX_CALLBACK_DATA_BYTES } from './send-replies.ts';
export { createTurnTracker, sendCalendarFiles, type TelegramCalendarFile, type TurnTracker } from './calendar-document.ts';
