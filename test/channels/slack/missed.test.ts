import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryBookingStore, createMemoryMissedMessages } from '../../../src/store/index.ts';
import { createTestConcierge, fakeGuest } from '../../helpers/bot.ts';
import { blockText } from '../../helpers/fake-slack.ts';
import { HOA, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

// What guests wrote that the bot did not understand reaches staff without names or numbers, the same
// words counted together: on /missed, and on Mondays in the staff channel once the spa opens.

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

// Monday 30 November 2026, 10:00 in Da Nang.
const MONDAY_10AM = new Date('2026-11-30T03:00:00Z');

async function deskWithMisses(scheduledPosts = false) {
  const now = () => MONDAY_10AM;
  const concierge = await createTestConcierge({
    bookings: createMemoryBookingStore({ now: () => now().getTime() }),
    missed: createMemoryMissedMessages({ now: () => now().getTime() }),
    now,
  });
  for (const [id, text] of [
    ['a', 'qwzx vbnm plox'],
    ['b', 'Qwzx vbnm plox!'],
    ['c', 'zorbly frimp for Anna Tran 0905 111 222'],
    ['d', 'how long is a session'],
  ] as const) await fakeGuest(concierge, { id }).say(text);
  return startDesk({ concierge, desk: { scheduledPosts, scheduleCheckMs: 50 } });
}

describe('what the bot missed', () => {
  it('is listed on /missed, the same words once with their count, without names or numbers, and nothing understood', async () => {
    running = await deskWithMisses();
    const before = running.fake.ephemeralsTo(HOA).length;
    await running.slack.command('/missed', '', HOA, STAFF_CHANNEL);
    const answer = await nextEphemeral(running.fake, HOA, before);
    const text = `${answer.text}\n${blockText(answer.blocks)}`;
    expect(text).toMatch(/What the bot missed since Monday 23 November: 3 message\(s\)/);
    expect(text).toMatch(/×2 · English · qwzx vbnm plox/i);
    expect(text).toMatch(/×1 · English · zorbly frimp for \[name\] \[name\] #/);
    expect(text).not.toMatch(/Anna|0905|how long is a session/);
  });

  it('is posted to the staff channel on Monday once the spa opens, beside the day’s schedule', async () => {
    running = await deskWithMisses(true);
    const posted = () => running!.fake.rootMessages(STAFF_CHANNEL).filter((m) => /What the bot missed/.test(m.text));
    await waitFor('the weekly report', () => posted().length > 0);
    expect(blockText(posted()[0]?.blocks)).toMatch(/×2 · English/);
    expect(running.fake.rootMessages(STAFF_CHANNEL).some((m) => /Today, Monday 30 November/.test(m.text))).toBe(true);
  });
});
