// The calendar file of a web chat booking: a link under the confirmation, and the download behind it,
// which only the booking's own conversation can fetch.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { conversationIdSchema } from './message-body.ts';
import { isBookingRef, type Booking } from '../../booking/index.ts';
import type { Concierge } from '../../core/index.ts';

/** A link the page shows under a reply. */
export interface WebLink {
  label: string;
  href: string;
}

/** What the web chat needs to offer calendar files. */
export interface WebCalendar {
  /** A booking by reference (the booking store's `get`). */
  booking(ref: string): Promise<Booking | undefined>;
  /** The .ics file of a booking. */
  file(booking: Booking): { fileName: string; content: string };
  /** The link's text under the confirmation, from content/. */
  linkLabel: string;
}

const calendarQuerySchema = z.object({ conversationId: conversationIdSchema });

/** The download address of a booking's calendar file, relative to the page. */
export function calendarHref(ref: string, conversationId: string): string {
  return `api/bookings/${encodeURIComponent(ref)}/calendar.ics?conversationId=${encodeURIComponent(conversationId)}`;
}

/**
 * Remembers the bookings made in web chat turns: the core announces each new booking (an event, on
 * this instance, during the turn), and the messages route takes them when the turn is answered.
 */
export function trackNewBookings(scope: FastifyInstance, concierge: Concierge): (conversationId: string) => Booking[] {
  const made = new Map<string, Booking[]>();
  const stop = concierge.events.on((event) => {
    if (event.type !== 'created' || event.booking.guest.channel !== 'web') return;
    const id = event.booking.guest.conversationId;
    made.set(id, [...(made.get(id) ?? []), event.booking]);
  });
  scope.addHook('onClose', async () => void stop());
  return (conversationId) => {
    const bookings = made.get(conversationId) ?? [];
    made.delete(conversationId);
    return bookings;
  };
}

/** `GET /api/bookings/:ref/calendar.ics?conversationId=…`: 404 unless the booking is this conversation's and confirmed. */
export function registerCalendarDownload(scope: FastifyInstance, calendar: WebCalendar): void {
  scope.get<{ Params: { ref: string } }>('/api/bookings/:ref/calendar.ics', async (request, reply) => {
    const query = calendarQuerySchema.safeParse(request.query);
    const { ref } = request.params;
    // One answer for every miss, so nobody learns which references exist.
    const notFound = () => reply.code(404).send({ error: 'No such booking in this conversation.' });
    if (!query.success || !isBookingRef(ref) || ref !== ref.toUpperCase()) return notFound();
    const booking = await calendar.booking(ref);
    const own = booking?.guest.channel === 'web' && booking.guest.conversationId === query.data.conversationId;
    if (!booking || !own || booking.status !== 'confirmed') return notFound();
    const file = calendar.file(booking);
    return reply
      .type('text/calendar; charset=utf-8')
      .headers({ 'content-disposition': `attachment; filename="${file.fileName}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
      .send(file.content);
  });
}
