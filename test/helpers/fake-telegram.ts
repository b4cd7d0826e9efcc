// A small fake of the Telegram Bot API on loopback, for the real grammY bot to talk HTTP to.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Contact, InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update, User } from 'grammy/types';

/** One request the bot made. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** When it arrived (Date.now()). */
  at: number;
}

/**
 * A message the bot sent, as the fake keeps it: `reply_markup` is its inline keyboard, as Telegram
 * returns it (and changes when the bot edits it); `reply_keyboard` is the reply keyboard it showed or
 * took away, which Telegram keeps with the chat, not the message (see `replyKeyboardOf`).
 */
export type SentMessage = Message.TextMessage & { reply_markup?: InlineKeyboardMarkup; reply_keyboard?: ReplyKeyboardMarkup | ReplyKeyboardRemove };

/** The reply keyboard a guest's app shows in place of their keyboard, set by the bot's latest message that had one. */
export interface ShownReplyKeyboard {
  markup: ReplyKeyboardMarkup;
  /** The message that showed it. */
  messageId: number;
  /** A one-time keyboard the guest used: folded away, still a tap away until the bot removes it. */
  folded: boolean;
}

/** A document the bot sent (sendDocument with an uploaded file), as the fake keeps it. */
export interface SentDocument {
  chatId: number;
  fileName: string;
  /** The file's content, as text. */
  content: string;
  caption?: string;
  /** Its place among every call the bot made (the index in `calls`). */
  callIndex: number;
}

type ApiAnswer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

/** The bot the fake plays: what getMe answers. */
export const FAKE_BOT: User = { id: 7_000_001, is_bot: true, first_name: 'L Spa', username: 'lspa_test_bot' };

