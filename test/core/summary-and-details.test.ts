import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../src/booking/index.ts';
import type { Concierge } from '../../src/core/index.ts';
import { conciergeAt, fakeGuest, FRIDAY_10AM, textOf } from '../helpers/bot.ts';

// The summary agreed to as guests agree (a thumbs-up, "sí", "Dạ đúng ạ"), and the details a guest
// gives beside an answer, or around their name, kept as they meant them.

let bookings: BookingStore;
let concierge: Concierge;

beforeEach(async () => {
  ({ bookings, concierge } = await conciergeAt(FRIDAY_10AM));
});

// Each guest asks for another time tomorrow, two hours apart, so no one finds Mai held by another.
const everything = (hour: number) => `book 60 min tomorrow ${hour}pm with Mai, firm pressure, no health issues, Kim Lee +84905123456`;
const viEverything = (hour: number) => `đặt massage 60 phút mai ${hour}h chiều, chị Mai, lực vừa, không có bệnh gì, tên Lan, 0905123456`;

async function atSummary(id: string, request: string, language?: string) {
  const g = fakeGuest(concierge, { id, ...(language ? { language } : {}) });
  expect(g.choices).toEqual([]);
  await g.say(request);
  expect(g.choices.length).toBeGreaterThan(0);
  return g;
}

const booked = async (id: string) => (await bookings.listByGuest(`web:${id}`)).filter((b) => b.status === 'confirmed');

describe('agreeing to the summary', () => {
  it('books on a thumbs-up, and asks again on an emoji that does not agree', async () => {
    const unsure = await atSummary('emoji-unsure', everything(1));
    const asked = textOf(await unsure.say('😂'));
    expect(asked).toMatch(/Shall I confirm it\?/);
    expect(await booked('emoji-unsure')).toHaveLength(0);

    const sure = await atSummary('emoji-yes', everything(3));
    expect(textOf(await sure.say('👍'))).toMatch(/You're booked!/);
    expect(await booked('emoji-yes')).toHaveLength(1);
  });

  it('keeps the menu answer for an emoji sent with nothing under way', async () => {
    const g = fakeGuest(concierge, { id: 'emoji-idle' });
    const replies = await g.say('👍');
    expect(textOf(replies)).toMatch(/emoji/i);
    expect(g.choices.length).toBeGreaterThan(3);
  });

  it('books on a yes in a language the guest mixes in ("sí, perfecto", "oui merci")', async () => {
    for (const [id, yes, hour] of [['yes-es', 'sí, perfecto', 3], ['yes-fr', 'oui merci', 5]] as const) {
      const g = await atSummary(id, everything(hour));
      expect(textOf(await g.say(yes))).toMatch(/You're booked!/);
      expect(await booked(id)).toHaveLength(1);
    }
  });

  it('books on "Dạ đúng ạ" (yes, right) and stops on "dừng ạ" (stop), though both fold to the same letters', async () => {
    const right = await atSummary('vi-right', viEverything(3), 'vi');
    expect(textOf(await right.say('Dạ đúng ạ'))).toMatch(/Đặt lịch thành công/);
    expect(await booked('vi-right')).toHaveLength(1);

    const stop = await atSummary('vi-stop', viEverything(5), 'vi');
    expect(textOf(await stop.say('dừng lại ạ'))).not.toMatch(/Đặt lịch thành công/);
    expect(await booked('vi-stop')).toHaveLength(0);
  });
});

describe('details given beside an answer', () => {
  it('keeps the name and phone said with "no health problem", and asks for neither', async () => {
    const g = fakeGuest(concierge, { id: 'health-and-name' });
    await g.say('Can I book 30 min massage at 4pm tomorrow? Any therapist ok, medium pressure po');
    const summary = textOf(await g.say('No health problem. Name Jun dela Cruz, whatsapp +63 917 845 2210'));
    expect(summary).toMatch(/Name: Jun/);
    expect(summary).toMatch(/\+639178452210/);
    expect(summary).toMatch(/Shall I confirm it\?/);
  });

  it('takes a Chinese "nothing much wrong, just sore shoulders" at the health question as its answer, not as a question', async () => {
    const g = fakeGuest(concierge, { id: 'zh-health', language: 'zh' });
    await g.say('你好我想预约一个小时的按摩后天上午十点要女技师力度大一点');
    const next = textOf(await g.say('没什么病就是肩膀老疼'));
    expect(next).toMatch(/名字/);
    await g.say('陈静');
    expect(textOf(await g.say('13912345678'))).toMatch(/需要我为您确认吗/);
  });

  it('reads "明儿" (tomorrow, as said in the north of China) at the day question', async () => {
    const g = fakeGuest(concierge, { id: 'zh-minger', language: 'zh' });
    await g.say('我想约个按摩');
    await g.say('一个钟吧');
    expect(textOf(await g.say('明儿'))).toMatch(/11月28日/);
  });
});

describe('a Korean name with its ending', () => {
  it('takes the name without "입니다" and without "요 ... 이름으로요" after it', async () => {
    for (const [id, answer, name, hour] of [['ko-name-formal', '정태식입니다', '정태식', 3], ['ko-name-mother', '오정희요 엄마 이름으로요', '오정희', 5]] as const) {
      const g = fakeGuest(concierge, { id, language: 'ko' });
      await g.say(`내일 오후 ${hour}시 60분 예약할게요 여자분 압은 보통 건강문제 없어요`);
      await g.say(answer);
      const summary = textOf(await g.say('taesik@daum.net'));
      expect(summary).toContain(`성함: ${name}\n`);
    }
  });
});

describe('days and times said around the one wanted', () => {
  it('asks which day when the only day said is the one the guest leaves by ("here until Tuesday", "тут до 15го")', async () => {
    const en = fakeGuest(concierge, { id: 'bound-en' });
    expect(textOf(await en.say("I'm here until Tuesday, can I book an hour?"))).toMatch(/Which day would you like to come\?/);
    const ru = fakeGuest(concierge, { id: 'bound-ru', language: 'ru' });
    await ru.say('здравствуйте, мы с женой из сочи, тут до 15го. хочу себе массаж записать');
    await ru.say('60 минут');
    expect(textOf(await ru.say('завтра'))).toMatch(/28 ноября/);
  });

  it('reads "вечер 6 час" (evening, six o\'clock) at the time question as 18:00', async () => {
    const g = fakeGuest(concierge, { id: 'ru-evening', language: 'ru' });
    await g.say('хочу записаться на массаж');
    await g.say('60 минут');
    await g.say('завтра');
    expect(textOf(await g.say('вечер 6 час'))).toMatch(/в 18:00/);
  });
});

describe('words read as the guest meant them', () => {
  it('books for "bố tôi" (my father), not reading "bố" as "bỏ" (drop) once the marks are folded', async () => {
    const g = fakeGuest(concierge, { id: 'vi-father', language: 'vi' });
    const replies = textOf(await g.say('Xin chào, tôi muốn đặt lịch massage lưng 30 phút cho bố tôi vào thứ 6 tuần sau lúc 9 giờ sáng'));
    expect(replies).toMatch(/giữ chỗ/);
    expect(replies).not.toMatch(/chưa có lịch hẹn/);
  });

  it('takes "마이쌤" (Mai with the short word for teacher) at the therapist question', async () => {
    const g = fakeGuest(concierge, { id: 'ko-ssaem', language: 'ko' });
    await g.say('다음주 수요일 오후 2시에 60분 예약할게요');
    expect(textOf(await g.say('마이쌤'))).toMatch(/압은 어느 정도가 좋으세요/);
  });
});
