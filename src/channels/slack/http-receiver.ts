import { ReceiverMultipleAckError, verifySlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../core/index.ts';

/** Where Slack sends slash commands, events and button clicks alike. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Button clicks carry the whole message they were on; 16 KB (the server's default) is not enough. */
const SLACK_BODY_LIMIT_BYTES = 512 * 1024;
/** Slack refuses requests older than this, and so do we (either way, against replays). */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Bolt's receiver on the project's Fastify server, plus the route it needs. */
export interface SlackHttpReceiver extends Receiver {
  /** Adds `POST /slack/events` to the server; call before it listens. */
  register(fastify: FastifyInstance): void;
}

type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Creates a Bolt receiver for the shared HTTP server. Every request is verified with the signing
 * secret (HMAC of `v0:timestamp:body`, at most five minutes old): anything else gets 401 and reaches
 * nothing. The answer goes back as soon as a listener acks, and the listener's slow work goes on after.
 */
export function createSlackHttpReceiver(options: { signingSecret: string; logger: Logger; path?: string; now?: () => number }): SlackHttpReceiver {
  const { signingSecret, logger } = options;
  const now = options.now ?? Date.now;
  let app: App | undefined;
  let started = false;

  function verify(raw: string, request: FastifyRequest): Verdict {
    const signature = header(request, 'x-slack-signature');
    const timestamp = Number(header(request, 'x-slack-request-timestamp'));
    if (!signature || !Number.isInteger(timestamp)) return { ok: false, reason: 'signature or timestamp missing' };
    // Bolt checks for old timestamps only; one from the future is refused as well.
    if (Math.abs(now() / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'timestamp more than five minutes off' };
    try {
      verifySlackRequest({ signingSecret, body: raw, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: now() });
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  /** Hands the body to Bolt; resolves with the HTTP answer as soon as a listener acks (or Bolt is done without one). */
  function dispatch(body: Record<string, unknown>, request: FastifyRequest): Promise<{ status: number; payload: unknown }> {
    return new Promise((resolve) => {
      let acked = false;
      const retryNum = Number(header(request, 'x-slack-retry-num'));
      const retryReason = header(request, 'x-slack-retry-reason');
      const event: ReceiverEvent = {
        body,
        ...(Number.isInteger(retryNum) ? { retryNum } : {}),
        ...(retryReason ? { retryReason } : {}),
        ack: async (response?: unknown) => {
          if (acked) throw new ReceiverMultipleAckError();
          acked = true;
          resolve({ status: 200, payload: response ?? '' });
        },
      };
      if (!app) return resolve({ status: 503, payload: { error: 'The staff desk is not ready yet.' } });
      app.processEvent(event).then(
        () => {
          if (acked) return;
          logger.info({ type: body.type ?? body.command }, 'no Slack listener acknowledged a request');
          resolve({ status: 404, payload: { error: 'Nothing here handles that request.' } });
        },
        (error: unknown) => {
          logger.error({ err: error }, 'Bolt failed while handling a Slack request');
          if (!acked) resolve({ status: 500, payload: { error: 'Something went wrong on our side.' } });
        },
      );
    });
  }

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const raw = typeof request.body === 'string' ? request.body : '';
    const verdict = verify(raw, request);
    if (!verdict.ok) {
      logger.warn({ reason: verdict.reason, ip: request.ip }, 'a request to the Slack endpoint failed verification');
      return reply.code(401).send({ error: 'The request is not signed by Slack, or is too old.' });
    }
    if (!started) return reply.code(503).send({ error: 'The staff desk is starting; please try again in a moment.' });
    const body = parseBody(raw, header(request, 'content-type') ?? '');
    if (!body) return reply.code(400).send({ error: 'The request body is neither a form nor JSON.' });
    // Slack checking the certificate of a slash command URL, and confirming the Events URL.
    if (body.ssl_check) return reply.code(200).send('');
    if (body.type === 'url_verification') return reply.code(200).send({ challenge: body.challenge });
    const answer = await dispatch(body, request);
    if (typeof answer.payload === 'string') return reply.code(answer.status).type('text/plain; charset=utf-8').send(answer.payload);
    return reply.code(answer.status).send(answer.payload);
  }

  return {
    init(boltApp) {
      app = boltApp;
    },
    async start() {
      started = true;
    },
    async stop() {
      started = false;
    },
    register(fastify) {
      // Verification needs the body exactly as sent, so this route reads every body as a string.
      void fastify.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: SLACK_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
        scope.post(options.path ?? SLACK_EVENTS_PATH, { bodyLimit: SLACK_BODY_LIMIT_BYTES }, handle);
      });
    },
  };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Commands arrive as a form, button clicks as a form with a JSON `payload`, events as JSON. */
function parseBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(raw);
      const payload = form.get('payload');
      return payload !== null ? asObject(JSON.parse(payload)) : Object.fromEntries(form);
    }
    return asObject(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
