import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../../src/booking/index.ts';
import { createTelegramBot, loadCommandMenus, registerCommands } from '../../../src/channels/telegram/index.ts';
import { conversationKey, type ConversationState, type ConversationStore } from '../../../src/core/index.ts';
import { createMemorySeenUpdates } from '../../../src/store/index.ts';
import { CONTENT_DIR } from '../../helpers/bot.ts';
import { telegramGuest, type FakeTelegram } from '../../helpers/fake-telegram.ts';
import { bookingConcierge, deliver, startPollingBot, waitFor, type TrackedConcierge } from './harness.ts';

let running: Awaited<ReturnType<typeof startPollingBot>>;
let fake: FakeTelegram;
let tracked: TrackedConcierge;
let bookings: BookingStore;
let store: ConversationStore;

beforeEach(async () => {
  const built = await bookingConcierge();
  bookings = built.bookings;
  store = built.store;
  running = await startPollingBot(built.concierge);
  ({ fake, tracked } = running);
});

afterEach(async () => {
  await running.stop();
});

/** A guest of the fake, with a way to send an update and wait for the bot's answer. */
function guest(user: Parameters<typeof telegramGuest>[1]) {
  const g = telegramGuest(fake, user);
  return Object.assign(g, {
    send: (update: Update) => deliver(fake, tracked, user.id, update),
    /** The button labels under the bot's latest message with a keyboard, row by row. */
    keyboard: () => fake.messagesTo(user.id).filter((m) => m.reply_markup).at(-1)?.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text)),
  });
}

