// The contact question on Telegram: the share-my-phone button (a reply keyboard), a shared contact as
// the guest's answer, and the keyboard taken away once the conversation moves on. The real grammY bot
// long-polls a fake Bot API over the real core, or over replies made up for the test.
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../../src/booking/index.ts';
import { createMemoryReplyKeyboards, type ReplyKeyboardMemory } from '../../../src/channels/telegram/index.ts';
import type { Concierge, Reply } from '../../../src/core/index.ts';
import { LANGUAGES } from '../../../src/languages.ts';
import { realKnowledge } from '../../helpers/bot.ts';
import { telegramGuest } from '../../helpers/fake-telegram.ts';
import { bookingConcierge, deliver, startPollingBot, withHandle, withResponder } from './harness.ts';

let running: Awaited<ReturnType<typeof startPollingBot>> | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** The real bot over `concierge` (the real core by default), with a guest helper. */
async function start(options: { concierge?: (base: Concierge) => Concierge; replyKeyboards?: ReplyKeyboardMemory } = {}) {
  const { concierge: base, bookings } = await bookingConcierge();
  const bot = await startPollingBot(options.concierge ? options.concierge(base) : base, undefined, options.replyKeyboards ? { replyKeyboards: options.replyKeyboards } : {});
  running = bot;
  const { fake, tracked } = bot;
  const guest = (user: Parameters<typeof telegramGuest>[1]) => {
    const g = telegramGuest(fake, user);
    return Object.assign(g, {
      /** Sends an update; resolves with the texts of the bot's messages. */
      send: (update: Update) => deliver(fake, tracked, user.id, update),
      /** The bot's latest message. */
      lastMessage: () => fake.messagesTo(user.id).at(-1),
      /** The inline buttons under the bot's latest message with some, row by row. */
      buttons: () => fake.messagesTo(user.id).filter((m) => m.reply_markup).at(-1)?.reply_markup?.inline_keyboard.map((row) => row.map((b) => b.text)),
      /** The reply keyboard's labels, row by row, while one is showing. */
      replyKeyboard: () => fake.replyKeyboardOf(user.id)?.markup.keyboard.map((row) => row.map((b) => (typeof b === 'string' ? b : b.text))),
      /** Presses the first button under the bot's latest message: a step forward at every booking question. */
      pressFirst(): Update {
        const first = fake.messagesTo(user.id).filter((m) => m.reply_markup).at(-1)?.reply_markup?.inline_keyboard[0]?.[0];
        if (!first) throw new Error('no button to press');
        return g.press(first.text);
      },
    });
  };
  return { fake, tracked, bookings: bookings as BookingStore, guest };
}

/** Books with the first button at every step up to the contact question; returns the question's texts. */
async function toContactQuestion(g: ReturnType<Awaited<ReturnType<typeof start>>['guest']>): Promise<string[]> {
  await g.send(g.text('/book'));
  let question: string[] = [];
  // Length, day, time, therapist, pressure, health, name (the Telegram profile's): then the contact question.
  for (let step = 0; step < 7; step++) question = await g.send(g.pressFirst());
  return question;
}

