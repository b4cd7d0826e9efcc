// Telegram in the guest's language: the real grammY bot long-polls a fake Bot API; the concierge has
// the real content and understanding in every language. A guest's language comes from their app's
// language_code, from what they write, or from the language buttons (/language).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { pino } from 'pino';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../../src/booking/index.ts';
import { createTelegramBot, loadCommandMenus, registerCommands, startLongPolling, type LongPollingHandle } from '../../../src/channels/telegram/index.ts';
import { StoreError, type ChangeReader, type Concierge } from '../../../src/core/index.ts';
import { createCalendarFiles, createReminderDelivery, followBookingChange, REMINDERS_GROUP, reminderSettingsFrom, type MessageScheduler } from '../../../src/reminders/index.ts';
import { createInProcessScheduler, createMemorySeenUpdates } from '../../../src/store/index.ts';
import { CONTENT_DIR, realKnowledge } from '../../helpers/bot.ts';
import { startFakeTelegram, telegramGuest, type FakeTelegram } from '../../helpers/fake-telegram.ts';
import { bookingConcierge, deliver, FIXED_NOW, recordingLogger, trackTurns, waitFor, withHandle } from './harness.ts';

let fake: FakeTelegram | undefined;
let polling: LongPollingHandle | undefined;
let scheduler: MessageScheduler | undefined;
let following: ChangeReader | undefined;
afterEach(async () => {
  await following?.stop();
  following = undefined;
  await scheduler?.stop();
  await polling?.stop();
  await fake?.close();
  scheduler = polling = fake = undefined;
});

/**
 * The real bot over a booking concierge at the fixed time (or another concierge), sending calendar
 * files in the booking's language as main.ts wires it; with `reminderClock`, reminders are planned
 * and sent by the in-process scheduler on that clock.
 */
async function start(options: { concierge?: (base: Concierge) => Concierge; reminderClock?: () => Date } = {}) {
  const { content } = await realKnowledge();
  const { concierge: base, bookings } = await bookingConcierge();
  const concierge = options.concierge ? options.concierge(base) : base;
  const f = (fake = await startFakeTelegram());
  const tracked = trackTurns(concierge);
  const log = recordingLogger();
  const bot = createTelegramBot({
    token: '123:TEST',
    apiRoot: f.apiRoot,
    concierge: tracked.concierge,
    seenUpdates: createMemorySeenUpdates(),
    logger: log.logger,
    calendarFile: createCalendarFiles(content, () => FIXED_NOW, base.contentFor),
  });
  if (options.reminderClock) {
    const clock = options.reminderClock;
    const logger = pino({ level: 'silent' });
    scheduler = createInProcessScheduler({
      settings: reminderSettingsFrom(content),
      deliver: createReminderDelivery({ bookings, content, contentFor: base.contentFor, outbox: base.outbox, now: clock, logger }),
      now: clock,
      logger,
    });
    await scheduler.start();
    following = base.followBookingChanges(REMINDERS_GROUP, followBookingChange(scheduler));
  }
  polling = await startLongPolling(bot, log.logger);

  /** A guest of the fake, with a way to send an update and wait for the bot's answer. */
  const guest = (user: Parameters<typeof telegramGuest>[1]) =>
    Object.assign(telegramGuest(f, user), {
      /** Sends an update; resolves with the bot's answer, as one text. */
      send: async (update: Update) => (await deliver(f, tracked, user.id, update)).join('\n'),
      /** The button labels under the bot's latest message with a keyboard. */
      buttons: () => f.messagesTo(user.id).filter((m) => m.reply_markup).at(-1)?.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [],
    });
  return { fake: f, bot, bookings: bookings as BookingStore, guest };
}

describe('a Korean guest on Telegram', () => {
  it('is greeted, books, gets the calendar file and the reminder, all in Korean', async () => {
    // The reminder's clock stands a second before Thursday 15:00 in Da Nang: the day-before
    // reminder of a session on Friday at 15:00 is due a second after it is planned.
    const { fake, bookings, guest } = await start({ reminderClock: () => new Date(Date.parse('2026-11-26T08:00:00Z') - 1000) });
    const minji = guest({ id: 801, first_name: 'Minji', last_name: 'Kim', language_code: 'ko' });

    expect(await minji.send(minji.text('/start'))).toMatch(/^안녕하세요! L Spa 어시스턴트예요/);
    expect(minji.buttons()).toEqual(expect.arrayContaining(['예약하기', '직원과 대화하기', '🌐 언어']));
    expect(minji.buttons()).not.toContain('Book a session');

    expect(await minji.send(minji.text('내일 오후 3시 한 시간 예약하고 싶어요'))).toMatch(/11월 27일 금요일 15:00\(다낭 시간\)에 예약 가능해요/);
    expect(minji.buttons()).toEqual(['상관없어요', 'Mai (sample)', 'An (sample)', '그만하기']);
    expect(await minji.send(minji.press('상관없어요'))).toMatch(/압은 어느 정도가 좋으세요/);
    expect(await minji.send(minji.press('보통'))).toMatch(/건강 관련 사항/);
    expect(await minji.send(minji.press('특별히 없어요'))).toMatch(/성함/);
    expect(await minji.send(minji.press('Minji Kim 이름으로 예약'))).toMatch(/전화번호나 이메일/);
    const summary = await minji.send(minji.text('+84 905 123 456'));
    expect(summary).toMatch(/일시: 11월 27일 금요일 15:00/);
    expect(summary).toMatch(/이대로 확정할까요/);
    const confirmation = await minji.send(minji.press('확정하기'));
    expect(confirmation).toMatch(/예약이 완료됐어요! 예약 번호: LS-[A-Z0-9]{4}/);
    const ref = /LS-[A-Z0-9]{4}/.exec(confirmation)?.[0] ?? '';

    const [booking] = await bookings.listByGuest('telegram:801');
    expect(booking).toMatchObject({ ref, start: '2026-11-27T08:00:00.000Z', durationMinutes: 60, guest: { name: 'Minji Kim', language: 'ko' } });

    await waitFor('the calendar file', () => fake.documentsTo(801).length > 0);
    const [document] = fake.documentsTo(801);
    expect(document?.caption).toBe(`예약(${ref})을 캘린더 파일로 보내 드려요. 파일을 열어 캘린더에 일정을 추가하세요.`);
    expect(document?.fileName).toBe(`l-spa-${ref}.ics`);

    const sentBefore = fake.messagesTo(801).length;
    await waitFor('the reminder', () => fake.messagesTo(801).length > sentBefore);
    const reminder = fake.messagesTo(801)[sentBefore];
    expect(reminder?.text).toMatch(new RegExp(`^내일 15:00\\(다낭 시간\\)에 뵐게요! L Spa 윗등 마사지 60분 예약이 되어 있어요. 예약 번호: ${ref}`));
    expect(reminder?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['변경하기', '취소하기']);
  });
});

