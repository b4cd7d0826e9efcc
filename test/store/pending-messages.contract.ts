import { describe, expect, it } from 'vitest';
import { MAX_PENDING_PER_CONVERSATION, type PendingMessages } from '../../src/store/index.ts';

/** How a contract test gets a fresh store, and lets time pass for it. */
export interface PendingMessagesHarness {
  make(ttlSeconds?: number): PendingMessages;
  elapse(seconds: number): Promise<void>;
}

/** Waits (in real time: announcements may cross a connection) until `done` is true; fails after 2 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('not heard within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const reminder = { text: 'See you tomorrow at 15:00!', choices: [{ label: 'Move it', action: 'm:move:LS-7K3Q' }] };

/** The behaviour every PendingMessages must have, run against each implementation. */
export function pendingMessagesContract(name: string, makeHarness: () => Promise<PendingMessagesHarness>) {
  describe(`${name} pending messages`, () => {
    it('keeps messages for a conversation, in order, with their choices', async () => {
      const { make } = await makeHarness();
      const pending = make();
      await pending.add('c1', [reminder]);
      await pending.add('c1', [{ text: 'second' }, { text: 'third' }]);
      const messages = await pending.since('c1', 0);
      expect(messages.map((m) => m.replies)).toEqual([[reminder], [{ text: 'second' }, { text: 'third' }]]);
      expect(messages[0]!.id).toBeLessThan(messages[1]!.id);
      expect(Number.isNaN(Date.parse(messages[0]!.at))).toBe(false);
    });

    it('forgets what the page acknowledged, and keeps the rest until then', async () => {
      const { make } = await makeHarness();
      const pending = make();
      await pending.add('c1', [{ text: 'one' }]);
      const [first] = await pending.since('c1', 0);
      await pending.add('c1', [{ text: 'two' }]);
      // Not acknowledged yet: asked again, both are still there.
      expect((await pending.since('c1', 0)).map((m) => m.replies[0]?.text)).toEqual(['one', 'two']);
      const rest = await pending.since('c1', first!.id);
      expect(rest.map((m) => m.replies[0]?.text)).toEqual(['two']);
      expect(await pending.since('c1', rest[0]!.id)).toEqual([]);
      expect(await pending.since('c1', 0)).toEqual([]);
    });

    it('keeps conversations apart', async () => {
      const { make } = await makeHarness();
      const pending = make();
      await pending.add('c1', [{ text: 'for one' }]);
      await pending.add('c2', [{ text: 'for two' }]);
      expect((await pending.since('c2', 0)).map((m) => m.replies[0]?.text)).toEqual(['for two']);
      expect(await pending.since('c3', 0)).toEqual([]);
    });

    it('gives increasing ids to messages added at once', async () => {
      const { make } = await makeHarness();
      const pending = make();
      await Promise.all(Array.from({ length: 10 }, (_, i) => pending.add('c1', [{ text: String(i) }])));
      const ids = (await pending.since('c1', 0)).map((m) => m.id);
      expect(new Set(ids).size).toBe(10);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    });

    it(`keeps the latest ${MAX_PENDING_PER_CONVERSATION} messages of a conversation`, async () => {
      const { make } = await makeHarness();
      const pending = make();
      for (let i = 0; i < MAX_PENDING_PER_CONVERSATION + 5; i++) await pending.add('c1', [{ text: String(i) }]);
      const texts = (await pending.since('c1', 0)).map((m) => m.replies[0]?.text);
      expect(texts).toHaveLength(MAX_PENDING_PER_CONVERSATION);
      expect(texts[0]).toBe('5');
    });

    it('tells a listener the id of each message added for its conversation from then on, until it stops', async () => {
      const { make } = await makeHarness();
      const pending = make();
      try {
        await pending.add('c1', [{ text: 'before' }]);
        const heard: number[] = [];
        const stop = await pending.listen('c1', (id) => heard.push(id));
        const alsoHeard: number[] = [];
        const stopToo = await pending.listen('c1', (id) => alsoHeard.push(id));
        await pending.add('c2', [{ text: 'for another conversation' }]);
        await pending.add('c1', [{ text: 'now' }]);
        await until(() => heard.length >= 1 && alsoHeard.length >= 1);
        const now = (await pending.since('c1', 0)).find((m) => m.replies[0]?.text === 'now');
        expect(heard).toEqual([now?.id]);
        expect(alsoHeard).toEqual([now?.id]);

        await stop();
        await pending.add('c1', [{ text: 'after one stopped' }]);
        await until(() => alsoHeard.length === 2);
        await stopToo();
        await pending.add('c1', [{ text: 'after both stopped' }]);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(heard).toHaveLength(1);
        expect(alsoHeard).toHaveLength(2);
      } finally {
        await pending.close();
      }
    });

    it('forgets messages after their TTL', async () => {
      const { make, elapse } = await makeHarness();
      const pending = make(1);
      await pending.add('c1', [{ text: 'soon gone' }]);
      await elapse(1.2);
      expect(await pending.since('c1', 0)).toEqual([]);
    });
  });
}
