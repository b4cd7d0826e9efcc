import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageScheduler } from '../../src/reminders/index.ts';
import { createInProcessScheduler } from '../../src/store/index.ts';
import { recordingLogger } from '../channels/telegram/harness.ts';
import { bookingAt, spaReminders, vn } from '../reminders/fixtures.ts';
import { messageSchedulerContract, recordingDeliver } from './message-scheduler.contract.ts';

const made: MessageScheduler[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((s) => s.stop()));
});

messageSchedulerContract('In-process', {
  async make({ deliver, now, settings, fastRetry }) {
    const scheduler = createInProcessScheduler({ settings: settings ?? spaReminders, deliver, now, logger: recordingLogger().logger, ...(fastRetry ? { retryDelayMs: 100 } : {}) });
    made.push(scheduler);
    await scheduler.start();
    return scheduler;
  },
});

describe('In-process message scheduler', () => {
  it('says at start-up that its messages do not survive a restart', async () => {
    const log = recordingLogger();
    const scheduler = createInProcessScheduler({ settings: spaReminders, deliver: recordingDeliver().deliver, now: () => new Date(), logger: log.logger });
    made.push(scheduler);
    await scheduler.start();
    expect(log.messages('warn').join('\n')).toMatch(/lost on restart/);
  });

  it('waits longer than a timer can (about 25 days) in steps, without asking the clock again', async () => {
    // Fake timers are fine here: this scheduler is only timers (never with BullMQ, whose delays are Redis's).
    vi.useFakeTimers();
    try {
      const { deliver, calls } = recordingDeliver();
      const now = vn('2026-11-20 10:00');
      const scheduler = createInProcessScheduler({ settings: spaReminders, deliver, now: () => now, logger: recordingLogger().logger });
      made.push(scheduler);
      await scheduler.start();
      // A session 40 days ahead: its day-before reminder is 39 days away.
      await scheduler.schedule(bookingAt(vn('2026-12-30 15:00')));
      await vi.advanceTimersByTimeAsync(39 * 86_400_000 + 5 * 3_600_000 - 1000);
      expect(calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls.map((c) => c.message.minutesBefore)).toEqual([1440]);
    } finally {
      vi.useRealTimers();
    }
  });
});
