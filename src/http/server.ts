// The one HTTP server of the process. Every channel that needs HTTP (the web chat, the Telegram
// webhook, Slack events) registers its routes on the instance made here, so health checks, body
// limits, logging and error answers are the same everywhere.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { StoreError, withLogContext } from '../core/index.ts';

/** What the server is built from. */
export interface HttpServerOptions {
  logger: FastifyBaseLogger;
  /** Whether the process can serve guests now (the store answers); `GET /readyz` asks it. */
  ready: () => Promise<boolean>;
  /** Largest request body accepted, in bytes; a route that needs more sets its own `bodyLimit`. */
  bodyLimitBytes?: number;
  /** How long `ready()` may take before the process counts as not ready. */
  readyTimeoutMs?: number;
  /** How many proxies in front of the server to trust for the client's address (0: the socket's). */
  trustProxyHops?: number;
}

/** Chat messages and webhook updates are small; anything bigger is refused before it is parsed. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;
const DEFAULT_READY_TIMEOUT_MS = 1000;
// What a 503 for a store outage asks clients to wait; the Redis client reconnects within 2 s.
const STORE_RETRY_AFTER_SECONDS = 5;

// Fastify's own wording for these is written for developers; guests' browsers and platform
// webhooks get one plain sentence each.
const CLIENT_MESSAGES: Record<string, (limit: number) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (limit) => `The request body is too large: at most ${limit} bytes are accepted.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'Unsupported content type: send JSON with "Content-Type: application/json".',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The request body is empty: send a JSON object.',
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The request body is not valid JSON.',
};

/** Creates the HTTP server with `/healthz`, `/readyz`, JSON errors and a body size limit; call `listen` on it. */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit,
    // Unique across instances, so one id finds one request in logs gathered from several.
    genReqId: () => randomUUID(),
    // Trust the given number of proxies nearest to the server for X-Forwarded-For.
    ...(options.trustProxyHops ? { trustProxy: (_address: string, hop: number) => hop < (options.trustProxyHops ?? 0) } : {}),
  });

  // Once the server is closing (SIGTERM), it takes no new request: Fastify answers one arriving on an
  // open keep-alive connection with 503 and Connection: close, and closes idle connections. A request
  // already being handled is answered, with Connection: close too, so that its connection ends with
  // that answer instead of keeping close() waiting.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (closing && request.raw.httpVersionMajor === 1) reply.header('connection', 'close');
    // Every answer is what it says it is; API answers (JSON) are about one guest and one moment, so
    // no browser or proxy keeps a copy.
    reply.header('x-content-type-options', 'nosniff');
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  // Everything done for a request, down to the core's own log lines, carries its id.
  app.addHook('onRequest', (request, _reply, done) => withLogContext({ reqId: request.id }, done));

  // Errors are answered here, once, for every route: the client gets a sentence, the log gets the
  // detail. A stack trace never leaves the process.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // The store (Redis) cannot be reached: a passing outage, which the client may retry shortly.
    if (error instanceof StoreError) {
      request.log.warn({ err: error }, 'request failed: the store is unavailable');
      return reply
        .code(503)
        .header('retry-after', String(STORE_RETRY_AFTER_SECONDS))
        .send({ error: 'We cannot reach our booking system right now. Please try again in a few seconds.' });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send({ error: 'Something went wrong on our side. Please try again in a moment.' });
    }
    request.log.info({ code: error.code, message: error.message }, 'request refused');
    const message = (error.code && CLIENT_MESSAGES[error.code]?.(bodyLimit)) || error.message;
    return reply.code(status).send({ error: message });
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({ error: `Not found: ${request.method} ${request.url.split('?')[0]}` });
  });

  // Liveness: the process is up and its event loop answers.
  app.get('/healthz', async () => ({ status: 'ok' }));

  // Readiness: the process can serve guests, i.e. its store answers in time.
  app.get('/readyz', async (request, reply) => {
    const answer = await readiness(options.ready, readyTimeoutMs);
    if (answer.ready) return { status: 'ready' };
    request.log.warn({ reason: answer.reason }, 'not ready');
    return reply.code(503).send({ status: 'unavailable', error: answer.reason });
  });

  return app;
}

type Readiness = { ready: true } | { ready: false; reason: string };

/** Asks `ready()` with a deadline; a rejection or a late answer counts as not ready. */
async function readiness(ready: () => Promise<boolean>, timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: `the store did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const asked = ready().then(
    (ok): Readiness => (ok ? { ready: true } : { ready: false, reason: 'the store is not available' }),
    (): Readiness => ({ ready: false, reason: 'the store check failed' }),
  );
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}
