import type { Content } from '../content/index.ts';

/** When the messages around a booking are sent: content/spa.yaml `reminders`, in the spa's zone. */
export interface ReminderSettings {
  /** IANA zone of the spa; quiet hours are wall-clock times in it. */
  timeZone: string;
  /** Each reminder's lead time before the session starts, in minutes (e.g. [1440, 120]). */
  beforeMinutes: number[];
  /** How long after the session ends the follow-up goes out, in minutes. */
  followUpAfterMinutes: number;
  /** Nothing is sent from `start` to `end` ("HH:mm"); an `end` before `start` spans midnight. */
  quietHours: { start: string; end: string };
}

/** The reminder settings from the spa's content. */
export function reminderSettingsFrom(content: Content): ReminderSettings {
  const { reminders, time_zone } = content.spa;
  return {
    timeZone: time_zone,
    beforeMinutes: reminders.before_minutes,
    followUpAfterMinutes: reminders.follow_up_after_minutes,
    quietHours: reminders.quiet_hours,
  };
}
