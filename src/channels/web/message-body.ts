// The body of POST /api/messages, checked before anything else reads it.
import { z } from 'zod';
import { CONVERSATION_ID } from './conversation-ids.ts';
import { guestTimeZone } from './guest-time-zone.ts';

/** Longest text the API accepts; the core reads the first part of a long message and says so. */
export const MAX_TEXT_CHARS = 2000;
/** Longest action the API accepts, as the core's actions are (Telegram allows 64 bytes). */
export const MAX_ACTION_CHARS = 64;

// An id this API issued, or a plain UUID as pages from before signed ids keep: both are well-formed
// (one the server did not sign then starts a new conversation); anything else is a client's mistake.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const conversationIdSchema = z
  .string({ error: 'must be a conversation id returned by this API' })
  .refine((id) => CONVERSATION_ID.test(id) || UUID.test(id), 'must be a conversation id returned by this API');

/**
 * `{ conversationId?, text?, action?, languages?, timeZone? }`: exactly one of text and action, nothing
 * else. `languages` is the browser's `navigator.languages`; any value is accepted here and a malformed
 * one is ignored later (see guest-languages.ts), since a browser's odd list must never cost the message.
 * `timeZone` is the device's zone: read here into a zone's name, or undefined for anything else.
 */
export const messageBodySchema = z
  .strictObject(
    {
      conversationId: conversationIdSchema.optional(),
      text: z
        .string({ error: 'must be a string' })
        .min(1, 'must not be empty')
        .max(MAX_TEXT_CHARS, `is too long: at most ${MAX_TEXT_CHARS} characters`)
        .optional(),
      action: z
        .string({ error: 'must be a string' })
        .min(1, 'must not be empty')
        .max(MAX_ACTION_CHARS, `is too long: at most ${MAX_ACTION_CHARS} characters`)
        .optional(),
      languages: z.unknown().optional(),
      timeZone: z.unknown().optional().transform(guestTimeZone),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'the body must be a JSON object' : undefined) },
  )
  .refine((body) => (body.text === undefined) !== (body.action === undefined), 'send exactly one of "text" and "action"');

export type MessageBody = z.infer<typeof messageBodySchema>;

/** One sentence naming every problem with a body, e.g. `text: is too long: at most 2000 characters`. */
export function describeProblems(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
