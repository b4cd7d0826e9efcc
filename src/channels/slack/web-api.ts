import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/index.ts';

/** How often and how patiently a failed Web API call (a 5xx, a rate limit, no answer) is tried again. */
export interface RetryPolicy {
  /** Tries after the first one. */
  retries: number;
  /** The first wait; each next one doubles, up to `maxDelayMs`. */
  minDelayMs: number;
  maxDelayMs: number;
}

/** About a minute of tries in all; a rate limit additionally waits as long as Slack's Retry-After says. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, minDelayMs: 1000, maxDelayMs: 30_000 };

/** An attempt p-retry reports between tries. */
interface FailedAttempt {
  message: string;
  attemptNumber: number;
  retriesLeft: number;
}

/**
 * The WebClient's retry options: exponential backoff with jitter, every failed attempt logged.
 * Slack's own error answers (`ok: false`, e.g. channel_not_found) are not retried: they would fail again.
 */
export function webClientRetry(policy: RetryPolicy, logger: Logger): webApi.RetryOptions {
  const options = {
    retries: policy.retries,
    factor: 2,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
    randomize: true,
    // p-retry (under the WebClient) calls this after each failed attempt; the final failure is the caller's to log.
    onFailedAttempt: (error: FailedAttempt) => {
      if (error.retriesLeft > 0) {
        logger.warn({ slack: { attempt: error.attemptNumber, retriesLeft: error.retriesLeft, message: error.message } }, 'a Slack Web API call failed; retrying');
      }
    },
  };
  return options;
}

/** Slack's error code for a failed call (`channel_not_found`, `not_in_channel`...), when Slack answered with one. */
export function slackErrorCode(error: unknown): string | undefined {
  return error instanceof webApi.WebAPIPlatformError ? error.data.error : undefined;
}

/** The log details of an error: Slack's code or status for Web API failures, the whole error otherwise. */
export function errorDetails(error: unknown): object {
  if (error instanceof webApi.WebAPIPlatformError) return { slack: { error: error.data.error } };
  if (error instanceof webApi.WebAPIHTTPError) return { slack: { status: error.statusCode, message: error.statusMessage } };
  if (error instanceof webApi.WebAPIRequestError) return { slack: { message: error.original.message } };
  if (error instanceof webApi.WebAPIRateLimitedError) return { slack: { rateLimitedSeconds: error.retryAfter } };
  return { err: error };
}

// Where a Bolt or WebClient message goes on to show a request, a response or an event (`http request
// body: {...}`, `http request result: {...}`, `ack() call begins (body: ...)`): what follows is cut.
const PAYLOAD_LABEL = /\b(body|result|headers|payload|arguments|event)\b(\s*[:(=])[\s\S]*$/i;

/**
 * A Bolt or WebClient log message without the payload it may show: those carry guests' names,
 * phones and messages (a booking's post, a reply to a guest), whatever the level.
 */
export function withoutPayload(message: string): string {
  if (/^\s*[[{]/.test(message)) return '(a payload, not logged)';
  return message.replace(PAYLOAD_LABEL, (_all, label: string, separator: string) => `${label}${separator.trimEnd()} (not logged)`);
}

/**
 * Bolt's and the WebClient's logging, sent to the project's logger (its level decides what is kept).
 * Only their words are kept: objects they pass along and payloads in their messages are left out.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const at =
    (level: keyof Logger) =>
    (...parts: unknown[]) => {
      const error = parts.find((part): part is Error => part instanceof Error);
      const message = parts
        .filter((part): part is string => typeof part === 'string')
        .map(withoutPayload)
        .join(' ');
      logger[level](error ? errorDetails(error) : {}, message || error?.message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
