// The web chat: the chat page, the embeddable widget and the messages API.

// Registering the channel
export { registerWebChat, type WebChatOptions, type MessagesResponse, type WebReply } from './web-chat.ts';
export { createConversationIds, CONVERSATION_ID, type ConversationIds } from './conversation-ids.ts';
export { DEFAULT_RATE_LIMIT, type WebChatLimiters, type WebChatRateLimit } from './rate-limits.ts';
export type { WebChatPage, WebChatTexts } from './page.ts';

// The messages API's limits
export { MAX_TEXT_CHARS, MAX_ACTION_CHARS } from './message-body.ts';

// Messages that wait for the page (fetched, or live through the stream), and calendar files
export type { PendingResponse } from './pending-messages.ts';
export { DEFAULT_STREAM_OPTIONS, type MessageStreamOptions } from './message-stream.ts';
export { calendarHref, type WebCalendar, type WebLink } from './calendar-links.ts';
