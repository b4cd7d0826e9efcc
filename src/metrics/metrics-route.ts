import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './create-metrics.ts';

/** How `GET /metrics` is served. */
export interface MetricsRouteOptions {
  /** When set, a scraper must send `Authorization: Bearer <token>`; anyone else gets a 401. */
  token?: string;
}

/** Adds `GET /metrics` to the server: every metric, in Prometheus's text format, for a scraper. */
export function registerMetricsRoute(app: FastifyInstance, metrics: Pick<Metrics, 'text' | 'contentType'>, options: MetricsRouteOptions = {}): void {
  const allowed = options.token ? bearerTokenCheck(options.token) : () => true;
  app.get('/metrics', async (request, reply) => {
    if (!allowed(request.headers.authorization)) {
      request.log.info('metrics refused: no or wrong bearer token');
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'The metrics need an Authorization: Bearer header with the metrics token.' });
    }
    const body = await metrics.text();
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(body);
  });
}

/**
 * Whether an Authorization header carries `token` as a bearer token. Both sides are hashed first, so
 * the comparison takes the same time whatever was sent and says nothing about the token's length.
 */
export function bearerTokenCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const sent = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '')?.[1];
    return sent !== undefined && timingSafeEqual(digest(sent), expected);
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();
