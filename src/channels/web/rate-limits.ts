// How often one conversation and one address may send messages.
//
// The counters live in this process (@fastify/rate-limit's in-memory store): with several instances
// behind a load balancer each counts on its own. A later issue moves them to Redis.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Messages allowed per window, per conversation and per client address. */
export interface WebChatRateLimit {
  perConversation: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: WebChatRateLimit = { perConversation: 30, perAddress: 120, windowMs: 60_000 };

/** `ok`, or how long the client must wait. */
export type LimitCheck = { kind: 'ok' } | { kind: 'limited'; retryAfterSeconds: number };

/** The two limits of the messages API; `app` must be the web chat's own (encapsulated) scope. */
export async function createRateLimits(app: FastifyInstance, limits: WebChatRateLimit) {
  await app.register(fastifyRateLimit, { global: false, cache: 10_000 });
  // createRateLimit counts without answering, so two limits with their own keys can apply to one
  // route, which then decides what to answer. The conversation's key comes from the checked body.
  const conversationOf = new WeakMap<FastifyRequest, string>();
  const byAddress = app.createRateLimit({ max: limits.perAddress, timeWindow: limits.windowMs, keyGenerator: (request) => request.ip });
  const byConversation = app.createRateLimit({
    max: limits.perConversation,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => conversationOf.get(request) ?? '',
  });

  const verdict = (result: Awaited<ReturnType<typeof byAddress>>): LimitCheck =>
    !result.isAllowed && result.isExceeded ? { kind: 'limited', retryAfterSeconds: Math.max(1, result.ttlInSeconds) } : { kind: 'ok' };

  return {
    /** Counts one request from the client's address (the socket's: no proxy is trusted yet). */
    address: async (request: FastifyRequest) => verdict(await byAddress(request)),
    /** Counts one message of a conversation. */
    conversation: async (request: FastifyRequest, conversationId: string) => {
      conversationOf.set(request, conversationId);
      return verdict(await byConversation(request));
    },
  };
}
