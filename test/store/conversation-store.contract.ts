import { describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/core/index.ts';

/** How a contract test gets a fresh store, and moves its clock when the store can be told the time. */
export interface StoreHarness {
  store: ConversationStore;
  /** Waits until `seconds` have passed for the store (a fake clock, or real time). */
  elapse(seconds: number): Promise<void>;
}

/** The behaviour every ConversationStore must have, run against each implementation. */
export function conversationStoreContract(name: string, makeHarness: () => Promise<StoreHarness>) {
  describe(`${name} conversation store`, () => {
    it('reads back what was written, as a copy', async () => {
      const { store } = await makeHarness();
      const value = { version: 1, misses: 0, guest: { id: 'g1', name: 'Lan' } };
      await store.write('web:a', value, 60);
      const read = await store.read('web:a');
      expect(read).toEqual(value);
      (read as { misses: number }).misses = 5;
      expect(await store.read('web:a')).toEqual(value);
    });

    it('knows nothing of a key never written', async () => {
      const { store } = await makeHarness();
      expect(await store.read('web:nobody')).toBeUndefined();
    });

    it('replaces the previous value on write', async () => {
      const { store } = await makeHarness();
      await store.write('web:a', { n: 1 }, 60);
      await store.write('web:a', { n: 2 }, 60);
      expect(await store.read('web:a')).toEqual({ n: 2 });
    });

    it('keeps conversations apart', async () => {
      const { store } = await makeHarness();
      await store.write('web:a', { n: 1 }, 60);
      await store.write('telegram:a', { n: 2 }, 60);
      expect(await store.read('web:a')).toEqual({ n: 1 });
      expect(await store.read('telegram:a')).toEqual({ n: 2 });
    });

    it('forgets a deleted value', async () => {
      const { store } = await makeHarness();
      await store.write('web:a', { n: 1 }, 60);
      await store.delete('web:a');
      expect(await store.read('web:a')).toBeUndefined();
    });

    it('lets a value expire after its TTL', async () => {
      const { store, elapse } = await makeHarness();
      await store.write('web:a', { n: 1 }, 1);
      await store.write('web:b', { n: 1 }, 60);
      await elapse(1.2);
      expect(await store.read('web:a')).toBeUndefined();
      expect(await store.read('web:b')).toEqual({ n: 1 });
    });

    it('stores text in any language and emoji intact', async () => {
      const { store } = await makeHarness();
      const value = { name: 'Nguyễn Thị Lan 🌸', note: '<b>"quotes"</b> \\ back\nslash' };
      await store.write('web:a', value, 60);
      expect(await store.read('web:a')).toEqual(value);
    });
  });
}
