// The channel-neutral engine: a Turn in, Replies out.

// The concierge
export { createConcierge, type AnsweredTurn, type Concierge, type ConciergeDeps, type ReloadedContent } from './concierge.ts';

// Turns, replies and actions
export type { ChannelName, Guest, Turn, TurnInput, Choice, Reply } from './types.ts';
export { parseAction, intentAction, walkthroughAction, type ParsedAction } from './actions.ts';
export { cleanInput, MAX_INPUT_CHARS, type CleanInput } from './input.ts';

// State
export type { ConversationStore } from './conversation-store.ts';
export type { ConversationLock } from './conversation-lock.ts';
export { conversationKey, conversationStateSchema, type ConversationState } from './state.ts';
export { createKeyedQueue, type KeyedQueue } from './serial.ts';

// The staff desk
export { GUEST_NOTICES_GROUP, MAX_AVAILABILITY_DAYS, type StaffDesk, type DayAvailability, type DaySchedule, type TimeOffOutcome } from './staff/index.ts';

// Hand-over to a person, and messages to guests outside a reply
export type { HandoverEvent, RecentMessage } from './handover.ts';
export type { GuestOutbox, GuestSender } from './outbox.ts';
export type { EventHub, Listener } from './event-hub.ts';

// What the bot did not understand, for the staff's report
export { groupMissed, MISSED_KEPT_DAYS, type MissedGroup, type MissedMessage, type MissedMessages } from './missed-messages.ts';

// Metrics and flood protection
export type { TurnEvent } from './turn-events.ts';
export type { RateLimiter, RateDecision } from './rate-limit.ts';

// Errors and logging
export { ConciergeError, GuestInputError, ConfigError, ContentError, StoreError, PlatformError } from '../errors.ts';
export { silentLogger, type Logger } from './logger.ts';
export { withLogContext, currentLogContext, type LogContext } from './log-context.ts';

// Booking conversations and their events
export { startChangeReader, CHANGE_READER_DEFAULTS, type ChangeReader, type ChangeReaderOptions } from './booking-change-reader.ts';
export { createBookingEvents, type BookingEvent, type BookingEvents, type BookingListener, type BookingDesk } from './booking/index.ts';
