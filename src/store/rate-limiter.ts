// Message rate limits on rate-limiter-flexible: counted in Redis so every bot instance shares one
// count per guest, or in this process's memory when there is no Redis.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateDecision, RateLimiter } from '../core/rate-limit.ts';
import type { RedisClient } from './redis.ts';

/** So many messages per key in a window of so many seconds. */
export interface RateLimitSettings {
  points: number;
  windowSeconds: number;
  /** Keeps the counts of different limits apart (and from other data in Redis). */
  prefix: string;
}

/** Counts in this process only. */
export function createMemoryRateLimiter(settings: RateLimitSettings): RateLimiter {
  return limiterOver(new RateLimiterMemory({ keyPrefix: settings.prefix, points: settings.points, duration: settings.windowSeconds }), settings.points);
}

/**
 * Counts in Redis, shared by every instance. While Redis cannot be reached, each process counts
 * on its own in memory, so a guest is still limited and nobody is refused because of the outage.
 */
export function createRedisRateLimiter(client: RedisClient, settings: RateLimitSettings): RateLimiter {
  const insurance = new RateLimiterMemory({ keyPrefix: settings.prefix, points: settings.points, duration: settings.windowSeconds });
  const limiter = new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    keyPrefix: settings.prefix,
    points: settings.points,
    duration: settings.windowSeconds,
    insuranceLimiter: insurance,
  });
  return limiterOver(limiter, settings.points);
}

function limiterOver(limiter: RateLimiterAbstract, points: number): RateLimiter {
  return {
    async take(key: string): Promise<RateDecision> {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (refusal) {
        // Anything but a refusal is a failure of the counter itself: let the message through.
        if (!(refusal instanceof RateLimiterRes)) return { allowed: true };
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
          first: refusal.consumedPoints === points + 1,
        };
      }
    },
  };
}
