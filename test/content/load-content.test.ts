import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.ts';
import { ContentError } from '../../src/core/index.ts';
import { CONTENT_DIR } from '../helpers/bot.ts';

/** A copy of content/ with one file changed by `edit`. */
async function contentWith(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'content-'));
  await cp(CONTENT_DIR, dir, { recursive: true });
  await writeFile(join(dir, file), edit(await readFile(join(dir, file), 'utf8')));
  return dir;
}

describe('content/', () => {
  it('loads and carries the spa’s own facts', async () => {
    const content = await loadContent(CONTENT_DIR);
    expect(content.spa.name).toBe('L Spa');
    expect(content.spa.city).toBe('Da Nang');
    expect(content.spa.time_zone).toBe('Asia/Ho_Chi_Minh');
    expect(content.spa.services[0]?.durations_minutes).toEqual([30, 60]);
  });

  it('marks every detail the article does not give as a sample', async () => {
    const { spa } = await loadContent(CONTENT_DIR);
    expect(spa.address.sample).toBe(true);
    expect(spa.contact.sample).toBe(true);
    expect(spa.opening_hours.sample).toBe(true);
    expect(spa.services.every((s) => s.prices.sample)).toBe(true);
  });

  it('writes the sample marker after the values guests read while they are samples, and not once the spa sets sample: false', async () => {
    const { spa } = await loadContent(CONTENT_DIR);
    expect(spa.therapists.list.map((t) => t.name)).toEqual(['Mai (sample)', 'An (sample)']);
    expect(spa.address.value).toBe('00 Sample Street, Da Nang (sample)');
    const real = await contentWith('spa.yaml', (t) => t.replace(/^(therapists:\n\s+)sample: true/m, '$1sample: false').replace(/^(address:\n\s+)sample: true/m, '$1sample: false'));
    const own = (await loadContent(real)).spa;
    expect(own.therapists.list.map((t) => t.name)).toEqual(['Mai', 'An']);
    expect(own.address.value).toBe('00 Sample Street, Da Nang');
    expect(own.payment.value).toBe('Cash (VND) or card (sample)');
  });

  it.each([
    ['a missing message', 'messages.yaml', (t: string) => t.replace(/^fallback:.*$/m, ''), /messages\.yaml: fallback: /],
    ['a bad time zone', 'spa.yaml', (t: string) => t.replace('Asia/Ho_Chi_Minh', 'Mars/Olympus'), /spa\.yaml: time_zone: must be an IANA time zone/],
    ['a bad opening time', 'spa.yaml', (t: string) => t.replace('"09:00"', '"9am"'), /spa\.yaml: opening_hours\.days\.mon\.open: must be a time/],
    ['opening hours that open and close at once', 'spa.yaml', (t: string) => t.replace('mon: { open: "09:00", close: "21:00" }', 'mon: { open: "09:00", close: "09:00" }'), /spa\.yaml: opening_hours\.days\.mon: open and close must differ/],
    ['a follow-up to nowhere', 'knowledge.yaml', (t: string) => t.replace('follow_ups: [benefits,', 'follow_ups: [nowhere,'), /knowledge\.yaml: topics\.about\.massage\.follow_ups: "nowhere"/],
    ['an unknown placeholder', 'knowledge.yaml', (t: string) => t.replace('{address}', '{secret}'), /unknown placeholder \{secret\}/],
    ['broken YAML', 'health.yaml', () => 'terms: [unclosed', /health\.yaml: is not valid YAML/],
    ['an unknown placeholder in a reminder', 'reminders.yaml', (t: string) => t.replace('at {time}!', 'at {clock}!'), /reminders\.yaml: reminder: unknown placeholder \{clock\}/],
    ['reminder quiet hours that are not times', 'spa.yaml', (t: string) => t.replace('end: "08:00"', 'end: "8am"'), /spa\.yaml: reminders\.quiet_hours\.end: must be a time/],
    ['a phone that is no number', 'spa.yaml', (t: string) => t.replace('phone: "+84 000 000 000"', 'phone: "call us"'), /spa\.yaml: contact\.phone: must be a phone number guests can call, written with its country code/],
    ['a real phone not in use', 'spa.yaml', (t: string) => t.replace(/contact:\n(\s+)sample: true/, 'contact:\n$1sample: false'), /spa\.yaml: contact\.phone: must be a phone number guests can call/],
    ['two therapists with one id', 'spa.yaml', (t: string) => t.replace('{ id: an,', '{ id: mai,'), /spa\.yaml: therapists\.list\.1\.id: "mai" is the id of another therapist too/],
    ['a price for a length not offered', 'spa.yaml', (t: string) => t.replace('"60": 600000', '"90": 600000'), /spa\.yaml: services\.0\.prices\.by_duration\.90: is a price for 90 minutes, which durations_minutes does not offer \(30, 60\)/],
  ])('stops with the file, the field and what is wrong for %s', async (_, file, edit, message) => {
    const dir = await contentWith(file, edit);
    const error = await loadContent(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toMatch(message);
  });
});
