// Which messages a booking gets and when: table-driven, with a fixed "now", in the spa's zone and in a
// zone with daylight saving. Expected instants are written as literal offsets.
import { describe, expect, it } from 'vitest';
import { endOfQuietHours, planMessages, type PlannedMessage, type ReminderSettings } from '../../src/reminders/index.ts';
import { bookingAt, DST_ZONE, spaReminders, vn } from './fixtures.ts';

/** What a plan says, readably: "reminder-120 @ 2026-11-27T06:00:00.000Z (deferred)". */
const describePlan = (plan: PlannedMessage[]) =>
  plan.map((m) => `${m.kind === 'reminder' ? `reminder-${m.minutesBefore}` : 'follow-up'} @ ${m.sendAt}${m.deferred ? ' (deferred)' : ''}`);
const at = (instant: Date, what: string, deferred = false) => `${what} @ ${instant.toISOString()}${deferred ? ' (deferred)' : ''}`;

describe('planMessages in the spa’s zone (Da Nang, UTC+7, quiet 21:00–08:00)', () => {
  it.each([
    {
      name: 'an afternoon session booked a week ahead: the day before, two hours before, three hours after',
      start: vn('2026-11-27 15:00'), minutes: 60, now: vn('2026-11-20 10:00'),
      expected: [at(vn('2026-11-26 15:00'), 'reminder-1440'), at(vn('2026-11-27 13:00'), 'reminder-120'), at(vn('2026-11-27 19:00'), 'follow-up')],
    },
    {
      name: 'booked three hours before: no day-before reminder (its time has passed)',
      start: vn('2026-11-27 15:00'), minutes: 60, now: vn('2026-11-27 12:00'),
      expected: [at(vn('2026-11-27 13:00'), 'reminder-120'), at(vn('2026-11-27 19:00'), 'follow-up')],
    },
    {
      name: 'booked an hour before: no reminder at all, only the follow-up',
      start: vn('2026-11-27 15:00'), minutes: 60, now: vn('2026-11-27 14:00'),
      expected: [at(vn('2026-11-27 19:00'), 'follow-up')],
    },
    {
      name: 'a reminder due exactly now is not planned (nothing in the past)',
      start: vn('2026-11-27 15:00'), minutes: 30, now: vn('2026-11-27 13:00'),
      expected: [at(vn('2026-11-27 18:30'), 'follow-up')],
    },
    {
      name: 'a 09:00 session: the two-hour reminder (07:00) waits for the end of quiet hours',
      start: vn('2026-11-27 09:00'), minutes: 60, now: vn('2026-11-20 10:00'),
      expected: [at(vn('2026-11-26 09:00'), 'reminder-1440'), at(vn('2026-11-27 08:00'), 'reminder-120', true), at(vn('2026-11-27 13:00'), 'follow-up')],
    },
    {
      name: 'a reminder due at 08:00 sharp is not deferred (quiet hours end at 08:00)',
      start: vn('2026-11-27 10:00'), minutes: 30, now: vn('2026-11-20 10:00'),
      expected: [at(vn('2026-11-26 10:00'), 'reminder-1440'), at(vn('2026-11-27 08:00'), 'reminder-120'), at(vn('2026-11-27 13:30'), 'follow-up')],
    },
    {
      name: 'a reminder due at 21:00 sharp is deferred, and dropped when the session is over by 08:00',
      start: vn('2026-11-27 23:00'), minutes: 30, now: vn('2026-11-20 10:00'),
      // The day-before one (26th, 23:00) waits for the morning of the 27th; the follow-up (28th 02:30) too.
      expected: [at(vn('2026-11-27 08:00'), 'reminder-1440', true), at(vn('2026-11-28 08:00'), 'follow-up', true)],
    },
    {
      name: 'an early session: a reminder deferred past its end is dropped; the follow-up still goes',
      start: vn('2026-11-27 06:00'), minutes: 60, now: vn('2026-11-20 10:00'),
      expected: [at(vn('2026-11-26 08:00'), 'reminder-1440', true), at(vn('2026-11-27 10:00'), 'follow-up')],
    },
    {
      name: 'an evening session: the follow-up due at midnight moves to the morning',
      start: vn('2026-11-27 20:00'), minutes: 60, now: vn('2026-11-20 10:00'),
      expected: [at(vn('2026-11-26 20:00'), 'reminder-1440'), at(vn('2026-11-27 18:00'), 'reminder-120'), at(vn('2026-11-28 08:00'), 'follow-up', true)],
    },
    {
      name: 'a follow-up due just after midnight waits until 08:00 that same day',
      start: vn('2026-11-27 20:30'), minutes: 30, now: vn('2026-11-20 10:00'),
      expected: [at(vn('2026-11-26 20:30'), 'reminder-1440'), at(vn('2026-11-27 18:30'), 'reminder-120'), at(vn('2026-11-28 08:00'), 'follow-up', true)],
    },
    {
      name: 'the first of the month: the day-before reminder falls on the last day of the previous month',
      start: vn('2026-12-01 09:00'), minutes: 60, now: vn('2026-11-25 10:00'),
      expected: [at(vn('2026-11-30 09:00'), 'reminder-1440'), at(vn('2026-12-01 08:00'), 'reminder-120', true), at(vn('2026-12-01 13:00'), 'follow-up')],
    },
    {
      name: 'New Year’s Eve: the follow-up moves into the next year',
      start: vn('2026-12-31 20:00'), minutes: 60, now: vn('2026-12-20 10:00'),
      expected: [at(vn('2026-12-30 20:00'), 'reminder-1440'), at(vn('2026-12-31 18:00'), 'reminder-120'), at(vn('2027-01-01 08:00'), 'follow-up', true)],
    },
  ])('$name', ({ start, minutes, now, expected }) => {
    expect(describePlan(planMessages(bookingAt(start, minutes), spaReminders, now))).toEqual(expected);
  });

  it('sends two reminders that land on the same instant once (the closer one)', () => {
    const settings: ReminderSettings = { ...spaReminders, beforeMinutes: [600, 120] };
    // 09:30: 600 minutes before is 23:30 the night before, 120 before is 07:30: both wait for 08:00.
    const plan = planMessages(bookingAt(vn('2026-11-27 09:30')), settings, vn('2026-11-20 10:00'));
    expect(describePlan(plan)).toEqual([at(vn('2026-11-27 08:00'), 'reminder-120', true), at(vn('2026-11-27 13:30'), 'follow-up')]);
  });

  it('plans nothing for a cancelled booking, and nothing once everything is past', () => {
    expect(planMessages(bookingAt(vn('2026-11-27 15:00'), 60, { status: 'cancelled' }), spaReminders, vn('2026-11-20 10:00'))).toEqual([]);
    expect(planMessages(bookingAt(vn('2026-11-27 15:00')), spaReminders, vn('2026-11-27 19:00'))).toEqual([]);
  });

  it('plans nothing for a booking made at the front desk: the guest has no chat to be reminded in', () => {
    const desk = bookingAt(vn('2026-11-27 15:00'), 60, { guest: { key: 'desk:LS-7K3Q', name: 'Anna Tran', contact: '+84905123456', channel: 'desk', conversationId: 'LS-7K3Q' } });
    expect(planMessages(desk, spaReminders, vn('2026-11-20 10:00'))).toEqual([]);
  });

  it('has no quiet hours when they start and end at the same time', () => {
    const settings: ReminderSettings = { ...spaReminders, quietHours: { start: '00:00', end: '00:00' } };
    const plan = planMessages(bookingAt(vn('2026-11-27 09:00')), settings, vn('2026-11-20 10:00'));
    expect(describePlan(plan)).toContain(at(vn('2026-11-27 07:00'), 'reminder-120'));
  });

  it('takes quiet hours within one day too (13:00–14:00)', () => {
    const settings: ReminderSettings = { ...spaReminders, quietHours: { start: '13:00', end: '14:00' } };
    const plan = planMessages(bookingAt(vn('2026-11-27 15:00')), settings, vn('2026-11-20 10:00'));
    expect(describePlan(plan)).toEqual([at(vn('2026-11-26 15:00'), 'reminder-1440'), at(vn('2026-11-27 14:00'), 'reminder-120', true), at(vn('2026-11-27 19:00'), 'follow-up')]);
  });

  it('gives each message an id from the booking, the kind and the start, without ":" (BullMQ job ids)', () => {
    const booking = bookingAt(vn('2026-11-27 15:00'));
    const plan = planMessages(booking, spaReminders, vn('2026-11-20 10:00'));
    expect(plan.map((m) => m.id)).toEqual(['LS-7K3Q.reminder-1440.20261127T0800Z', 'LS-7K3Q.reminder-120.20261127T0800Z', 'LS-7K3Q.follow-up.20261127T0800Z']);
    expect(planMessages(booking, spaReminders, vn('2026-11-21 10:00')).map((m) => m.id)).toEqual(plan.map((m) => m.id));
    const moved = planMessages(bookingAt(vn('2026-11-28 15:00')), spaReminders, vn('2026-11-20 10:00'));
    expect(moved.map((m) => m.id).some((id) => plan.some((m) => m.id === id))).toBe(false);
    expect(plan.every((m) => !m.id.includes(':') && m.bookingStart === booking.start)).toBe(true);
  });
});

