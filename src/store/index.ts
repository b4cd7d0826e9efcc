// Implementations of the core's ConversationStore.

export { createMemoryStore } from './memory.ts';
export { createRedisStore, type RedisClient } from './redis.ts';
// The client itself, re-exported so that the entry point loads it with the stores, only when Redis is set
export { createClient as createRedisClient } from 'redis';
export { createMemoryBookingStore } from './memory-bookings.ts';
export { createRedisBookingStore } from './redis-bookings.ts';

// Which platform updates were already handled (duplicate deliveries)
export { createMemorySeenUpdates, createRedisSeenUpdates, SEEN_UPDATES_TTL_SECONDS, type SeenUpdates } from './seen-updates.ts';

// Which Slack thread belongs to which handed-over conversation (the staff desk)
export {
  createMemoryHandoverThreads,
  createRedisHandoverThreads,
  HANDOVER_THREADS_TTL_SECONDS,
  type HandoverThread,
  type HandoverThreads,
} from './handover-threads.ts';

// Reminders and follow-ups: in Redis with BullMQ, or as timers in this process
export { createBullmqScheduler, type BullmqSchedulerOptions } from './bullmq-scheduler.ts';
export { createInProcessScheduler, type InProcessSchedulerOptions } from './in-process-scheduler.ts';

// Messages waiting for a web chat guest who is not on the page
export {
  createMemoryPendingMessages,
  createRedisPendingMessages,
  MAX_PENDING_PER_CONVERSATION,
  PENDING_TTL_SECONDS,
  type PendingMessage,
  type PendingMessages,
} from './pending-messages.ts';
export { createMemoryRateLimiter, createRedisRateLimiter, type RateLimitSettings } from './rate-limiter.ts';
export { sharedSecret } from './shared-secret.ts';

// What the bot did not understand, for the staff's weekly report
export { createMemoryMissedMessages, createRedisMissedMessages, MISSED_KEPT_MAX } from './missed-messages.ts';
