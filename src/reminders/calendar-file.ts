// The calendar file (.ics) offered with each booking confirmation: the session in the spa's own
// zone (with its VTIMEZONE), the spa's address and the booking reference.
import { TZDate, tzOffset } from '@date-fns/tz';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Booking } from '../booking/index.ts';
import { fillTemplate, type Content } from '../content/index.ts';
import { sessionValues } from './texts.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A calendar file ready to send or download. */
export interface CalendarFile {
  /** e.g. "l-spa-LS-7K3Q.ics" */
  fileName: string;
  /** The iCalendar text (CRLF lines). */
  content: string;
  /** A line to send with it (a Telegram document's caption). */
  caption: string;
}

/**
 * Builds calendar files for bookings, from the spa's content; `now` stamps them. With `contentFor`,
 * each file is written in the language its booking was made in.
 */
export function createCalendarFiles(
  english: Content,
  now: () => Date = () => new Date(),
  contentFor: (language: string | undefined) => Content = () => english,
): (booking: Booking) => CalendarFile {
  const zone = english.spa.time_zone;
  const slug = english.spa.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'spa';

  return (booking) => {
    const content = contentFor(booking.guest.language);
    const texts = content.reminders.calendar;
    const values = sessionValues(content, booking);
    const start = new Date(booking.start);
    const calendar = ical({
      prodId: { company: content.spa.name, product: 'Spa Concierge', language: content.language.toUpperCase() },
      method: ICalCalendarMethod.PUBLISH,
      // No calendar-wide zone (the stamp stays UTC); the generator adds a VTIMEZONE for the event's.
      timezone: { name: null, generator: (tz) => vtimezone(tz, start) },
    });
    calendar.createEvent({
      id: `${booking.ref}@${slug}`,
      // TZDate carries the zone, so the wall clock written is the spa's, whatever the server's zone.
      start: new TZDate(start, zone),
      end: new TZDate(new Date(booking.end), zone),
      timezone: zone,
      stamp: now(),
      summary: fillTemplate(texts.summary, values),
      description: fillTemplate(texts.description, values),
      location: String(values.address),
    });
    return { fileName: `${slug}-${booking.ref}.ics`, content: calendar.toString(), caption: fillTemplate(texts.caption, values) };
  };
}

/**
 * A VTIMEZONE for the zone around an instant: one observance per offset change from the year before
 * to the year after (enough for an event in that year), or a single one for a zone without changes.
 */
export function vtimezone(zone: string, around: Date): string {
  const offsetAt = (ms: number) => tzOffset(zone, new Date(ms));
  const year = around.getUTCFullYear();
  const from = Date.UTC(year - 1, 0, 1);
  const to = Date.UTC(year + 2, 0, 1);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  let previous = offsetAt(from);
  for (let day = from + DAY_MS; day <= to; day += DAY_MS) {
    const offset = offsetAt(day);
    if (offset === previous) continue;
    // The change is within the last day: find its minute.
    let low = day - DAY_MS;
    let high = day;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetAt(middle) === previous) low = middle;
      else high = middle;
    }
    lines.push(...observance(offset > previous ? 'DAYLIGHT' : 'STANDARD', high, previous, offset));
    previous = offset;
  }
  if (lines.length === 2) lines.push(...observance('STANDARD', Date.UTC(1970, 0, 1), previous, previous, true));
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** One STANDARD or DAYLIGHT block: its onset is the local time just before the change. */
function observance(kind: 'STANDARD' | 'DAYLIGHT', at: number, fromMinutes: number, toMinutes: number, atIsLocal = false): string[] {
  const local = new Date(atIsLocal ? at : at + fromMinutes * MINUTE_MS).toISOString();
  const onset = `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}T${local.slice(11, 13)}${local.slice(14, 16)}00`;
  return [`BEGIN:${kind}`, `DTSTART:${onset}`, `TZOFFSETFROM:${utcOffset(fromMinutes)}`, `TZOFFSETTO:${utcOffset(toMinutes)}`, `END:${kind}`];
}

/** "+0700", "-0330". */
function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
