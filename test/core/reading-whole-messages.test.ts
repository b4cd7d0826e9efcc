import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../src/booking/index.ts';
import type { Concierge } from '../../src/core/index.ts';
import { conciergeAt, fakeGuest, FRIDAY_10AM, textOf } from '../helpers/bot.ts';

// What guests notice when they say a lot in one message, in any of the five languages: everything
// said up front is taken (a name after "меня зовут" or "我叫", "any therapist", a length beside a
// time), a phone number's digits are not read as a time, Traditional Chinese is read, a question
// asked mid-booking is answered even when it names one of the step's answers, and "my Saturday
// booking" says which booking to move.

let bookings: BookingStore;
let concierge: Concierge;

beforeEach(async () => {
  ({ bookings, concierge } = await conciergeAt(FRIDAY_10AM));
});

const guest = (id: string) => fakeGuest(concierge, { id, channel: 'web' });

/** Books a session through the conversation, as the guest would have earlier. */
async function bookAs(g: ReturnType<typeof guest>, request: string): Promise<void> {
  await g.say(request);
  for (const text of ['no preference', 'medium', 'no', 'Lan Pham', '0905 111 222']) await g.say(text);
  expect(textOf(await g.say('yes'))).toMatch(/LS-/);
}

describe('a long first message', () => {
  it('takes the name after "меня зовут" and the phone, and asks neither again', async () => {
    const g = guest('ru-name');
    await g.say('здравствуйте, запишите меня на завтра в 14:00 на час, давление лёгкое, меня зовут Анна Петрова, +7 921 555 44 33');
    await g.say('любой');
    const summary = textOf(await g.say('нет'));
    expect(summary).toMatch(/Имя: Анна Петрова/);
    expect(summary).toMatch(/\+79215554433/);
  });

  it('takes a Chinese name after 我叫, a time beside a length, and a phone whose digits are no time', async () => {
    const g = guest('zh-name');
    // Ten o'clock on Sunday 29 November, not 10:01 or a time made of the phone number.
    expect(textOf(await g.say('你好 想约后天上午十点 半个小时 力度轻一点 我叫王芳 手机+86 136 5555 7777'))).toMatch(/11月29日 星期日 10:00/);
    await g.say('不指定');
    const summary = textOf(await g.say('没有'));
    expect(summary).toMatch(/王芳/);
    expect(summary).toMatch(/\+8613655557777/);
  });

  it('takes a Korean name with its ending written on ("이서연이에요")', async () => {
    const g = guest('ko-name');
    await g.say('내일 오전 11시 30분 예약할게요 60분이요');
    for (const text of ['상관없어요', '보통', '없어요']) await g.say(text);
    const reply = textOf(await g.say('예약자 이름은 이서연이에요 번호는 +82 10 9876 5432'));
    expect(reply).toMatch(/이서연/);
    expect(reply).not.toMatch(/이서연이에요/);
  });

  it.each([
    ['zh', '想约后天下午两点 一个小时 不指定技师 力度中等 身体也没啥大毛病 我叫陈静 +86 137 2222 3333', /陈静/],
    ['ru', 'запишите на послезавтра в 14:00 на час, мастер любой, нажим средний, травм никаких не было, Ольга Ким +7 903 111 22 33', /Ольга Ким/],
    ['ko', '모레 오후 2시에 한 시간 예약이요 아무나 괜찮고 압은 보통으로 해주세요 지병 같은 건 없어요 이름 박서준 010-2222-3333', /박서준/],
  ])('takes a health matter denied in general words up front (%s) and goes straight to the summary', async (language, request, name) => {
    const reply = textOf(await guest(`healthy-${language}`).say(request));
    expect(reply).toMatch(name);
    expect(reply).toMatch(/LS-|\+\d{10,}/);
  });

  it('takes a pressure asked for in a few words of its own ("살살 해주세요") in a first message', async () => {
    const reply = textOf(await guest('ko-pressure').say('모레 오후 3시 30분 30분만 예약할게요 아무나 괜찮아요 살살 해주세요'));
    expect(reply).toMatch(/건강/);
  });

  it('takes the name a Vietnamese guest introduces themselves with ("chị là …"), and not "em là khách quen"', async () => {
    const first = guest('vi-self');
    await first.say('Chào em, chị là Lê Thu Hà, đặt giúp chị 60 phút chiều mai 3h nhé, ai cũng được, lực vừa, sđt 0905 333 444');
    expect(textOf(await first.say('không'))).toMatch(/Lê Thu Hà/);
    const regular = guest('vi-regular');
    await regular.say('em là khách quen, đặt giúp em 30 phút chiều mai 4h');
    for (const text of ['ai cũng được', 'vừa', 'không']) await regular.say(text);
    expect(textOf(await regular.say('0905 333 555'))).not.toMatch(/khách/i);
  });

  it.each([
    ['en', 'book an hour tomorrow at 3pm', 'idk', 'up to you', /Therapist: Mai|Therapist: An/, /Pressure: Medium/],
    ['ru', 'запишите на завтра в 15:00 на час', 'не знаю', 'на ваше усмотрение', /Массажист: (Mai|An)/, /Нажим: Средний/],
  ])('leaves the therapist and pressure to the spa when a %s guest does not mind', async (language, request, therapist, pressure, anyone, medium) => {
    const g = guest(`either-${language}`);
    await g.say(request);
    await g.say(therapist);
    await g.say(pressure);
    await g.say(language === 'en' ? 'no' : 'нет');
    await g.say(language === 'en' ? 'Sam Lee' : 'Иван Петров');
    const summary = textOf(await g.say('0905 444 555'));
    expect(summary).toMatch(anyone);
    expect(summary).toMatch(medium);
  });

  it('takes "any therapist is fine" said up front, and asks for no therapist', async () => {
    const g = guest('any-therapist');
    const reply = textOf(await g.say('could i get an hour on sunday at 11, any therapist is fine'));
    expect(reply).toMatch(/What pressure do you prefer/);
  });

  it('takes "к девушке" (with a woman) said up front as the therapist', async () => {
    const g = guest('ru-female');
    const reply = textOf(await g.say('запишите меня к девушке на воскресенье в 12:00 на полчаса'));
    // The pressure is asked next: no question about which therapist.
    expect(reply).toMatch(/Какой нажим/);
  });

  it.each([['с аном'], ['к мае'], ['хочу к ане']])('takes a therapist named in another case ("%s") at the therapist question', async (answer) => {
    const g = guest(`ru-case-${answer}`);
    expect(textOf(await g.say('можно в субботу в 15:00 на час?'))).toMatch(/массажиста/);
    expect(textOf(await g.say(answer))).toMatch(/Какой нажим/);
  });

  it.each([
    ['ko', '일요일 점심시간에 잠깐 받을 수 있을까요? 12시 30분에 30분으로요', /11월 29일 일요일 12:30/],
    ['en', 'sunday suits me, only got a short lunch break though. could I come at 12:30 for 30 min?', /Sunday 29 November at 12:30/],
  ])('takes a time said apart from its day as that day\'s (%s)', async (language, request, when) => {
    expect(textOf(await guest(`apart-${language}`).say(request))).toMatch(when);
  });

  it('reads "like 6?" at the time question as about six in the evening', async () => {
    const g = guest('like-six');
    expect(textOf(await g.say('an hour on sunday please'))).toMatch(/Here are the free times on Sunday 29 November/);
    expect(textOf(await g.say('maybe like 6?'))).toMatch(/18:00 Da Nang time is free/);
  });

  it('reads Traditional Chinese as Simplified', async () => {
    const g = guest('zh-hant');
    const reply = textOf(await g.say('我想預約明天晚上七點 一個小時'));
    expect(reply).toMatch(/19:00/);
  });
});

