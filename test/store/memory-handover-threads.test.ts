import { createMemoryHandoverThreads } from '../../src/store/index.ts';
import { handoverThreadsContract } from './handover-threads.contract.ts';

handoverThreadsContract('in-memory', async () => {
  let now = 1_000_000;
  return {
    make: (ttlSeconds) => createMemoryHandoverThreads({ now: () => now, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
    elapse: async (seconds) => {
      now += seconds * 1000;
    },
  };
});
