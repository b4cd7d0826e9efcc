// What a guest reads while booking: every time on the spa's clock and, when their device is on another
// zone, on theirs too; a day's free times all shown, grouped by part of the day, with the next days one
// press away (named with their times where buttons have no headings); a summary with the price, the
// therapist they get and how long the time is held; and an honest answer when the hold ran out before
// they confirmed, by button or by a typed yes, whether or not someone took the time meanwhile.
import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../src/booking/index.ts';
import { loadContent } from '../../src/content/index.ts';
import type { Concierge } from '../../src/core/index.ts';
import { createReminderTexts } from '../../src/reminders/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { CONTENT_DIR, createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang (UTC+7); Seoul is UTC+9, Moscow UTC+3.
let clock = new Date('2026-11-26T02:00:00Z');
let bookings: BookingStore;
let concierge: Concierge;

beforeEach(async () => {
  clock = new Date('2026-11-26T02:00:00Z');
  bookings = createMemoryBookingStore({ now: () => clock.getTime() });
  concierge = await createTestConcierge({ bookings, now: () => clock });
});

/** Takes a guest from "tomorrow at 3pm" to the summary, picking `therapist`. */
async function toSummary(guest: ReturnType<typeof fakeGuest>, request = 'tomorrow at 3pm, an hour please', therapist = 'No preference'): Promise<string> {
  await guest.say(request);
  await guest.press(therapist);
  await guest.press('Medium');
  await guest.press('Nothing to mention');
  await guest.say('Lan');
  return textOf(await guest.say('+84 905 123 456'));
}

describe('two clocks', () => {
  it('names the spa’s clock, and adds the guest’s own when their device is on Seoul time', async () => {
    const seoul = fakeGuest(concierge, { id: 'seoul', timeZone: 'Asia/Seoul' });
    const held = textOf(await seoul.say('tomorrow at 3pm, an hour please'));
    expect(held).toMatch(/Friday 27 November at 15:00 Da Nang time \(17:00 your time\) is free/);
    await seoul.press('No preference');
    await seoul.press('Medium');
    await seoul.press('Nothing to mention');
    await seoul.say('Min-jun');
    const summary = textOf(await seoul.say('+82 10 1234 5678'));
    expect(summary).toMatch(/When: Friday 27 November at 15:00 Da Nang time \(17:00 your time\)/);
    const confirmation = textOf(await seoul.press('Confirm'));
    expect(confirmation).toMatch(/Friday 27 November at 15:00 Da Nang time \(17:00 your time\), 60 minutes/);
    // The booking keeps the zone: the reminder the day before shows both clocks too.
    const [booking] = await bookings.listByGuest('web:seoul');
    expect(booking?.guest.timeZone).toBe('Asia/Seoul');
    const content = await loadContent(CONTENT_DIR);
    const reminder = createReminderTexts(content).reminder(booking!, new Date('2026-11-26T08:00:00Z'));
    expect(reminder.text).toMatch(/^See you tomorrow at 15:00 Da Nang time \(17:00 your time\)!/);
  });

  it('shows the spa’s clock alone to a guest on the same clock, or whose zone is unknown or made up', async () => {
    for (const [id, timeZone] of [['local', 'Asia/Ho_Chi_Minh'], ['bangkok', 'Asia/Bangkok'], ['none', undefined], ['bogus', 'Mars/Olympus_Mons']] as const) {
      const guest = fakeGuest(concierge, { id, ...(timeZone ? { timeZone } : {}) });
      const held = textOf(await guest.say('tomorrow at 3pm, an hour please'));
      expect(held, id).toMatch(/Friday 27 November at 15:00 Da Nang time is free/);
      expect(held, id).not.toMatch(/your time/);
      await guest.press('Stop');
    }
  });

  it('gives the guest’s weekday when it is another day where they are', async () => {
    // 20:00 in Da Nang is 02:00 the next day in Auckland (summer time there); 09:30 is 05:30 the same day in Moscow.
    const auckland = fakeGuest(concierge, { id: 'late', timeZone: 'Pacific/Auckland' });
    expect(textOf(await auckland.say('tomorrow at 8pm for 30 minutes'))).toMatch(/at 20:00 Da Nang time \(Sat 02:00 your time\)/);
    const moscow = fakeGuest(concierge, { id: 'moscow', timeZone: 'Europe/Moscow' });
    expect(textOf(await moscow.say('tomorrow at 9:30, 30 min'))).toMatch(/at 09:30 Da Nang time \(05:30 your time\)/);
  });

  it('speaks of the spa’s clock in the guest’s language, and theirs beside it', async () => {
    const korean = fakeGuest(concierge, { id: 'ko', language: 'ko', timeZone: 'Asia/Seoul' });
    const held = textOf(await korean.say('내일 오후 3시에 한 시간 예약하고 싶어요'));
    expect(held).toMatch(/15:00\(다낭 시간, 고객님 시간으로 17:00\)/);
  });

  it('tells a guest on another clock of a cancellation by the spa on both clocks', async () => {
    const seoul = fakeGuest(concierge, { id: 'told', channel: 'telegram', timeZone: 'Asia/Seoul' });
    await toSummary(seoul);
    const ref = /LS-[A-Z0-9]{4}/.exec(textOf(await seoul.press('Confirm')))?.[0] ?? '';
    const told: string[] = [];
    concierge.outbox.register('telegram', async (_id, replies) => void told.push(textOf(replies)));
    await concierge.staffDesk!.cancel(ref, 'Hoa');
    expect(told.join('\n')).toMatch(new RegExp(`${ref} on Friday 27 November at 15:00 Da Nang time \\(17:00 your time\\) has been cancelled`));
  });
});

