import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, type Context, type FilterQuery } from 'grammy';
import type { Booking } from '../../booking/index.ts';
import { withLogContext, type Concierge, type Logger, type Turn, type TurnInput } from '../../core/index.ts';
import { DEFAULT_LANGUAGE, languageOfTag, type Language } from '../../languages.ts';
import type { SeenUpdates } from '../../store/index.ts';
import { errorDetails, isTelegramFailure } from './api-errors.ts';
import { createTurnTracker, sendCalendarFiles, type TelegramCalendarFile } from './calendar-document.ts';
import { TELEGRAM_COMMANDS, type TelegramTexts } from './commands.ts';
import { createMemoryReplyKeyboards, inputFromText, type ReplyKeyboardMemory } from './reply-keyboard.ts';
import { createSendQueue, sendReplies } from './send-replies.ts';
import { contactText } from './shared-contact.ts';

/** What the Telegram bot is built from. */
export interface TelegramBotOptions {
  /** The bot's token from @BotFather (TELEGRAM_BOT_TOKEN). */
  token: string;
  /** Another Bot API server, e.g. a local one (TELEGRAM_API_ROOT); Telegram's own by default. */
  apiRoot?: string;
  concierge: Concierge;
  /** Remembers handled update ids, so an update delivered twice is handled once. */
  seenUpdates: SeenUpdates;
  logger: Logger;
  /** The calendar file (.ics) of a booking, sent as a document after its confirmation; none without it. */
  calendarFile?: (booking: Booking) => TelegramCalendarFile;
  /** Every language's telegram.yaml (loadTelegramTexts): the share-my-phone button's words. Without them the contact question has no such button. */
  texts?: Record<Language, Pick<TelegramTexts, 'sharePhone'>>;
  /** Which chats have a reply keyboard showing; in this process's memory by default. */
  replyKeyboards?: ReplyKeyboardMemory;
}

/** The update types the bot asks Telegram for; everything else is never delivered. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

// Messages that carry something other than text; each still gets a reply (the core's answer to an
// empty message). Service messages (pins, joins) are not in this list and are left alone.
const NON_TEXT_MESSAGES: FilterQuery[] = ['message:file', 'message:paid_media', 'message:story', 'message:location', 'message:venue', 'message:poll', 'message:dice', 'message:game'];

/** The conversation a Telegram update belongs to: its chat. Decides both handling order and where state lives. */
export function conversationIdOf(ctx: Context): string | undefined {
  return ctx.chat ? String(ctx.chat.id) : undefined;
}

