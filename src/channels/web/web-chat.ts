// The web chat channel: the chat page, the widget script for the spa's own site, and the messages
// API the page talks to. Transport only: a message in, the concierge's replies out.
//
// Languages: the page and the widget are served in the first language of the browser's
// Accept-Language that the bot speaks (English otherwise). Each message carries the browser's
// `navigator.languages`, which the concierge takes as the guest's language until the conversation
// has one of its own; each answer names the language its replies are in, and the page switches its
// labels to it (it was served with all of them), so a guest who types or picks another language
// gets the whole page in it from the next reply on, and after a reload.
//
// Messages outside a reply (a staff answer, a reminder) reach an open page through an event stream
// (message-stream.ts), or, where the browser cannot keep one open, when the page asks for them.
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Booking } from '../../booking/index.ts';
import { intentAction, type Concierge, type Logger, type Reply, type Turn } from '../../core/index.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../languages.ts';
// The file itself, not the store's index: the web chat needs no queue library to load.
import { createMemoryPendingMessages, type PendingMessages } from '../../store/pending-messages.ts';
import { calendarHref, registerCalendarDownload, trackNewBookings, type WebCalendar, type WebLink } from './calendar-links.ts';
import { createConversationIds, type ConversationIds } from './conversation-ids.ts';
import { acceptedLanguageTags, browserLanguageTags, guestLanguageTag, pageLanguage } from './guest-languages.ts';
import { describeProblems, MAX_TEXT_CHARS, messageBodySchema } from './message-body.ts';
import { DEFAULT_STREAM_OPTIONS, registerMessageStream, type MessageStreamOptions } from './message-stream.ts';
import { renderPages, TEMPLATE_FILES, type WebChatPage, type WebChatTexts } from './page.ts';
import { registerPendingMessages } from './pending-messages.ts';
import { createRateLimits, DEFAULT_RATE_LIMIT, type WebChatLimiters, type WebChatRateLimit } from './rate-limits.ts';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

// The page loads only its own files. No frame-ancestors: the spa's site shows it in the widget's frame.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
  vary: 'accept-language',
};

/** What the web chat needs. */
export interface WebChatOptions {
  concierge: Concierge;
  logger: Logger;
  /** The spa's name and the page's sentences in the default language, from content/; the other languages' come from the concierge's content. */
  page: WebChatPage;
  rateLimit?: Partial<WebChatRateLimit>;
  /** Shared rate limiters (Redis-backed across instances); in-memory ones from `rateLimit` otherwise. */
  limiters?: WebChatLimiters;
  /** Where messages wait for a guest who is not on the page; in this process's memory by default. */
  pending?: PendingMessages;
  /** How often the open page asks for waiting messages when it cannot keep a stream open, in seconds (30 by default). */
  pendingPollSeconds?: number;
  /** Limits of the open message streams, and how often a quiet one sends a keep-alive. */
  streams?: Partial<MessageStreamOptions>;
  /** Calendar files for bookings made in the web chat; without it no link is offered. */
  calendar?: WebCalendar;
  /** Issues and checks conversation ids; signed with a secret of this process by default. */
  conversationIds?: ConversationIds;
}

/** A reply as the page gets it: the text, the choices, and links (the calendar file under a confirmation). */
export type WebReply = Reply & { links?: WebLink[] };

/** The JSON answer of `POST /api/messages`. */
export interface MessagesResponse {
  conversationId: string;
  replies: WebReply[];
  /** The language the replies are in, when the concierge said (not for a guest asked to slow down). */
  language?: Language;
}

/**
 * Adds the chat page (`/`), its files, `/widget.js`, `POST /api/messages`, the messages waiting for
 * the page (`GET /api/messages/pending`, and live: `GET /api/messages/stream`) and, with `calendar`,
 * the bookings' calendar files.
 */
