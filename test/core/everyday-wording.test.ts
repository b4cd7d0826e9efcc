import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingStore } from '../../src/booking/index.ts';
import type { Concierge } from '../../src/core/index.ts';
import { conciergeAt, fakeGuest, FRIDAY_10AM, textOf } from '../helpers/bot.ts';

// Guests write as they talk: an English word in a Korean sentence, "xoa bóp" for massage, "or not" for a
// question, yes said as the very thing asked ("hủy giúp chị"), a clock time that looks like a length.
// Each test is what such a guest sees.

let bookings: BookingStore;
let concierge: Concierge;

beforeEach(async () => {
  ({ bookings, concierge } = await conciergeAt(FRIDAY_10AM));
});

const guest = (id: string) => fakeGuest(concierge, { id, channel: 'web' });

/** Books Tuesday 1 December at 15:00 for an hour as the guest, in their language's words for the rest. */
async function bookTuesday(id: string, language: 'vi' | 'ko'): Promise<ReturnType<typeof guest>> {
  const g = guest(id);
  const [request, ...answers] =
    language === 'vi'
      ? ['đặt lịch 60 phút thứ 3 lúc 15h', 'ai cũng được', 'vừa', 'không', 'Lan Pham', '0905 111 222', 'ok']
      : ['화요일 오후 3시 60분 예약할게요', '상관없어요', '보통', '없어요', '김민지', '010 1234 5678', '네'];
  await g.say(request!);
  for (const text of answers) await g.say(text);
  expect(await bookings.listByGuest(`web:${id}`)).toHaveLength(1);
  return g;
}

describe('cancelling in the words of the question', () => {
  it('cancels when a Vietnamese guest answers "cancel it for me" rather than yes', async () => {
    const g = await bookTuesday('vi-cancel-words', 'vi');
    expect(textOf(await g.say('chị muốn hủy lịch thứ 3'))).toMatch(/hủy/);
    expect(textOf(await g.say('ừ em hủy giúp chị luôn nha'))).toMatch(/đã được hủy/);
    expect((await bookings.listByGuest('web:vi-cancel-words'))[0]?.status).toBe('cancelled');
  });

  it('cancels when a Korean guest cancels and says their plans changed ("일정이 변경돼서")', async () => {
    const g = await bookTuesday('ko-cancel-changed', 'ko');
    expect(textOf(await g.say('안녕하세요ㅠ 화요일 예약 취소해야될것같아요 일정이 변경돼서'))).toMatch(/취소/);
    expect(textOf(await g.say('네'))).toMatch(/취소/);
    expect((await bookings.listByGuest('web:ko-cancel-changed'))[0]?.status).toBe('cancelled');
  });

  it('keeps the booking when the guest says not to cancel it', async () => {
    const g = await bookTuesday('vi-keep', 'vi');
    await g.say('chị muốn hủy lịch thứ 3');
    await g.say('thôi đừng hủy nha em');
    expect((await bookings.listByGuest('web:vi-keep'))[0]?.status).toBe('confirmed');
  });

  it('reads an English "cancel" in a Korean sentence as cancelling, not as a new booking', async () => {
    const g = await bookTuesday('ko-mixed', 'ko');
    const reply = textOf(await g.say('화요일 예약 cancel 해주세요'));
    expect(reply).toMatch(/취소할까요/);
    expect(reply).not.toMatch(/몇 분으로/);
  });
});

describe('words that mean two things', () => {
  it('books "the day after tomorrow", which is no question about "the day after" a massage', async () => {
    expect(textOf(await guest('day-after').say('the day after tomorrow at 11am for an hour'))).toMatch(/Sunday 29 November at 11:00/);
  });

  it('takes "xoa bóp" (massage) for a booking, not for "xóa" (delete)', async () => {
    const reply = textOf(await guest('vi-xoa-bop').say('chào cháu, cô muốn đặt lịch xoa bóp vai gáy'));
    expect(reply).toMatch(/bao lâu/);
  });

  it('reads "4h" after "chiều mai" as four o\'clock and "1 tiếng" as the length', async () => {
    const reply = textOf(await guest('vi-4h').say('chiều mai tầm 4h còn chỗ ko shop, e làm 1 tiếng'));
    expect(reply).toMatch(/16:00/);
    expect(reply).not.toMatch(/30 hoặc 60 phút/);
  });
});

