import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Trains each language's intent model once before the test files start (they load it from .cache),
    // and checks at the end that no test left a key in Redis.
    globalSetup: ['test/helpers/prepare-models.ts', 'test/helpers/redis-left-behind.ts'],
    // Test files share each worker's modules: the content and intent models are read once per worker
    // rather than once per file (the suite runs in about 60% of the time). Files must leave no state
    // behind: they close their servers and clients and restore what they change (TZ, timers).
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
