// Entities in guest messages: when, for how long, and how to reach the guest.

// Dates and times
export { findDateTimes, type CalendarDate, type ClockTime, type DayPeriod, type DateTimeMention, type DateReference } from './dates/index.ts';

// Session length
export { findDuration, type DurationMention } from './durations.ts';

// Contact details
export { findPhone, findEmail, findName, type CountryCode } from './contact.ts';
