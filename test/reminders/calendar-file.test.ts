// The calendar file offered with each confirmation: parsed back line by line, it carries the session's
// time in the spa's zone (TZID and a matching VTIMEZONE), the address and the booking reference.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent, type Content } from '../../src/content/index.ts';
import { createCalendarFiles, vtimezone } from '../../src/reminders/index.ts';
import { CONTENT_DIR } from '../helpers/bot.ts';
import { bookingAt, DST_ZONE, vn } from './fixtures.ts';

let content: Content;
beforeAll(async () => {
  content = await loadContent(CONTENT_DIR);
});

/** The content lines of an iCalendar text: CRLF-separated, folded lines joined back. */
function unfold(ics: string): string[] {
  expect(ics).not.toMatch(/[^\r]\n/);
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
}

/** The properties of the first component named `name`, as [name with parameters, value]. */
function component(lines: string[], name: string): Array<[string, string]> {
  const start = lines.indexOf(`BEGIN:${name}`);
  const end = lines.indexOf(`END:${name}`, start);
  expect(start, `BEGIN:${name}`).toBeGreaterThanOrEqual(0);
  return lines.slice(start + 1, end).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1)];
  });
}
const value = (props: Array<[string, string]>, name: string) => props.find(([key]) => key === name)?.[1];

describe('the calendar file of a booking', () => {
  it('parses, and carries the start and end in the spa’s zone, the address and the reference', () => {
    const file = createCalendarFiles(content, () => vn('2026-11-26 09:00'))(bookingAt(vn('2026-11-27 15:00'), 60));
    expect(file.fileName).toBe('l-spa-LS-7K3Q.ics');
    const lines = unfold(file.content);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');

    const event = component(lines, 'VEVENT');
    expect(value(event, 'DTSTART;TZID=Asia/Ho_Chi_Minh')).toBe('20261127T150000');
    expect(value(event, 'DTEND;TZID=Asia/Ho_Chi_Minh')).toBe('20261127T160000');
    expect(value(event, 'UID')).toBe('LS-7K3Q@l-spa');
    expect(value(event, 'DTSTAMP')).toBe('20261126T020000Z');
    expect(value(event, 'SUMMARY')).toBe('Upper back massage at L Spa');
    expect(value(event, 'LOCATION')).toBe('00 Sample Street\\, Da Nang (sample)');
    expect(value(event, 'DESCRIPTION')).toMatch(/LS-7K3Q \(60 minutes\)/);

    const zone = component(lines, 'VTIMEZONE');
    expect(value(zone, 'TZID')).toBe('Asia/Ho_Chi_Minh');
    expect(value(zone, 'TZOFFSETTO')).toBe('+0700');
    expect(value(zone, 'TZOFFSETFROM')).toBe('+0700');
    expect(file.caption).toMatch(/LS-7K3Q/);
  });

  it('writes the spa’s wall clock whatever the server’s own zone is', () => {
    const build = () => createCalendarFiles(content, () => vn('2026-11-26 09:00'))(bookingAt(vn('2026-11-27 15:00'))).content;
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const inNewYork = build();
      process.env.TZ = 'UTC';
      expect(build()).toBe(inNewYork);
      expect(inNewYork).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20261127T150000');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('describes a zone with daylight saving: the changes around the session’s year', () => {
    const berlin: Content = { ...content, spa: { ...content.spa, time_zone: DST_ZONE } };
    const file = createCalendarFiles(berlin)(bookingAt(new Date('2026-07-01T15:00:00+02:00')));
    const lines = unfold(file.content);
    expect(value(component(lines, 'VEVENT'), `DTSTART;TZID=${DST_ZONE}`)).toBe('20260701T150000');
    const zone = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1).join('\n');
    expect(zone).toContain('BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT');
    expect(zone).toContain('BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD');
    // The year before is there too, so a session early in the year has a rule that covers it.
    expect(zone).toContain('DTSTART:20251026T030000');
  });

  it('writes one observance for a zone that never changes', () => {
    expect(vtimezone('Asia/Ho_Chi_Minh', new Date('2026-01-01T00:00:00Z')).split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Ho_Chi_Minh',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0700',
      'TZOFFSETTO:+0700',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });
});
