// The web chat's side of reminders: messages that wait for a guest who is not on the page, and the
// calendar file of a booking (a link under the confirmation, a download only its conversation gets).
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { BookingStore } from '../../src/booking/index.ts';
import { registerWebChat, type MessagesResponse, type PendingResponse } from '../../src/channels/web/index.ts';
import type { ChangeReader, Concierge } from '../../src/core/index.ts';
import { createHttpServer } from '../../src/http/index.ts';
import { createCalendarFiles, createReminderDelivery, followBookingChange, REMINDERS_GROUP, reminderSettingsFrom, type MessageScheduler } from '../../src/reminders/index.ts';
import { createInProcessScheduler, createMemoryBookingStore, createMemoryPendingMessages, type PendingMessages } from '../../src/store/index.ts';
import { createTestConcierge, realKnowledge } from '../helpers/bot.ts';

// 02:00 UTC is 09:00 on Thursday 26 November 2026 in Da Nang, so "tomorrow" is always Friday the 27th.
const THURSDAY_9AM = new Date('2026-11-26T02:00:00Z');
let app: FastifyInstance | undefined;
let scheduler: MessageScheduler | undefined;
let following: ChangeReader | undefined;

afterEach(async () => {
  await following?.stop();
  following = undefined;
  await scheduler?.stop();
  scheduler = undefined;
  await app?.close();
  app = undefined;
});

/** The HTTP server with the web chat as main.ts wires it: pending messages and calendar files. */
async function serve(): Promise<{ app: FastifyInstance; concierge: Concierge; bookings: BookingStore; pending: PendingMessages }> {
  const { content } = await realKnowledge();
  const logger = pino({ level: 'silent' });
  const bookings = createMemoryBookingStore({ now: () => THURSDAY_9AM.getTime() });
  const concierge = await createTestConcierge({ bookings, now: () => THURSDAY_9AM });
  const pending = createMemoryPendingMessages();
  app = createHttpServer({ logger, ready: async () => true });
  await registerWebChat(app, {
    concierge,
    logger,
    page: { spaName: content.spa.name, texts: content.messages },
    pending,
    calendar: { booking: (ref) => bookings.get(ref), file: createCalendarFiles(content, () => THURSDAY_9AM), linkLabel: content.reminders.calendar.link_label },
  });
  return { app, concierge, bookings, pending };
}

