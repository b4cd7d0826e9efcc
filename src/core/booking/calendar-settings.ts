import type { CalendarSettings } from '../../booking/index.ts';
import type { Content } from '../../content/index.ts';

/** The booking engine's calendar rules, from the spa's settings in content/spa.yaml. */
export function calendarSettingsFrom(content: Content): CalendarSettings {
  const { spa } = content;
  const service = spa.services[0];
  return {
    timeZone: spa.time_zone,
    openingHours: spa.opening_hours.days,
    closedDates: spa.booking.closed_dates,
    therapists: spa.therapists.list,
    rooms: spa.booking.rooms,
    durations: service?.durations_minutes ?? [],
    slotStepMinutes: spa.booking.slot_step_minutes,
    bufferMinutes: spa.booking.buffer_minutes,
    minNoticeMinutes: spa.booking.min_notice_minutes,
    horizonDays: spa.booking.horizon_days,
    holdMinutes: spa.booking.hold_minutes,
    freeCancellationHours: spa.booking.free_cancellation_hours,
    maxUpcomingPerGuest: spa.booking.max_upcoming_per_guest,
  };
}
