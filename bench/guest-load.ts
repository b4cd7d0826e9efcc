// Guest traffic for the memory benchmark: web chat conversations over HTTP, Telegram chats through
// the fake Bot API, and staff commands signed as Slack signs them, all to one running bot.
import { createHmac, randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { FakeSlack } from '../test/helpers/fake-slack.ts';
import { telegramGuest, type FakeTelegram } from '../test/helpers/fake-telegram.ts';

/** Messages of one conversation, in order: questions, a booking started and dropped, a little nonsense. */
const SCRIPT_PARTS = {
  openers: ['hi', 'hello there', 'good morning', 'hey, quick question'],
  questions: [
    'how long is the massage',
    'does it hurt?',
    'how often should i come',
    'do i have to take my clothes off',
    'what are the benefits',
    'how do I prepare',
    'what happens during the massage',
    'what should i do afterwards',
    'where are you',
    'what are your opening hours',
    'can it help with stress',
    'will it help me sleep better',
    'what is petrissage',
    'how do I contact you',
  ],
  bookings: [
    'I would like to book a massage tomorrow at 3pm',
    'can I book for saturday at 10am, 30 minutes please',
    'book me in for an hour on friday at 5',
    'do you have anything free next monday afternoon?',
  ],
  nonsense: ['asdf qwerty', 'purple monkey dishwasher', 'zzzz', 'the moon is made of cheese'],
  closers: ['thanks!', 'thank you, bye'],
};

/** The same kinds of messages in the other languages guests write, so every language's model is in use. */
const OTHER_LANGUAGES: Array<typeof SCRIPT_PARTS> = [
  {
    openers: ['xin chào', 'chào bạn'],
    questions: ['massage bao lâu vậy', 'có đau không', 'bao lâu nên đi một lần', 'có phải cởi đồ không', 'massage có lợi ích gì', 'trước khi massage cần chuẩn bị gì', 'spa ở đâu vậy', 'mấy giờ mở cửa'],
    bookings: ['cho mình đặt lịch 3 giờ chiều mai', 'mình muốn đặt 30 phút thứ bảy lúc 10h'],
    nonsense: ['asdf qwerty', 'zzzz'],
    closers: ['cảm ơn nhé', 'cảm ơn, tạm biệt'],
  },
  {
    openers: ['안녕하세요', '안녕하세요, 질문이 있어요'],
    questions: ['마사지 시간이 얼마나 걸려요?', '아파요?', '얼마나 자주 받아야 해요?', '옷을 벗어야 하나요?', '효과가 뭐예요?', '어디에 있어요?', '몇 시에 열어요?', '스트레스에 도움이 돼요?'],
    bookings: ['내일 오후 3시에 예약하고 싶어요', '토요일 오전 10시 30분 예약 가능해요?'],
    nonsense: ['asdf qwerty', 'zzzz'],
    closers: ['감사합니다!', '고마워요, 안녕히 계세요'],
  },
  {
    openers: ['你好', '您好，想问一下'],
    questions: ['按摩多长时间？', '会疼吗？', '多久做一次比较好？', '需要脱衣服吗？', '有什么好处？', '你们在哪里？', '几点营业？', '对缓解压力有帮助吗？'],
    bookings: ['我想预约明天下午三点', '周六上午10点可以约30分钟吗'],
    nonsense: ['asdf qwerty', 'zzzz'],
    closers: ['谢谢！', '谢谢，再见'],
  },
  {
    openers: ['здравствуйте', 'добрый день, есть вопрос'],
    questions: ['сколько длится массаж?', 'это больно?', 'как часто нужно ходить?', 'нужно раздеваться?', 'какая польза от массажа?', 'где вы находитесь?', 'во сколько вы открываетесь?', 'помогает от стресса?'],
    bookings: ['хочу записаться на завтра в 15:00', 'можно в субботу в 10 утра на 30 минут?'],
    nonsense: ['asdf qwerty', 'zzzz'],
    closers: ['спасибо!', 'спасибо, до свидания'],
  },
];

/**
 * One conversation's 20 messages; `n` varies the wording, and one conversation in five is in each
 * language guests write (English, Vietnamese, Korean, Chinese, Russian). Nonsense never comes twice
 * in a row (that would call a person).
 */
export function conversationScript(n: number): string[] {
  const parts = n % 5 === 0 ? SCRIPT_PARTS : OTHER_LANGUAGES[(n % 5) - 1]!;
  const pick = (list: string[], offset: number) => list[(n + offset) % list.length]!;
  const q = (offset: number) => pick(parts.questions, offset * 5);
  return [
    pick(parts.openers, 0),
    q(0),
    q(1),
    pick(parts.nonsense, 0),
    q(2),
    pick(parts.bookings, 0),
    n % 5 === 0 ? 'an hour please' : pick(parts.questions, 3),
    q(3),
    n % 5 === 0 ? 'stop' : pick(parts.closers, 1),
    q(4),
    pick(parts.nonsense, 1),
    q(5),
    q(6),
    pick(parts.bookings, 1),
    n % 5 === 0 ? 'never mind' : pick(parts.closers, 0),
    q(7),
    pick(parts.nonsense, 2),
    q(8),
    q(9),
    pick(parts.closers, 0),
  ];
}

/** How many messages each conversation sends. */
export const MESSAGES_PER_CONVERSATION = conversationScript(0).length;

/** Where the load goes. */
export interface LoadTarget {
  url: string;
  telegram: FakeTelegram;
  slack: FakeSlack;
  /** The staff channel, a staff member in it, and the signing secret. */
  staff: { channel: string; user: string; signingSecret: string };
}

/** What was sent and answered. */
export interface LoadResult {
  web: number;
  telegram: number;
  slackCommands: number;
  /** Guest messages with no reply (a web answer without replies or not 200, a Telegram message with no sendMessage in 10 s). */
  unanswered: number;
  /** Staff commands with no answer in 10 s. */
  unansweredCommands: number;
  /** From the first message sent to the last reply. */
  seconds: number;
  /** Parts of the keys the bot wrote for this load (conversation ids, chat ids, update ids, addresses, triggers). */
  keyParts: Set<string>;
}

const REPLY_TIMEOUT_MS = 10_000;
const FIRST_CHAT_ID = 777_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `workers` loops that take conversation numbers from 0 to count - 1 until none is left. */
async function inPool(count: number, workers: number, conversation: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(workers, count) }, async () => {
    while (next < count) await conversation(next++);
  }));
}

