// The BullMQ scheduler against the real Redis (these tests fail, never skip, without it): the shared
// contract, plus what only Redis gives: several workers and restarts.
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.ts';
import type { DeliverMessage, MessageScheduler } from '../../src/reminders/index.ts';
import { createBullmqScheduler, type RedisClient } from '../../src/store/index.ts';
import { recordingLogger } from '../channels/telegram/harness.ts';
import { connectTestRedis, deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';
import { bookingAt, spaReminders, vn } from '../reminders/fixtures.ts';
import { messageSchedulerContract, pause, plannedInstant, recordingDeliver, waitFor } from './message-scheduler.contract.ts';

let client: RedisClient;
const prefixes: string[] = [];
const made: MessageScheduler[] = [];

beforeAll(async () => {
  client = await connectTestRedis();
});
afterEach(async () => {
  await Promise.all(made.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteKeys(client, prefix);
  await client.close();
});

/** A key namespace of its own (BullMQ's prefix takes no trailing colon). */
function newPrefix(): string {
  const prefix = uniquePrefix('reminders').replace(/:$/, '');
  prefixes.push(prefix);
  return prefix;
}

/** A started BullMQ scheduler on the test Redis. */
async function make(options: { prefix: string; deliver: DeliverMessage; now: () => Date; fastRetry?: boolean }): Promise<MessageScheduler> {
  const scheduler = createBullmqScheduler({
    redisUrl: TEST_REDIS_URL,
    prefix: options.prefix,
    settings: spaReminders,
    deliver: options.deliver,
    now: options.now,
    logger: recordingLogger().logger,
    ...(options.fastRetry ? { backoffMs: 200 } : {}),
  });
  made.push(scheduler);
  await scheduler.start();
  return scheduler;
}

messageSchedulerContract('BullMQ (Redis)', {
  make: ({ deliver, now, fastRetry }) => make({ prefix: newPrefix(), deliver, now, ...(fastRetry ? { fastRetry } : {}) }),
});

describe('BullMQ message scheduler', () => {
  const THURSDAY_9AM = vn('2026-11-26 09:00');
  const booking = bookingAt(vn('2026-11-27 15:00'));
  const twoHoursBefore = plannedInstant(booking, (m) => m.minutesBefore === 120, THURSDAY_9AM);
  const aSecondBefore = () => new Date(twoHoursBefore.getTime() - 1000);

  it('keeps each message in Redis as a delayed job with a deterministic id and the planned delay', async () => {
    const prefix = newPrefix();
    const scheduler = await make({ prefix, deliver: recordingDeliver().deliver, now: () => THURSDAY_9AM });
    await scheduler.schedule(booking);
    const queue = new Queue('reminders', { connection: client, prefix });
    try {
      const jobs = await queue.getDelayed();
      const delays = Object.fromEntries(jobs.map((job) => [job.id, job.delay]));
      // From Thursday 09:00 in Da Nang: 6 hours, 28 hours and 34 hours.
      expect(delays).toEqual({
        'LS-7K3Q.reminder-1440.20261127T0800Z': 6 * 3_600_000,
        'LS-7K3Q.reminder-120.20261127T0800Z': 28 * 3_600_000,
        'LS-7K3Q.follow-up.20261127T0800Z': 34 * 3_600_000,
      });
      // Scheduling again adds nothing.
      await scheduler.schedule(booking);
      expect(await queue.getDelayedCount()).toBe(3);
    } finally {
      await queue.close();
    }
  });

  it('sends each message once with two workers on one Redis', async () => {
    const prefix = newPrefix();
    const a = recordingDeliver();
    const b = recordingDeliver();
    const first = await make({ prefix, deliver: a.deliver, now: aSecondBefore });
    const second = await make({ prefix, deliver: b.deliver, now: aSecondBefore });
    const refs = ['LS-AAAA', 'LS-BBBB', 'LS-CCCC', 'LS-DDDD', 'LS-EEEE', 'LS-FFFF'];
    // Both instances hear of every booking (scheduling twice is harmless).
    for (const ref of refs) {
      await first.schedule({ ...booking, ref });
      await second.schedule({ ...booking, ref });
    }
    await waitFor('every reminder to be sent', () => a.calls.length + b.calls.length >= refs.length);
    await pause(1500);
    const sent = [...a.calls, ...b.calls].map((c) => c.message.ref).sort();
    expect(sent).toEqual(refs);
  });

  it('sends a message scheduled before a restart once, from the new instance', async () => {
    const prefix = newPrefix();
    const before = recordingDeliver();
    const old = await make({ prefix, deliver: before.deliver, now: () => new Date(twoHoursBefore.getTime() - 1500) });
    await old.schedule(booking);
    await old.stop();
    const after = recordingDeliver();
    await make({ prefix, deliver: after.deliver, now: () => new Date(twoHoursBefore.getTime() - 1500) });
    await waitFor('the reminder to be sent after the restart', () => after.calls.length > 0);
    await pause(800);
    expect(before.calls).toEqual([]);
    expect(after.calls.map((c) => c.message.id)).toEqual(['LS-7K3Q.reminder-120.20261127T0800Z']);
  });

  it('never sends a message twice, even when its job comes back after it was sent', async () => {
    const prefix = newPrefix();
    const { deliver, calls } = recordingDeliver();
    const scheduler = await make({ prefix, deliver, now: aSecondBefore });
    await scheduler.schedule(booking);
    await waitFor('the reminder to be sent', () => calls.length === 1);
    // The finished job is gone (as after its retention), and the booking is scheduled again.
    const queue = new Queue('reminders', { connection: client, prefix });
    try {
      await waitFor('the job to complete', async () => (await queue.getJobState('LS-7K3Q.reminder-120.20261127T0800Z')) === 'completed');
      await queue.remove('LS-7K3Q.reminder-120.20261127T0800Z');
    } finally {
      await queue.close();
    }
    await scheduler.schedule(booking);
    const again = new Queue('reminders', { connection: client, prefix });
    try {
      // The job came back and ran, and the worker saw the message was sent already.
      await waitFor('the job to run again', async () => (await again.getJobState('LS-7K3Q.reminder-120.20261127T0800Z')) === 'completed');
      expect((await again.getJob('LS-7K3Q.reminder-120.20261127T0800Z'))?.returnvalue).toBe('duplicate');
    } finally {
      await again.close();
    }
    expect(calls).toHaveLength(1);
  });

  it('says which store failed when Redis cannot be reached', async () => {
    const scheduler = createBullmqScheduler({
      redisUrl: 'redis://127.0.0.1:1',
      prefix: newPrefix(),
      settings: spaReminders,
      deliver: recordingDeliver().deliver,
      logger: recordingLogger().logger,
    });
    await expect(scheduler.schedule(booking)).rejects.toBeInstanceOf(StoreError);
    await scheduler.stop();
  });
});