describe('times said the way guests say them', () => {
  it('reads "half 5" as half past five and "this arvo" as this afternoon', async () => {
    const g = guest('half');
    await g.say('book me tomorrow for 30 min');
    expect(textOf(await g.say('half 5'))).toMatch(/Saturday 28 November at 17:30 Da Nang time is free/);
    const h = guest('arvo');
    expect(textOf(await h.say('an hour this arvo?'))).toMatch(/Here are the free times on Friday 27 November/);
  });

  it('does not read "두 분" (two people) as a two-minute session', async () => {
    const g = guest('ko-two');
    await g.say('내일 오후 3시에 예약하고 싶어요 30분');
    const reply = textOf(await g.say('두 분 다 영어 하세요?'));
    expect(reply).not.toMatch(/30 또는 60분/);
    expect(reply).toMatch(/테라피스트/);
  });
});

describe('a question mid-booking that names an answer', () => {
  it('answers "are you open on Sunday?" at the day question, then asks the day again', async () => {
    const g = guest('open-sunday');
    await g.say('i would like to book a massage, 60 minutes');
    const reply = textOf(await g.say('are you guys even open on sundays?'));
    expect(reply).toMatch(/09:00/);
    expect(reply).toMatch(/Which day would you like to come/);
  });

  it('answers a price question that names both lengths, then asks the length again', async () => {
    const g = guest('price-both');
    await g.say('can i book for monday');
    const reply = textOf(await g.say('what do the 30 min and the 60 min cost?'));
    expect(reply).toMatch(/VND/);
    expect(reply).toMatch(/how long would you like your session/i);
  });

  it('still takes a short answer put as a question ("how about 11?")', async () => {
    const g = guest('short-question');
    await g.say('tomorrow at 3pm, an hour please');
    expect(textOf(await g.say('how about 11?'))).toMatch(/Saturday 28 November at 11:00 Da Nang time is free/);
  });
});

