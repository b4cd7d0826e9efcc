// The live side of waiting messages: `GET /api/messages/stream?conversationId=…&after=…` keeps a
// Server-Sent Events stream open, so a staff answer or a reminder reaches an open page the moment it is
// added (on this instance or, through the store, on any other). Each message is one event whose `id:`
// is the message's id, the same id the page acknowledges as `after`: a page that reconnects (with
// `after`, or the browser's Last-Event-ID) gets what it has not shown, and nothing twice.
//
// The stream reads the store rather than trusting the announcement: every announcement, and a
// keep-alive every little while, makes it read what is newer than what it sent, so messages go out in
// order and one whose announcement was lost (Redis reconnecting) still goes out. It reads from what the
// page acknowledged when it connected, which forgets nothing the page may not have received.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../core/index.ts';
import type { PendingMessage, PendingMessages } from '../../store/pending-messages.ts';
import type { ConversationIds } from './conversation-ids.ts';
import { describeProblems } from './message-body.ts';
import { pendingQuerySchema } from './pending-messages.ts';
import { createOpenStreams, type AdmittedStream, type StreamLimits } from './open-streams.ts';

/** How many streams may be open at once, and how often a quiet stream says it is alive. */
export interface MessageStreamOptions extends StreamLimits {
  /** Seconds between keep-alives, which also catch up on anything an announcement missed (25 by default). */
  keepAliveSeconds: number;
}

export const DEFAULT_STREAM_OPTIONS: MessageStreamOptions = { perConversation: 4, perAddress: 40, keepAliveSeconds: 25 };

/** The id the page last showed: the larger of `after` and the Last-Event-ID a browser sends when it reconnects on its own. */
function acknowledgedId(after: number, lastEventId: string | string[] | undefined): number {
  const header = Number(Array.isArray(lastEventId) ? lastEventId[0] : lastEventId);
  return Number.isSafeInteger(header) && header > after ? header : after;
}

/** One message as an event: its id, and the same JSON the pending route answers with. */
function eventOf(message: PendingMessage): string {
  return `id: ${message.id}\ndata: ${JSON.stringify({ id: message.id, replies: message.replies })}\n\n`;
}

/**
 * Registers `GET /api/messages/stream`: 400 for a malformed query, 404 for an id the server did not
 * issue, 429 past the limits of open streams; otherwise an event stream of the conversation's waiting
 * messages, closed by the server when it shuts down.
 */
export function registerMessageStream(scope: FastifyInstance, pending: PendingMessages, ids: ConversationIds, logger: Logger, options: MessageStreamOptions): void {
  const open = createOpenStreams(options);
  // Before the server stops taking connections, so that no open stream keeps it waiting.
  scope.addHook('preClose', (done) => {
    open.closeAll();
    done();
  });

  scope.get('/api/messages/stream', async (request, reply) => {
    const parsed = pendingQuerySchema.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ error: describeProblems(parsed.error) });
    const { conversationId, after } = parsed.data;
    if (!ids.isIssued(conversationId)) return reply.code(404).send({ error: 'No such conversation: send a message to start one.' });
    const admitted = open.admit(conversationId, request.ip);
    if (admitted.kind === 'refused') {
      // The page then asks for its messages the plain way (GET /api/messages/pending) from time to time.
      return reply.code(429).header('retry-after', '60').send({ error: `Too many open message streams ${admitted.where}: please close another chat window.` });
    }
    return stream(request, reply, { conversationId, acknowledged: acknowledgedId(after, request.headers['last-event-id']), admitted: admitted.stream });
  });

  async function stream(
    request: FastifyRequest,
    reply: FastifyReply,
    { conversationId, acknowledged, admitted }: { conversationId: string; acknowledged: number; admitted: AdmittedStream },
  ) {
    const body = new PassThrough();
    let sent = acknowledged;
    let ended = false;
    let stopListening: (() => Promise<void>) | undefined;
    let keepAlive: NodeJS.Timeout | undefined = undefined;
    let reading = Promise.resolve();

    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      admitted.release();
      void stopListening?.().catch(() => {});
      body.end();
    };
    admitted.onEnd(end);
    // The response's close, not the request's: the request of a GET is over as soon as it is read.
    reply.raw.once('close', end);

    /** Sends what is newer than what was sent, one read at a time so nothing goes out twice. */
    const catchUp = () => {
      reading = reading
        .then(async () => {
          if (ended) return;
          for (const message of await pending.since(conversationId, acknowledged)) {
            if (ended || message.id <= sent) continue;
            body.write(eventOf(message));
            sent = message.id;
          }
        })
        .catch((error: unknown) => {
          // The store is away: the page reconnects with back-off (and asks the plain way meanwhile).
          logger.warn({ err: error, conversationId }, 'the message stream could not read waiting messages');
          end();
        });
    };

    try {
      stopListening = await pending.listen(conversationId, (id) => {
        if (id > sent) catchUp();
      });
    } catch (error) {
      admitted.release();
      throw error; // A StoreError: the server answers 503, and the page tries again later.
    }
    if (ended) {
      // The server began shutting down, or the page left, while the stream was being set up.
      void stopListening().catch(() => {});
      return reply.code(503).header('retry-after', '5').send({ error: 'The server is restarting: please try again in a few seconds.' });
    }
    // A comment first, so the headers and the stream's start reach the page at once.
    body.write(': connected\n\n');
    catchUp();
    keepAlive = setInterval(() => {
      body.write(': keep-alive\n\n');
      catchUp();
    }, options.keepAliveSeconds * 1000);
    keepAlive.unref();
    return reply
      .headers({
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // Proxies such as nginx would otherwise hold the events back in a buffer.
        'x-accel-buffering': 'no',
        // The connection ends with the stream, so a server shutting down is not kept waiting for it.
        ...(request.raw.httpVersionMajor === 1 ? { connection: 'close' } : {}),
      })
      .send(body);
  }
}
