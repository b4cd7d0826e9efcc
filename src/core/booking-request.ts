import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { fillTemplate, type Messages } from '../content/index.ts';
import { findDateTimes, findDuration } from '../nlu/index.ts';

/** What a guest's booking message already says (when, for how long), in the spa's words; undefined when it says neither. */
export function describeBookingRequest(
  text: string,
  ref: { now: Date; timeZone: string },
  formats: Messages['formats'],
): string | undefined {
  const parts: string[] = [];
  const [when] = findDateTimes(text, ref);
  if (when) {
    const local = new TZDate(when.start, ref.timeZone);
    const day = format(local, formats.day);
    const time = format(local, formats.time);
    if (when.date && when.time) parts.push(fillTemplate(formats.day_and_time, { day, time }));
    else if (when.date) parts.push(when.period ? `${day}, ${when.period}` : day);
    else if (when.time) parts.push(time);
  }
  const duration = findDuration(text);
  if (duration) parts.push(fillTemplate(formats.duration, { minutes: duration.minutes }));
  return parts.length > 0 ? parts.join(', ') : undefined;
}
