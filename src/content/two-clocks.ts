// Times as guests read them: the spa's clock, named, and the guest's own beside it when their device is
// on another zone. A tourist whose phone still shows Seoul or Moscow time can tell what "15:00" means.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { dateLocale } from './date-locale.ts';
import { isTimeZone, type Content } from './schema.ts';
import { spaCity } from './spa-facts.ts';
import { fillTemplate } from './template.ts';

/** Checked zones, so a guest's zone is looked up once per process. */
const knownZones = new Map<string, boolean>();

/** Whether `zone` is a zone this runtime knows; anything else a channel passed on is ignored. */
export function isKnownTimeZone(zone: string | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  let known = knownZones.get(zone);
  if (known === undefined) {
    known = isTimeZone(zone);
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

/**
 * `shown` (a time as the spa's clock shows it, e.g. "Thursday 3 December at 15:00") with the clocks
 * named: "… Da Nang time", and "… (17:00 your time)" when the guest's zone shows another time then
 * (with the weekday when it is another day there). An unknown guest zone is left out, never guessed.
 */
export function withClocks(content: Content, shown: string, instant: Date, guestZone?: string): string {
  const texts = content.booking;
  // Only the city: every time shown passes here, and the other facts (hours, services) cost a build each.
  const city = spaCity(content);
  const guest = isKnownTimeZone(guestZone) ? guestClock(content, instant, guestZone) : undefined;
  return fillTemplate(guest ? texts.clocks.both : texts.clocks.spa, { when: shown, city, guest: guest ?? '' });
}

/** The guest's own clock at `instant`, or undefined when it shows what the spa's shows. */
function guestClock(content: Content, instant: Date, guestZone: string): string | undefined {
  const wall = (zone: string) => format(new TZDate(instant, zone), 'yyyy-MM-dd HH:mm');
  const spa = wall(content.spa.time_zone);
  const theirs = wall(guestZone);
  if (spa === theirs) return undefined;
  const sameDay = spa.slice(0, 10) === theirs.slice(0, 10);
  const pattern = sameDay ? content.booking.formats.guest_time : content.booking.formats.guest_other_day;
  return format(new TZDate(instant, guestZone), pattern, { locale: dateLocale(content.language) });
}