describe('a question put as guests put it', () => {
  it('answers "... or not" at the health question, then asks it again', async () => {
    const g = guest('or-not');
    await g.say('book 30 min tomorrow at 11am');
    for (const text of ['any', 'firm']) await g.say(text);
    const reply = textOf(await g.say('can pay with card or not'));
    expect(reply).toMatch(/pay/i);
    expect(reply).toMatch(/anything about your health/i);
  });

  it('starts a booking when a guest asks for a female therapist in the words of a request', async () => {
    const reply = textOf(await guest('arrange').say('Good afternoon. I would like to arrange an appointment with a lady therapist, if possible.'));
    expect(reply).toMatch(/how long would you like/i);
    const question = textOf(await guest('just-asking').say('do you have female therapists?'));
    expect(question).toMatch(/Mai/);
    expect(question).not.toMatch(/how long would you like/i);
  });
});

describe('a booking read whole, whatever step it is at', () => {
  it('books the day asked for when a Vietnamese guest picks Mai, whose name is also "tomorrow"', async () => {
    const g = guest('vi-mai');
    await g.say('cho chị đặt 60 phút thứ 3 lúc 10h sáng');
    await g.say('Mai');
    for (const text of ['nhẹ', 'không', 'Trần Thu', '0905 222 333']) await g.say(text);
    expect(textOf(await g.say('được rồi em, đặt giúp chị'))).toMatch(/Thứ Ba, ngày 1\/12 lúc 10:00/);
    const [booking] = await bookings.listByGuest('web:vi-mai');
    expect(booking?.therapistRequested).toBe('mai');
  });

  it('takes a name and an email given beside the therapist and pressure, and asks neither again', async () => {
    const g = guest('ko-beside');
    await g.say('일요일 오후 2시 30분에 30분 예약할게요');
    const reply = textOf(await g.say('An 선생님으로 중간 세기로 부탁드려요. 이름 한지민, 이메일 jimin.han@example.com'));
    expect(reply).toMatch(/건강/);
    const summary = textOf(await g.say('없어요'));
    expect(summary).toMatch(/한지민/);
    expect(summary).toMatch(/jimin\.han@example\.com/);
  });

  it('keeps what a first message says of the guest\'s health for the therapist, and does not ask again', async () => {
    const g = guest('ru-health-up-front');
    const reply = textOf(await g.say('хочу записаться на вторник в 11 утра на час, к любому мастеру, нажим средний. По здоровью: год назад была операция на плече, сейчас всё хорошо. Мария Лебедева, +7 921 000 11 22'));
    expect(reply).toMatch(/операция на плече/);
    expect(reply).toMatch(/Мария Лебедева/);
  });

  it.each([
    ['holding a "no" ("ko"), rather than taking it for "nothing to tell"', 'mà có phải cởi áo ko shop'],
    ['with more said after its comma', 'bầu thì có làm được ko e, hỏi cho bạn c'],
  ])('answers a question at the health step %s, then asks it again', async (_how, question) => {
    const g = guest(`vi-health-${question.length}`);
    await g.say('đặt 30 phút thứ 3 lúc 10h');
    for (const text of ['ai cũng được', 'vừa']) await g.say(text);
    const reply = textOf(await g.say(question));
    expect(reply).toMatch(/sức khỏe/);
    expect(reply).not.toMatch(/tên nào/);
  });
});

