import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { StoreError } from '../../src/core/index.ts';
import { createHttpServer, type HttpServerOptions } from '../../src/http/index.ts';

const logger = pino({ level: 'silent' });
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A server as main.ts makes it, with the given readiness and a few routes a channel might add. */
async function serve(options: Partial<HttpServerOptions> = {}, routes: (server: FastifyInstance) => void = () => {}): Promise<FastifyInstance> {
  app = createHttpServer({ logger, ready: async () => true, ...options });
  routes(app);
  app.post('/echo', async (request) => ({ received: request.body }));
  app.get('/broken', async () => {
    throw new Error('the database password is hunter2');
  });
  await app.ready();
  return app;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the HTTP server', () => {
  it('answers /healthz while the process is up, whatever the store says', async () => {
    const server = await serve({ ready: async () => false });
    const response = await server.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when the store answers', async () => {
    const server = await serve({ ready: async () => true });
    const response = await server.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('answers /readyz with 503 JSON when the store is not available', async () => {
    const server = await serve({ ready: async () => false });
    const response = await server.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json()).toEqual({ status: 'unavailable', error: 'the store is not available' });
  });

  it('answers /readyz with 503 when the store check throws', async () => {
    const server = await serve({
      ready: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    const response = await server.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toBe('the store check failed');
  });

  it('answers /readyz with 503 after one second when the store is slow', async () => {
    const server = await serve({ ready: () => sleep(3000).then(() => true) });
    const started = Date.now();
    const response = await server.inject({ method: 'GET', url: '/readyz' });
    const took = Date.now() - started;
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatch(/did not answer within 1000 ms/);
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(2500);
  });

  it('answers an unknown route with a 404 in JSON', async () => {
    const server = await serve();
    const response = await server.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'Not found: GET /nowhere' });
  });

  it('refuses a body over the limit with a 413 in JSON, before a route sees it', async () => {
    const server = await serve({ bodyLimitBytes: 1024 });
    const ok = await server.inject({ method: 'POST', url: '/echo', payload: { text: 'a'.repeat(900) } });
    expect(ok.statusCode).toBe(200);
    const response = await server.inject({ method: 'POST', url: '/echo', payload: { text: 'a'.repeat(2000) } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'The request body is too large: at most 1024 bytes are accepted.' });
  });

  it('limits bodies to 16 KB by default', async () => {
    const server = await serve();
    const response = await server.inject({ method: 'POST', url: '/echo', payload: { text: 'a'.repeat(17 * 1024) } });
    expect(response.statusCode).toBe(413);
  });

  it('says clearly what is wrong with a body that is not JSON', async () => {
    const server = await serve();
    const broken = await server.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"text": ' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual({ error: 'The request body is not valid JSON.' });
    const plain = await server.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'text/html' }, payload: '<p>hi</p>' });
    expect(plain.statusCode).toBe(415);
    expect(plain.json().error).toMatch(/send JSON/);
  });

  it('answers a failing route with a 500 in JSON that tells nothing of the failure', async () => {
    const lines: string[] = [];
    const recording = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const server = await serve({ logger: recording });
    const response = await server.inject({ method: 'GET', url: '/broken' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'Something went wrong on our side. Please try again in a moment.' });
    expect(response.body).not.toMatch(/hunter2|at .*\.ts/);
    // The detail goes to the log instead.
    expect(lines.join('')).toMatch(/hunter2/);
  });

  it('marks JSON answers as not to be kept or sniffed, and files as not to be sniffed', async () => {
    const server = await serve({}, (routes) => routes.get('/page.txt', async (_request, reply) => reply.type('text/plain').send('hello')));
    for (const url of ['/healthz', '/nowhere']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
    }
    const file = await server.inject({ method: 'GET', url: '/page.txt' });
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBeUndefined();
  });

  it('answers 503 with a time to retry when the store cannot be reached', async () => {
    const server = await serve({}, (routes) =>
      routes.get('/bookings', async () => {
        throw new StoreError('Redis get failed: connect ECONNREFUSED');
      }),
    );
    const response = await server.inject({ method: 'GET', url: '/bookings' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json().error).toMatch(/try again in a few seconds/);
    expect(response.body).not.toMatch(/ECONNREFUSED/);
  });

  it('answers a request in flight when it closes, asking the client to close the connection', async () => {
    let answered: (() => void) | undefined;
    const server = await serve({}, (routes) =>
      routes.get('/slow', async () => {
        await new Promise<void>((resolve) => (answered = resolve));
        return { done: true };
      }),
    );
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const slow = fetch(`${base}/slow`);
    while (!answered) await sleep(10);
    const closing = server.close();
    await sleep(50);
    answered();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    await closing;
    app = undefined;
  });
});
