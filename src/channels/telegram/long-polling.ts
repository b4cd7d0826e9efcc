import { run } from '@grammyjs/runner';
import type { Bot, Transformer } from 'grammy';
import { PlatformError, type Logger } from '../../core/index.ts';
import { errorDetails } from './api-errors.ts';
import { checkTelegramBot } from './start-up.ts';
import { ALLOWED_UPDATES } from './telegram-bot.ts';

/** A running long-polling loop. */
export interface LongPollingHandle {
  /** Stops fetching updates and waits (a few seconds at most) for the ones being handled. */
  stop(): Promise<void>;
  isRunning(): boolean;
}

/** How long stop() waits for updates still being handled: well inside the process's 10 s to stop. */
const DRAIN_MS = 6_000;

/**
 * Starts fetching updates with long polling (@grammyjs/runner: chats are handled concurrently, each
 * chat's in order). Any webhook is deleted first, as Telegram serves updates one way at a time.
 * Throws at start-up when the token is refused or Telegram cannot be reached; after that, failures
 * are logged and retried and never end the process.
 */
export async function startLongPolling(bot: Bot, logger: Logger): Promise<LongPollingHandle> {
  bot.api.config.use(logFetchFailures(logger));
  await checkTelegramBot(bot);
  try {
    await bot.api.deleteWebhook();
  } catch (error) {
    throw new PlatformError(`Telegram did not delete the webhook before long polling: ${(error as Error).message}`, { cause: error });
  }
  // The runner retries failed fetches itself; `silent` keeps its console output out of our JSON logs.
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true } });
  runner.task()?.catch((error: unknown) => {
    logger.error(errorDetails(error), 'Telegram long polling stopped: fetching updates failed for good');
  });
  logger.info({ bot: bot.botInfo.username }, 'Telegram long polling started');

  return {
    async stop() {
      if (runner.isRunning()) await runner.stop().catch(() => undefined);
      const deadline = Date.now() + DRAIN_MS;
      while (runner.size() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      logger.info({ unfinished: runner.size() }, 'Telegram long polling stopped');
    },
    isRunning: () => runner.isRunning(),
  };
}

/** Logs failed update fetches, which the runner retries without a word. */
function logFetchFailures(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) logger.warn({ telegram: { method, code: result.error_code, description: result.description } }, 'Telegram refused to hand out updates');
      return result;
    } catch (error) {
      if (!signal?.aborted) logger.warn(errorDetails(error), 'fetching updates from Telegram failed; retrying');
      throw error;
    }
  };
}
