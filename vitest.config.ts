import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Trains each language's intent model once before the test files start (they load it from .cache).
    globalSetup: ['test/helpers/prepare-models.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