describe('the guest’s clock where the channel sends none', () => {
  it('is asked once from the summary, as the time on their phone, and shown from then on', async () => {
    const guest = fakeGuest(concierge, { id: 'tg-seoul', channel: 'telegram' });
    const summary = await toSummary(guest);
    expect(summary).toMatch(/When: Friday 27 November at 15:00 Da Nang time\n/);
    expect(guest.choices).toEqual(['Confirm', 'Show my time too', 'Stop']);
    expect(textOf(await guest.press('Show my time too'))).toMatch(/What time is it on your phone right now\?.*Da Nang time/);
    // 09:00 in Da Nang is 11:00 in Seoul: the guest types what their phone shows.
    const again = textOf(await guest.say('11:02'));
    expect(again).toMatch(/I'll show your time beside Da Nang time/);
    expect(again).toMatch(/When: Friday 27 November at 15:00 Da Nang time \(17:00 your time\)/);
    expect(guest.choices).toEqual(['Confirm', 'Stop']);
    expect(textOf(await guest.press('Confirm'))).toMatch(/15:00 Da Nang time \(17:00 your time\), 60 minutes/);
    const [booking] = await bookings.listByGuest('telegram:tg-seoul');
    expect(booking?.guest.timeZone).toBe('Etc/GMT-9');
    // The next booking in the same conversation shows both clocks from its first time on.
    expect(textOf(await guest.say('and another on saturday at 11am, 30 minutes'))).toMatch(/Saturday 28 November at 11:00 Da Nang time \(13:00 your time\) is free/);
  });

  it('is the spa’s alone when the phone shows the spa’s time, and an answer that is no time is read as the summary’s', async () => {
    const local = fakeGuest(concierge, { id: 'tg-local', channel: 'telegram' });
    await toSummary(local);
    await local.press('Show my time too');
    const same = textOf(await local.say('9:01'));
    expect(same).toMatch(/When: Friday 27 November at 15:00 Da Nang time\n/);
    expect(local.choices).toEqual(['Confirm', 'Stop']);

    const other = fakeGuest(concierge, { id: 'tg-other', channel: 'telegram' });
    await toSummary(other);
    await other.press('Show my time too');
    expect(textOf(await other.say('yes, confirm'))).toMatch(/You're booked! Your reference is LS-/);
    expect(await bookings.listByGuest('telegram:tg-other')).toHaveLength(1);
  });
});

describe('choosing a time', () => {
  it('shows all of a day’s free times grouped by part of the day, and the next days one press away', async () => {
    const guest = fakeGuest(concierge, { id: 'day-only' });
    const question = textOf(await guest.say('an hour on saturday please'));
    expect(question).toMatch(/free times on Saturday 28 November \(Da Nang time\)/);
    const choices = guest.lastChoices();
    const groups = [...new Set(choices.map((c) => c.group).filter(Boolean))];
    expect(groups).toEqual(['Morning', 'Afternoon', 'Evening', 'Other days']);
    const times = choices.filter((c) => c.group && c.group !== 'Other days').map((c) => c.label);
    // Open 09:00–21:00, every half hour, an hour long: 09:00 to 20:00, all of them.
    expect(times).toHaveLength(23);
    expect(times[0]).toBe('09:00');
    expect(times.at(-1)).toBe('20:00');
    expect(choices.filter((c) => c.group === 'Morning').map((c) => c.label)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(choices.filter((c) => c.group === 'Other days').map((c) => c.label)).toEqual(['Sunday 29 November', 'Monday 30 November']);
    expect(choices.at(-1)).toEqual(expect.objectContaining({ label: 'Stop' }));
    // Where buttons have no headings (Telegram), each part of the day is named with its first and last time.
    expect(guest.lastReply()?.groupSpans).toBe('Morning 09:00–11:30 · Afternoon 12:00–16:30 · Evening 17:00–20:00');
    // One press on another day shows that day's times; one on a time holds it.
    expect(textOf(await guest.press('Sunday 29 November'))).toMatch(/free times on Sunday 29 November/);
    expect(textOf(await guest.press('18:30'))).toMatch(/Sunday 29 November at 18:30 Da Nang time is free/);
  });

  it('shows the free times of the day a booking is moved to, grouped, and moves it with one press', async () => {
    const guest = fakeGuest(concierge, { id: 'mover' });
    await toSummary(guest);
    const ref = /LS-[A-Z0-9]{4}/.exec(textOf(await guest.press('Confirm')))?.[0] ?? '';
    expect(textOf(await guest.say('can I move my booking to saturday?'))).toMatch(new RegExp(`What time on Saturday 28 November would you like ${ref} instead\\?`));
    const choices = guest.lastChoices();
    expect([...new Set(choices.map((c) => c.group).filter(Boolean))]).toEqual(['Morning', 'Afternoon', 'Evening']);
    expect(choices.filter((c) => c.group === 'Morning').map((c) => c.label)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(guest.lastReply()?.groupSpans).toBe('Morning 09:00–11:30 · Afternoon 12:00–16:30 · Evening 17:00–20:00');
    expect(textOf(await guest.press('11:00'))).toMatch(new RegExp(`Move ${ref} from Friday 27 November at 15:00 Da Nang time to Saturday 28 November at 11:00 Da Nang time\\?`));
    expect(textOf(await guest.press('Yes, move it'))).toMatch(new RegExp(`${ref} is now on Saturday 28 November at 11:00`));
    expect((await bookings.get(ref))?.start).toBe('2026-11-28T04:00:00.000Z');
    // An old time button only proposes another move: nothing moves without the guest's yes.
    expect(textOf(await guest.sendAction(choices.find((c) => c.label === '10:00')!.action))).toMatch(/to Saturday 28 November at 10:00 Da Nang time\?/);
    expect((await bookings.get(ref))?.start).toBe('2026-11-28T04:00:00.000Z');
  });

  it('leaves out the times already taken, and offers only the part of the day asked for', async () => {
    const other = fakeGuest(concierge, { id: 'other' });
    await toSummary(other, 'saturday at 10am, an hour', 'Mai (sample)');
    await other.press('Confirm');
    const again = fakeGuest(concierge, { id: 'other-2' });
    await toSummary(again, 'saturday at 10am, an hour', 'An (sample)');
    await again.press('Confirm');
    const guest = fakeGuest(concierge, { id: 'morning' });
    await guest.say('saturday morning, 60 minutes');
    const times = guest.lastChoices().filter((c) => c.group && c.group !== 'Other days');
    expect(new Set(times.map((c) => c.group))).toEqual(new Set(['Morning']));
    // Both therapists are busy 10:00–11:00 (and their 15 minutes' turnover): 09:00 to 11:00 cannot start.
    expect(times.map((c) => c.label)).toEqual(['11:30']);
    expect(guest.lastReply()?.groupSpans).toBe('Morning 11:30');
  });
});

describe('the summary and the confirmation', () => {
  it('show the price, the therapist the guest gets with no preference, and how long the time is held', async () => {
    const guest = fakeGuest(concierge, { id: 'summary' });
    const summary = await toSummary(guest);
    expect(summary).toMatch(/Price: 600,000 VND/);
    expect(summary).toMatch(/Therapist: Mai \(sample\) \(free at that time\)/);
    // Held at 09:00 for the spa's 10 minutes.
    expect(summary).toMatch(/holding this time for you until 09:10 Da Nang time/);
    // The prices are sample values, and the summary says so.
    expect(summary).toMatch(/sample values/);
    const confirm = guest.lastChoices().find((c) => c.label === 'Confirm');
    expect(confirm?.primary).toBe(true);
    expect(guest.lastChoices().find((c) => c.label === 'Stop')?.primary).toBeUndefined();
    const confirmation = textOf(await guest.press('Confirm'));
    expect(confirmation).toMatch(/60 minutes with Mai \(sample\)/);
    expect(confirmation).toMatch(/Price: 600,000 VND/);
  });

  it('asks for the contact in a way a channel can offer its own button for', async () => {
    const guest = fakeGuest(concierge, { id: 'contact' });
    await guest.say('tomorrow at 3pm, an hour please');
    await guest.press('No preference');
    await guest.press('Medium');
    await guest.press('Nothing to mention');
    expect(guest.lastReply()?.asks).toBeUndefined();
    await guest.say('Lan');
    expect(guest.lastReply()?.asks).toBe('contact');
    await guest.say('+84 905 123 456');
    expect(guest.lastReply()?.asks).toBeUndefined();
  });

  it('says so when Confirm comes after the hold ran out, and offers the nearest free times', async () => {
    const guest = fakeGuest(concierge, { id: 'slow' });
    await toSummary(guest);
    clock = new Date(clock.getTime() + 11 * 60_000);
    const reply = textOf(await guest.press('Confirm'));
    expect(reply).toMatch(/could only hold Friday 27 November at 15:00 Da Nang time for you until 09:10 Da Nang time/);
    expect(reply).not.toMatch(/You're booked/);
    expect(await bookings.listByGuest('web:slow')).toEqual([]);
    // The same time is still free, so it is among those offered; picking it holds it afresh, answers kept.
    expect(guest.choices).toContain('Fri 27 Nov, 15:00');
    const again = textOf(await guest.press('Fri 27 Nov, 15:00'));
    expect(again).toMatch(/Here's your booking/);
    expect(again).toMatch(/until 09:21 Da Nang time/);
    expect(textOf(await guest.press('Confirm'))).toMatch(/You're booked/);
  });

  it('books nothing when Confirm comes after the hold ran out and another guest took the time meanwhile, and offers the nearest free times', async () => {
    const slow = fakeGuest(concierge, { id: 'slow-taken' });
    await toSummary(slow, undefined, 'Mai (sample)');
    const oldConfirm = slow.lastChoices().find((c) => c.label === 'Confirm')!.action;
    clock = new Date(clock.getTime() + 11 * 60_000);
    // Mai's 15:00 is free again once the hold has run out, and another guest books it.
    const quick = fakeGuest(concierge, { id: 'quick' });
    await toSummary(quick, undefined, 'Mai (sample)');
    expect(textOf(await quick.press('Confirm'))).toMatch(/You're booked/);

    const reply = textOf(await slow.press('Confirm'));
    expect(reply).toMatch(/could only hold Friday 27 November at 15:00 Da Nang time for you until 09:10 Da Nang time, and that has passed/);
    expect(reply).toMatch(/Here are the nearest free times:/);
    expect(reply).not.toMatch(/You're booked/);
    // Mai is busy 15:00–16:00 and needs her 15 minutes after: the nearest times she is free, and no Confirm.
    expect(slow.choices).toEqual(['Fri 27 Nov, 13:00', 'Fri 27 Nov, 13:30', 'Fri 27 Nov, 16:30', 'Stop']);
    // The summary's Confirm pressed again (an old button) books nothing either.
    expect(textOf(await slow.sendAction(oldConfirm))).not.toMatch(/You're booked/);
    expect(await bookings.listByGuest('web:slow-taken')).toEqual([]);
    const [taken] = await bookings.listByGuest('web:quick');
    expect(taken?.start).toBe('2026-11-27T08:00:00.000Z');
  });

  it('answers a typed “yes” after the hold ran out as it answers Confirm: says so, books nothing, offers the nearest free times', async () => {
    const guest = fakeGuest(concierge, { id: 'typed-yes' });
    await toSummary(guest);
    clock = new Date(clock.getTime() + 11 * 60_000);
    const reply = textOf(await guest.say('yes'));
    expect(reply).toMatch(/could only hold Friday 27 November at 15:00 Da Nang time for you until 09:10 Da Nang time, and that has passed/);
    expect(reply).not.toMatch(/You're booked/);
    expect(await bookings.listByGuest('web:typed-yes')).toEqual([]);
    // Nobody took 15:00: it is still among the nearest, to be held afresh with one press.
    expect(guest.choices).toContain('Fri 27 Nov, 15:00');
    expect(guest.choices).not.toContain('Confirm');
  });
});