export async function registerWebChat(app: FastifyInstance, options: WebChatOptions): Promise<WebChat> {
  const { concierge } = options;
  const render = (page: WebChatPage) =>
    renderPages(PUBLIC_DIR, page.spaName, pageTexts({ page, concierge }), {
      greetingAction: intentAction('greeting'),
      maxTextChars: MAX_TEXT_CHARS,
      pendingPollMs: Math.round((options.pendingPollSeconds ?? 30) * 1000),
    });
  let pages = await render(options.page);
  // Its own scope, so the static files plugin stays out of other channels' way.
  await app.register(async (scope) => {
    const ids = options.conversationIds ?? createConversationIds();
    const limits = createRateLimits({ ...DEFAULT_RATE_LIMIT, ...options.rateLimit }, options.limiters);
    // JSON only: a text/plain body (which another site's form could send) is refused with a 415.
    scope.removeContentTypeParser('text/plain');
    await scope.register(fastifyStatic, {
      root: PUBLIC_DIR,
      wildcard: false,
      index: false,
      globIgnore: TEMPLATE_FILES,
      decorateReply: false,
      setHeaders: (res) => res.header('x-content-type-options', 'nosniff'),
    });

    const pending = options.pending ?? createMemoryPendingMessages();
    registerPendingMessages(scope, concierge, pending, toWire, ids);
    registerMessageStream(scope, pending, ids, options.logger, { ...DEFAULT_STREAM_OPTIONS, ...options.streams });
    const calendar = options.calendar;
    const newBookings = calendar ? trackNewBookings(scope, concierge) : () => [];
    if (calendar) registerCalendarDownload(scope, calendar);
    const offered = new Set(pages.chat.keys());
    /** The page's language for a request: the browser's first that the page is offered in. */
    const languageOf = (request: FastifyRequest) => pageLanguage(acceptedLanguageTags(request.headers['accept-language']), offered);
    /** The calendar link's text in the language of the replies it goes under. */
    const linkLabel = (language: Language | undefined) =>
      language && language !== DEFAULT_LANGUAGE ? concierge.contentFor(language).reminders.calendar.link_label : (calendar?.linkLabel ?? '');

    scope.get('/', (request, reply) => {
      const language = languageOf(request);
      return reply.type('text/html; charset=utf-8').headers({ ...PAGE_HEADERS, 'content-language': language }).send(pages.chat.get(language));
    });

    // Loaded by the spa's own site, so it is fetched cross-origin and cached a little (per language).
    scope.get('/widget.js', (request, reply) => {
      const language = languageOf(request);
      return reply
        .type('text/javascript; charset=utf-8')
        .headers({ 'cache-control': 'public, max-age=300', vary: 'accept-language', 'content-language': language, 'x-content-type-options': 'nosniff' })
        .send(pages.widget.get(language));
    });

    scope.post(
      '/api/messages',
      {
        // The address limit runs before the body is read, so a flood costs little.
        onRequest: async (request, reply) => {
          const check = await limits.address(request);
          if (check.kind === 'limited') return tooManyMessages(reply, check.retryAfterSeconds, 'from your address');
        },
      },
      async (request, reply) => {
        const parsed = messageBodySchema.safeParse(request.body);
        if (!parsed.success) return reply.code(400).send({ error: describeProblems(parsed.error) });
        const body = parsed.data;
        // No id, or one this server did not issue (a page from before signed ids, or a made-up one),
        // starts a new conversation under a new id, which the answer carries.
        const conversationId = body.conversationId && ids.isIssued(body.conversationId) ? body.conversationId : ids.issue();
        const check = await limits.conversation(conversationId);
        if (check.kind === 'limited') return tooManyMessages(reply, check.retryAfterSeconds, 'in this conversation');
        const input: Turn['input'] = body.text !== undefined ? { kind: 'text', text: body.text } : { kind: 'action', action: body.action ?? '' };
        const language = guestLanguageTag(browserLanguageTags(body.languages));
        const guest: Turn['guest'] = { id: conversationId, ...(language ? { language } : {}), ...(body.timeZone ? { timeZone: body.timeZone } : {}) };
        const turn: Turn = { channel: 'web', conversationId, guest, input };
        let replies: Reply[];
        let answeredIn: Language | undefined;
        let made: Booking[] = [];
        try {
          ({ replies, language: answeredIn } = await concierge.respond(turn));
        } catch (error) {
          // The one place a web chat failure is handled: the guest gets a kind reply, the log the detail.
          options.logger.error({ err: error, conversationId, requestId: request.id }, 'handling a web chat message failed');
          replies = concierge.errorReplies(language);
        } finally {
          made = newBookings(conversationId);
        }
        const wired = withCalendarLinks(replies.map(toWire), made, conversationId, linkLabel(answeredIn));
        const answer: MessagesResponse = { conversationId, replies: wired, ...(answeredIn ? { language: answeredIn } : {}) };
        return answer;
      },
    );
  });
  return {
    async refresh() {
      const content = concierge.contentFor(DEFAULT_LANGUAGE);
      pages = await render({ spaName: content.spa.name, texts: content.messages });
    },
  };
}

/** The web chat once registered. */
export interface WebChat {
  /** Renders the page and the widget again from the concierge's content (after a reload): the next request gets them. */
  refresh(): Promise<void>;
}

/** The page's sentences in each language the concierge speaks: the given ones for the default language. */
function pageTexts({ page, concierge }: Pick<WebChatOptions, 'page' | 'concierge'>): Map<Language, WebChatTexts> {
  // contentFor gives the default language's content for a language the concierge was not given.
  const spoken = LANGUAGES.filter((language) => language === DEFAULT_LANGUAGE || concierge.contentFor(language).language === language);
  return new Map(spoken.map((language) => [language, language === DEFAULT_LANGUAGE ? page.texts : concierge.contentFor(language).messages]));
}

/** Only what the page shows: the text, and the choices as label and action, with their group and whether one is the main choice. */
function toWire(reply: Reply): Reply {
  const choices = reply.choices?.map(({ label, action, group, primary }) => ({ label, action, ...(group ? { group } : {}), ...(primary ? { primary } : {}) }));
  return choices && choices.length > 0 ? { text: reply.text, choices } : { text: reply.text };
}

/** Adds the calendar link of each booking made in this turn under the reply that names it (else the last). */
function withCalendarLinks(replies: WebReply[], made: Booking[], conversationId: string, label: string): WebReply[] {
  for (const booking of made) {
    const at = replies.findIndex((r) => r.text.includes(booking.ref));
    const target = replies[at >= 0 ? at : replies.length - 1];
    if (target) target.links = [...(target.links ?? []), { label, href: calendarHref(booking.ref, conversationId) }];
  }
  return replies;
}

function tooManyMessages(reply: FastifyReply, retryAfterSeconds: number, where: string): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send({ error: `Too many messages ${where}: please wait ${retryAfterSeconds} seconds and try again.`, retryAfterSeconds });
}
