// The Telegram channel: guests chat and book through grammY. Transport only; the core decides what to say.

// The bot
export { createTelegramBot, conversationIdOf, ALLOWED_UPDATES, type TelegramBotOptions } from './telegram-bot.ts';
export { registerCommands, registerDescriptions, commandMenusOf, loadTelegramTexts, loadCommandDescriptions, loadCommandMenus, type BotDescriptions, type TelegramTexts, TELEGRAM_COMMANDS, type TelegramCommand, type CommandDescriptions, type CommandMenus } from './commands.ts';

// Receiving updates: long polling, or a webhook on the project's HTTP server
export { startLongPolling, type LongPollingHandle } from './long-polling.ts';
export { registerTelegramWebhook, setTelegramWebhook, type TelegramWebhookRoute } from './webhook.ts';
export { checkTelegramBot } from './start-up.ts';

// Sending replies: the messages a turn's replies become, their buttons, the contact question's reply keyboard
export { sendReplies, type SendOptions } from './send-replies.ts';
export { planMessages, cutBeforeLastPart, type MessagePlan, type MessageMarkup, type OutgoingMessage } from './outgoing-messages.ts';
export { splitText, MAX_MESSAGE_CHARS } from './split-text.ts';
export { keyboardFor, MAX_CALLBACK_DATA_BYTES } from './inline-keyboard.ts';
export { layoutChoices } from './choice-layout.ts';
export { contactKeyboard, createMemoryReplyKeyboards, inputFromText, REMOVE_REPLY_KEYBOARD, type ReplyKeyboardMemory, type SharePhoneTexts } from './reply-keyboard.ts';
export { contactText } from './shared-contact.ts';
export { createTurnTracker, sendCalendarFiles, type TelegramCalendarFile, type TurnTracker } from './calendar-document.ts';
