/** What a rate limiter answers for one message. */
export type RateDecision =
  | { allowed: true }
  /** `first` is true for the first refused message of a window: the one the guest is told about. */
  | { allowed: false; retryAfterSeconds: number; first: boolean };

/**
 * Counts messages per key (a guest's conversation) in a window. Implemented in src/store, in
 * memory or in Redis so that every bot instance shares the count.
 */
export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}
