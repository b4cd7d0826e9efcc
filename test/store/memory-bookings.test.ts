import { createMemoryBookingStore } from '../../src/store/memory-bookings.ts';
import { bookingStoreContract } from './booking-store.contract.ts';

bookingStoreContract('in-memory', async () => {
  let now = Date.parse('2030-03-01T00:00:00Z');
  return {
    store: createMemoryBookingStore({ now: () => now }),
    elapse: async (seconds) => {
      now += seconds * 1000;
    },
  };
});
