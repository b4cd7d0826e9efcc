import { describe, expect, it } from 'vitest';
import type { SeenUpdates } from '../../src/store/index.ts';

/** How a contract test gets a fresh SeenUpdates with a short memory, and lets time pass for it. */
export interface SeenUpdatesHarness {
  /** A fresh instance; `ttlSeconds` is how long it remembers an id. */
  make(ttlSeconds?: number): SeenUpdates;
  /** Waits until `seconds` have passed for the implementation (a fake clock, or real time). */
  elapse(seconds: number): Promise<void>;
}

/** The behaviour every SeenUpdates must have, run against each implementation. */
export function seenUpdatesContract(name: string, makeHarness: () => Promise<SeenUpdatesHarness>) {
  describe(`${name} seen updates`, () => {
    it('says yes the first time an id is seen and no after that', async () => {
      const { make } = await makeHarness();
      const seen = make();
      expect(await seen.firstTime('telegram:1')).toBe(true);
      expect(await seen.firstTime('telegram:1')).toBe(false);
      expect(await seen.firstTime('telegram:1')).toBe(false);
    });

    it('keeps ids apart', async () => {
      const { make } = await makeHarness();
      const seen = make();
      expect(await seen.firstTime('telegram:1')).toBe(true);
      expect(await seen.firstTime('telegram:2')).toBe(true);
      expect(await seen.firstTime('web:1')).toBe(true);
    });

    it('lets exactly one of many simultaneous calls for one id go first', async () => {
      const { make } = await makeHarness();
      const seen = make();
      const answers = await Promise.all(Array.from({ length: 20 }, () => seen.firstTime('telegram:7')));
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('forgets an id after its TTL', async () => {
      const { make, elapse } = await makeHarness();
      const seen = make(1);
      expect(await seen.firstTime('telegram:9')).toBe(true);
      await elapse(1.2);
      expect(await seen.firstTime('telegram:9')).toBe(true);
      expect(await seen.firstTime('telegram:9')).toBe(false);
    });
  });
}
