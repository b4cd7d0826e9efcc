// Reminders and follow-ups: which messages a booking gets and when, what they say, how they are
// checked again before sending, and the calendar file. Pure: the schedulers that keep them (BullMQ,
// timers) live in src/store. Start reading here.

// ---- Settings and planning ----
export { reminderSettingsFrom, type ReminderSettings } from './settings.ts';
export { planMessages, endOfQuietHours, type PlannedMessage, type MessageKind } from './plan.ts';

// ---- The scheduler interface (implemented in src/store) ----
export {
  plannedMessageSchema,
  type MessageScheduler,
  type ScheduledMessage,
  type DeliverMessage,
  type DeliveryOutcome,
  type SkipReason,
} from './scheduler.ts';
export { followBookingChange, REMINDERS_GROUP } from './follow-bookings.ts';

// ---- Sending: the check at sending time, the texts, and the deliver function the wiring gives ----
export { checkStillDue, type DueCheck } from './due.ts';
export { createReminderTexts, type ReminderTexts } from './texts.ts';
export { createReminderDelivery, type ReminderDeliveryDeps } from './delivery.ts';

// ---- The calendar file offered with each confirmation ----
export { createCalendarFiles, vtimezone, type CalendarFile } from './calendar-file.ts';