describe('a guest on Telegram', () => {
  it('books from /start to a confirmed booking with the buttons', async () => {
    const lan = guest({ id: 501, first_name: 'Lan', last_name: 'Nguyen', language_code: 'en' });
    const greeting = await lan.send(lan.text('/start'));
    expect(greeting.join('\n')).toMatch(/L Spa assistant/);
    expect(lan.keyboard()?.flat()).toContain('Book a session');
    // Long labels: one button a row.
    expect(lan.keyboard()?.every((row) => row.length === 1)).toBe(true);

    expect((await lan.send(lan.press('Book a session'))).join('\n')).toMatch(/how long/i);
    // Short labels: two buttons a row.
    expect(lan.keyboard()).toEqual([['30 minutes', '60 minutes'], ['Stop']]);
    await lan.send(lan.press('60 minutes'));
    expect((await lan.send(lan.press('Friday 27 November'))).join('\n')).toMatch(/Here are the free times on Friday 27 November/);
    expect((await lan.send(lan.press('10:00'))).join('\n')).toMatch(/holding it for you/);
    await lan.send(lan.press('No preference'));
    await lan.send(lan.press('Medium'));
    await lan.send(lan.press('Nothing to mention'));
    // The name comes from the Telegram profile: first and last name.
    expect(lan.keyboard()?.flat()).toContain('Use Lan Nguyen');
    await lan.send(lan.press('Use Lan Nguyen'));
    const summary = (await lan.send(lan.text('+84 905 123 456'))).join('\n');
    expect(summary).toMatch(/When: Friday 27 November at 10:00/);
    const confirmation = (await lan.send(lan.press('Confirm'))).join('\n');
    expect(confirmation).toMatch(/reference is LS-[A-Z0-9]{4}/);

    const booked = await bookings.listByGuest('telegram:501');
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ start: '2026-11-27T03:00:00.000Z', guest: { name: 'Lan Nguyen', contact: '+84905123456', channel: 'telegram', conversationId: '501' } });

    // Every press was answered and its keyboard removed.
    expect(fake.callsTo('answerCallbackQuery')).toHaveLength(9);
    const pressed = fake.callsTo('editMessageReplyMarkup').map((call) => call.payload.message_id);
    expect(pressed).toHaveLength(9);
    const withKeyboard = fake.messagesTo(lan.id).filter((m) => m.reply_markup);
    expect(withKeyboard.some((m) => pressed.includes(m.message_id))).toBe(false);
    expect(withKeyboard.at(-1)?.message_id).toBe(fake.messagesTo(lan.id).at(-1)?.message_id);
  });

  it('answers a question typed in free text', async () => {
    const tom = guest({ id: 502, first_name: 'Tom' });
    const answer = (await tom.send(tom.text('does the massage hurt?'))).join('\n');
    expect(answer).toMatch(/shouldn't hurt/i);
  });

  it('turns each command into its action, and /faq shows the menu', async () => {
    const mai = guest({ id: 503, first_name: 'Mai' });
    expect((await mai.send(mai.text('/book'))).join('\n')).toMatch(/how long/i);
    await mai.send(mai.press('Stop'));
    expect((await mai.send(mai.text('/mybookings'))).join('\n')).toMatch(/booking/i);
    await mai.send(mai.text('/faq'));
    expect(mai.keyboard()?.flat()).toContain('Does it hurt?');
    await mai.send(mai.text('/help'));
    expect(mai.keyboard()?.flat()).toContain('Does it hurt?');
  });

  it('answers a sticker kindly, through the core', async () => {
    const an = guest({ id: 504, first_name: 'An' });
    const reply = (await an.send(an.sticker())).join('\n');
    expect(reply).toMatch(/what would you like to know/i);
    expect(tracked.turns.at(-1)?.conversationId).toBe('504');
  });

  it('refuses a forged callback_data politely and books nothing', async () => {
    const eve = guest({ id: 505, first_name: 'Eve' });
    await eve.send(eve.text('/book'));
    await eve.send(eve.press('60 minutes'));
    await eve.send(eve.press('Friday 27 November'));
    // A confirmation key the bot never made, someone else's booking, and junk, each on the keyboard in front of the guest.
    for (const forged of ['b:ok:aaaaaaaaaa', 'm:yes:LS-ZZZZ', 'i:../../etc/passwd', 'x'.repeat(64)]) {
      const current = fake.messagesTo(eve.id).filter((m) => m.reply_markup).at(-1)!;
      const reply = (await eve.send(eve.pressData(current, forged))).join('\n');
      expect(reply, forged).toMatch(/sorry|isn't available|not available/i);
    }
    expect(await bookings.listByGuest('telegram:505')).toEqual([]);
  });

  it('removes the keyboard after a press, and ignores a second press of the same keyboard', async () => {
    const ha = guest({ id: 506, first_name: 'Ha' });
    await ha.send(ha.text('/start'));
    const menu = fake.messagesTo(ha.id).at(-1)!;
    const press = ha.press('Does it hurt?');
    await ha.send(press);
    expect(fake.messagesTo(ha.id).find((m) => m.message_id === menu.message_id)?.reply_markup).toBeUndefined();
    const edit = fake.callsTo('editMessageReplyMarkup').at(-1);
    expect(edit?.payload).toMatchObject({ chat_id: 506, message_id: menu.message_id });
    expect(edit?.payload.reply_markup).toBeUndefined();

    // The same (old) button pressed again, as a double tap would: answered, not handled.
    const turnsBefore = tracked.turns.length;
    const sentBefore = fake.messagesTo(ha.id).length;
    const again = ha.pressData(menu, 'i:faq.pain');
    fake.push(again);
    await waitFor('the second press to be answered', () => fake.callsTo('answerCallbackQuery').length === 2 && running.log.messages('info').some((m) => /pressed again/.test(m)));
    expect(tracked.turns.length).toBe(turnsBefore);
    expect(fake.messagesTo(ha.id).length).toBe(sentBefore);
  });

  it('keeps the guest’s Telegram name and language in their profile', async () => {
    const linh = guest({ id: 507, first_name: 'Linh', last_name: 'Tran', language_code: 'vi' });
    await linh.send(linh.text('/start'));
    const state = (await store.read(conversationKey({ channel: 'telegram', conversationId: '507' }))) as ConversationState;
    expect(state.guest).toMatchObject({ id: '507', name: 'Linh Tran', language: 'vi' });
  });

  it('answers only in private chats', async () => {
    const group = { id: -100_200, type: 'group' as const, title: 'Friends' };
    const update = { update_id: fake.nextUpdateId(), message: { message_id: 1, date: 0, chat: group, from: { id: 508, is_bot: false, first_name: 'Bao' }, text: 'does it hurt?' } };
    fake.push(update);
    const sentinel = guest({ id: 509, first_name: 'Chi' });
    await sentinel.send(sentinel.text('hello'));
    expect(fake.callsTo('sendMessage').some((call) => call.payload.chat_id === group.id)).toBe(false);
    expect(tracked.turns.some((turn) => turn.conversationId === String(group.id))).toBe(false);
  });
});

describe('start-up', () => {
  it('registers the command menu with setMyCommands', async () => {
    const bot = createTelegramBot({ token: '123:TEST', apiRoot: fake.apiRoot, concierge: tracked.concierge, seenUpdates: createMemorySeenUpdates(), logger: running.log.logger });
    await registerCommands(bot, await loadCommandMenus(CONTENT_DIR));
    const [call] = fake.callsTo('setMyCommands');
    const commands = call?.payload.commands as Array<{ command: string; description: string }>;
    expect(commands.map((c) => c.command)).toEqual(['start', 'help', 'book', 'mybookings', 'cancel', 'faq', 'language']);
    expect(commands.every((c) => c.description.length > 0 && c.description.length <= 256)).toBe(true);
  });

  it('deletes any webhook before long polling', async () => {
    await waitFor('the first poll', () => fake.callsTo('getUpdates').length > 0);
    expect(fake.calls.map((c) => c.method).slice(0, 3)).toEqual(['getMe', 'deleteWebhook', 'getUpdates']);
  });
});
