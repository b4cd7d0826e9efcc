// Implementations of the core's ConversationStore.

export { createMemoryStore } from './memory.ts';
export { createRedisStore, type RedisClient } from './redis.ts';
export { createMemoryBookingStore } from './memory-bookings.ts';
export { createRedisBookingStore } from './redis-bookings.ts';

// Which platform updates were already handled (duplicate deliveries)
export { createMemorySeenUpdates, createRedisSeenUpdates, SEEN_UPDATES_TTL_SECONDS, type SeenUpdates } from './seen-updates.ts';
