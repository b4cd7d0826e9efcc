import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentSet } from '../../src/content/index.ts';
import { createConcierge } from '../../src/core/index.ts';
import { createMemoryBookingStore, createMemoryStore } from '../../src/store/index.ts';
import { CONTENT_DIR, fakeGuest, FRIDAY_10AM, realKnowledge, textOf } from '../helpers/bot.ts';

// Each therapist's weekly hours in spa.yaml: guests are offered a therapist only while they work, and
// the atomic store never gives them a session outside those hours. Here An works mornings only
// (09:00-13:00) and not on Sundays; Mai works whenever the spa is open. The clock is Friday 27
// November 2026, 10:00 in Da Nang: "tomorrow" is Saturday the 28th.
const AN_MORNINGS = `{ id: an, name: "An", gender: male, aliases: ["안", "Ан", "安"], hours: { mon: { open: "09:00", close: "13:00" }, tue: { open: "09:00", close: "13:00" }, wed: { open: "09:00", close: "13:00" }, thu: { open: "09:00", close: "13:00" }, fri: { open: "09:00", close: "13:00" }, sat: { open: "09:00", close: "13:00" }, sun: closed } }`;

/** A concierge over the real content with spa.yaml changed by `edit`, bookings in memory, its clock stopped. */
async function conciergeWithSpa(edit: (spa: string) => string) {
  const dir = await mkdtemp(join(tmpdir(), 'content-shifts-'));
  await cp(CONTENT_DIR, dir, { recursive: true });
  const file = join(dir, 'spa.yaml');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  const contents = await loadContentSet(dir);
  const { understanding, understandings } = await realKnowledge();
  const bookings = createMemoryBookingStore({ now: () => FRIDAY_10AM.getTime() });
  const concierge = createConcierge({
    content: contents.en,
    understanding,
    languages: { content: contents, understandings },
    store: createMemoryStore(),
    bookings,
    now: () => FRIDAY_10AM,
    stateTtlSeconds: 3600,
    confidenceThreshold: 0.15,
  });
  return { concierge, bookings };
}

const anMornings = (spa: string) => spa.replace(/- \{ id: an,.*\}$/m, `- ${AN_MORNINGS}`);

/** Books tomorrow at `time` for an hour, with no preference of therapist; the reply to the request. */
async function bookAnyone(concierge: Awaited<ReturnType<typeof conciergeWithSpa>>['concierge'], id: string, time: string) {
  const guest = fakeGuest(concierge, { id });
  const reply = textOf(await guest.say(`tomorrow at ${time} for an hour`));
  if (guest.choices.includes('No preference')) await guest.press('No preference');
  for (const answer of ['medium', 'no', 'Test Guest', 'guest@example.com', 'yes']) await guest.say(answer);
  return reply;
}

describe("a therapist's weekly hours", () => {
  it('offer An in the morning, not in the afternoon, nor on his day off', async () => {
    const { concierge } = await conciergeWithSpa(anMornings);
    const morning = fakeGuest(concierge, { id: 'morning' });
    await morning.say('tomorrow at 11am for an hour');
    expect(morning.choices).toContain('An (sample)');

    const afternoon = fakeGuest(concierge, { id: 'afternoon' });
    await afternoon.say('tomorrow at 3pm for an hour');
    expect(afternoon.choices).toEqual(['No preference', 'Mai (sample)', 'Stop']);
    expect(textOf(await afternoon.say('An please'))).toMatch(/An \(sample\) isn't free then/);

    const sunday = fakeGuest(concierge, { id: 'sunday' });
    await sunday.say('Sunday at 10am for an hour');
    expect(sunday.choices).not.toContain('An (sample)');
  });

  it('keep the atomic booking from giving An an afternoon: with Mai taken, 3pm is taken', async () => {
    const { concierge, bookings } = await conciergeWithSpa(anMornings);
    await bookAnyone(concierge, 'first', '3pm');
    expect((await bookings.listByGuest('web:first'))[0]?.therapistId).toBe('mai');
    const second = await bookAnyone(concierge, 'second', '3pm');
    expect(second).toMatch(/isn't free|taken|not free/i);
    expect(await bookings.listByGuest('web:second')).toEqual([]);
    // In the morning both work: two guests at 11am get one each.
    await bookAnyone(concierge, 'third', '11am');
    await bookAnyone(concierge, 'fourth', '11am');
    const morning = [...(await bookings.listByGuest('web:third')), ...(await bookings.listByGuest('web:fourth'))].map((b) => b.therapistId).sort();
    expect(morning).toEqual(['an', 'mai']);
  });

  it('stop start-up naming the field when a day is left out of them', async () => {
    const edit = (spa: string) => spa.replace(/- \{ id: an,.*\}$/m, `- ${AN_MORNINGS.replace(', sun: closed', '')}`);
    await expect(conciergeWithSpa(edit)).rejects.toThrow(/spa\.yaml: therapists\.list\.1\.hours\.sun/);
  });
});

describe('hours past midnight', () => {
  it('load, and a guest is offered the hours after midnight on the evening that opened', async () => {
    const lateNight = (spa: string) => spa.replace(/\{ open: "09:00", close: "21:00" \}/g, '{ open: "18:00", close: "02:00" }');
    const { concierge } = await conciergeWithSpa(lateNight);
    const guest = fakeGuest(concierge, { id: 'night-owl' });
    const reply = textOf(await guest.say('tomorrow at 1am for 30 minutes'));
    expect(reply).toMatch(/01:00/);
    expect(reply).toMatch(/holding it for you/);
  });
});
