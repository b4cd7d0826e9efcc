import { describe, expect, it } from 'vitest';
import type { HandoverThread, HandoverThreads } from '../../src/store/index.ts';

/** How a contract test gets a fresh store with a given memory, and lets time pass for it. */
export interface HandoverThreadsHarness {
  make(ttlSeconds?: number): HandoverThreads;
  /** Waits until `seconds` have passed for the implementation (a fake clock, or real time). */
  elapse(seconds: number): Promise<void>;
}

/** A thread for conversation `key` whose first message is `ts`. */
export function thread(key: string, ts: string, changes: Partial<HandoverThread> = {}): HandoverThread {
  return {
    key,
    channel: 'C0STAFF',
    ts,
    ended: false,
    opening: { guestName: 'Lan', guestChannel: 'telegram', reason: 'asked', recent: [{ from: 'guest', text: 'can I talk to a person?' }] },
    ...changes,
  };
}

/** The behaviour every HandoverThreads must have, run against each implementation. */
export function handoverThreadsContract(name: string, makeHarness: () => Promise<HandoverThreadsHarness>) {
  describe(`${name} hand-over threads`, () => {
    it('finds a thread by its conversation and by its first message', async () => {
      const threads = (await makeHarness()).make();
      await threads.write(thread('telegram:42', '1700000000.000100'));
      expect(await threads.byKey('telegram:42')).toEqual(thread('telegram:42', '1700000000.000100'));
      expect(await threads.byThread('C0STAFF', '1700000000.000100')).toEqual(thread('telegram:42', '1700000000.000100'));
      expect(await threads.byKey('telegram:43')).toBeUndefined();
      expect(await threads.byThread('C0STAFF', '1700000000.000999')).toBeUndefined();
      expect(await threads.byThread('C0OTHER', '1700000000.000100')).toBeUndefined();
    });

    it('makes a newer thread the current one, and keeps the older one findable by its message', async () => {
      const threads = (await makeHarness()).make();
      await threads.write(thread('web:a', '1.000001', { ended: true }));
      await threads.write(thread('web:a', '2.000002'));
      expect((await threads.byKey('web:a'))?.ts).toBe('2.000002');
      expect(await threads.byThread('C0STAFF', '1.000001')).toMatchObject({ key: 'web:a', ended: true });
    });

    it('saves a change to a thread (ended)', async () => {
      const threads = (await makeHarness()).make();
      const open = thread('telegram:7', '3.000003');
      await threads.write(open);
      await threads.write({ ...open, ended: true });
      expect(await threads.byKey('telegram:7')).toMatchObject({ ended: true });
      expect(await threads.byThread('C0STAFF', '3.000003')).toMatchObject({ ended: true });
    });

    it('keeps conversations apart and forgets one on delete', async () => {
      const threads = (await makeHarness()).make();
      await threads.write(thread('telegram:1', '4.000001'));
      await threads.write(thread('telegram:2', '4.000002'));
      await threads.delete('telegram:1');
      expect(await threads.byKey('telegram:1')).toBeUndefined();
      expect(await threads.byThread('C0STAFF', '4.000001')).toBeUndefined();
      expect((await threads.byKey('telegram:2'))?.ts).toBe('4.000002');
      await threads.delete('telegram:404');
    });

    it('hands out copies, so changing a result changes nothing stored', async () => {
      const threads = (await makeHarness()).make();
      await threads.write(thread('web:b', '5.000005'));
      const found = await threads.byKey('web:b');
      found!.opening.recent.push({ from: 'bot', text: 'changed' });
      found!.ended = true;
      expect(await threads.byKey('web:b')).toEqual(thread('web:b', '5.000005'));
    });

    it('forgets a thread after its TTL', async () => {
      const { make, elapse } = await makeHarness();
      const threads = make(1);
      await threads.write(thread('telegram:9', '6.000006'));
      await elapse(1.2);
      expect(await threads.byKey('telegram:9')).toBeUndefined();
      expect(await threads.byThread('C0STAFF', '6.000006')).toBeUndefined();
    });
  });
}