describe('a first message that says more than it seems', () => {
  it('moves the guest\'s own booking when they say so half-way through a booking their first message started', async () => {
    const g = await bookTuesday('move-own', 'vi');
    // Telling of the booking they have reads as a new one; the next message says what they want.
    expect(textOf(await g.say('can I come on wednesday at 10am?'))).toMatch(/How long/);
    expect(textOf(await g.say('actually I need to move my booking'))).toMatch(/LS-\w{4}/);
    expect(textOf(await g.say('thursday 11am'))).toMatch(/11:00/);
  });

  it('reads a therapist and a pressure given as items of a list ("female.", "жесткий массаж")', async () => {
    const en = guest('listed-female');
    await en.say('book 60 min tue 4pm. female. medium pressure. no health probs. Rachel Moore rachel.moore@example.com');
    const summary = en.lastReply()?.text ?? '';
    expect(summary).toMatch(/Mai/);
    expect(summary).toMatch(/Rachel Moore/);
    const ru = guest('listed-firm');
    expect(textOf(await ru.say('привет. на час, жесткий массаж, к парню, во вторник в 19:00'))).toMatch(/здоровье/);
  });

  it('takes the time asked for, not the time the guest must be back by ("docked till 6pm tomorrow")', async () => {
    const g = guest('cruise');
    await g.say('Our ship is docked in Da Nang till 6pm tomorrow. Can I get a 60 min back massage tomorrow at 10am with a female therapist, medium pressure?');
    for (const text of ['no', 'Linda Kowalski']) await g.say(text);
    expect(textOf(await g.say('+1 305 555 0142'))).toMatch(/at 10:00/);
  });

  it('books when a Russian guest wants a massage in the plainest words ("массаж хочу делать")', async () => {
    expect(textOf(await guest('ru-plain').say('салам брат массаж хочу делать'))).toMatch(/длительности/);
  });

  it('books when a length is wished for in a sentence with no word of booking ("bà muốn đi mát xa vai cổ 60 phút ạ")', async () => {
    expect(textOf(await guest('vi-grandma').say('Dạ cháu nhắn giùm bà ngoại, bà muốn đi mát xa vai cổ 60 phút ạ'))).toMatch(/ngày nào/);
  });

  it('reads the day after an English word typed onto Chinese ("我想book明天下午三点")', async () => {
    expect(textOf(await guest('zh-glued').say('你好 我想book明天下午三点 一个钟'))).toMatch(/11月28日 星期六 15:00/);
  });

  it('takes the time said after the new day of a move ("how about Saturday the 5th, say 2 in the afternoon?")', async () => {
    const g = await bookTuesday('move-say', 'vi');
    await g.say('I need to move my booking');
    expect(textOf(await g.say('how about Saturday the 5th, say 2 in the afternoon?'))).toMatch(/Saturday 5 December at 14:00/);
  });

  it('reads English pressure and therapist words inside a Vietnamese request, and a Korean request put as an intention', async () => {
    expect(textOf(await guest('vi-english-words').say('Hi em, book cho anh 1 slot 60 mins, 12h trưa thứ 3, therapist An, firm pressure nha'))).toMatch(/sức khỏe/);
    expect(textOf(await guest('ko-intention').say('안녕하세요 할머니 마사지 예약하려구요'))).toMatch(/몇 분/);
  });

  it.each([
    ['"therapist An" in English', 'Book 60min tue 19:00, therapist An, firm pressure, no health issues. Chan Ka Wai, +852 9123 4567.', /An \(sample\)/],
    ['"身体无特殊情况" as nothing to tell', '您好。本人想预约12月1日（周二）下午3点，60分钟，指定男技师An，力度偏重，身体无特殊情况。姓名：王建国，电话：+86 139 0731 2468。', /王建国/],
    ['"без разницы к кому" as any therapist', 'Здравствуйте, запишите меня на 30 минут во вторник в 13:00, без разницы к кому, давление легкое. Противопоказаний нет. Ольга Кузнецова, +7 925 310 44 87', /Ольга Кузнецова/],
    ['"По здоровью ничего нет" as nothing to tell', 'Добрый день, запишите пожалуйста на вторник в 19:00, 60 минут, к Ану, давление сильное. По здоровью ничего нет. Меня зовут Полина Смирнова, +7 916 123 45 67', /Полина Смирнова/],
    ['"技师An" as the therapist', '预约 明天下午3点 60分钟 技师An 力度重 身体没问题 姓名张伟 电话+8613912345678', /张伟/],
  ])('asks nothing more when a whole request gives %s', async (_what, request, summary) => {
    const reply = textOf(await guest(`whole-${request.length}`).say(request));
    expect(reply).toMatch(summary);
    expect(reply).toMatch(/confirm|确认|подтвер/i);
  });

  it('takes the time said after "say" ("whenever after 5, say half 5"), and "Confirmed" as yes', async () => {
    const g = guest('say-half-5');
    await g.say('book a massage tomorrow for an hour');
    expect(textOf(await g.say('whenever after 5, say half 5'))).toMatch(/17:30/);
    for (const text of ['any', 'medium', 'no', 'Wanjiru Kamau', 'wanjiru@example.com']) await g.say(text);
    expect(textOf(await g.say('Confirmed, asante.'))).toMatch(/LS-\w{4}/);
  });

  it('books when a Korean guest opens with "그럼" (then), and confirms with a blunt "됐다 예약해라"', async () => {
    const g = guest('ko-then');
    expect(textOf(await g.say('그럼 화요일 오후 3시에 한시간 예약할게요 여자 선생님으로 약하게요'))).toMatch(/건강/);
    for (const text of ['없어요', '박상철', '010 3345 7812']) await g.say(text);
    expect(textOf(await g.say('됐다 예약해라'))).toMatch(/LS-\w{4}/);
  });

  it('takes a Vietnamese time said roughly with its hour mark ("tam 7h", "khoảng 4 giờ") at the time question', async () => {
    const g = guest('vi-roughly');
    await g.say('đặt lịch 60 phút thứ 3');
    expect(textOf(await g.say('tam 7h'))).toMatch(/19:00/);
    const other = guest('vi-roughly-gio');
    await other.say('đặt lịch 60 phút thứ 3');
    expect(textOf(await other.say('khoảng 4 giờ'))).toMatch(/16:00/);
  });

  it('takes "예, 그렇게 해 주십시오" at the summary as yes', async () => {
    const g = guest('ko-formal-yes');
    for (const text of ['화요일 오전 10시 60분 예약하고자 합니다', '상관없어요', '보통', '없어요', '김순자', '010 5567 2210']) await g.say(text);
    expect(textOf(await g.say('예, 그렇게 해 주십시오.'))).toMatch(/LS-\w{4}/);
  });
});

