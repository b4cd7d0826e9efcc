import { GrammyError, type Bot } from 'grammy';
import { ConfigError, PlatformError } from '../../core/index.ts';

/**
 * Fetches the bot's own profile (getMe), which every later step needs. A refused token stops
 * start-up with a ConfigError naming the setting; an unreachable Telegram with a PlatformError.
 */
export async function checkTelegramBot(bot: Bot): Promise<void> {
  if (bot.isInited()) return;
  try {
    // getMe directly: bot.init() retries network failures for ever, and start-up must fail instead.
    bot.botInfo = await bot.api.getMe();
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      throw new ConfigError(`Telegram refused TELEGRAM_BOT_TOKEN (${error.error_code} ${error.description}): set the token @BotFather gave you.`, {
        cause: error,
      });
    }
    throw new PlatformError(`Cannot reach the Telegram Bot API (TELEGRAM_API_ROOT, or api.telegram.org when unset): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
