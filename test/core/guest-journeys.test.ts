import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../src/booking/index.ts';
import type { BookingEvent, Concierge } from '../../src/core/index.ts';
import { createMemoryBookingStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';

// Whole conversations as guests really type them: lowercase, typos, short answers, button labels
// typed out, questions in the middle, minds changed. Each journey checks what the guest would notice.
// `it.fails` marks a journey the bot gets wrong today; its comment says what goes wrong.

// 03:00 UTC is 10:00 on Friday 27 November 2026 in Da Nang; the spa (sample hours) opens 09:00–21:00.
const FRIDAY_10AM = '2026-11-27T03:00:00Z';
let clock = new Date(FRIDAY_10AM);
let bookings: BookingStore;
let concierge: Concierge;
let events: BookingEvent[];

beforeEach(async () => {
  clock = new Date(FRIDAY_10AM);
  bookings = createMemoryBookingStore({ now: () => clock.getTime() });
  concierge = await createTestConcierge({ bookings, now: () => clock });
  events = [];
  concierge.events.on((event) => void events.push(event));
});

type Guest = ReturnType<typeof fakeGuest>;

const guest = (id: string, name?: string): Guest => fakeGuest(concierge, { id, channel: 'telegram', ...(name ? { name } : {}) });

/** Types a booking up to the name question: Sunday 14:00 for an hour, any therapist, medium, nothing to mention. */
async function upToTheName(g: Guest): Promise<void> {
  for (const answer of ['sunday 2pm 60 min', 'no preference', 'medium', 'no']) await g.say(answer);
}

/** Books by typing every answer, as a guest on a phone would; returns the reference. */
async function bookByTyping(g: Guest, request: string, name = 'Lan'): Promise<string> {
  await g.say(request);
  if (g.choices.includes('No preference')) await g.say('no preference');
  await g.say('medium');
  await g.say('no');
  await g.say(name);
  await g.say('0905 123 456');
  const confirmed = textOf(await g.say('yes'));
  const ref = /LS-[A-Z0-9]{4}/.exec(confirmed)?.[0];
  if (!ref) throw new Error(`not booked: ${confirmed}`);
  return ref;
}

/** The start of every held time, across the days these journeys use. */
async function heldStarts(): Promise<string[]> {
  const held = await bookings.occupancy(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
  return held.map((o) => o.start.toISOString()).sort();
}

const GOODBYE = /take care, and we hope to see you soon/i;
const DOCTOR = /check with your doctor/i;

describe('questions before a visit', () => {
  it('answers the usual questions typed fast, lowercase and misspelt', async () => {
    const g = guest('typos');
    expect(textOf(await g.say('hw long is the massage'))).toMatch(/between 30 minutes and an hour/);
    expect(textOf(await g.say('will it hurt my back??'))).toMatch(/shouldn't hurt/);
    expect(textOf(await g.say('how ofen shud i get one'))).toMatch(/monthly massage/);
    expect(textOf(await g.say('do i have to take my clothes off'))).toMatch(/don't need to undress completely/);
    expect(textOf(await g.say('how much for 1 hour?'))).toMatch(/60 min 600,000 VND/);
    expect(textOf(await g.say('ok thx'))).toMatch(/you're very welcome/i);
  });

  it('walks through preparing, what to expect and aftercare, moved on by typed "next" and "ok"', async () => {
    const g = guest('walker');
    expect(textOf(await g.say('how do i prepare'))).toMatch(/Step 1 of 3: Talk to your therapist/);
    expect(textOf(await g.say('next'))).toMatch(/Step 2 of 3: Drink plenty of water/);
    const last = textOf(await g.say('ok'));
    expect(last).toMatch(/Step 3 of 3: Arrive a little early/);
    expect(last).toMatch(/You're ready to enjoy your massage/);
    expect(textOf(await g.say('what happens when i arrive'))).toMatch(/Step 1 of 4: Greeting and consultation/);
    expect(textOf(await g.say('next'))).toMatch(/Step 2 of 4: Getting ready/);
    expect(textOf(await g.say('and then'))).toMatch(/Step 3 of 4: The massage/);
    expect(textOf(await g.say('what should i do after?'))).toMatch(/Keep drinking water/);
  });

  it('carries on a walk-through after a question asked in the middle of it', async () => {
    const g = guest('walk-aside');
    await g.say('what can i expect during the massage');
    expect(textOf(await g.say('next'))).toMatch(/Step 2 of 4: Getting ready/);
    expect(textOf(await g.say('does it hurt?'))).toMatch(/shouldn't hurt/);
    expect(g.choices[0]).toBe('Continue: step 3 of 4');
    expect(textOf(await g.say('next'))).toMatch(/Step 3 of 4: The massage/);
    // The button does the same, and a question that starts something else ends the walk-through.
    await g.say('do i need to undress?');
    expect(textOf(await g.press('Continue: step 4 of 4'))).toMatch(/Step 4 of 4/);
    await g.say('what should i do to prepare');
    await g.say('thanks');
    expect(textOf(await g.say('next'))).not.toMatch(/Step \d of 4/);
  });

  // Now: not understood at all ("Sorry, I didn't quite get that"), though aches are what the massage is for.
  it.fails('answers a guest whose back hurts and who asks if the spa can help', async () => {
    const g = guest('sore');
    const reply = textOf(await g.say('my back hurts a lot, can you help'));
    expect(reply).not.toMatch(/didn't quite get that/);
    expect(reply).toMatch(/pain relief/);
  });

  it('gives the spa’s contact when asked for a real person', async () => {
    const g = guest('human');
    const reply = textOf(await g.say('hi, can i talk to a real person'));
    expect(reply).toMatch(/member of our team/);
    expect(reply).toMatch(/\+84 000 000 000/);
    expect(reply).toMatch(/sample values/);
  });
});

describe('health matters', () => {
  it('advises on a pregnancy before booking, and passes it on to the therapist when booking', async () => {
    const g = guest('expecting');
    const answer = textOf(await g.say("i'm 5 months pregnant, can i still get the massage?"));
    expect(answer).toMatch(/consultation/);
    expect(answer).toMatch(DOCTOR);
    await g.say('ok book me sunday 2pm, 1 hour');
    await g.say('whoever');
    await g.say('light');
    expect(textOf(await g.say("i'm 20 weeks pregnant"))).toMatch(DOCTOR);
    await g.say('Hoa');
    expect(textOf(await g.say('hoa@example.com'))).toMatch(/For your therapist: i'm 20 weeks pregnant/);
    expect(textOf(await g.say('yes please'))).toMatch(/You're booked/);
    const [booking] = await bookings.listByGuest('telegram:expecting');
    expect(booking?.notes).toEqual({ pressure: 'light', health: "i'm 20 weeks pregnant" });
  });

  it('answers "im pregnant is that ok" as a health question, not a goodbye', async () => {
    const g = guest('pregnant-ok');
    const reply = textOf(await g.say('im pregnant is that ok'));
    expect(reply).toMatch(DOCTOR);
    expect(reply).not.toMatch(GOODBYE);
    expect(reply).toMatch(/consultation/);
  });

  it('answers a question about massage soon after surgery with the surgery or safety answer', async () => {
    const g = guest('post-op');
    const reply = textOf(await g.say('I had back surgery 3 weeks ago, is it ok?'));
    expect(reply).toMatch(DOCTOR);
    expect(reply).not.toMatch(/monthly massage/);
    expect(reply).toMatch(/consultation|After surgery/);
  });

  it('advises a guest with a fresh injury to check with a doctor first', async () => {
    const g = guest('gym');
    expect(textOf(await g.say('i hurt my shoulder at the gym yesterday, should i wait?'))).toMatch(DOCTOR);
  });
});

describe('booking a session', () => {
  it('books end to end from short typed answers, and lists it under my bookings', async () => {
    const g = guest('typist');
    expect(textOf(await g.say('i want to book a massage'))).toMatch(/how long/i);
    expect(textOf(await g.say('60'))).toMatch(/which day/i);
    expect(textOf(await g.say('tmrw'))).toMatch(/Here are the free times on Saturday 28 November/);
    expect(textOf(await g.say('3pm'))).toMatch(/Saturday 28 November at 15:00 Da Nang time is free/);
    await g.say('no preference');
    await g.say('medium');
    await g.say('no');
    await g.say('John');
    const summary = textOf(await g.say('0905123456'));
    expect(summary).toMatch(/When: Saturday 28 November at 15:00/);
    expect(summary).toMatch(/Contact: \+84905123456/);
    const booked = textOf(await g.say('yes'));
    const ref = /LS-[A-Z0-9]{4}/.exec(booked)?.[0];
    expect(ref).toBeDefined();
    expect(await bookings.get(ref!)).toMatchObject({ start: '2026-11-28T08:00:00.000Z', durationMinutes: 60, status: 'confirmed', guest: { name: 'John' } });
    expect(textOf(await g.say('my bookings'))).toMatch(new RegExp(`${ref}: Sat 28 Nov, 15:00 Da Nang time, 60 minutes`));
  });

  it('follows a guest who changes the time and the length on the way, holding only one time', async () => {
    const g = guest('fickle');
    await g.say('tomorrow at 3pm, an hour please');
    expect(textOf(await g.say('how about 4pm instead'))).toMatch(/Saturday 28 November at 16:00 Da Nang time is free/);
    expect(await heldStarts()).toEqual(['2026-11-28T09:00:00.000Z']);
    await g.say('mai');
    await g.say('strong');
    await g.say('nope');
    await g.say('Linh Nguyen');
    expect(textOf(await g.say('+84 90 555 1234'))).toMatch(/Length: 60 minutes/);
    const changed = textOf(await g.say('actually 30 min'));
    expect(changed).toMatch(/When: Saturday 28 November at 16:00/);
    expect(changed).toMatch(/Length: 30 minutes/);
    expect(textOf(await g.say('confirm'))).toMatch(/Saturday 28 November at 16:00 Da Nang time, 30 minutes/);
    const [booking] = await bookings.listByGuest('telegram:fickle');
    expect(booking).toMatchObject({ start: '2026-11-28T09:00:00.000Z', durationMinutes: 30, therapistId: 'mai', notes: { pressure: 'firm' } });
  });

  it('answers a price question in the middle of booking and asks its question again', async () => {
    const g = guest('thrifty');
    await g.say('book 1 hour');
    const replies = textOf(await g.say('how much is it'));
    expect(replies).toMatch(/60 min 600,000 VND/);
    expect(replies).toMatch(/Which day would you like to come/);
    expect(textOf(await g.say('sunday at 11'))).toMatch(/Sunday 29 November at 11:00 Da Nang time is free/);
  });

  it('lets the guest give up half-way, and frees the time they were holding', async () => {
    const g = guest('quitter');
    await g.say('sat 11am 30 min');
    expect(await heldStarts()).toEqual(['2026-11-28T04:00:00.000Z']);
    expect(textOf(await g.say('forget it'))).toMatch(/Nothing was booked/);
    expect(await heldStarts()).toEqual([]);
  });

  it('moves the held time when the guest asks "is 4 ok?", and reads "3.30" and "11" as times too', async () => {
    const g = guest('four');
    await g.say('tomorrow at 3pm, an hour please');
    expect(textOf(await g.say('is 4 ok?'))).toMatch(/Saturday 28 November at 16:00 Da Nang time is free/);
    expect(await heldStarts()).toEqual(['2026-11-28T09:00:00.000Z']);
    expect(textOf(await g.say('3.30'))).toMatch(/Saturday 28 November at 15:30 Da Nang time is free/);
    expect(textOf(await g.say('how about 11?'))).toMatch(/Saturday 28 November at 11:00 Da Nang time is free/);
    expect(await heldStarts()).toEqual(['2026-11-28T04:00:00.000Z']);
    // At the length question a bare number is still minutes.
    const other = guest('minutes');
    await g.say('stop');
    await other.say('I would like to book a massage');
    expect(textOf(await other.say('60'))).toMatch(/which day/i);
  });

  it('does not book today when the guest misspells "tomorrow"', async () => {
    const g = guest('speller');
    const reply = textOf(await g.say('can i book tomorow at 3pm for 1 hour'));
    expect(reply).toMatch(/Saturday 28 November at 15:00 Da Nang time is free/);
    expect(await heldStarts()).not.toContain('2026-11-27T08:00:00.000Z');
  });

  it('reads a time written the Vietnamese way ("15h30")', async () => {
    const g = guest('local');
    expect(textOf(await g.say('book a massage on sat at 15h30, 60 min'))).toMatch(/Saturday 28 November at 15:30 Da Nang time is free/);
  });

  it('does not note firm pressure for a guest who says "not too hard please"', async () => {
    const g = guest('gentle');
    await g.say('sunday 2pm 60 min');
    await g.say('no preference');
    await g.say('not too hard please');
    await g.say('no');
    await g.say('Tom');
    expect(textOf(await g.say('0905 222 333'))).toMatch(/Pressure: Medium/);
  });

  it.each([
    ['nothing too strong', 'Medium'],
    ['not too soft', 'Medium'],
    ['firm please', 'Firm'],
    ['gentle', 'Light'],
  ])('at the pressure question, "%s" is %s', async (answer, pressure) => {
    const g = guest(`pressure-${answer}`);
    await g.say('sunday 2pm 60 min');
    await g.say('no preference');
    await g.say(answer);
    await g.say('no');
    await g.say('Tom');
    expect(textOf(await g.say('0905 222 333'))).toMatch(new RegExp(`Pressure: ${pressure}`));
  });

  it('answers a question asked at the name question instead of taking it as the name', async () => {
    const g = guest('lost');
    await upToTheName(g);
    const reply = textOf(await g.say('sorry, where are you located?'));
    expect(reply).toMatch(/Sample Street/);
    expect(reply).toMatch(/What name should I put the booking under/);
    await g.say('Tom');
    expect(textOf(await g.say('0905 222 333'))).toMatch(/Name: Tom\n/);
  });

  it('answers a question asked at the health question instead of passing it to the therapist', async () => {
    const g = guest('price-at-health');
    await g.say('sunday 2pm 60 min');
    await g.say('no preference');
    await g.say('medium');
    expect(textOf(await g.say('how much does it cost?'))).toMatch(/600,000 VND/);
    await g.say('no');
    await g.say('Tom');
    expect(textOf(await g.say('0905 222 333'))).toMatch(/For your therapist: none/);
  });

  it.each(['Do Thi Lan', 'Will Smith', 'Can Nguyen'])('takes "%s" as the name, though it begins like a question', async (name) => {
    const g = guest(`name-${name}`);
    await upToTheName(g);
    await g.say(name);
    expect(textOf(await g.say('0905 222 333'))).toMatch(new RegExp(`Name: ${name}\n`));
  });

  it('takes a typed "Use Lan" like the button of that label', async () => {
    const g = guest('label-typist', 'Lan');
    await g.say('sunday 2pm 60 min');
    await g.say('no preference');
    await g.say('medium');
    await g.say('nothing to mention');
    expect(g.choices).toContain('Use Lan');
    await g.say('Use Lan');
    expect(textOf(await g.say('0905 222 333'))).toMatch(/Name: Lan\n/);
  });

  it('keeps a phone number given together with the name', async () => {
    const g = guest('both');
    await upToTheName(g);
    const reply = textOf(await g.say('Tom Nguyen 0905123456'));
    expect(reply).toMatch(/Name: Tom Nguyen/);
    expect(reply).toMatch(/Contact: \+84905123456/);
  });
});

describe('the guest’s own bookings', () => {
  it('cancels with "cancel it" and "yes", and the place is free again', async () => {
    const g = guest('canceller');
    const ref = await bookByTyping(g, 'sunday 2pm 60 min');
    const question = textOf(await g.say('cancel it'));
    expect(question).toMatch(new RegExp(`Cancel ${ref} on Sunday 29 November at 14:00 Da Nang time\\?`));
    expect(question).toMatch(/free to cancel until Saturday 28 November at 14:00/);
    expect(textOf(await g.say('yes'))).toMatch(/is cancelled/);
    expect((await bookings.get(ref))?.status).toBe('cancelled');
    expect(await bookings.listByDay('2026-11-29')).toEqual([]);
    expect(textOf(await g.say('my bookings'))).toMatch(/no upcoming bookings/);
  });

  it('moves a booking to a day and time named in one message', async () => {
    const g = guest('mover');
    const ref = await bookByTyping(g, 'sunday 2pm 60 min');
    expect(textOf(await g.say('can i move my massage to monday at 5pm'))).toMatch(
      new RegExp(`Move ${ref} from Sunday 29 November at 14:00 Da Nang time to Monday 30 November at 17:00 Da Nang time\\?`),
    );
    expect(textOf(await g.say('yep'))).toMatch(/now on Monday 30 November at 17:00/);
    expect((await bookings.get(ref))?.start).toBe('2026-11-30T10:00:00.000Z');
    expect(events.map((e) => e.type)).toEqual(['created', 'moved']);
  });

  it('within 24 hours, neither cancels nor moves, and says to contact the spa', async () => {
    const g = guest('last-minute');
    const ref = await bookByTyping(g, 'tomorrow at 10am for an hour');
    clock = new Date('2026-11-28T00:00:00Z'); // 07:00 on the day, three hours before
    const move = textOf(await g.say('can i move my massage to 2pm'));
    expect(move).toMatch(/within 24 hours/);
    expect(move).toMatch(/contact the spa directly/);
    expect(textOf(await g.say('cancel it then'))).toMatch(/within 24 hours/);
    expect(g.choices).toContain('Talk to a person');
    expect(await bookings.get(ref)).toMatchObject({ status: 'confirmed', start: '2026-11-28T03:00:00.000Z' });
  });

  it('says the number to call within 24 hours is a sample value, as every answer showing one does', async () => {
    const g = guest('late-sample');
    await bookByTyping(g, 'tomorrow at 10am for an hour');
    clock = new Date('2026-11-28T00:00:00Z');
    expect(textOf(await g.say('cancel my booking'))).toMatch(/sample values/);
  });

  it('cancels when the guest types the button label "Yes, cancel it"; "please don\'t cancel it" keeps it', async () => {
    const g = guest('label-cancel');
    const ref = await bookByTyping(g, 'sunday 2pm 60 min');
    await g.say('cancel my booking');
    expect(textOf(await g.say("please don't cancel it"))).toMatch(/stays as it is/);
    expect((await bookings.get(ref))?.status).toBe('confirmed');
    await g.say('cancel my booking');
    expect(g.choices).toContain('Yes, cancel it');
    expect(textOf(await g.say('Yes, cancel it'))).toMatch(/is cancelled/);
    expect((await bookings.get(ref))?.status).toBe('cancelled');
  });

  it('answers a question asked before confirming a cancellation or a move, then asks the confirmation again', async () => {
    const g = guest('fee-first');
    const ref = await bookByTyping(g, 'sunday 2pm 60 min');
    await g.say('cancel my booking');
    const answer = textOf(await g.say('is there a fee if i cancel now?'));
    expect(answer).toMatch(/24 hours/);
    expect(answer).toMatch(new RegExp(`Cancel ${ref}`));
    expect(g.choices).toEqual(['Yes, cancel it', 'No, keep it']);
    expect(textOf(await g.press('Yes, cancel it'))).toMatch(/is cancelled/);
    expect((await bookings.get(ref))?.status).toBe('cancelled');

    const h = guest('move-then-ask');
    const other = await bookByTyping(h, 'sunday 11am 60 min');
    await h.say('can I move it to saturday at 3pm');
    expect(textOf(await h.say('does it cost anything to move it?'))).toMatch(new RegExp(`Move ${other} from Sunday 29 November at 11:00 Da Nang time to Saturday 28 November at 15:00 Da Nang time\\?`));
    await h.say('yes');
    expect((await bookings.get(other))?.start).toBe('2026-11-28T08:00:00.000Z');
  });

  it('moves to the day asked first and the time given after ("move it to saturday", "3pm")', async () => {
    const g = guest('day-then-time');
    const ref = await bookByTyping(g, 'sunday 2pm 60 min');
    expect(textOf(await g.say('can I move it to saturday'))).toBe(`What time on Saturday 28 November would you like ${ref} instead?`);
    expect(textOf(await g.say('3pm'))).toMatch(new RegExp(`Move ${ref} from Sunday 29 November at 14:00 Da Nang time to Saturday 28 November at 15:00 Da Nang time\\?`));
    await g.say('yes');
    expect((await bookings.get(ref))?.start).toBe('2026-11-28T08:00:00.000Z');
  });

  it('does not move a booking to the time it already has', async () => {
    const g = guest('same-time');
    const ref = await bookByTyping(g, 'sunday 2pm 60 min');
    const same = textOf(await g.say('move my booking to sunday at 2pm'));
    expect(same).toMatch(new RegExp(`${ref} is already on Sunday 29 November at 14:00`));
    expect(same).not.toMatch(/Move LS-/);
    expect(textOf(await g.say('4pm then'))).toMatch(new RegExp(`Move ${ref} from Sunday 29 November at 14:00 Da Nang time to Sunday 29 November at 16:00 Da Nang time\\?`));
    expect(events.filter((e) => e.type === 'moved')).toEqual([]);
  });

  it('moves a booking an hour earlier', async () => {
    const g = guest('earlier');
    const ref = await bookByTyping(g, 'sunday 2pm 60 min');
    expect(textOf(await g.say('can i come an hour earlier'))).toMatch(new RegExp(`Move ${ref} from Sunday 29 November at 14:00 Da Nang time to Sunday 29 November at 13:00 Da Nang time\\?`));
    // Asked to confirm, a different shift replaces it; the move is made from the booking's own time.
    expect(textOf(await g.say('actually make it 30 minutes later'))).toMatch(/to Sunday 29 November at 14:30 Da Nang time\?/);
    await g.say('yes');
    expect((await bookings.get(ref))?.start).toBe('2026-11-29T07:30:00.000Z');
  });

  it('cancels the booking the guest picks by its day from several', async () => {
    const g = guest('two-bookings');
    const saturday = await bookByTyping(g, 'sat 11am 30 min');
    const sunday = await bookByTyping(g, 'sunday 5pm 60 min');
    expect(textOf(await g.say('cancel my booking'))).toMatch(/Which booking do you mean/);
    expect(textOf(await g.say('the sunday one'))).toMatch(new RegExp(`Cancel ${sunday} on Sunday 29 November at 17:00 Da Nang time\\?`));
    await g.say('yes');
    expect((await bookings.get(sunday))?.status).toBe('cancelled');
    expect((await bookings.get(saturday))?.status).toBe('confirmed');
  });

  it('cancels the booking the guest picks as "the second one"', async () => {
    const g = guest('second-one');
    await bookByTyping(g, 'sat 11am 30 min');
    const sunday = await bookByTyping(g, 'sunday 5pm 60 min');
    await g.say('cancel my booking');
    const reply = textOf(await g.say('the second one'));
    expect(reply).not.toMatch(GOODBYE);
    expect(reply).toMatch(new RegExp(`Cancel ${sunday}`));
  });

  it('asks again which booking, with the list, when the answer fits none or several; a question in between is answered', async () => {
    const g = guest('unsure-pick');
    const saturday = await bookByTyping(g, 'sat 11am 30 min');
    await bookByTyping(g, 'sunday 5pm 60 min');
    await g.say('move my booking');
    const again = textOf(await g.say('the monday one'));
    expect(again).toMatch(/You don't have a booking then\.\nWhich booking do you mean/);
    const answered = textOf(await g.say('where are you?'));
    expect(answered).toMatch(/Sample Street/);
    expect(answered).toMatch(/Which booking do you mean/);
    expect(textOf(await g.say('the 11am one'))).toMatch(new RegExp(`When would you like to move ${saturday} to\\?`));
  });

  it('helps a guest running late on the day instead of saying goodbye', async () => {
    const g = guest('traffic');
    await bookByTyping(g, 'tomorrow at 10am for an hour');
    clock = new Date('2026-11-28T02:50:00Z'); // 09:50, ten minutes before the session
    const reply = textOf(await g.say('im running late'));
    expect(reply).not.toMatch(GOODBYE);
    expect(`${reply}\n${g.choices.join('\n')}`).toMatch(/\+84 000 000 000|Talk to a person/);
  });
});
