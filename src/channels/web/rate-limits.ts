// How often one address and one conversation may send messages to the web chat.
//
// The counters are `RateLimiter`s: in this process's memory unless the caller passes shared ones
// (main passes Redis-backed limiters, so every instance behind a load balancer counts together).
import type { FastifyRequest } from 'fastify';
import type { RateLimiter } from '../../core/index.ts';
// The file itself, not the store's index: the web chat needs no Redis or queue library to load.
import { createMemoryRateLimiter } from '../../store/rate-limiter.ts';

/** Messages allowed per window, per conversation and per client address. */
export interface WebChatRateLimit {
  perConversation: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: WebChatRateLimit = { perConversation: 30, perAddress: 120, windowMs: 60_000 };

/**
 * Limiters passed in by the caller. Without `conversation` the web chat leaves the per-guest limit
 * to the concierge (which answers in the chat instead of with a 429).
 */
export interface WebChatLimiters {
  address: RateLimiter;
  conversation?: RateLimiter;
}

/** `ok`, or how long the client must wait. */
export type LimitCheck = { kind: 'ok' } | { kind: 'limited'; retryAfterSeconds: number };

/** The limits of the messages API: the given limiters, or in-memory ones from `limits`. */
export function createRateLimits(limits: WebChatRateLimit, given?: WebChatLimiters) {
  const windowSeconds = limits.windowMs / 1000;
  const byAddress = given?.address ?? createMemoryRateLimiter({ points: limits.perAddress, windowSeconds, prefix: 'web-address' });
  const byConversation = given
    ? given.conversation
    : createMemoryRateLimiter({ points: limits.perConversation, windowSeconds, prefix: 'web-conversation' });

  const check = async (limiter: RateLimiter | undefined, key: string): Promise<LimitCheck> => {
    if (!limiter) return { kind: 'ok' };
    const decision = await limiter.take(key);
    return decision.allowed ? { kind: 'ok' } : { kind: 'limited', retryAfterSeconds: decision.retryAfterSeconds };
  };

  return {
    /** Counts one request from the client's address (behind a proxy, the one it reports if trusted). */
    address: (request: FastifyRequest) => check(byAddress, request.ip),
    /** Counts one message of a conversation. */
    conversation: (conversationId: string) => check(byConversation, conversationId),
  };
}
