// Guests write in their own languages; the team works in English in Slack. The desk says which
// language each guest writes beside their name, quotes guests as they wrote, and frames a staff
// member's reply, as written, in the guest's language.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryHandoverThreads, createRedisHandoverThreads, createRedisSeenUpdates, type RedisClient } from '../../../src/store/index.ts';
import { fakeGuest, textOf } from '../../helpers/bot.ts';
import { blockText, buttonsOf, type FakeMessage } from '../../helpers/fake-slack.ts';
import { connectTestRedis, deleteKeys, uniquePrefix } from '../../helpers/redis.ts';
import { bookInLanguage, bookThroughCore, HOA, LINH, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

let running: RunningDesk[] = [];
afterEach(async () => {
  for (const desk of running) await desk.stop();
  running = [];
});

async function start(options: Parameters<typeof startDesk>[0] = {}): Promise<RunningDesk> {
  const desk = await startDesk(options);
  running.push(desk);
  return desk;
}

/** The staff channel's `n`-th top-level message (1-based), once posted. */
async function nthPost(desk: RunningDesk, n: number): Promise<FakeMessage> {
  await waitFor(`message ${n} in the staff channel`, () => desk.fake.rootMessages(STAFF_CHANNEL).length >= n);
  return desk.fake.rootMessages(STAFF_CHANNEL)[n - 1]!;
}

/** Types a command as Hoa in the staff channel and returns the answer only she sees, as text. */
async function typed(desk: RunningDesk, command: string, text: string): Promise<string> {
  const before = desk.fake.ephemeralsTo(HOA).length;
  expect((await desk.slack.command(command, text)).status).toBe(200);
  const answer = await nextEphemeral(desk.fake, HOA, before);
  return `${answer.text}\n${blockText(answer.blocks)}`;
}

/** The texts of the thread's replies, once there are `count`. */
async function repliesIn(desk: RunningDesk, thread: FakeMessage, count: number): Promise<string[]> {
  await waitFor(`${count} replies in the thread`, () => desk.fake.threadReplies(STAFF_CHANNEL, thread.ts).length >= count);
  return desk.fake.threadReplies(STAFF_CHANNEL, thread.ts).map((m) => m.text);
}

/** A staff member writes in the thread; resolves when Slack got its 200. */
async function staffWrites(desk: RunningDesk, thread: FakeMessage, text: string, user = HOA) {
  expect((await desk.slack.threadReply(thread.ts, text, user).response).status).toBe(200);
}

const KOREAN_BOOKING = { id: 'minji', language: 'ko', request: '내일 오후 3시에 1시간 마사지 예약하고 싶어요', name: 'Kim Minji' } as const;
const VIETNAMESE_BOOKING = { id: 'ha', language: 'vi', request: 'Tôi muốn đặt lịch massage 60 phút lúc 10 giờ sáng mai', name: 'Trần Thu Hà' } as const;

describe('bookings of guests who write in Korean and Vietnamese, on the English staff desk', () => {
  it('posts their new, moved and cancelled bookings in English, with the language beside the name', async () => {
    const desk = await start();
    const minji = await bookInLanguage(desk.concierge, KOREAN_BOOKING);
    const created = await nthPost(desk, 1);
    expect(created.text).toBe(`:new: New booking ${minji}: Fri 27 Nov, 15:00, Kim Minji · Korean`);
    const card = blockText(created.blocks);
    expect(card).toContain('Guest\nKim Minji · Korean');
    expect(card).toContain('*Length*\n60 minutes');
    expect(card).toContain('*Booked on*\nTelegram');
    expect(card).toContain('*Pressure*\nfirm pressure');
    expect(buttonsOf(created.blocks).map((b) => b.label)).toEqual(['Cancel booking', 'Move', 'Arrived', 'No-show']);

    const ha = await bookInLanguage(desk.concierge, VIETNAMESE_BOOKING);
    expect((await nthPost(desk, 2)).text).toBe(`:new: New booking ${ha}: Fri 27 Nov, 10:00, Trần Thu Hà · Vietnamese`);

    // Hà moves hers in Vietnamese, Minji cancels in Korean: the team reads both in English.
    const haChat = fakeGuest(desk.concierge, { id: 'ha', channel: 'telegram' });
    await haChat.say('dời lịch sang Chủ nhật lúc 5 giờ chiều giúp mình');
    expect(textOf(await haChat.press('Có, đổi lịch'))).toContain(ha);
    const moved = await nthPost(desk, 3);
    expect(moved.text).toBe(`:arrows_counterclockwise: Booking ${ha} moved to Sun 29 Nov, 17:00, Trần Thu Hà · Vietnamese`);
    expect(blockText(moved.blocks)).toMatch(/Was Fri 27 Nov, 10:00 with (Mai|An) \(sample\)\./);

    const minjiChat = fakeGuest(desk.concierge, { id: 'minji', channel: 'telegram' });
    await minjiChat.say(`${minji} 예약 취소해 주세요`);
    await minjiChat.press('네, 취소할게요');
    const cancelled = await nthPost(desk, 4);
    expect(cancelled.text).toBe(`:x: Booking ${minji} cancelled: Fri 27 Nov, 15:00, Kim Minji · Korean`);
    expect(blockText(cancelled.blocks)).toContain('This booking is cancelled.');
  });

  it('shows their languages in /bookings and /booking, with a Korean health note quoted as written, and an English guest’s name alone', async () => {
    const desk = await start();
    const minji = await bookInLanguage(desk.concierge, { ...KOREAN_BOOKING, health: '작년에 어깨 수술을 받았어요' });
    const ha = await bookInLanguage(desk.concierge, VIETNAMESE_BOOKING);
    const lan = await bookThroughCore(desk.concierge, { id: 'lan', name: 'Lan Nguyen', request: 'tomorrow at 5pm for an hour' });

    const list = await typed(desk, '/bookings', 'tomorrow');
    expect(list).toMatch(/\*Bookings for Friday 27 November\*/);
    const lines = list.split('\n').filter((l) => l.startsWith('Fri 27 Nov'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^Fri 27 Nov, 10:00 · 60 min · Trần Thu Hà · Vietnamese · (Mai|An) \\(sample\\) · Telegram · firm pressure · ${ha}$`));
    expect(lines[1]).toMatch(new RegExp(`^Fri 27 Nov, 15:00 · 60 min · Kim Minji · Korean · (Mai|An) \\(sample\\) · Telegram · firm pressure · ${minji}$`));
    // Staff work in English: an English-speaking guest needs no note.
    expect(lines[2]).toMatch(new RegExp(`^Fri 27 Nov, 17:00 · 60 min · Lan Nguyen · (Mai|An) \\(sample\\) · Telegram · firm pressure · ${lan}$`));
    expect(list).toContain(':warning: 작년에 어깨 수술을 받았어요');

    const card = await typed(desk, '/booking', minji);
    expect(card).toContain(`Booking ${minji}`);
    expect(card).toContain('Guest\nKim Minji · Korean');
    expect(card).toContain(':warning: *Health:*\n작년에 어깨 수술을 받았어요');
    expect(await typed(desk, '/booking', ha)).toContain('Guest\nTrần Thu Hà · Vietnamese');
  });
});

describe('a hand-over with a guest who writes in Korean', () => {
  it('shows their words as written and Korean beside their name, frames the staff reply in Korean, and hands back in Korean', async () => {
    const desk = await start();
    const ko = desk.concierge.contentFor('ko');
    // Telegram reports an English phone: the conversation's language is what counts.
    const guest = fakeGuest(desk.concierge, { id: '77', channel: 'telegram', name: 'Kim Minji', language: 'en-US' });
    expect(textOf(await guest.say('마사지 시간은 얼마나 걸려요?'))).toMatch(/30분/);
    expect(textOf(await guest.say('직원분이랑 직접 얘기하고 싶어요'))).toBe(ko.handover.started);

    await waitFor('the hand-over thread', () => desk.fake.rootMessages(STAFF_CHANNEL).length === 1);
    const thread = desk.fake.rootMessages(STAFF_CHANNEL)[0]!;
    expect(thread.text).toBe(':raising_hand: Kim Minji · Korean on Telegram would like to talk to a person');
    const opening = blockText(thread.blocks);
    expect(opening).toContain('Guest: 마사지 시간은 얼마나 걸려요?');
    expect(opening).toContain('Guest: 직원분이랑 직접 얘기하고 싶어요');
    expect(opening).toContain('Reply in this thread to answer the guest on Telegram.');
    expect(buttonsOf(thread.blocks).map((b) => b.label)).toEqual(['Hand back to the bot']);

    // The guest writes on in Korean: quoted in the thread as written, and the bot stays quiet.
    expect(await guest.say('금요일에 언니랑 같이 가도 돼요? <3 & 감사합니다')).toEqual([]);
    expect(await repliesIn(desk, thread, 1)).toEqual(['Kim Minji: 금요일에 언니랑 같이 가도 돼요? &lt;3 &amp; 감사합니다']);

    // Hoa answers in English: the guest gets her words as written, framed in Korean.
    await staffWrites(desk, thread, 'Hi Minji, yes! Friday at 3pm works for you both.');
    await waitFor('the staff answer on Telegram', () => desk.delivered.length === 1);
    expect(desk.delivered[0]).toEqual({ channel: 'telegram', conversationId: '77', replies: [{ text: '스파 직원(Hoa)의 메시지: Hi Minji, yes! Friday at 3pm works for you both.' }] });

    // Hand back: the guest is told in Korean, with the menu in Korean; the thread says so in English.
    await desk.slack.click(buttonsOf(thread.blocks)[0]!, thread).response;
    await waitFor('the hand-back on Telegram', () => desk.delivered.length === 2);
    const [handBack] = desk.delivered[1]!.replies;
    expect(handBack?.text).toBe('다시 L Spa 어시스턴트와 대화하고 계세요. 더 도와 드릴 일이 있을까요?');
    expect(handBack?.choices?.map((c) => c.label)).toContain('직원과 대화하기');
    expect((await repliesIn(desk, thread, 2))[1]).toBe('The conversation is back with the bot; replies here no longer reach the guest.');
    await waitFor('the button to go', () => buttonsOf(thread.blocks).length === 0);
    // Redrawn without its button, the thread still says who and in which language.
    expect(thread.text).toBe(':raising_hand: Kim Minji · Korean on Telegram would like to talk to a person');
    expect(blockText(thread.blocks)).toContain('Guest: 마사지 시간은 얼마나 걸려요?');

    // The bot answers in Korean again.
    expect(textOf(await guest.say('아프지 않나요?'))).toMatch(/[가-힣]/);
  });

  it('frames a Vietnamese guest’s reply in Vietnamese, and keeps their language on a thread reopened by their message', async () => {
    const threads = createMemoryHandoverThreads();
    const desk = await start({ desk: { threads } });
    const guest = fakeGuest(desk.concierge, { id: '78', channel: 'web' });
    desk.concierge.outbox.register('web', async (conversationId, replies) => void desk.delivered.push({ channel: 'web', conversationId, replies }));
    expect(textOf(await guest.say('cho mình nói chuyện với nhân viên được không'))).toBe(desk.concierge.contentFor('vi').handover.started);
    await waitFor('the hand-over thread', () => desk.fake.rootMessages(STAFF_CHANNEL).length === 1);
    const thread = desk.fake.rootMessages(STAFF_CHANNEL)[0]!;
    expect(thread.text).toBe(':raising_hand: A guest · Vietnamese on the web chat would like to talk to a person');

    await staffWrites(desk, thread, 'Chào bạn, mình là Linh. Bạn cần giúp gì?', LINH);
    await waitFor('the staff answer', () => desk.delivered.length === 1);
    expect(desk.delivered[0]?.replies).toEqual([{ text: 'Tin nhắn từ nhân viên spa (Linh Pham): Chào bạn, mình là Linh. Bạn cần giúp gì?' }]);
    expect(desk.fake.ephemeralsTo(LINH)).toEqual([]);

    // As if the thread record expired: the guest's next message opens a new thread, which still says Vietnamese.
    await threads.delete('web:78');
    expect(await guest.say('Thứ Sáu này còn chỗ lúc 3 giờ chiều không ạ?')).toEqual([]);
    await waitFor('a second thread', () => desk.fake.rootMessages(STAFF_CHANNEL).length === 2);
    const reopened = desk.fake.rootMessages(STAFF_CHANNEL)[1]!;
    expect(reopened.text).toBe(':raising_hand: A guest · Vietnamese on the web chat wrote while waiting for the team');
    expect(blockText(reopened.blocks)).toContain('Guest: Thứ Sáu này còn chỗ lúc 3 giờ chiều không ạ?');
  });
});

describe('hand-over threads kept in Redis', () => {
  let client: RedisClient;
  const prefix = uniquePrefix('slack-languages');
  beforeAll(async () => {
    client = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.close();
  });

  it('keep the guest’s language, so the thread redrawn at the hand-back still says Korean', async () => {
    const desk = await start({ desk: { threads: createRedisHandoverThreads(client, { prefix: `${prefix}threads:` }), seenEvents: createRedisSeenUpdates(client, { prefix: `${prefix}seen:` }) } });
    await fakeGuest(desk.concierge, { id: '79', channel: 'telegram', name: 'Kim Minji' }).say('상담원 연결해 주세요');
    await waitFor('the hand-over thread', () => desk.fake.rootMessages(STAFF_CHANNEL).length === 1);
    const thread = desk.fake.rootMessages(STAFF_CHANNEL)[0]!;
    expect(thread.text).toBe(':raising_hand: Kim Minji · Korean on Telegram would like to talk to a person');
    await desk.slack.click(buttonsOf(thread.blocks)[0]!, thread).response;
    await waitFor('the button to go', () => buttonsOf(thread.blocks).length === 0);
    expect(blockText(thread.blocks)).toContain('Handed back to the bot');
    expect(thread.text).toBe(':raising_hand: Kim Minji · Korean on Telegram would like to talk to a person');
  });
});