describe('planMessages in a zone with daylight saving (Berlin, quiet 21:00–08:00)', () => {
  const berlin: ReminderSettings = { ...spaReminders, timeZone: DST_ZONE };
  const plan = (start: string, now: string, minutes = 60) => describePlan(planMessages(bookingAt(new Date(start), minutes), berlin, new Date(now)));

  it.each([
    {
      name: 'the day after clocks go forward: 1,440 minutes before is an hour later on the wall clock',
      start: '2026-03-30T10:00:00+02:00', now: '2026-03-20T10:00:00+01:00',
      expected: [at(new Date('2026-03-29T10:00:00+02:00'), 'reminder-1440'), at(new Date('2026-03-30T08:00:00+02:00'), 'reminder-120'), at(new Date('2026-03-30T14:00:00+02:00'), 'follow-up')],
    },
    {
      name: 'on the morning clocks go forward, quiet hours end at 08:00 summer time',
      start: '2026-03-29T09:00:00+02:00', now: '2026-03-20T10:00:00+01:00',
      expected: [at(new Date('2026-03-28T08:00:00+01:00'), 'reminder-1440'), at(new Date('2026-03-29T08:00:00+02:00'), 'reminder-120', true), at(new Date('2026-03-29T13:00:00+02:00'), 'follow-up')],
    },
    {
      name: 'on the morning clocks go back, quiet hours end at 08:00 winter time (and 1,440 minutes before is 10:00 summer time)',
      start: '2026-10-25T09:00:00+01:00', now: '2026-10-20T10:00:00+02:00',
      expected: [at(new Date('2026-10-24T10:00:00+02:00'), 'reminder-1440'), at(new Date('2026-10-25T08:00:00+01:00'), 'reminder-120', true), at(new Date('2026-10-25T13:00:00+01:00'), 'follow-up')],
    },
    {
      name: 'a follow-up across the night clocks go back waits for 08:00 winter time',
      start: '2026-10-24T19:00:00+02:00', now: '2026-10-20T10:00:00+02:00',
      expected: [at(new Date('2026-10-23T19:00:00+02:00'), 'reminder-1440'), at(new Date('2026-10-24T17:00:00+02:00'), 'reminder-120'), at(new Date('2026-10-25T08:00:00+01:00'), 'follow-up', true)],
    },
  ])('$name', ({ start, now, expected }) => {
    expect(plan(start, now)).toEqual(expected);
  });

  it('ends quiet hours whose end falls in the skipped hour at the same distance past the gap', () => {
    // 02:30 does not exist on 29 March 2026 in Berlin (01:59 CET is followed by 03:00 CEST).
    const settings = { timeZone: DST_ZONE, quietHours: { start: '01:00', end: '02:30' } };
    expect(endOfQuietHours(new Date('2026-03-29T01:30:00+01:00'), settings)?.toISOString()).toBe(new Date('2026-03-29T03:30:00+02:00').toISOString());
  });
});