describe('the command menu in every language', () => {
  it('is registered once by default in English and once per other language with its own descriptions', async () => {
    const { fake, bot } = await start();
    await registerCommands(bot, await loadCommandMenus(CONTENT_DIR));
    const calls = fake.callsTo('setMyCommands').map((call) => ({
      language: call.payload.language_code as string | undefined,
      commands: call.payload.commands as Array<{ command: string; description: string }>,
    }));
    expect(calls.map((c) => c.language).sort()).toEqual(['ko', 'ru', 'vi', 'zh', undefined].sort());

    // Each menu is the language's own file, word for word, with /language among the commands.
    for (const [language, file] of [[undefined, 'telegram.yaml'], ...['ko', 'vi', 'zh', 'ru'].map((l) => [l, join(l, 'telegram.yaml')])] as const) {
      const written = (parse(await readFile(join(CONTENT_DIR, file), 'utf8')) as { commands: Record<string, string> }).commands;
      const menu = calls.find((c) => c.language === language)?.commands ?? [];
      expect(menu.map((c) => c.command)).toEqual(['start', 'help', 'book', 'mybookings', 'cancel', 'faq', 'language']);
      expect(Object.fromEntries(menu.map((c) => [c.command, c.description]))).toEqual(written);
    }
    const korean = calls.find((c) => c.language === 'ko')?.commands ?? [];
    expect(korean.find((c) => c.command === 'book')?.description).toBe('윗등 마사지 예약하기');
    expect(korean.find((c) => c.command === 'language')?.description).toBe('대화 언어 바꾸기');
  });
});

describe('/language', () => {
  it('shows a button per language; pressing Tiếng Việt switches the conversation to Vietnamese', async () => {
    const { guest } = await start();
    const tom = guest({ id: 802, first_name: 'Tom', language_code: 'en' });
    expect(await tom.send(tom.text('/language'))).toBe('Which language would you like me to use?');
    expect(tom.buttons()).toEqual(['English', 'Tiếng Việt', '한국어', '中文', 'Русский']);

    expect(await tom.send(tom.press('Tiếng Việt'))).toMatch(/Từ giờ mình sẽ trò chuyện với bạn bằng tiếng Việt/);
    // The next answer is in Vietnamese, though Tom's app still says English.
    expect(await tom.send(tom.text('/start'))).toMatch(/^Xin chào bạn! Mình là trợ lý của L Spa/);
    expect(tom.buttons()).toContain('🌐 Ngôn ngữ');
    expect(tom.buttons()).not.toContain('🌐 Language');
  });
});

describe('a guest whose Telegram speaks a language the bot does not', () => {
  it('is answered in English', async () => {
    const { guest } = await start();
    const jonas = guest({ id: 803, first_name: 'Jonas', language_code: 'de' });
    expect(await jonas.send(jonas.text('/start'))).toMatch(/^Hello! I'm the L Spa assistant/);
    expect(jonas.buttons()).toEqual(expect.arrayContaining(['Book a session', '🌐 Language']));
  });
});

describe('when a turn fails', () => {
  it('says sorry in the language of the guest’s Telegram, or in English for one the bot does not speak', async () => {
    const { guest } = await start({
      concierge: (base) =>
        withHandle(base, () => {
          throw new StoreError('Redis went away');
        }),
    });
    const minji = guest({ id: 804, first_name: 'Minji', language_code: 'ko' });
    expect(await minji.send(minji.text('/start'))).toBe('죄송해요, 저희 쪽에 문제가 생겼어요. 잠시 후 다시 시도해 주세요.');
    expect(minji.buttons()).toContain('🌐 언어');
    const jonas = guest({ id: 805, first_name: 'Jonas', language_code: 'de' });
    expect(await jonas.send(jonas.text('/start'))).toBe('Sorry, something went wrong on our side. Please try again in a moment.');
  });
});