/** Follows the sendMessage calls the fake receives, per chat, without rescanning what it saw. */
function watchTelegramReplies(fake: FakeTelegram) {
  const sent = new Map<number, number>();
  let seen = 0;
  let lastAt = Date.now();
  const scan = () => {
    for (; seen < fake.calls.length; seen++) {
      const call = fake.calls[seen]!;
      if (call.method !== 'sendMessage') continue;
      const chat = Number(call.payload.chat_id);
      sent.set(chat, (sent.get(chat) ?? 0) + 1);
      lastAt = call.at;
    }
  };
  const timer = setInterval(scan, 1);
  return {
    count: (chat: number) => (scan(), sent.get(chat) ?? 0),
    /** Resolves true once the chat has more than `than` messages, false after the timeout. */
    async more(chat: number, than: number): Promise<boolean> {
      const deadline = Date.now() + REPLY_TIMEOUT_MS;
      while ((sent.get(chat) ?? 0) <= than) {
        if (Date.now() > deadline) return false;
        await sleep(1);
      }
      return true;
    },
    /** Resolves when no message has been sent for `quietMs`. */
    async quiet(quietMs: number): Promise<void> {
      while (Date.now() - lastAt < quietMs) await sleep(quietMs / 4);
    },
    stop: () => clearInterval(timer),
  };
}