async function post(server: FastifyInstance, body: object): Promise<MessagesResponse> {
  const response = await server.inject({ method: 'POST', url: '/api/messages', payload: body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<MessagesResponse>();
}

/** Books a session through the API; returns the conversation, the reference and the confirmation. */
async function bookThroughApi(server: FastifyInstance) {
  let answer = await post(server, { text: 'can I come tomorrow at 3pm, an hour please?' });
  const conversationId = answer.conversationId;
  const press = async (label: string) => {
    const choice = answer.replies.at(-1)?.choices?.find((c) => c.label === label);
    if (!choice) throw new Error(`"${label}" is not offered`);
    answer = await post(server, { conversationId, action: choice.action });
  };
  await press('No preference');
  await press('Medium');
  await press('Nothing to mention');
  answer = await post(server, { conversationId, text: 'Lan' });
  answer = await post(server, { conversationId, text: '0905 123 456' });
  await press('Confirm');
  const ref = /LS-[A-Z0-9]{4}/.exec(answer.replies.map((r) => r.text).join('\n'))?.[0] ?? '';
  return { conversationId, ref, confirmation: answer };
}

function pendingFor(server: FastifyInstance, conversationId: string, after = 0) {
  return server.inject({ method: 'GET', url: `/api/messages/pending?conversationId=${conversationId}&after=${after}` });
}

describe('GET /api/messages/pending', () => {
  it('hands the page what was sent while it was closed, until it acknowledges them', async () => {
    const { app: server, concierge } = await serve();
    const { conversationId } = await post(server, { text: 'does it hurt?' });
    await concierge.outbox.deliver('web', conversationId, [{ text: 'See you tomorrow at 15:00!', choices: [{ label: 'Move it', action: 'm:move:LS-7K3Q' }] }]);

    const first = await pendingFor(server, conversationId);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const { messages } = first.json<PendingResponse>();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.replies).toEqual([{ text: 'See you tomorrow at 15:00!', choices: [{ label: 'Move it', action: 'm:move:LS-7K3Q' }] }]);
    // Asked again without acknowledging (a lost answer): still there. Acknowledged: gone.
    expect((await pendingFor(server, conversationId)).json<PendingResponse>().messages).toHaveLength(1);
    expect((await pendingFor(server, conversationId, messages[0]!.id)).json<PendingResponse>().messages).toEqual([]);
  });

  it('answers 400 without a conversation id', async () => {
    const { app: server } = await serve();
    const response = await server.inject({ method: 'GET', url: '/api/messages/pending?conversationId=nope' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: string }>().error).toMatch(/conversationId: must be a conversation id/);
  });

  it('brings a due reminder to a web guest who left the page, and its choices work', async () => {
    const { app: server, concierge, bookings } = await serve();
    const { content } = await realKnowledge();
    // The scheduler's clock stands a second before Thursday 15:00 (the day before the session).
    const clock = () => new Date(Date.parse('2026-11-26T08:00:00Z') - 1000);
    scheduler = createInProcessScheduler({
      settings: reminderSettingsFrom(content),
      deliver: createReminderDelivery({ bookings, content, outbox: concierge.outbox, now: clock, logger: pino({ level: 'silent' }) }),
      now: clock,
      logger: pino({ level: 'silent' }),
    });
    await scheduler.start();
    following = concierge.followBookingChanges(REMINDERS_GROUP, followBookingChange(scheduler));
    const { conversationId, ref } = await bookThroughApi(server);

    let messages: PendingResponse['messages'] = [];
    const deadline = Date.now() + 8000;
    while (messages.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      messages = (await pendingFor(server, conversationId)).json<PendingResponse>().messages;
    }
    const reminder = messages[0]?.replies[0];
    expect(reminder?.text).toMatch(new RegExp(`See you tomorrow at 15:00 Da Nang time! .* booked under ${ref}`));
    expect(reminder?.choices?.map((c) => c.label)).toEqual(['Move it', 'Cancel it']);
    const cancel = await post(server, { conversationId, action: reminder?.choices?.[1]?.action ?? '' });
    // The core takes it as the guest's own choice (its clock still stands on Thursday morning).
    expect(cancel.replies[0]?.text).toMatch(new RegExp(`^Cancel ${ref} on Friday 27 November at 15:00 Da Nang time\\?`));
  });
});

describe('the calendar file of a web chat booking', () => {
  it('is linked under the confirmation and downloads as .ics with the session in the spa’s zone', async () => {
    const { app: server } = await serve();
    const { conversationId, ref, confirmation } = await bookThroughApi(server);
    const withLink = confirmation.replies.find((r) => r.links);
    expect(withLink?.text).toContain(ref);
    expect(withLink?.links).toEqual([{ label: 'Add to calendar', href: `api/bookings/${ref}/calendar.ics?conversationId=${conversationId}` }]);

    const response = await server.inject({ method: 'GET', url: `/${withLink?.links?.[0]?.href}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="l-spa-${ref}.ics"`);
    const lines = response.body.replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261127T150000');
    expect(lines).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20261127T160000');
    expect(lines).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(lines).toContain(`UID:${ref}@l-spa`);
    expect(lines.find((l) => l.startsWith('LOCATION:'))).toMatch(/Sample Street/);
  });

  it('adds no link to replies that do not make a booking', async () => {
    const { app: server } = await serve();
    const answer = await post(server, { text: 'does it hurt?' });
    expect(answer.replies.some((r) => 'links' in r)).toBe(false);
  });

  it('is 404 for another conversation, an unknown reference, or a cancelled booking', async () => {
    const { app: server, bookings } = await serve();
    const { conversationId, ref } = await bookThroughApi(server);
    const get = (path: string) => server.inject({ method: 'GET', url: path });
    const other = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
    expect((await get(`/api/bookings/${ref}/calendar.ics?conversationId=${other}`)).statusCode).toBe(404);
    expect((await get(`/api/bookings/${ref}/calendar.ics`)).statusCode).toBe(404);
    expect((await get(`/api/bookings/LS-2222/calendar.ics?conversationId=${conversationId}`)).statusCode).toBe(404);
    expect((await get(`/api/bookings/${ref.toLowerCase()}/calendar.ics?conversationId=${conversationId}`)).statusCode).toBe(404);
    expect((await get(`/api/bookings/${ref}/calendar.ics?conversationId=${conversationId}`)).statusCode).toBe(200);
    await bookings.cancel(ref, `web:${conversationId}`, THURSDAY_9AM.toISOString());
    expect((await get(`/api/bookings/${ref}/calendar.ics?conversationId=${conversationId}`)).statusCode).toBe(404);
  });
});
