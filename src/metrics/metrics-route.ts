import type { FastifyInstance } from 'fastify';
import type { Metrics } from './create-metrics.ts';

/** Adds `GET /metrics` to the server: every metric, in Prometheus's text format, for a scraper. */
export function registerMetricsRoute(app: FastifyInstance, metrics: Pick<Metrics, 'text' | 'contentType'>): void {
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.text();
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(body);
  });
}