/**
 * Creates the grammY bot for guests: each private message or button press becomes a Turn for the
 * concierge and its replies are sent back in order. It is not started: see startLongPolling and
 * registerTelegramWebhook.
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
  const { concierge, seenUpdates, logger, texts } = options;
  const replyKeyboards = options.replyKeyboards ?? createMemoryReplyKeyboards();
  const bot = new Bot(options.token, {
    // A call Telegram never answers would otherwise hold up its chat for grammY's default 500 s.
    client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), timeoutSeconds: 60 },
  });
  // 429 and 5xx answers are retried after Telegram's retry_after (or a backoff), a few times at most;
  // a network failure is not retried here, so one unreachable Telegram never stalls a chat for long.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  // Every log line written while an update is handled carries its id.
  bot.use((ctx, next) => withLogContext({ updateId: ctx.update.update_id }, next));
  // One chat's updates one at a time, in order; the dedupe check sits inside so it runs in that order too.
  bot.use(sequentialize(conversationIdOf));
  bot.use(async (ctx, next) => {
    // Update ids are unique per bot; the bot id keeps two bots sharing one Redis apart.
    if (await seenUpdates.firstTime(`telegram:${ctx.me.id}:${ctx.update.update_id}`)) return next();
    logger.info({ updateId: ctx.update.update_id }, 'Telegram update delivered again; already handled');
  });

  /** Each chat's turn being answered: the calendar file of a new booking waits for the confirmation. */
  const turns = createTurnTracker();
  /** Each chat's messages go out in order, whether a turn's replies or sent from outside one. */
  const inOrder = createSendQueue();
  /** Hands one thing the guest did to the concierge and sends its replies. */
  const converse = async (ctx: Context, input: TurnInput) => {
    const turn = turnFrom(ctx, input);
    const chatId = ctx.chat?.id;
    if (!turn || chatId === undefined) return;
    await turns.run(String(chatId), async () => {
      const { replies, language } = await concierge.respond(turn);
      // The button in the language the replies are in (the guest may have picked another than their app's).
      const sharePhone = texts?.[language ?? languageOfTag(turn.guest.language) ?? DEFAULT_LANGUAGE].sharePhone;
      await inOrder(chatId, () => sendReplies(ctx.api, chatId, replies, { logger, sharePhone, replyKeyboards }));
    });
  };

  // A guest talks to the bot one to one; in a group, other members would see their booking details.
  const guests = bot.chatType('private');
  for (const [command, action] of Object.entries(TELEGRAM_COMMANDS)) {
    guests.command(command, (ctx) => converse(ctx, { kind: 'action', action }));
  }
  guests.on('message:text', async (ctx) => converse(ctx, await inputFromText(replyKeyboards, ctx.chat.id, ctx.message.text)));
  // A shared contact card is the guest's phone number, as when the bot asks how to reach them; the
  // core decides what it means when it did not ask. It most likely came from the share-my-phone
  // button, so the keyboard is taken away next even if this process never knew it was showing.
  guests.on('message:contact', async (ctx) => {
    await replyKeyboards.remember(ctx.chat.id, (await replyKeyboards.shown(ctx.chat.id)) ?? []);
    await converse(ctx, { kind: 'text', text: contactText(ctx.message.contact) });
  });
  guests.on(NON_TEXT_MESSAGES, (ctx) => converse(ctx, { kind: 'text', text: ctx.message?.caption ?? '' }));
  guests.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery().catch((error: unknown) => {
      // Only the button's spinner depends on it (and old queries cannot be answered): go on.
      logger.warn(errorDetails(error), 'answering a Telegram callback query failed');
    });
    if (ctx.callbackQuery.message && (await removeKeyboard(ctx, logger)) === 'already-removed') {
      logger.info({ updateId: ctx.update.update_id }, 'a button was pressed again after its keyboard was removed; ignored');
      return;
    }
    // callback_data is untrusted (anyone can send any bytes): the core checks it against the guest's state.
    await converse(ctx, { kind: 'action', action: ctx.callbackQuery.data ?? '' });
  });

  // Messages outside a reply (a staff member's answer after a hand-over) go out the same way.
  concierge.outbox.register('telegram', (conversationId, replies) => {
    const chatId = Number(conversationId);
    return inOrder(chatId, () => sendReplies(bot.api, chatId, replies, { logger, replyKeyboards }));
  });
  if (options.calendarFile) sendCalendarFiles({ bot, concierge, calendarFile: options.calendarFile, turns, logger });

  // The channel's edge: every error ends here, is logged, and the process goes on.
  bot.catch(async ({ ctx, error }) => {
    const updateId = ctx.update.update_id;
    if (isTelegramFailure(error)) {
      logger.error({ ...errorDetails(error), updateId }, 'a call to Telegram failed while handling an update');
      return;
    }
    logger.error({ ...errorDetails(error), updateId }, 'handling a Telegram update failed');
    if (ctx.chat?.type !== 'private') return;
    try {
      // In the language the guest's Telegram app reports (English for one the bot does not speak).
      // The question the guest was answering still stands, so a reply keyboard showing is left alone.
      await sendReplies(ctx.api, ctx.chat.id, concierge.errorReplies(ctx.from?.language_code), { logger });
    } catch (sendError) {
      logger.error({ ...errorDetails(sendError), updateId }, 'the error reply could not be sent to Telegram');
    }
  });
  return bot;
}

/** The Turn for an update: the chat is the conversation, the sender is the guest. */
function turnFrom(ctx: Context, input: TurnInput): Turn | undefined {
  const chatId = conversationIdOf(ctx);
  const from = ctx.from;
  if (chatId === undefined || !from) return undefined;
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return {
    channel: 'telegram',
    conversationId: chatId,
    guest: { id: String(from.id), ...(name ? { name } : {}), ...(from.language_code ? { language: from.language_code } : {}) },
    input,
  };
}

/**
 * Removes the pressed message's keyboard so its buttons cannot be pressed twice. Telegram answers
 * "message is not modified" when it is already gone: the same keyboard was pressed before.
 */
async function removeKeyboard(ctx: Context, logger: Logger): Promise<'removed' | 'already-removed' | 'failed'> {
  try {
    await ctx.editMessageReplyMarkup();
    return 'removed';
  } catch (error) {
    if (error instanceof GrammyError && /message is not modified/i.test(error.description)) return 'already-removed';
    // Messages over 48 hours old cannot be edited; the press itself still counts.
    logger.warn(errorDetails(error), 'removing a Telegram keyboard failed');
    return 'failed';
  }
}
