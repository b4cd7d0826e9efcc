import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { webhookCallback, type Bot } from 'grammy';
import { ConfigError, PlatformError } from '../../core/index.ts';
import { checkTelegramBot } from './start-up.ts';
import { ALLOWED_UPDATES } from './telegram-bot.ts';

// What Telegram allows in secret_token.
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;
// An update carries a message of up to 4,096 characters with its entities, and the message it
// replies to or quotes, likewise: tens of kilobytes, more than the server's 16 KB default.
const TELEGRAM_BODY_LIMIT_BYTES = 1024 * 1024;

const sameSecret = (given: unknown, secret: string) =>
  typeof given === 'string' && given.length === secret.length && timingSafeEqual(Buffer.from(given), Buffer.from(secret));

function checkSecret(secret: string): void {
  if (!SECRET.test(secret)) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters, only letters, digits, _ and -.');
  }
}

/** Options of the webhook route. */
export interface TelegramWebhookRoute {
  bot: Bot;
  /** The path of TELEGRAM_WEBHOOK_URL, e.g. `/telegram/webhook`. */
  path: string;
  /** TELEGRAM_WEBHOOK_SECRET: a request without it in X-Telegram-Bot-Api-Secret-Token gets 401 and is not handled. */
  secret: string;
}

/**
 * Serves Telegram's webhook at `path` on the project's Fastify server. The request is answered once
 * the update is handled; an update delivered again (a retry, another instance) is skipped by the bot.
 * The secret is checked before the body is read, so only Telegram may send the larger bodies it needs.
 */
export function registerTelegramWebhook(app: FastifyInstance, options: TelegramWebhookRoute): void {
  checkSecret(options.secret);
  app.post(
    options.path,
    {
      bodyLimit: TELEGRAM_BODY_LIMIT_BYTES,
      onRequest: async (request, reply) => {
        if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], options.secret)) return reply.code(401).send({ error: 'Unauthorized' });
      },
    },
    webhookCallback(options.bot, 'fastify', { secretToken: options.secret }),
  );
}

/** Points Telegram at the webhook URL with its secret (setWebhook); call once at start-up. */
export async function setTelegramWebhook(bot: Bot, url: string, secret: string): Promise<void> {
  checkSecret(secret);
  await checkTelegramBot(bot);
  try {
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  } catch (error) {
    throw new PlatformError(`Telegram did not accept the webhook at TELEGRAM_WEBHOOK_URL: ${(error as Error).message}`, { cause: error });
  }
}