describe('the summary answered at length', () => {
  it('confirms "Yes, that is all correct. Many thanks for your help." and "yes correct now", not "yes, but make it 4pm"', async () => {
    const g = guest('long-yes');
    await g.say('book 30 min on tuesday at 11am');
    for (const text of ['any', 'medium', 'no', 'Ruth Ellis', 'ruth@example.com']) await g.say(text);
    expect(textOf(await g.say('Yes, that is all correct. Many thanks for your help.'))).toMatch(/LS-\w{4}/);
    const now = guest('yes-now');
    await now.say('book 30 min on tuesday at 11am');
    for (const text of ['any', 'medium', 'no', 'Ruth Ellis', 'ruth@example.com']) await now.say(text);
    expect(textOf(await now.say('yes correct now'))).toMatch(/LS-\w{4}/);
    const other = guest('yes-but');
    await other.say('book 30 min on tuesday at 11am');
    for (const text of ['any', 'medium', 'no', 'Ruth Ellis', 'ruth@example.com']) await other.say(text);
    const reply = textOf(await other.say('yes, but make it 4pm please'));
    expect(reply).toMatch(/16:00/);
    expect(await bookings.listByGuest('web:yes-but')).toHaveLength(0);
  });

  it('stops at "actually no, dont book it, my wife made other plans", whose words of booking are turned round', async () => {
    const g = guest('dont-book');
    for (const text of ['book 30 min on tuesday at 11am', 'any', 'medium', 'no', 'Mark Jensen', 'mark@example.com']) await g.say(text);
    expect(textOf(await g.say('hmm actually no, dont book it, my wife made other plans for us sorry'))).not.toMatch(/Here's your booking|LS-\w{4}/);
    expect(await bookings.listByGuest('web:dont-book')).toHaveLength(0);
    expect(textOf(await g.say('what time do you open?'))).not.toMatch(/Shall I confirm/);
  });

  it.each([
    ['a yes and thanks typed without stops', 'en', 'yes dear that\'s all correct thank you'],
    ['an Afrikaans "ja"', 'en', 'ja, lekker'],
    ['a Gyeongsang "예 맞심더"', 'ko', '예 맞심더'],
  ])('confirms %s', async (_what, language, yes) => {
    const g = guest(`yes-${yes.length}`);
    const answers = language === 'ko' ? ['화요일 오후 3시 60분 예약할게요', '상관없어요', '보통', '없어요', '김창수', '010 5523 8841'] : ['book 30 min on tuesday at 11am', 'any', 'medium', 'no', 'Ruth Ellis', 'ruth@example.com'];
    for (const text of answers) await g.say(text);
    expect(textOf(await g.say(yes))).toMatch(/LS-\w{4}/);
  });
});

describe('two lengths compared at the length question', () => {
  it.each([
    ['en', 'I\'d like to book a massage', 'What is the difference between the 30 and 60 minutes?', /you prefer/],
    ['zh', '我想预约按摩', '30和60分钟有啥子区别嘛？', /30/],
  ])('answers the comparison in %s and asks the length again, choosing neither', async (_language, start, question, answer) => {
    const g = guest(`compare-${question.length}`);
    await g.say(start);
    const reply = textOf(await g.say(question));
    expect(reply).toMatch(answer);
    expect(g.lastReply()?.choices?.map((c) => c.label).join(' ')).toMatch(/30.*60/);
    expect(reply).not.toMatch(/which day|哪天|哪一天/i);
  });
});

describe('as guests of each language write', () => {
  it('takes a name that folds to a stop word ("Đỗ Quang Huy": "hủy") as the name', async () => {
    const g = guest('vi-huy');
    await g.say('đặt 60 phút thứ 3 lúc 10h, ai cũng được, lực vừa, không có bệnh gì');
    expect(textOf(await g.say('Đỗ Quang Huy'))).toMatch(/số điện thoại/);
  });


  it('takes a Vietnamese name of four words, a therapist "với a An", and "dc" at the summary', async () => {
    const g = guest('vi-four');
    await g.say('e dat 60p thu 3 luc 10h voi a An nha, luc vua, ko co benh gi. E tên Nguyễn Thị Thu Hà, sđt 0905 123 456');
    const summary = textOf(await g.say('dc'));
    expect(summary).toMatch(/LS-\w{4}/);
    const [booking] = await bookings.listByGuest('web:vi-four');
    expect(booking).toMatchObject({ therapistRequested: 'an', guest: { name: 'Nguyễn Thị Thu Hà' } });
  });

  it('reads a European date with its dot ("Saturday, 28.11., at 10:00") as that day', async () => {
    expect(textOf(await guest('dotted').say('I would like to book 60 minutes on Saturday, 28.11., at 10:00.'))).toMatch(/Saturday 28 November at 10:00/);
  });

  it('takes "여자분으로" up front as a female therapist, and a holiday as its date ("크리스마스날")', async () => {
    const g = guest('ko-woman');
    expect(textOf(await g.say('크리스마스날 오후 3시에 60분 예약할게요 여자분으로 해주세요'))).toMatch(/압은 어느 정도/);
    for (const text of ['보통', '없어요', '김민지']) await g.say(text);
    const summary = textOf(await g.say('010 1234 5678'));
    expect(summary).toMatch(/12월 25일 금요일 15:00/);
    expect(summary).toMatch(/Mai/);
  });

  it('reads English words glued to Chinese ("medium得喇") and Cantonese yes ("係，冇問題") at the steps', async () => {
    const g = guest('zh-canto');
    await g.say('想約聽日下晝3點 半個鐘');
    await g.say('唔指定');
    expect(textOf(await g.say('medium得喇'))).toMatch(/健康/);
    for (const text of ['冇', '陳嘉欣', '+852 9123 4567']) await g.say(text);
    expect(textOf(await g.say('係，冇問題'))).toMatch(/LS-\w{4}/);
  });

  it('reads "в полчетвёртого" as half past three and "медиум" as medium', async () => {
    const g = guest('ru-half');
    await g.say('хочу записаться на завтра на час');
    const held = textOf(await g.say('в полчетвёртого'));
    expect(held).toMatch(/15:30/);
    await g.say('любой');
    expect(textOf(await g.say('медиум'))).toMatch(/здоровье/i);
  });
});

describe('English as it is texted and spoken around the world', () => {
  it('asks for a length, not how often to come, when a guest wants "one of your massages"', async () => {
    const reply = textOf(await guest('one-of').say('hi, could I get one of your massages booked in'));
    expect(reply).toMatch(/How long/);
  });

  it('reads "w Mai" as with Mai and "myself Priya Nair" as the name, and asks for neither', async () => {
    const g = guest('texted');
    const reply = textOf(await g.say('myself Priya Nair, pls book 60 min sat 3pm w Mai, light pressure'));
    expect(reply).not.toMatch(/particular therapist|What name/);
    for (const text of ['none', 'priya@example.com']) await g.say(text);
    const summary = textOf(g.lastReply() ? [g.lastReply()!] : []);
    expect(summary).toMatch(/Priya Nair/);
    expect(summary).toMatch(/Mai/);
  });

  it('takes "the half hour one I guess" as 30 minutes, and a Scots "aye" at the summary as yes', async () => {
    const g = guest('scots');
    await g.say('I want tae book a massage on Tuesday at 2pm');
    expect(textOf(await g.say('the half hour one I guess'))).not.toMatch(/How long/);
    for (const text of ['any', 'medium', 'no', 'Iain Fraser', 'iain@example.com']) await g.say(text);
    expect(textOf(await g.say('aye go on'))).toMatch(/LS-\w{4}/);
    expect((await bookings.listByGuest('web:scots'))[0]?.durationMinutes).toBe(30);
  });

  it('takes "no particular preference, thank you" as any therapist, and "go on" at the summary as yes', async () => {
    const g = guest('formal');
    await g.say('I should like to book a massage of one hour on Tuesday at 2pm');
    expect(textOf(await g.say('I have no particular preference, thank you.'))).toMatch(/pressure/i);
    for (const text of ['medium', 'no', 'Margaret Hughes', 'margaret@example.com']) await g.say(text);
    expect(textOf(await g.say('go on'))).toMatch(/LS-\w{4}/);
    expect(await bookings.listByGuest('web:formal')).toHaveLength(1);
  });
});

describe('English booking words inside Chinese and Korean', () => {
  it.each([
    ['zh', '我想book个massage', /多长时间|多久/],
    ['ko', '마사지 book하고 싶어요', /몇 분|얼마나/],
  ])('starts a booking when a %s guest types "%s"', async (_language, text, asksLength) => {
    expect(textOf(await guest(`mixed-${text.length}`).say(text))).toMatch(asksLength);
  });
});

describe('greetings, emoji and words of neighbouring languages', () => {
  it('greets back a greeting with an emoji beside it, and a Ukrainian or Kazakh thanks', async () => {
    expect(textOf(await guest('wave').say('hello there 🙋‍♀️'))).toMatch(/Hello|Hi/);
    expect(textOf(await guest('rakhmet').say('рахмет'))).toMatch(/пожалуйста|Рад|Рада|Обращайтесь/i);
  });

  it('starts a booking from English booking words in a Russian message', async () => {
    expect(textOf(await guest('ru-book').say('book на субботу пожалуйста'))).toMatch(/длительност/i);
  });

  it('takes "60 минут хватит" (an hour will do) at the length question as the length, not as "stop"', async () => {
    const g = guest('enough');
    await g.say('хочу записаться на массаж в субботу');
    const reply = textOf(await g.say('60 минут хватит'));
    expect(reply).not.toMatch(/остановил|Хорошо, не буду/i);
    expect(reply).toMatch(/время|В какое/i);
  });
});

describe('a time or a length said again, differently', () => {
  it('takes the time after "no wait", in English and Vietnamese, and the length after "아 아니다"', async () => {
    const en = guest('no-wait');
    expect(textOf(await en.say('book 60 min on tuesday at 3pm, no wait, 5pm'))).toMatch(/Tuesday 1 December at 17:00/);
    const vi = guest('a-khong');
    expect(textOf(await vi.say('đặt 60 phút thứ 3 lúc 2h chiều, à không, 4h chiều nha'))).toMatch(/16:00/);
    const ko = guest('ko-correct');
    await ko.say('화요일 오후 3시 예약할게요');
    await ko.say('1시간이요 아 아니다 30분이요');
    for (const text of ['상관없어요', '보통', '없어요', '김민지']) await ko.say(text);
    expect(textOf(await ko.say('010 1234 5678'))).toMatch(/30분/);
  });

  it('reads "в пол третьего" at the time question as half past two, not as the third time offered', async () => {
    const g = guest('ru-half');
    await g.say('хочу записаться на час во вторник');
    expect(textOf(await g.say('ну давайте в пол третьего'))).toMatch(/14:30/);
  });

  it('offers the times around "like 2ish" said inside a part of the day, and books 2pm', async () => {
    const g = guest('arvo');
    await g.say('book 60 min on tuesday');
    expect(textOf(await g.say('early afternoon, like 2ish'))).toMatch(/Tuesday 1 December at 14:00/);
  });

  it('reads "5g chiều" as five in the afternoon', async () => {
    const g = guest('vi-g');
    await g.say('đặt 30 phút thứ 3');
    expect(textOf(await g.say('5g chiều'))).toMatch(/17:00/);
  });
});

describe('yes, and words that only look like answers', () => {
  it('confirms with "y", and with "yes correct, thanks ah" without reading "ah" as an hour', async () => {
    const g = guest('y');
    await g.say('book 30 min on tuesday at 11am');
    for (const text of ['any', 'medium', 'no', 'Ruth Ellis', 'ruth@example.com']) await g.say(text);
    expect(textOf(await g.say('y'))).toMatch(/LS-\w{4}/);
    const ah = guest('ah');
    await ah.say('book 30 min on tuesday at 3pm');
    for (const text of ['any', 'medium', 'no', 'Siew Lan', 'lan@example.com']) await ah.say(text);
    expect(textOf(await ah.say('yes correct, thanks ah'))).toMatch(/LS-\w{4}/);
    expect((await bookings.listByGuest('web:ah'))[0]?.durationMinutes).toBe(30);
  });

  it('confirms a Russian summary with "го", and takes "на firm" up front as the pressure', async () => {
    const g = guest('ru-go');
    await g.say('запишите на вторник в 11 на 30 минут к An на firm');
    const summary = textOf(await g.say('нет'));
    expect(summary).not.toMatch(/нажим Вы предпочитаете/);
    await g.say('Иван Петров');
    await g.say('+7 921 000 11 22');
    expect(textOf(await g.say('го'))).toMatch(/LS-\w{4}/);
    expect((await bookings.listByGuest('web:ru-go'))[0]?.notes.pressure).toBe('firm');
  });

  it('says the spa is closed on a closed day asked for at the day question, not that it is fully booked', async () => {
    const { concierge: atNewYear } = await conciergeAt(new Date('2026-12-30T03:00:00Z'));
    const g = fakeGuest(atNewYear, { id: 'new-year' });
    await g.say('book 30 min');
    const reply = textOf(await g.say('friday?'));
    expect(reply).toMatch(/closed on Friday 1 January/);
    expect(reply).not.toMatch(/fully booked/);
  });

  it('answers "will firm hurt?" at the pressure question before asking it again', async () => {
    const g = guest('firm-hurt');
    await g.say('book 30 min on tuesday at 11am with anyone');
    const reply = textOf(await g.say('will firm be too painful if my shoulders are really tight?'));
    expect(reply).toMatch(/pressure/i);
    expect(reply).not.toMatch(/anything about your health/);
  });

  it('books from pinyin typed in a Chinese sentence ("yuyue")', async () => {
    expect(textOf(await guest('pinyin').say('你好 我想yuyue一下按摩'))).toMatch(/多长时间|多久/);
  });
});
