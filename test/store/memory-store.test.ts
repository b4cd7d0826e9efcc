import { createMemoryStore } from '../../src/store/index.ts';
import { conversationStoreContract } from './conversation-store.contract.ts';

conversationStoreContract('in-memory', async () => {
  let now = 1_000_000;
  return {
    store: createMemoryStore({ now: () => now }),
    elapse: async (seconds) => {
      now += seconds * 1000;
    },
  };
});
