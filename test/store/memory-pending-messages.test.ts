import { createMemoryPendingMessages } from '../../src/store/index.ts';
import { pendingMessagesContract } from './pending-messages.contract.ts';

pendingMessagesContract('Memory', async () => {
  let clock = Date.parse('2026-11-26T02:00:00Z');
  return {
    make: (ttlSeconds) => createMemoryPendingMessages({ now: () => clock, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) }),
    elapse: async (seconds) => void (clock += seconds * 1000),
  };
});