describe('the contact question on Telegram', () => {
  // Waits for the core to set `asks: 'contact'` on the contact question.
  it('offers a Korean guest the share-my-phone button in Korean; the shared number is in the summary and the keyboard goes away', async () => {
    const { fake, bookings, guest } = await start();
    const minji = guest({ id: 901, first_name: 'Minji', last_name: 'Kim', language_code: 'ko', phone: '84905123456' });
    await minji.send(minji.text('내일 오후 3시 한 시간 예약하고 싶어요'));
    await minji.send(minji.press('상관없어요'));
    await minji.send(minji.press('보통'));
    await minji.send(minji.press('특별히 없어요'));
    expect((await minji.send(minji.press('Minji Kim 이름으로 예약'))).join('\n')).toMatch(/전화번호나 이메일/);

    // The question shows the share button in Korean and Stop, in place of the guest's keyboard, and
    // leaves the message box to type in; no inline buttons, as a message carries one keyboard.
    expect(minji.replyKeyboard()).toEqual([['📱 내 전화번호 보내기'], ['그만하기']]);
    const shown = fake.replyKeyboardOf(901)!;
    expect(shown.messageId).toBe(minji.lastMessage()?.message_id);
    expect(shown.markup.keyboard[0]?.[0]).toMatchObject({ request_contact: true });
    expect(shown.markup).toMatchObject({ one_time_keyboard: true, resize_keyboard: true, input_field_placeholder: '또는 전화번호나 이메일 입력' });
    expect(minji.lastMessage()?.reply_markup).toBeUndefined();

    // Telegram sends the account's number without '+'; the summary shows it as a phone number.
    const summary = await minji.send(minji.tap('📱 내 전화번호 보내기'));
    expect(summary.join('\n')).toMatch(/연락처: \+84905123456/);
    // Taken away by the summary itself, cut before its question: no message of its own.
    expect(fake.replyKeyboardOf(901)).toBeUndefined();
    expect(summary).toHaveLength(2);
    expect(fake.messagesTo(901).at(-2)?.reply_keyboard).toEqual({ remove_keyboard: true });
    expect(summary.join('\n')).toMatch(/확정할까요/);
    expect(minji.lastMessage()?.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(['확정하기']);

    // Telegram sends no time zone: the summary offers the guest's own clock, asked as the time on their
    // phone (09:00 in Da Nang is 11:00 in Seoul), and shows both from then on.
    expect(minji.buttons()?.flat()).toContain('내 시간도 보기');
    expect((await minji.send(minji.press('내 시간도 보기'))).join('\n')).toMatch(/휴대폰 시계가 몇 시/);
    const both = (await minji.send(minji.text('11:03'))).join('\n');
    expect(both).toMatch(/15:00\(다낭 시간, 고객님 시간으로 17:00\)/);
    expect(minji.buttons()?.flat()).not.toContain('내 시간도 보기');

    expect((await minji.send(minji.press('확정하기'))).join('\n')).toMatch(/예약 번호: LS-[A-Z0-9]{4}/);
    const [booking] = await bookings.listByGuest('telegram:901');
    expect(booking?.guest.contact).toBe('+84905123456');
    expect(booking?.guest.timeZone).toBe('Etc/GMT-9');
  });

  it('takes an email typed instead of the button, and then takes the keyboard away', async () => {
    const { fake, guest } = await start();
    const lan = guest({ id: 902, first_name: 'Lan', language_code: 'en' });
    await toContactQuestion(lan);
    expect(lan.replyKeyboard()).toEqual([['📱 Share my phone number'], ['Stop']]);
    const summary = (await lan.send(lan.text('lan.nguyen@example.com'))).join('\n');
    expect(summary).toMatch(/Contact: lan\.nguyen@example\.com/);
    expect(fake.replyKeyboardOf(902)).toBeUndefined();
    expect(lan.buttons()?.flat()).toContain('Confirm');
  });

  it('stops the booking with the keyboard’s Stop in every language, and takes the keyboard away', async () => {
    const { contents } = await realKnowledge();
    const { fake, guest } = await start();
    for (const [i, language] of LANGUAGES.entries()) {
      const id = 910 + i;
      const g = guest({ id, first_name: 'Alex', language_code: language });
      await toContactQuestion(g);
      const stop = contents[language].booking.labels.stop;
      expect(g.replyKeyboard()?.at(-1), language).toEqual([stop]);
      // The button sends its label as text, which stops like the inline Stop.
      const answer = (await g.send(g.tap(stop))).join('');
      expect(answer.replace(/\s+/g, ''), language).toBe(contents[language].booking.stopped.replace(/\s+/g, ''));
      expect(fake.replyKeyboardOf(id), language).toBeUndefined();
    }
  });

  it('takes the keyboard away after a shared contact even when the bot forgot it was showing (a restart)', async () => {
    const replyKeyboards = createMemoryReplyKeyboards();
    const { fake, guest } = await start({ replyKeyboards });
    const an = guest({ id: 903, first_name: 'An', language_code: 'en', phone: '+84 912 345 678' });
    await toContactQuestion(an);
    expect(fake.replyKeyboardOf(903)).toBeDefined();
    await replyKeyboards.remember(903, undefined);
    const summary = (await an.send(an.tap('📱 Share my phone number'))).join('\n');
    expect(summary).toMatch(/Contact: \+84912345678/);
    expect(fake.replyKeyboardOf(903)).toBeUndefined();
  });
});

describe('a contact shared on Telegram', () => {
  it('reaches the core as the phone number in international form, also when the bot did not ask', async () => {
    const { tracked, guest } = await start();
    const ha = guest({ id: 904, first_name: 'Ha', language_code: 'en' });
    const answer = await ha.send(ha.contact({ phone_number: '84905123456' }));
    expect(tracked.turns.at(-1)?.input).toEqual({ kind: 'text', text: '+84905123456' });
    expect(answer.length).toBeGreaterThan(0);
    await ha.send(ha.contact({ phone_number: '+84 905 123 457' }));
    expect(tracked.turns.at(-1)?.input).toEqual({ kind: 'text', text: '+84905123457' });
  });

  it('without a phone number gives the card’s email, else nothing, and the core answers either', async () => {
    const { tracked, guest } = await start();
    const mai = guest({ id: 905, first_name: 'Mai', language_code: 'en' });
    await mai.send(mai.contact({ phone_number: '', vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Mai\nEMAIL;TYPE=INTERNET:mai@example.com\nEND:VCARD' }));
    expect(tracked.turns.at(-1)?.input).toEqual({ kind: 'text', text: 'mai@example.com' });
    const answer = await mai.send(mai.contact({ phone_number: '' }));
    expect(tracked.turns.at(-1)?.input).toEqual({ kind: 'text', text: '' });
    expect(answer.length).toBeGreaterThan(0);
  });
});

describe('a reply that asks for a contact, made up for the test', () => {
  const question: Reply = { text: 'And a phone number or email address?', choices: [{ label: 'Stop', action: 'b:stop' }], asks: 'contact' };

  it('labels the button in the language of the guest’s app when the core does not say which', async () => {
    const { guest } = await start({ concierge: (base) => withHandle(base, async () => [question]) });
    const minji = guest({ id: 906, first_name: 'Minji', language_code: 'ko' });
    await minji.send(minji.text('hello'));
    expect(minji.replyKeyboard()).toEqual([['📱 내 전화번호 보내기'], ['Stop']]);
  });

  it('labels the button in the language the replies are in, over the app’s', async () => {
    const { guest } = await start({ concierge: (base) => withResponder(base, async () => ({ replies: [question], language: 'vi' })) });
    const tom = guest({ id: 907, first_name: 'Tom', language_code: 'en' });
    await tom.send(tom.text('hello'));
    expect(tom.replyKeyboard()?.[0]).toEqual(['📱 Gửi số điện thoại của tôi']);
  });

  it('takes the keyboard away with the next message that has no buttons, such as a staff member’s', async () => {
    const { fake, tracked, guest } = await start({ concierge: (base) => withHandle(base, async () => [question]) });
    const linh = guest({ id: 908, first_name: 'Linh', language_code: 'en' });
    await linh.send(linh.text('hello'));
    expect(fake.replyKeyboardOf(908)).toBeDefined();
    await tracked.concierge.outbox.deliver('telegram', '908', [{ text: 'Hello from Linh at the front desk.' }]);
    expect(linh.lastMessage()).toMatchObject({ text: 'Hello from Linh at the front desk.', reply_keyboard: { remove_keyboard: true } });
    expect(fake.replyKeyboardOf(908)).toBeUndefined();
  });
});
