import { GrammyError, HttpError } from 'grammy';

/** True when the error came from a call to Telegram (an error answer, or no answer at all). */
export function isTelegramFailure(error: unknown): error is GrammyError | HttpError {
  return error instanceof GrammyError || error instanceof HttpError;
}

/**
 * The log details for an error. Telegram's error answers carry the request payload (guest text,
 * phone numbers), so only their method, code and description are kept; grammY already keeps the
 * token out of HttpError messages. Anything else is logged whole, with its cause, under `err`.
 */
export function errorDetails(error: unknown): object {
  if (error instanceof GrammyError) {
    return { telegram: { method: error.method, code: error.error_code, description: error.description } };
  }
  if (error instanceof HttpError) {
    return { telegram: { message: error.message, cause: (error.error as Error | undefined)?.message } };
  }
  return { err: error };
}
