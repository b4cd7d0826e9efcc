// Implementations of the core's ConversationStore.

export { createMemoryStore } from './memory.ts';
export { createRedisStore, type RedisClient } from './redis.ts';
export { createMemoryBookingStore } from './memory-bookings.ts';
export { createRedisBookingStore } from './redis-bookings.ts';
