import { afterEach, describe, expect, it } from 'vitest';
import { fakeGuest, textOf } from '../../helpers/bot.ts';
import { blockText } from '../../helpers/fake-slack.ts';
import { bookThroughCore, HOA, nextEphemeral, startDesk, STAFF_CHANNEL, type RunningDesk } from './harness.ts';

// Staff set a therapist's time off from Slack; from then on neither guests nor /availability get that
// therapist then, and bookings already made in it are named for staff to see to. The desk's clock is
// Thursday 26 November 2026, 09:00 in Da Nang: "tomorrow" is Friday the 27th.

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Types a command as Hoa and returns all the text of the answer she gets. */
async function ask(desk: RunningDesk, command: string, text: string): Promise<string> {
  const before = desk.fake.ephemeralsTo(HOA).length;
  const response = await desk.slack.command(command, text, HOA, STAFF_CHANNEL);
  expect(response.status).toBe(200);
  const answer = await nextEphemeral(desk.fake, HOA, before);
  return `${answer.text}\n${blockText(answer.blocks)}`;
}

/** The line /availability gives a therapist. */
const lineOf = (answer: string, therapist: string) => answer.split('\n').find((l) => l.startsWith(`${therapist}:`)) ?? '';
/** The free times /availability lists for a therapist (their time off, in brackets, left out). */
const timesFor = (answer: string, therapist: string): string[] => lineOf(answer, therapist).replace(/\(off [^)]*\)/, '').match(/\d\d:\d\d/g) ?? [];

describe('/timeoff', () => {
  it('takes Mai out of tomorrow for /availability and for guests, who get An instead; taken back, she is offered again', async () => {
    running = await startDesk();
    expect(timesFor(await ask(running, '/availability', 'tomorrow 60'), 'Mai (sample)')).toContain('15:00');

    const set = await ask(running, '/timeoff', 'Mai tomorrow');
    expect(set).toMatch(/Mai \(sample\) is off Fri 27 Nov, 09:00–21:00 \(T-\w{4}\)/);
    const id = /T-\w{4}/.exec(set)![0];

    const availability = await ask(running, '/availability', 'tomorrow 60');
    expect(lineOf(availability, 'Mai (sample)')).toBe('Mai (sample): nothing free (off 09:00–21:00)');
    expect(timesFor(availability, 'An (sample)')).toContain('15:00');

    // A guest is not offered Mai, and asking for her by name is told she is busy then; anyone gets An.
    const wantsMai = fakeGuest(running.concierge, { id: 'wants-mai', channel: 'telegram' });
    await wantsMai.say('tomorrow at 3pm for an hour');
    expect(wantsMai.choices).toEqual(['No preference', 'An (sample)', 'Stop']);
    const reply = textOf(await wantsMai.say('Mai please'));
    expect(reply).toMatch(/Mai \(sample\) isn't free then/);
    const ref = await bookThroughCore(running.concierge, { id: 'anyone', request: 'tomorrow at 3pm for an hour' });
    expect(await ask(running, '/booking', ref)).toMatch(/An \(sample\)/);

    expect(await ask(running, '/timeoff', 'list')).toMatch(new RegExp(`${id} · Mai \\(sample\\) · Fri 27 Nov, 09:00–21:00 \\(set by Hoa\\)`));
    expect(await ask(running, '/timeoff', `remove ${id}`)).toMatch(/Time off taken back: T-\w{4} \(Mai \(sample\)/);
    expect(timesFor(await ask(running, '/availability', 'tomorrow 60'), 'Mai (sample)')).toContain('17:00');
    expect(await ask(running, '/timeoff', '')).toMatch(/No time off is set/);
  });

  it('names the bookings already made in the new time off, and leaves them booked', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen', request: 'tomorrow at 3pm for an hour with An' });
    const set = await ask(running, '/timeoff', 'An tomorrow 14:00-18:00');
    expect(set).toMatch(/An \(sample\) is off Fri 27 Nov, 14:00–18:00/);
    expect(set).toMatch(/already has 1 booking\(s\) in that time/);
    expect(set).toMatch(/Lan Nguyen/);
    expect(await ask(running, '/bookings', 'tomorrow')).toMatch(new RegExp(ref));
    // Outside those hours An is still offered.
    const availability = await ask(running, '/availability', 'tomorrow 60');
    expect(lineOf(availability, 'An (sample)')).toMatch(/\(off 14:00–18:00\)$/);
    const times = timesFor(availability, 'An (sample)');
    expect(times).toContain('10:00');
    expect(times).not.toContain('16:00');
    expect(await ask(running, '/timeoff', 'remove An tomorrow')).toMatch(/Time off taken back/);
  });

  it('says which therapist or day it needs, that a closed day has nothing to take off, and what it cannot find', async () => {
    running = await startDesk();
    expect(await ask(running, '/timeoff', 'Bob tomorrow')).toMatch(/Which therapist\? Name one of Mai \(sample\), An \(sample\)/);
    expect(await ask(running, '/timeoff', 'Mai')).toMatch(/Which day\?/);
    expect(await ask(running, '/timeoff', 'Mai 1 January')).toMatch(/closed that day/);
    expect(await ask(running, '/timeoff', 'Mai tomorrow 18:00-14:00')).toMatch(/must end after it starts/);
    expect(await ask(running, '/timeoff', 'remove T-ZZZZ')).toMatch(/no such time off/);
  });
});
