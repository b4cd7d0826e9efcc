import { describe, expect, it } from 'vitest';
import { createReminderTexts } from '../../src/reminders/index.ts';
import { realKnowledge } from '../helpers/bot.ts';
import { bookingAt, vn } from './fixtures.ts';

describe('the reminder’s choices', () => {
  it('offer moving or cancelling while that is free, and a person once it is not', async () => {
    const { content } = await realKnowledge();
    const texts = createReminderTexts(content);
    const booking = bookingAt(vn('2026-11-27 15:00'));
    const dayBefore = texts.reminder(booking, vn('2026-11-26 15:00'));
    expect(dayBefore.choices?.map((c) => c.action)).toEqual([`m:move:${booking.ref}`, `m:cancel:${booking.ref}`]);
    const twoHoursBefore = texts.reminder(booking, vn('2026-11-27 13:00'));
    expect(twoHoursBefore.choices?.map((c) => c.action)).toEqual(['i:person']);
  });
});