/** A fake Bot API server: feed it updates, inspect what the bot called. */
export interface FakeTelegram {
  /** The bot's apiRoot (TELEGRAM_API_ROOT). */
  readonly apiRoot: string;
  /** Every call, in order of arrival. */
  readonly calls: ApiCall[];
  /** The calls to one method. */
  callsTo(method: string): ApiCall[];
  /** Queues an update for getUpdates. */
  push(update: Update): void;
  /** A fresh update id. */
  nextUpdateId(): number;
  /** Answers the next sendMessage with 429 and this retry_after. */
  rateLimitNextSendMessage(retryAfterSeconds: number): void;
  /** Drops the connection of the next call to `method`, as a network failure would. */
  dropNextCall(method: string): void;
  /** From now on, never answers calls to `method` (a Telegram that stopped responding). */
  stopAnswering(method: string): void;
  /** The messages the bot sent to a chat, in order, with their keyboards as they are now. */
  messagesTo(chatId: number): SentMessage[];
  /** The documents the bot sent to a chat, in order. */
  documentsTo(chatId: number): SentDocument[];
  /** The reply keyboard the chat shows now, if any (not yet taken away with remove_keyboard). */
  replyKeyboardOf(chatId: number): ShownReplyKeyboard | undefined;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startFakeTelegram(): Promise<FakeTelegram> {
  const calls: ApiCall[] = [];
  const queue: Update[] = [];
  const waiters = new Set<() => void>();
  const messages: SentMessage[] = [];
  const documents: SentDocument[] = [];
  const replyKeyboards = new Map<number, ShownReplyKeyboard>();
  const rateLimits: number[] = [];
  const drops = new Set<string>();
  const unanswered = new Set<string>();
  let nextMessageId = 1;
  // Random per fake, as real update ids never repeat: runs sharing one Redis must not see each other's.
  let nextUpdateId = 1000 + Math.floor(Math.random() * 1e9);

  const answer = (res: ServerResponse, body: ApiAnswer) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(body.ok ? 200 : body.error_code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const ok = (result: unknown): ApiAnswer => ({ ok: true, result });
  const badRequest = (description: string): ApiAnswer => ({ ok: false, error_code: 400, description: `Bad Request: ${description}` });

  const findMessage = (chatId: unknown, messageId: unknown) => messages.find((m) => m.chat.id === Number(chatId) && m.message_id === Number(messageId));

  function sendMessage(payload: Record<string, unknown>): ApiAnswer {
    const retryAfter = rateLimits.shift();
    if (retryAfter !== undefined) {
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    }
    const text = payload.text;
    if (typeof text !== 'string' || text.trim() === '') return badRequest('message text is empty');
    if (text.length > 4096) return badRequest('message is too long');
    const sent = payload.reply_markup as InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | undefined;
    const markup = sent && 'inline_keyboard' in sent ? sent : undefined;
    const replyKeyboard = sent && ('keyboard' in sent || 'remove_keyboard' in sent) ? sent : undefined;
    for (const button of markup?.inline_keyboard.flat() ?? []) {
      if ('callback_data' in button && Buffer.byteLength(button.callback_data, 'utf8') > 64) return badRequest('BUTTON_DATA_INVALID');
    }
    if (replyKeyboard && 'keyboard' in replyKeyboard) {
      if (replyKeyboard.keyboard.flat().some((button) => (typeof button === 'string' ? button : button.text).trim() === '')) return badRequest('keyboard button text is empty');
      if ((replyKeyboard.input_field_placeholder?.length ?? 0) > 64) return badRequest('input field placeholder is too long');
    }
    const chatId = Number(payload.chat_id);
    const message: SentMessage = {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Guest' },
      from: FAKE_BOT,
      text,
      ...(markup ? { reply_markup: markup } : {}),
      ...(replyKeyboard ? { reply_keyboard: replyKeyboard } : {}),
    };
    messages.push(message);
    // The chat keeps a reply keyboard until another message replaces it or takes it away.
    if (replyKeyboard && 'keyboard' in replyKeyboard) replyKeyboards.set(chatId, { markup: replyKeyboard, messageId: message.message_id, folded: false });
    if (replyKeyboard && 'remove_keyboard' in replyKeyboard) replyKeyboards.delete(chatId);
    const { reply_keyboard: _kept, ...returned } = message;
    return ok(returned);
  }

  /** sendDocument with an upload: `document` is "attach://<part>", the part holds the file. */
  function sendDocument(payload: Record<string, unknown>, files: Map<string, { fileName: string; content: Buffer }>): ApiAnswer {
    const attached = /^attach:\/\/(.+)$/.exec(String(payload.document ?? ''))?.[1];
    const file = attached === undefined ? undefined : files.get(attached);
    if (!file) return badRequest('there is no document in the request');
    const chatId = Number(payload.chat_id);
    const caption = typeof payload.caption === 'string' ? payload.caption : undefined;
    documents.push({ chatId, fileName: file.fileName, content: file.content.toString('utf8'), ...(caption ? { caption } : {}), callIndex: calls.length - 1 });
    return ok({
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Guest' },
      from: FAKE_BOT,
      document: { file_id: `doc-${documents.length}`, file_unique_id: `d${documents.length}`, file_name: file.fileName },
      ...(caption ? { caption } : {}),
    });
  }

  function editMessageReplyMarkup(payload: Record<string, unknown>): ApiAnswer {
    const message = findMessage(payload.chat_id, payload.message_id);
    if (!message) return badRequest('message to edit not found');
    const markup = payload.reply_markup as InlineKeyboardMarkup | undefined;
    if (!markup && !message.reply_markup) {
      return badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    if (markup) message.reply_markup = markup;
    else delete message.reply_markup;
    return ok(message);
  }

  function getUpdates(payload: Record<string, unknown>, res: ServerResponse): void {
    const limit = Number(payload.limit ?? 100);
    const deliver = () => answer(res, ok(queue.splice(0, limit)));
    if (queue.length > 0) return deliver();
    const timeoutMs = Math.min(Number(payload.timeout ?? 0), 30) * 1000;
    const waiter = () => {
      clearTimeout(timer);
      waiters.delete(waiter);
      deliver();
    };
    const timer = setTimeout(waiter, timeoutMs);
    waiters.add(waiter);
    // A poll the bot gave up on (it stopped) must not swallow the next update.
    res.on('close', () => {
      clearTimeout(timer);
      waiters.delete(waiter);
    });
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = /^\/bot[^/]+\/(\w+)$/.exec(req.url ?? '')?.[1] ?? '';
      const body = Buffer.concat(chunks);
      const boundary = /multipart\/form-data;\s*boundary=(.+)$/i.exec(req.headers['content-type'] ?? '')?.[1];
      const files = new Map<string, { fileName: string; content: Buffer }>();
      const raw = boundary ? '' : body.toString('utf8');
      const payload = boundary ? parseMultipart(body, boundary, files) : ((raw ? JSON.parse(raw) : {}) as Record<string, unknown>);
      calls.push({ method, payload, at: Date.now() });
      if (drops.delete(method)) {
        req.socket.destroy();
        return;
      }
      if (unanswered.has(method)) return;
      switch (method) {
        case 'getMe':
          return answer(res, ok(FAKE_BOT));
        case 'getUpdates':
          return getUpdates(payload, res);
        case 'sendMessage':
          return answer(res, sendMessage(payload));
        case 'editMessageReplyMarkup':
          return answer(res, editMessageReplyMarkup(payload));
        case 'sendDocument':
          return answer(res, sendDocument(payload, files));
        case 'answerCallbackQuery':
        case 'setMyCommands':
        case 'setMyDescription':
        case 'setMyShortDescription':
        case 'deleteWebhook':
        case 'setWebhook':
          return answer(res, ok(true));
        default:
          return answer(res, { ok: false, error_code: 404, description: 'Not Found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    push(update) {
      queue.push(update);
      for (const waiter of [...waiters]) waiter();
    },
    nextUpdateId: () => nextUpdateId++,
    rateLimitNextSendMessage(retryAfterSeconds) {
      rateLimits.push(retryAfterSeconds);
    },
    dropNextCall(method) {
      drops.add(method);
    },
    stopAnswering(method) {
      unanswered.add(method);
    },
    messagesTo: (chatId) => messages.filter((m) => m.chat.id === chatId),
    documentsTo: (chatId) => documents.filter((d) => d.chatId === chatId),
    replyKeyboardOf: (chatId) => replyKeyboards.get(chatId),
    async close() {
      for (const waiter of [...waiters]) waiter();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The fields of a multipart/form-data body (as grammY sends uploads); parts with a filename go to
 * `files` under their part name, the rest are fields (JSON values parsed, as the Bot API does).
 */
function parseMultipart(body: Buffer, boundary: string, files: Map<string, { fileName: string; content: Buffer }>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    // A part: CRLF, headers, a blank line, the content, CRLF.
    const part = body.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]+)"/i.exec(headers)?.[1];
    const fileName = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (name && fileName) files.set(name, { fileName, content });
    else if (name) {
      const text = content.toString('utf8');
      try {
        fields[name] = JSON.parse(text);
      } catch {
        fields[name] = text;
      }
    }
    at = next;
  }
  return fields;
}

/**
 * A Telegram user in a private chat with the bot: builds the updates their actions make. `phone` is
 * their account's number, as Telegram sends it when they share it (international digits, no '+').
 */
export function telegramGuest(fake: FakeTelegram, guest: { id: number; first_name: string; last_name?: string; language_code?: string; phone?: string }) {
  const { phone = '84905123456', ...user } = guest;
  const from: User = { is_bot: false, ...user };
  const chat = { id: user.id, type: 'private' as const, first_name: user.first_name };
  let nextMessageId = 1;
  const message = (fields: Record<string, unknown>): Update => ({
    update_id: fake.nextUpdateId(),
    message: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from, ...fields } as NonNullable<Update['message']>,
  });
  return {
    id: user.id,
    /** A text message (a command when it starts with "/"). */
    text(text: string): Update {
      const command = /^\/\w+/.exec(text);
      return message({ text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) });
    },
    /** A sticker, which has no text. */
    sticker(): Update {
      return message({ sticker: { file_id: 'sticker-1', file_unique_id: 's1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '🌸' } });
    },
    /** Sending a contact card: their own from the share-my-phone button, or any picked from their address book. */
    contact(card: Partial<Contact> = {}): Update {
      return message({ contact: { phone_number: phone, first_name: user.first_name, user_id: user.id, ...card } });
    },
    /**
     * Tapping a button of the reply keyboard the chat shows: a share-my-phone button sends their own
     * contact, any other its label as text. A one-time keyboard folds away, as the app does.
     */
    tap(label: string): Update {
      const shown = fake.replyKeyboardOf(user.id);
      if (!shown) throw new Error('no reply keyboard is showing');
      const buttons = shown.markup.keyboard.flat().map((b) => (typeof b === 'string' ? { text: b } : b));
      const button = buttons.find((b) => b.text === label);
      if (!button) throw new Error(`"${label}" is not on the reply keyboard; offered: ${buttons.map((b) => b.text).join(', ')}`);
      if (shown.markup.one_time_keyboard) shown.folded = true;
      return 'request_contact' in button && button.request_contact ? this.contact() : this.text(label);
    },
    /** Pressing a button under one of the bot's messages, with any callback_data (a forged one too). */
    pressData(on: SentMessage, data: string): Update {
      return {
        update_id: fake.nextUpdateId(),
        callback_query: { id: `cq-${fake.nextUpdateId()}`, from, chat_instance: `ci-${user.id}`, message: on, data } as NonNullable<Update['callback_query']>,
      };
    },
    /** Pressing the button with this label under the bot's latest message that has a keyboard. */
    press(label: string): Update {
      const withKeyboard = fake.messagesTo(user.id).filter((m) => m.reply_markup).at(-1);
      if (!withKeyboard) throw new Error('no message with a keyboard');
      const buttons = withKeyboard.reply_markup?.inline_keyboard.flat() ?? [];
      const button = buttons.find((b) => b.text === label);
      if (!button || !('callback_data' in button)) {
        throw new Error(`"${label}" is not offered; offered: ${buttons.map((b) => b.text).join(', ')}`);
      }
      return this.pressData(withKeyboard, button.callback_data);
    },
  };
}
