// The guest's clock where the channel cannot tell it (Telegram sends no time zone): asked once, as the
// time their phone shows now, and turned into a zone of the same offset. A zone stands for an offset
// only for the days around the booking; that is all the two clocks are shown for.

const MINUTES_A_DAY = 1440;
// Offsets in use run from UTC-12 to UTC+14; a guest's typing is read to the nearest quarter hour.
const WEST_MOST = -12 * 60;
const EAST_MOST = 14 * 60;
const QUARTER_HOUR = 15;

// Offsets that are not whole hours, each with a zone that keeps it all year.
const PART_HOUR_ZONES: Readonly<Record<number, string>> = {
  [-9 * 60 - 30]: 'Pacific/Marquesas',
  [-3 * 60 - 30]: 'America/St_Johns',
  [3 * 60 + 30]: 'Asia/Tehran',
  [4 * 60 + 30]: 'Asia/Kabul',
  [5 * 60 + 30]: 'Asia/Kolkata',
  [5 * 60 + 45]: 'Asia/Kathmandu',
  [6 * 60 + 30]: 'Asia/Yangon',
  [8 * 60 + 45]: 'Australia/Eucla',
  [9 * 60 + 30]: 'Australia/Darwin',
  [10 * 60 + 30]: 'Australia/Lord_Howe',
  [12 * 60 + 45]: 'Pacific/Chatham',
};

/**
 * The zone whose clock shows `localMinutes` (minutes after midnight) at `now`; undefined when no zone
 * in use does. Whole hours are the Etc/GMT zones, whose sign is the other way round ("Etc/GMT-9" is UTC+9).
 */
export function zoneShowing(localMinutes: number, now: Date): string | undefined {
  if (!Number.isInteger(localMinutes) || localMinutes < 0 || localMinutes >= MINUTES_A_DAY) return undefined;
  const utcMinutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  let offset = Math.round((localMinutes - utcMinutes) / QUARTER_HOUR) * QUARTER_HOUR;
  // The guest's day may be the day before or after UTC's: the offset nearest to zero of the two readings.
  if (offset > EAST_MOST) offset -= MINUTES_A_DAY;
  if (offset < WEST_MOST) offset += MINUTES_A_DAY;
  if (offset > EAST_MOST || offset < WEST_MOST) return undefined;
  if (offset === 0) return 'Etc/UTC';
  if (offset % 60 === 0) return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset) / 60}`;
  return PART_HOUR_ZONES[offset];
}
