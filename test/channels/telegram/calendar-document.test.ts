// The calendar file on Telegram: after a booking's confirmation, the .ics goes to the chat as a
// document (sendDocument, recorded by the fake Bot API).
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot, startLongPolling, type LongPollingHandle } from '../../../src/channels/telegram/index.ts';
import { createCalendarFiles } from '../../../src/reminders/index.ts';
import { createMemorySeenUpdates } from '../../../src/store/index.ts';
import { realKnowledge } from '../../helpers/bot.ts';
import { startFakeTelegram, telegramGuest, type FakeTelegram } from '../../helpers/fake-telegram.ts';
import { bookingConcierge, deliver, FIXED_NOW, recordingLogger, trackTurns, waitFor } from './harness.ts';

let fake: FakeTelegram | undefined;
let polling: LongPollingHandle | undefined;
afterEach(async () => {
  await polling?.stop();
  await fake?.close();
  polling = undefined;
  fake = undefined;
});

/** The real bot, with calendar files, long-polling a fake Bot API. */
async function start(withCalendar = true) {
  const { content } = await realKnowledge();
  const { concierge } = await bookingConcierge();
  fake = await startFakeTelegram();
  const tracked = trackTurns(concierge);
  const log = recordingLogger();
  const bot = createTelegramBot({
    token: '123:TEST',
    apiRoot: fake.apiRoot,
    concierge: tracked.concierge,
    seenUpdates: createMemorySeenUpdates(),
    logger: log.logger,
    ...(withCalendar ? { calendarFile: createCalendarFiles(content, () => FIXED_NOW) } : {}),
  });
  polling = await startLongPolling(bot, log.logger);
  const f = fake;
  return { fake: f, send: (chatId: number, update: Update) => deliver(f, tracked, chatId, update), log };
}

/** Books tomorrow at 15:00 for an hour; returns the confirmation's text. */
async function book(send: (update: Update) => Promise<string[]>, guest: ReturnType<typeof telegramGuest>): Promise<string> {
  await send(guest.text('tomorrow at 3pm for an hour'));
  await send(guest.press('No preference'));
  await send(guest.press('Medium'));
  await send(guest.press('Nothing to mention'));
  await send(guest.press('Use Lan'));
  await send(guest.text('+84 905 123 456'));
  return (await send(guest.press('Confirm'))).join('\n');
}

describe('the calendar file on Telegram', () => {
  it('follows the booking confirmation as a document: the session in the spa’s zone, the reference, the address', async () => {
    const { fake, send } = await start();
    const lan = telegramGuest(fake, { id: 601, first_name: 'Lan' });
    const confirmation = await book((u) => send(601, u), lan);
    const ref = /LS-[A-Z0-9]{4}/.exec(confirmation)?.[0] ?? '';
    expect(ref).not.toBe('');
    await waitFor('the calendar file', () => fake.documentsTo(601).length > 0);
    const [document] = fake.documentsTo(601);
    expect(document?.fileName).toBe(`l-spa-${ref}.ics`);
    expect(document?.caption).toContain(ref);
    const lines = (document?.content ?? '').replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261127T150000');
    expect(lines).toContain(`UID:${ref}@l-spa`);
    expect(lines.find((l) => l.startsWith('LOCATION:'))).toMatch(/Sample Street/);
    // After the confirmation, never before it.
    const confirmationCall = fake.calls.findIndex((c) => c.method === 'sendMessage' && String(c.payload.text).includes(`reference is ${ref}`));
    expect(confirmationCall).toBeGreaterThanOrEqual(0);
    expect(document!.callIndex).toBeGreaterThan(confirmationCall);
    expect(fake.documentsTo(601)).toHaveLength(1);
  });

  it('sends no file when the channel was given no calendar files', async () => {
    const { fake, send } = await start(false);
    const an = telegramGuest(fake, { id: 602, first_name: 'Lan' });
    await book((u) => send(602, u), an);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.callsTo('sendDocument')).toEqual([]);
  });
});