/** A signed `/availability` request, as Slack sends a slash command. */
function availabilityCommand(target: LoadTarget, text: string): { triggerId: string; body: string; headers: Record<string, string> } {
  const triggerId = randomUUID();
  const body = new URLSearchParams({
    team_id: 'T0SPA',
    channel_id: target.staff.channel,
    user_id: target.staff.user,
    command: '/availability',
    text,
    api_app_id: 'A0SPA',
    response_url: target.slack.responseUrl(triggerId),
    trigger_id: triggerId,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', target.staff.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    triggerId,
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` },
  };
}

/**
 * Sends `messages` guest messages, half in web chat conversations and half in Telegram chats (20
 * each, one message at a time per conversation, as a person waits for the answer), `concurrency`
 * conversations at a time on each channel; and a staff `/availability` command after every
 * `messages / slackCommands` guest messages. Resolves when everything has been answered.
 */
export async function sendGuestLoad(target: LoadTarget, options: { messages: number; slackCommands: number; concurrency: number }): Promise<LoadResult> {
  const perChannel = Math.ceil(options.messages / 2 / MESSAGES_PER_CONVERSATION);
  const keyParts = new Set<string>();
  const replies = watchTelegramReplies(target.telegram);
  let answered = 0;
  let unanswered = 0;
  let web = 0;
  let telegram = 0;
  const started = performance.now();

  const webConversation = async (n: number) => {
    // Each guest from an address of their own, as a proxy in front of the bot reports it.
    const address = `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    keyParts.add(address);
    let conversationId: string | undefined;
    for (const text of conversationScript(n)) {
      const response = await fetch(`${target.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ ...(conversationId ? { conversationId } : {}), text }),
      });
      const body = (await response.json()) as { conversationId?: string; replies?: unknown[] };
      web++;
      if (response.status === 200 && body.replies?.length) answered++;
      else unanswered++;
      if (!conversationId && body.conversationId) keyParts.add((conversationId = body.conversationId));
    }
  };

  const telegramChat = async (n: number) => {
    const guest = telegramGuest(target.telegram, { id: FIRST_CHAT_ID + n, first_name: `Guest ${n}` });
    keyParts.add(String(guest.id));
    for (const text of conversationScript(n + 1)) {
      const before = replies.count(guest.id);
      const update = guest.text(text);
      keyParts.add(String(update.update_id));
      target.telegram.push(update);
      telegram++;
      if (await replies.more(guest.id, before)) answered++;
      else unanswered++;
    }
  };

  let slackCommands = 0;
  let unansweredCommands = 0;
  let guestsDone = false;
  const staffDesk = async () => {
    const every = options.messages / options.slackCommands;
    const days = ['tomorrow 60', 'friday 30', 'today 60', 'next monday 60', 'saturday 30'];
    for (let i = 0; i < options.slackCommands; i++) {
      while (answered + unanswered < i * every && !guestsDone) await sleep(5);
      const before = target.slack.ephemeralsTo(target.staff.user).length;
      const command = availabilityCommand(target, days[i % days.length]!);
      keyParts.add(command.triggerId);
      const response = await fetch(`${target.url}/slack/events`, { method: 'POST', headers: command.headers, body: command.body });
      await response.text();
      slackCommands++;
      const deadline = Date.now() + REPLY_TIMEOUT_MS;
      while (target.slack.ephemeralsTo(target.staff.user).length <= before && Date.now() < deadline) await sleep(5);
      if (response.status !== 200 || target.slack.ephemeralsTo(target.staff.user).length <= before) unansweredCommands++;
    }
  };

  try {
    const desk = staffDesk();
    await Promise.all([inPool(perChannel, options.concurrency, webConversation), inPool(perChannel, options.concurrency, telegramChat)]);
    guestsDone = true;
    await desk;
    // A reply of several messages is still going out when its first one has arrived.
    await replies.quiet(250);
  } finally {
    replies.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return { web, telegram, slackCommands, unanswered, unansweredCommands, seconds, keyParts };
}

/**
 * Deletes the keys the bot wrote in Redis for this load: every `spa:` key with one of `keyParts` as
 * a segment, and the booking holds those conversations left. Returns how many were deleted.
 */
export async function removeLoadKeys(redisUrl: string, keyParts: Set<string>): Promise<number> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const ours: string[] = [];
    const holds: Array<{ id: string; day?: string }> = [];
    for await (const keys of client.scanIterator({ MATCH: 'spa:*', COUNT: 1000 })) {
      for (const key of keys) {
        if (!key.split(':').some((part) => keyParts.has(part))) continue;
        ours.push(key);
        if (!key.startsWith('spa:guesthold:')) continue;
        const id = await client.get(key);
        const hold = id ? await client.get(`spa:hold:${id}`) : null;
        if (id) holds.push({ id, day: hold ? (JSON.parse(hold) as { day?: string }).day : undefined });
      }
    }
    for (const hold of holds) {
      ours.push(`spa:hold:${hold.id}`);
      if (hold.day) await client.zRem(`spa:dayholds:${hold.day}`, hold.id);
    }
    let deleted = 0;
    for (let i = 0; i < ours.length; i += 500) deleted += await client.del(ours.slice(i, i + 500));
    return deleted;
  } finally {
    await client.close();
  }
}
