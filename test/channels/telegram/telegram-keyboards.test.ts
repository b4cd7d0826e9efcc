// How a reply's buttons are laid out under a Telegram message: a day's free times by part of the day,
// each part named with its times in the message above them, the main button first. The real grammY bot
// long-polls a fake Bot API.
import { afterEach, describe, expect, it } from 'vitest';
import type { Choice, Reply } from '../../../src/core/index.ts';
import { telegramGuest } from '../../helpers/fake-telegram.ts';
import { bookingConcierge, deliver, startPollingBot, withHandle } from './harness.ts';

let running: Awaited<ReturnType<typeof startPollingBot>> | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** The bot over the real core, or answering every message with `replies`. */
async function start(replies?: Reply[]) {
  const { concierge } = await bookingConcierge();
  running = await startPollingBot(replies ? withHandle(concierge, async () => replies) : concierge);
  const { fake, tracked } = running;
  const guest = (id: number, language_code = 'en') =>
    Object.assign(telegramGuest(fake, { id, first_name: 'Lan', language_code }), {
      send: (update: Parameters<typeof fake.push>[0]) => deliver(fake, tracked, id, update),
      /** The labels under the bot's latest message with buttons, row by row. */
      rows: () => fake.messagesTo(id).filter((m) => m.reply_markup).at(-1)?.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text)) ?? [],
      /** The text of the bot's latest message with buttons: what the guest reads right above them. */
      above: () => fake.messagesTo(id).filter((m) => m.reply_markup).at(-1)?.text ?? '',
    });
  return { fake, tracked, guest };
}

const times = (group: string, ...labels: string[]): Choice[] => labels.map((label) => ({ label, action: `b:at:${label}`, group }));

describe('a reply offering a whole day’s free times', () => {
  it('shows the times four to a row, each part of the day from a new row, then the other days and Stop', async () => {
    const day: Reply = {
      text: 'Here are the free times on Friday 27 November. Morning, afternoon and evening:',
      choices: [
        ...times('Morning', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'),
        ...times('Afternoon', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'),
        ...times('Evening', '17:00', '17:30', '18:00', '18:30'),
        { label: 'Saturday 28 November', action: 'b:day:2026-11-28', group: 'Other days' },
        { label: 'Sunday 29 November', action: 'b:day:2026-11-29', group: 'Other days' },
        { label: 'Stop', action: 'b:stop' },
      ],
    };
    const { guest } = await start([day]);
    const lan = guest(1001);
    await lan.send(lan.text('what is free on Friday?'));
    expect(lan.rows()).toEqual([
      ['09:00', '09:30', '10:00', '10:30'],
      ['11:00', '11:30'],
      ['12:00', '12:30', '13:00', '13:30'],
      ['14:00', '14:30', '15:00', '15:30'],
      ['16:00', '16:30'],
      ['17:00', '17:30', '18:00', '18:30'],
      ['Saturday 28 November'],
      ['Sunday 29 November'],
      ['Stop'],
    ]);
    // Every button still carries its own action.
    expect(lan.press('13:30').callback_query?.data).toBe('b:at:13:30');
  });

  it('from the real core: no row mixes two parts of the day, and none holds more than four', async () => {
    const { tracked, guest } = await start();
    const lan = guest(1002);
    await lan.send(lan.text('/book'));
    await lan.send(lan.press('60 minutes'));
    await lan.send(lan.press('Friday 27 November'));
    const offered = tracked.turns.at(-1)?.replies.at(-1)?.choices ?? [];
    const groupOf = new Map(offered.map((choice) => [choice.label, choice.group]));
    const rows = lan.rows();
    expect(offered.filter((choice) => choice.group !== undefined).length).toBeGreaterThan(4);
    for (const row of rows) {
      expect(row.length).toBeLessThanOrEqual(4);
      expect(new Set(row.map((label) => groupOf.get(label))).size, row.join(' ')).toBe(1);
    }
    // In the core's order, with Stop last.
    expect(rows.flat()).toEqual(offered.map((choice) => choice.label));
    expect(rows.at(-1)).toEqual(['Stop']);
  });
});

describe('the message above a day’s free times', () => {
  it('names each part of the day with its first and last free time, right above the buttons', async () => {
    const { guest } = await start();
    const lan = guest(1004);
    await lan.send(lan.text('/book'));
    await lan.send(lan.press('60 minutes'));
    await lan.send(lan.press('Friday 27 November'));
    // Open 09:00–21:00, an hour long: the last start is 20:00.
    expect(lan.above()).toMatch(/^Here are the free times on Friday 27 November \(Da Nang time\)\. Pick one, or type another time:\nMorning 09:00–11:30 · Afternoon 12:00–16:30 · Evening 17:00–20:00$/);
    expect(lan.rows()[0]).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });

  it('names only the parts of the day offered, and in the guest’s language', async () => {
    const { guest } = await start();
    const lan = guest(1005);
    await lan.send(lan.text('/book'));
    await lan.send(lan.press('60 minutes'));
    // Saturday evening, an hour long: 17:00 to 20:00, under "Evening" alone.
    await lan.send(lan.text('saturday evening'));
    expect(lan.above()).toMatch(/\nEvening 17:00–20:00$/);
    expect(lan.above()).not.toMatch(/Morning|Afternoon/);

    const minjun = guest(1006, 'ko');
    await minjun.send(minjun.text('/book'));
    await minjun.send(minjun.press('60분'));
    await minjun.send(minjun.press('11월 27일 금요일'));
    expect(minjun.above()).toMatch(/\n오전 09:00–11:30 · 오후 12:00–16:30 · 저녁 17:00–20:00$/);
  });

  it('adds nothing to a message whose buttons are not times of a day', async () => {
    const { guest } = await start();
    const lan = guest(1007);
    await lan.send(lan.text('/book'));
    expect(lan.above()).toBe('Lovely! How long would you like your session?');
  });
});

describe('a reply with a main button', () => {
  it('puts it first, on a row of its own, whatever its place among the choices', async () => {
    const summary: Reply = {
      text: 'Here’s your booking. Shall I confirm it?',
      choices: [
        { label: 'Change', action: 'b:change' },
        { label: 'Confirm', action: 'b:ok:1', primary: true },
        { label: 'Stop', action: 'b:stop' },
      ],
    };
    const { guest } = await start([summary]);
    const lan = guest(1003);
    await lan.send(lan.text('yes'));
    expect(lan.rows()).toEqual([['Confirm'], ['Change', 'Stop']]);
  });
});
