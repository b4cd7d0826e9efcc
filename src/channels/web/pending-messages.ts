// Messages to a web chat guest outside a reply (a reminder, a staff answer): the page is not always
// open, so they wait in a store until it fetches them, when it opens and every half minute while open.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Concierge, Reply } from '../../core/index.ts';
import type { PendingMessages } from '../../store/pending-messages.ts';
import type { ConversationIds } from './conversation-ids.ts';
import { conversationIdSchema, describeProblems } from './message-body.ts';

/** The JSON answer of `GET /api/messages/pending`. */
export interface PendingResponse {
  messages: Array<{ id: number; replies: Reply[] }>;
}

/** `conversationId` and `after`, the id of the last message the page showed: the pending route's query and the stream's. */
export const pendingQuerySchema = z.strictObject({
  conversationId: conversationIdSchema,
  after: z.coerce.number({ error: 'must be the id of the last message shown' }).int().min(0).default(0),
});

/**
 * Registers the web channel's outbox sender (messages are kept for the page) and
 * `GET /api/messages/pending?conversationId=…&after=…`: the messages after `after`, the id of the last
 * one the page showed (those up to it are forgotten).
 */
export function registerPendingMessages(
  scope: FastifyInstance,
  concierge: Concierge,
  pending: PendingMessages,
  toWire: (reply: Reply) => Reply,
  ids: ConversationIds,
): void {
  concierge.outbox.register('web', (conversationId, replies) => pending.add(conversationId, replies.map(toWire)));

  scope.get('/api/messages/pending', async (request, reply) => {
    const parsed = pendingQuerySchema.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ error: describeProblems(parsed.error) });
    // An id the server did not issue has no messages; the page starts over on its next message.
    if (!ids.isIssued(parsed.data.conversationId)) return reply.code(404).send({ error: 'No such conversation: send a message to start one.' });
    const messages = await pending.since(parsed.data.conversationId, parsed.data.after);
    const answer: PendingResponse = { messages: messages.map(({ id, replies }) => ({ id, replies })) };
    return reply.header('cache-control', 'no-store').send(answer);
  });
}