describe('typed answers at the summary', () => {
  it('confirms a Korean booking when the guest types the button\'s word ("ㅇㅇ 확정")', async () => {
    const g = guest('ko-typed-confirm');
    await g.say('내일 오후 3시 예약할게요 60분이요');
    for (const text of ['상관없어요', '보통', '없어요', '김민지', '+82 10 1234 5678']) await g.say(text);
    expect(textOf(await g.say('ㅇㅇ 확정'))).toMatch(/LS-\w{4}/);
    expect(await bookings.listByGuest('web:ko-typed-confirm')).toHaveLength(1);
  });

  it.each([['ㅇㅇ'], ['ㅇㅋ']])('confirms a Korean booking at "%s" alone, chat\'s lone letters for yes and okay', async (yes) => {
    const g = guest(`ko-letters-${yes}`);
    await g.say('내일 오후 3시 예약할게요 60분이요');
    for (const text of ['상관없어요', '보통', '없어요', '김민지', '+82 10 1234 5678']) await g.say(text);
    expect(textOf(await g.say(yes))).toMatch(/LS-\w{4}/);
    expect(await bookings.listByGuest(`web:ko-letters-${yes}`)).toHaveLength(1);
  });
});

describe('which booking to change', () => {
  it('moves the booking a guest names by its reference, and books nothing new', async () => {
    const g = guest('move-by-ref');
    await bookAs(g, 'sunday at 11am for 60 minutes');
    const [booking] = await bookings.listByGuest('web:move-by-ref');
    const reply = textOf(await g.say(`move ${booking!.ref} to Monday at 8pm`));
    expect(reply).not.toMatch(/How long would you like/);
    expect(reply).toMatch(/Monday 30 November at 20:00/);
  });

  it('moves "my Sunday booking" to the new time said in the same message, without asking which', async () => {
    const g = guest('two-bookings');
    await bookAs(g, 'sunday at 11am for 60 minutes');
    await bookAs(g, 'tuesday at 3pm for 30 minutes');
    const reply = textOf(await g.say('can you move my sunday booking to monday at 4pm'));
    expect(reply).not.toMatch(/Which booking do you mean/);
    expect(reply).toMatch(/Sunday 29 November at 11:00/);
    expect(reply).toMatch(/Monday 30 November at 16:00/);
  });

  it('takes "need to cancel one of my sessions" as cancelling, whatever else its words suggest', async () => {
    const g = guest('cancel-statement');
    await bookAs(g, 'sunday at 11am for 60 minutes');
    await bookAs(g, 'tuesday at 3pm for 30 minutes');
    // The classifier alone reads this as a question about regular sessions (its words "one of my"), sure of it.
    const reply = textOf(await g.say('need to cancel one of my sessions'));
    expect(reply).toMatch(/Which booking do you mean/);
    expect(g.choices.filter((c) => c.startsWith('Cancel'))).toHaveLength(2);
  });

  it('gives no health advice with a cancellation whose reason is an illness ("my kid has a fever")', async () => {
    const g = guest('cancel-fever');
    await bookAs(g, 'sunday at 11am for 60 minutes');
    const reply = textOf(await g.say('sorry I have to cancel my sunday massage, my kid has a fever'));
    expect(reply).toMatch(/cancel/i);
    expect(reply).not.toMatch(/doctor/i);
  });

  it('moves a booking to another day at "the same time", in English and in Russian', async () => {
    const g = guest('same-time');
    await bookAs(g, 'sunday at 11am for 60 minutes');
    await g.say('i need to move my booking');
    expect(textOf(await g.say('monday, same time please'))).toMatch(/to Monday 30 November at 11:00/);
    const r = guest('same-time-ru');
    await bookAs(r, 'sunday at 11am for 60 minutes');
    await r.say('хочу перенести запись');
    const reply = textOf(await r.say('на понедельник, на то же время'));
    expect(reply).toMatch(/30 ноября/);
    expect(reply).toMatch(/в 11:00 \(по времени Дананга\)\?/);
  });

  it('moves "my Saturday one to Sunday" to Sunday, and takes "Sunday, same time 3pm" at the time question', async () => {
    const g = guest('from-to');
    await bookAs(g, 'saturday at 3pm for 60 minutes');
    // The booking's own day names the booking; the other day is where it goes.
    expect(textOf(await g.say('can I move my saturday booking to sunday?'))).toMatch(/What time on Sunday 29 November/);
    expect(textOf(await g.say('sunday, same time 3pm'))).toMatch(/from Saturday 28 November at 15:00 Da Nang time to Sunday 29 November at 15:00 Da Nang time\?/);
    const k = fakeGuest(concierge, { id: 'from-to-ko', channel: 'web', language: 'ko' });
    await k.say('토요일 오후 3시에 한 시간 예약할게요');
    for (const text of ['상관없어요', '보통', '없어요', '김민지', '010 1234 5678']) await k.say(text);
    expect(textOf(await k.say('네'))).toMatch(/LS-/);
    expect(textOf(await k.say('토요일 예약 일요일로 바꿀수 있어요?'))).toMatch(/11월 29일 일요일/);
    expect(textOf(await k.say('일요일 같은 시간 3시요'))).toMatch(/11월 29일 일요일 15:00/);
  });

  it('answers a question asked while a move waits for the new time, then asks for it again', async () => {
    const g = guest('move-aside');
    await bookAs(g, 'sunday at 11am for 60 minutes');
    expect(textOf(await g.say('i need to move my booking'))).toMatch(/When would you like to move LS-\w{4} to/);
    const reply = textOf(await g.say('what time do you close on monday?'));
    expect(reply).toMatch(/21:00/);
    expect(reply).toMatch(/When would you like to move LS-\w{4} to/);
  });
});

