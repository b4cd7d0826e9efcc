import { createMemorySeenUpdates } from '../../src/store/index.ts';
import { seenUpdatesContract } from './seen-updates.contract.ts';

seenUpdatesContract('in-memory', async () => {
  let now = 1_000_000;
  return {
    make: (ttlSeconds) => createMemorySeenUpdates({ now: () => now, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
    elapse: async (seconds) => {
      now += seconds * 1000;
    },
  };
});
