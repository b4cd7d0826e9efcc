import { afterEach, describe, expect, it } from 'vitest';
import { startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

// While content/spa.yaml holds sample values, the spa takes real bookings against them: the staff
// channel hears so when the desk starts (the samples are content/spa.yaml's own, all still on).

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('sample settings', () => {
  it('are named in the staff channel at start-up, once however often the desk starts', async () => {
    running = await startDesk({ desk: { announceSamples: true } });
    const notices = () => running!.fake.rootMessages(STAFF_CHANNEL).filter((m) => /still samples/.test(m.text ?? ''));
    await waitFor('the sample notice', () => notices().length > 0);
    expect(notices()[0]?.text).toMatch(/address, payment, contact, opening_hours, prices, booking, therapists, reminders/);
    // A restart, or a second instance sharing the seen-updates store, says nothing more.
    await running.desk.stop();
    await running.desk.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(notices()).toHaveLength(1);
  });
});