describe('answers guests give in English while writing another language', () => {
  it('takes "medium nha" and "firm" at the pressure question of a Vietnamese and a Russian booking', async () => {
    const v = fakeGuest(concierge, { id: 'vi-mixed', channel: 'web', language: 'vi' });
    await v.say('đặt lịch 60 phút chiều mai lúc 3h');
    await v.say('ko quan trọng');
    expect(textOf(await v.say('medium nha'))).toMatch(/sức khỏe/);
    const r = fakeGuest(concierge, { id: 'ru-mixed', channel: 'web', language: 'ru' });
    await r.say('хочу записаться на завтра в 15:00 на час');
    await r.say('без разницы');
    await r.say('firm');
    await r.say('нет');
    await r.say('Ирина');
    expect(textOf(await r.say('+7 921 555 44 33'))).toMatch(/Нажим: Сильный/);
  });
});

describe('lengths and loose times said the way guests say them', () => {
  it('reads "按一个钟" and "часовой" in a first message as an hour, and asks no length', async () => {
    const z = fakeGuest(concierge, { id: 'zh-zhong', channel: 'web', language: 'zh' });
    const zh = textOf(await z.say('想约周一下午三点，按一个钟'));
    expect(zh).not.toMatch(/多长时间/);
    expect(zh).toMatch(/15:00/);
    const r = fakeGuest(concierge, { id: 'ru-chasovoy', channel: 'web', language: 'ru' });
    const ru = textOf(await r.say('хочу на массаж в понедельник, часовой'));
    expect(ru).not.toMatch(/длительности/);
  });

  it('takes the first free time when the guest gives the same loose time again, leaving the pick to the spa', async () => {
    const g = guest('loose-again');
    await g.say('an hour on monday');
    await g.say('after lunch sometime');
    const offered = g.choices;
    expect(offered).toContain('13:00');
    expect(textOf(await g.say('after lunch, whatever suits you'))).toMatch(/Monday 30 November at 13:00 Da Nang time is free/);
  });
});

describe('a question that is not the last sentence', () => {
  it('answers "which one should I pick? never had one" at the length question, then asks it again', async () => {
    const g = guest('mid-question');
    await g.say('i want to book a massage');
    const reply = textOf(await g.say('which length should i pick? never had one before'));
    expect(reply).toMatch(/how long would you like your session/i);
    expect(reply).not.toMatch(/Which day/);
  });

  it('takes a phone or email at the contact question however it is put', async () => {
    const g = guest('contact-asked');
    await g.say('monday at 3pm, 30 minutes');
    for (const text of ['no preference', 'medium', 'no', 'Claire Dubois']) await g.say(text);
    expect(textOf(await g.say('is email ok? claire.d@example.fr'))).toMatch(/Contact: claire\.d@example\.fr/);
  });
});

