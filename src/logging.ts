// The process's logger: pino, JSON lines on stderr. Every line carries the id of the request or
// update it belongs to; what identifies a guest (names, phone numbers, email addresses) and every
// secret is replaced before a line is written; a conversation's id appears only as a short hash (on
// the web it is what opens the conversation); message text is kept only at debug level and only when
// the operator asks for it (LOG_MESSAGE_TEXT).
import { createHash } from 'node:crypto';
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentLogContext } from './core/index.ts';

/** pino's levels, plus `silent`. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const REDACTED = '[redacted]';

// Property names whose values never reach a log, wherever they appear (top level or one level in,
// which is where log details keep them, e.g. `{ guest: { name } }`).
const PERSONAL = ['name', 'firstName', 'lastName', 'first_name', 'last_name', 'username', 'phone', 'phoneNumber', 'phone_number', 'email', 'guest', 'contact'];
const SECRETS = ['token', 'botToken', 'appToken', 'secret', 'signingSecret', 'password', 'authorization', 'cookie'];
// What a guest wrote: kept at debug level with LOG_MESSAGE_TEXT (for finding out why a message was
// misunderstood) only.
const MESSAGE_TEXT = ['text', 'caption', 'input'];
// Errors from platform clients carry the request they failed on: the message and its recipient.
const ERROR_PAYLOADS = ['err.payload', 'err.data', 'err.config', 'err.request', 'err.response', 'err.original'];
const HEADERS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-telegram-bot-api-secret-token"]', 'req.headers["x-slack-signature"]'];

const everywhere = (names: string[]) => names.flatMap((name) => [name, `*.${name}`]);

/** The redacted paths at a level: message text is visible at debug and trace, when asked for, only. */
export function redactedPaths(level: LogLevel, messageText = false): string[] {
  const showText = messageText && (level === 'debug' || level === 'trace');
  return [...everywhere(PERSONAL), ...everywhere(SECRETS), ...(showText ? [] : everywhere(MESSAGE_TEXT)), ...ERROR_PAYLOADS, ...HEADERS];
}

/** How the logger treats what guests wrote. */
export interface LogOptions {
  /** Keep guests' message text at debug and trace (LOG_MESSAGE_TEXT); never below. */
  messageText?: boolean;
}

/**
 * A conversation's id or key as a log line shows it: a short hash, after the channel when it has one
 * ("web:#3f9a0c21d4e7"). Lines about one conversation still match one another.
 */
export function loggedId(value: unknown): unknown {
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const text = String(value);
  const colon = text.indexOf(':');
  const channel = colon > 0 && /^[a-z]+$/.test(text.slice(0, colon)) ? text.slice(0, colon + 1) : '';
  return `${channel}#${createHash('sha256').update(text.slice(channel.length)).digest('hex').slice(0, 12)}`;
}

// Log fields that name a conversation: the core's key ("web:<id>"), a channel's id, Telegram's chat.
const CONVERSATION_FIELDS = ['key', 'conversationId', 'chatId'];

/** A request as Fastify logs it, with any conversation id in its address hashed. */
function loggedRequest(req: { method?: string; url?: string; hostname?: string; host?: string; ip?: string; socket?: { remotePort?: number } }): Record<string, unknown> {
  const url = (req.url ?? '').replace(/([?&]conversationId=)([^&#]*)/g, (_match, name: string, id: string) => `${name}${String(loggedId(decodeURIComponent(id)))}`);
  return { method: req.method, url, host: req.host ?? req.hostname, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/** The logger for this process; `destination` is stderr unless given (tests pass a stream). */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination(2), options: LogOptions = {}): PinoLogger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths(level, options.messageText), censor: REDACTED },
      serializers: { req: loggedRequest, ...Object.fromEntries(CONVERSATION_FIELDS.map((field) => [field, loggedId])) },
      // The request or update id of the work being done, on every line (a child logger that
      // already carries one, like a Fastify request's, keeps its own).
      mixin: (_details, _level, logger) => withoutBound(currentLogContext(), logger.bindings()),
    },
    destination,
  );
}

function withoutBound(context: Record<string, unknown>, bindings: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) if (!(key in bindings)) fields[key] = value;
  return fields;
}
