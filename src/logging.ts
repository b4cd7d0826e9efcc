// The process's logger: pino, JSON lines on stderr. Every line carries the id of the request or
// update it belongs to; what identifies a guest (names, phone numbers, email addresses) and every
// secret is replaced before a line is written; message text is kept only at debug level.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentLogContext } from './core/index.ts';

/** pino's levels, plus `silent`. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const REDACTED = '[redacted]';

// Property names whose values never reach a log, wherever they appear (top level or one level in,
// which is where log details keep them, e.g. `{ guest: { name } }`).
const PERSONAL = ['name', 'firstName', 'lastName', 'first_name', 'last_name', 'username', 'phone', 'phoneNumber', 'phone_number', 'email', 'guest', 'contact'];
const SECRETS = ['token', 'botToken', 'appToken', 'secret', 'signingSecret', 'password', 'authorization', 'cookie'];
// What a guest wrote: kept at debug level (for finding out why a message was misunderstood) only.
const MESSAGE_TEXT = ['text', 'caption', 'input'];
// Errors from platform clients carry the request they failed on: the message and its recipient.
const ERROR_PAYLOADS = ['err.payload', 'err.data', 'err.config', 'err.request', 'err.response', 'err.original'];
const HEADERS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-telegram-bot-api-secret-token"]', 'req.headers["x-slack-signature"]'];

const everywhere = (names: string[]) => names.flatMap((name) => [name, `*.${name}`]);

/** The redacted paths at a level: message text is visible at debug and trace only. */
export function redactedPaths(level: LogLevel): string[] {
  const showText = level === 'debug' || level === 'trace';
  return [...everywhere(PERSONAL), ...everywhere(SECRETS), ...(showText ? [] : everywhere(MESSAGE_TEXT)), ...ERROR_PAYLOADS, ...HEADERS];
}

/** The logger for this process; `destination` is stderr unless given (tests pass a stream). */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination(2)): PinoLogger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths(level), censor: REDACTED },
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
