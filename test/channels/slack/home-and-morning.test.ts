import { afterEach, describe, expect, it } from 'vitest';
import { blockText } from '../../helpers/fake-slack.ts';
import { bookThroughCore, EVE, HOA, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

// The app's Home tab shows staff today and tomorrow per therapist, and is redrawn when bookings or
// time off change; at opening time the staff channel gets the day's schedule. The desk's clock is
// Thursday 26 November 2026, 09:00 in Da Nang, the spa's opening time.

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const homeText = (desk: RunningDesk, user: string) => blockText(desk.fake.homeOf(user)?.blocks);

/** Opens the app's Home tab as `user`, as Slack tells the app. */
async function openHome(desk: RunningDesk, user: string): Promise<void> {
  const before = desk.fake.callsTo('views.publish').length;
  await desk.slack.event({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: `${Date.now() / 1000}` }).response;
  await waitFor('the Home tab to be published', () => desk.fake.callsTo('views.publish').length > before);
}

describe('the Home tab', () => {
  it("shows staff today and tomorrow per therapist: the bookings, the free times and the time off", async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen', request: 'tomorrow at 3pm for an hour with Mai' });
    const before = running.fake.ephemeralsTo(HOA).length;
    await running.slack.command('/timeoff', 'An tomorrow 14:00-18:00', HOA, STAFF_CHANNEL);
    expect((await nextEphemeral(running.fake, HOA, before)).text).toMatch(/An \(sample\) is off/);
    await openHome(running, HOA);
    const home = homeText(running, HOA);
    expect(home).toMatch(/Thursday 26 November[\s\S]*Friday 27 November/);
    const friday = home.slice(home.indexOf('Friday 27 November'));
    expect(friday).toMatch(new RegExp(`Mai \\(sample\\)\\n15:00–16:00 · Lan Nguyen · 60 min · ${ref}`));
    expect(friday).toMatch(/An \(sample\)\nNo bookings yet\.\nFree for 60 min: 09:00, [^\n]*\nOff 14:00–18:00/);
    expect(running.fake.homeOf(HOA)?.type).toBe('home');
  });

  it('is redrawn when a booking is made, without the staff member opening it again', async () => {
    running = await startDesk();
    await openHome(running, HOA);
    expect(homeText(running, HOA)).not.toMatch(/Tom Baker/);
    await bookThroughCore(running.concierge, { id: 'tom', name: 'Tom Baker', request: 'tomorrow at 11am for an hour' });
    await waitFor('the Home tab to show the new booking', () => /Tom Baker/.test(homeText(running!, HOA)));
  });

  it('shows someone not on the team nothing of the schedule', async () => {
    running = await startDesk();
    await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen' });
    await openHome(running, EVE);
    expect(homeText(running, EVE)).toMatch(/staff only/);
    expect(homeText(running, EVE)).not.toMatch(/Lan Nguyen|Mai/);
  });
});

describe("the day's schedule at opening time", () => {
  it('is posted to the staff channel once the spa opens, once a day however often the desk starts', async () => {
    running = await startDesk({ desk: { scheduledPosts: true, scheduleCheckMs: 50 } });
    const posts = () => running!.fake.rootMessages(STAFF_CHANNEL).filter((m) => /Today, Thursday 26 November/.test(m.text));
    await waitFor("the day's schedule", () => posts().length > 0);
    expect(blockText(posts()[0]?.blocks)).toMatch(/Mai \(sample\)\nNo bookings yet\.\nFree for 60 min: 11:00/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await running.desk.stop();
    await running.desk.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(posts()).toHaveLength(1);
    // The answer to a command still comes while the timer runs.
    const before = running.fake.ephemeralsTo(HOA).length;
    await running.slack.command('/bookings', 'today', HOA, STAFF_CHANNEL);
    expect((await nextEphemeral(running.fake, HOA, before)).text).toMatch(/Thursday 26 November/);
  });
});
