import { App, type BlockButtonAction, type RespondFn } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import { ConfigError, PlatformError, type ChangeReaderOptions, type Concierge, type Logger } from '../../core/index.ts';
import type { HandoverThreads, SeenUpdates } from '../../store/index.ts';
import { ACTION, textMessage, withStatusLine, type Block, type SlackMessage } from './blocks.ts';
import { createBookingButtons, type ButtonOutcome } from './booking-buttons.ts';
import { createStaffCommands, type CommandAuthor } from './commands.ts';
import { createHandoverRelay } from './handover-relay.ts';
import { createSlackHttpReceiver } from './http-receiver.ts';
import { createBookingNotifier, STAFF_CHANNEL_GROUP } from './notifications.ts';
import { createStaffBoard } from './staff-board.ts';
import { registerStaffDialogs } from './staff-dialogs.ts';
import { createStaffDirectory } from './staff-directory.ts';
import { fill, type SlackTexts } from './texts.ts';
import { escapeForSlack } from './slack-text.ts';
import { boltLogger, DEFAULT_RETRY_POLICY, errorDetails, slackErrorCode, webClientRetry, type RetryPolicy } from './web-api.ts';

/** What the staff desk is built from. */
export interface StaffDeskOptions {
  /** The bot's token, `xoxb-…` (SLACK_BOT_TOKEN). */
  botToken: string;
  /** Verifies that requests come from Slack (SLACK_SIGNING_SECRET); needed in HTTP mode, unused in Socket Mode. */
  signingSecret?: string;
  /** An app-level token, `xapp-…` (SLACK_APP_TOKEN): Socket Mode instead of HTTP. */
  appToken?: string;
  /** Another Web API address, e.g. a fake in tests (SLACK_API_URL); Slack's own by default. */
  apiUrl?: string;
  /** The id of the channel for notifications and hand-overs (SLACK_STAFF_CHANNEL); its members are staff. */
  staffChannel: string;
  /** User ids who are staff without being in the channel (SLACK_STAFF_USERS). */
  staffUsers: string[];
  concierge: Concierge;
  /** Which thread belongs to which handed-over conversation (Redis when several instances run). */
  threads: HandoverThreads;
  /** Event ids and clicks already handled, so a retried delivery has its effect once. */
  seenEvents: SeenUpdates;
  logger: Logger;
  texts: SlackTexts;
  /** How failed Web API calls are retried; a few tries over about a minute by default. */
  retry?: RetryPolicy;
  /** How long the staff channel's member list is trusted (seconds, default 300). */
  staffCacheSeconds?: number;
  /** How the booking change log is read for the channel's posts (core's defaults: retried every 5 s, 10 tries). */
  bookingPosts?: Pick<ChangeReaderOptions, 'pollMs' | 'retryMs' | 'claimIdleMs' | 'maxAttempts'>;
  /** Told of each Web API call that failed (an HTTP error, `ok: false`, or no answer), e.g. for metrics. */
  onApiError?: (method: string) => void;
  /** Whether start-up tells the staff channel of sample settings in spa.yaml (default true). */
  announceSamples?: boolean;
  /** Whether the staff channel gets its scheduled posts: the day's schedule once the spa opens, and on Mondays what the bot missed (default true). */
  scheduledPosts?: boolean;
  /** How often the desk looks whether a scheduled post is due (ms, default a minute). */
  scheduleCheckMs?: number;
}

/** The running staff desk. */
export interface SlackStaffDesk {
  /** The Bolt app, for anything more a deployment needs. */
  app: App;
  /** HTTP mode: adds `POST /slack/events` to the project's server (does nothing in Socket Mode). */
  registerRoutes(fastify: FastifyInstance): void;
  /** Checks the token and the staff channel, connects (Socket Mode), and starts listening to the core. */
  start(): Promise<void>;
  /** Stops listening to the core and to Slack, and waits a little for posts under way. */
  stop(): Promise<void>;
  /** Takes the staff's wording read again from content/slack.yaml (after a reload), and redraws the Home tabs from the new content. */
  reload(texts: SlackTexts): void;
  /** Tells the staff channel that an edit to the content was refused, and why. */
  tellReloadRefused(problem: string): Promise<void>;
}

// Slack's answers when an ephemeral message cannot go where the command was typed (a DM the bot is not in).
const EPHEMERAL_ELSEWHERE = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel']);
const REFUSED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);
const REF = /^[A-Z0-9][A-Z0-9-]{2,19}$/;
const DRAIN_MS = 5000;

/** Where a staff member is, to answer them there. */
interface StaffTarget {
  user: string;
  channel: string | undefined;
  triggerId: string;
  respond: RespondFn;
}

/**
 * Creates the Slack staff desk: staff commands and buttons, booking notifications, and hand-overs in
 * threads. Transport only: the concierge's staff desk and hand-over do the work. Not started: see start().
 */
export function createStaffDesk(options: StaffDeskOptions): SlackStaffDesk {
  const { concierge, texts, logger, seenEvents, staffChannel } = options;
  if (!options.appToken && !options.signingSecret) {
    throw new ConfigError('SLACK_SIGNING_SECRET is needed to receive Slack requests over HTTP (or set SLACK_APP_TOKEN for Socket Mode).');
  }
  const receiver = options.appToken ? undefined : createSlackHttpReceiver({ signingSecret: options.signingSecret ?? '', logger });
  const app = new App({
    token: options.botToken,
    ...(options.appToken ? { appToken: options.appToken, socketMode: true } : { receiver }),
    logger: boltLogger(logger),
    // auth.test runs in start(), where a refused token can stop start-up with a clear message.
    deferInitialization: true,
    convoStore: false,
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      retryConfig: webClientRetry(options.retry ?? DEFAULT_RETRY_POLICY, logger),
      timeout: 15_000,
      ...(options.onApiError ? { fetch: fetchReportingErrors(options.onApiError) } : {}),
    },
  });
  const client = app.client;
  const staff = createStaffDirectory({ client, channel: staffChannel, users: options.staffUsers, logger, ...(options.staffCacheSeconds ? { cacheSeconds: options.staffCacheSeconds } : {}) });
  const commands = createStaffCommands(concierge, texts);
  const buttons = createBookingButtons(concierge, texts);
  const notify = createBookingNotifier({ client, channel: staffChannel, concierge, texts, logger });
  const relay = createHandoverRelay({ client, channel: staffChannel, concierge, threads: options.threads, staff, texts, logger });
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    const done = () => void pending.delete(work);
    work.then(done, done);
  };
  let unsubscribe: Array<() => void> = [];
  let postingBookings: { stop: () => Promise<void> } | undefined;

  /** Answers a staff member where only they see it: in the channel they are in, else through the response URL. */
  async function tell(target: StaffTarget, message: SlackMessage): Promise<void> {
    if (target.channel) {
      try {
        await client.chat.postEphemeral({ channel: target.channel, user: target.user, text: message.text, blocks: message.blocks });
        return;
      } catch (error) {
        const code = slackErrorCode(error);
        if (!code || !EPHEMERAL_ELSEWHERE.has(code)) throw error;
      }
    }
    await target.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  }

  /**
   * The edge of every command and button, after its ack: once per trigger (a second instance or a
   * retry does nothing), staff only, and any failure logged and answered with an apology.
   */
  async function asStaff(target: StaffTarget, work: () => Promise<SlackMessage | undefined>): Promise<void> {
    try {
      if (!(await seenEvents.firstTime(`slack:trigger:${target.triggerId}`))) {
        logger.info({ triggerId: target.triggerId }, 'Slack interaction delivered again; already handled');
        return;
      }
      if (!(await staff.isStaff(target.user))) {
        logger.info({ user: target.user }, 'someone not on the team used the staff desk');
        return await tell(target, textMessage(texts.refused));
      }
      const answer = await work();
      if (answer) await tell(target, answer);
    } catch (error) {
      logger.error({ ...errorDetails(error), user: target.user }, 'a staff command or button failed');
      await tell(target, textMessage(texts.error)).catch((sendError: unknown) => logger.error(errorDetails(sendError), 'the apology could not be sent to Slack either'));
    }
  }

  const staffName = async (user: string) => (await staff.displayName(user)) ?? texts.handover.staff_fallback_name;

  /** Shows what a button did under the message it was on: for everyone in the channel, or in the staff member's own copy. */
  async function markMessage(body: BlockButtonAction, respond: RespondFn, status: ButtonOutcome['status']): Promise<void> {
    const message = body.message;
    if (!status || !message || !Array.isArray(message.blocks)) return;
    const blocks = withStatusLine(message.blocks as Block[], status.line, status.keepButtons);
    try {
      if (body.container.is_ephemeral) await respond({ replace_original: true, text: message.text ?? '', blocks });
      else if (body.channel) await client.chat.update({ channel: body.channel.id, ts: message.ts, text: message.text ?? '', blocks });
    } catch (error) {
      // The booking changed already; only the line under the message is missing, so the answer still goes out.
      logger.warn(errorDetails(error), 'the booking message could not be updated in Slack');
    }
  }

  // A retried event (X-Slack-Retry-Num), or one that reached two instances, is handled once.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await seenEvents.firstTime(`slack:event:${eventId}`))) {
      logger.info({ eventId }, 'Slack event delivered again; already handled');
      return;
    }
    await next();
  });

  const board = createStaffBoard({ concierge, texts, client, staff, staffChannel, seenEvents, logger, track,
    ...(options.announceSamples === undefined ? {} : { announceSamples: options.announceSamples }),
    ...(options.scheduledPosts === undefined ? {} : { scheduledPosts: options.scheduledPosts }),
    ...(options.scheduleCheckMs === undefined ? {} : { scheduleCheckMs: options.scheduleCheckMs }),
  });
  const dialogs = registerStaffDialogs(app, { concierge, texts, client, staff, staffChannel, staffName, logger });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await board.opened(event.user).catch((error: unknown) => logger.warn(errorDetails(error), 'the Home tab could not be drawn'));
  });

  const slashCommands: Array<[string, (text: string, author: CommandAuthor) => Promise<SlackMessage | undefined>]> = [
    ['/availability', commands.availability],
    ['/bookings', commands.bookings],
    ['/booking', commands.booking],
    ['/missed', commands.missed],
    [
      '/book',
      async (text, author) => {
        // Nothing after it: the dialog whose times are the free ones.
        if (text.trim() || !concierge.staffDesk) return commands.book(text, author);
        await dialogs.openBook(author.commandId);
        return undefined;
      },
    ],
    [
      '/timeoff',
      async (text, author) => {
        const answer = await commands.timeoff(text, author);
        board.refresh();
        return answer;
      },
    ],
  ];
  for (const [name, run] of slashCommands) {
    app.command(name, async ({ command, ack, respond }) => {
      await ack();
      await asStaff({ user: command.user_id, channel: command.channel_id, triggerId: command.trigger_id, respond }, () =>
        run(command.text ?? '', { staffName: () => staffName(command.user_id), commandId: command.trigger_id }),
      );
    });
  }

  /** Registers a booking button: the ref comes from the button, the work after the ack. */
  const bookingButton = (actionId: string, press: (ref: string, user: string, body: BlockButtonAction, respond: RespondFn) => Promise<SlackMessage | undefined>) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const ref = (action.value ?? '').toUpperCase();
      await asStaff({ user: body.user.id, channel: body.channel?.id, triggerId: body.trigger_id, respond }, async () =>
        REF.test(ref) ? press(ref, body.user.id, body, respond) : textMessage(texts.booking.usage),
      );
    });
  bookingButton(ACTION.cancel, async (ref, user, body, respond) => {
    const outcome = await buttons.cancel(ref, await staffName(user));
    await markMessage(body, respond, outcome.status);
    return outcome.answer;
  });
  for (const attendance of ['arrived', 'no_show'] as const) {
    bookingButton(attendance === 'arrived' ? ACTION.arrived : ACTION.noShow, async (ref, user, body, respond) => {
      const outcome = await buttons.attendance(ref, attendance, await staffName(user));
      await markMessage(body, respond, outcome.status);
      return outcome.answer;
    });
  }
  bookingButton(ACTION.details, (ref) => buttons.details(ref));
  // Move: a dialog of the booking's free times; its submission moves it and tells the guest.
  bookingButton(ACTION.move, (ref, _user, body) => dialogs.openMove(ref, body.trigger_id));
  app.action<BlockButtonAction>(ACTION.handBack, async ({ ack, body, respond }) => {
    await ack();
    await asStaff({ user: body.user.id, channel: body.channel?.id, triggerId: body.trigger_id, respond }, async () =>
      body.channel && body.message ? relay.handBack(body.channel.id, body.message.ts) : undefined,
    );
  });

  // A staff member writing in a thread of the staff channel: a reply to a handed-over guest, if the thread is one.
  app.event('message', async ({ event }) => {
    const message = event as { subtype?: string; bot_id?: string; user?: string; channel: string; ts: string; thread_ts?: string; text?: string; files?: unknown[] };
    // A reply, also sent to the channel, or carrying files (whose text still goes to the guest).
    if (message.subtype && message.subtype !== 'thread_broadcast' && message.subtype !== 'file_share') return;
    if (message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    const hasFiles = message.subtype === 'file_share' || (message.files?.length ?? 0) > 0;
    await relay.staffReply({ channel: message.channel, threadTs: message.thread_ts, user: message.user, text: message.text ?? '', ...(hasFiles ? { hasFiles } : {}) });
  });

  // The edge for whatever a listener let through: logged, and the process goes on.
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    logger.error(errorDetails(original), 'the Slack staff desk failed while handling a request');
  });

  return {
    app,
    registerRoutes(fastify) {
      receiver?.register(fastify);
    },
    async start() {
      await checkSlack(app, staffChannel);
      if (options.appToken) await app.start();
      else await receiver?.start();
      // Bookings come from the store's change log, so that none is missed for a crash.
      postingBookings = concierge.followBookingChanges(
        STAFF_CHANNEL_GROUP,
        async (change) => {
          await notify(change);
          board.refresh();
        },
        { ...options.bookingPosts, logger },
      );
      unsubscribe = [concierge.handoverEvents.on((event) => void track(relay.handle(event)))];
      logger.info({ mode: options.appToken ? 'socket' : 'http', channel: staffChannel }, 'Slack staff desk started');
      await board.start();
    },
    reload(next) {
      replaceInPlace(texts, next);
      board.refresh();
    },
    async tellReloadRefused(problem) {
      await client.chat.postMessage({ channel: staffChannel, text: fill(texts.reload_refused, { problem: escapeForSlack(problem) }), mrkdwn: true, unfurl_links: false });
    },
    async stop() {
      board.stop();
      for (const off of unsubscribe) off();
      unsubscribe = [];
      await postingBookings?.stop();
      postingBookings = undefined;
      if (options.appToken) await app.stop().catch((error: unknown) => logger.warn(errorDetails(error), 'Socket Mode did not close cleanly'));
      else await receiver?.stop();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)));
      await Promise.race([Promise.allSettled([...pending]), late]);
      clearTimeout(timer);
      logger.info({ unfinished: pending.size }, 'Slack staff desk stopped');
    },
  };
}

/**
 * Writes `next`'s wording into `texts` key by key, keeping every nested object: the commands, buttons
 * and posts were given `texts` (or one of its parts) once, and read it each time they speak.
 */
function replaceInPlace(texts: object, next: object): void {
  const target = texts as Record<string, unknown>;
  for (const [key, value] of Object.entries(next)) {
    const held = target[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && held && typeof held === 'object' && !Array.isArray(held)) replaceInPlace(held, value as object);
    else target[key] = value;
  }
}

/** Checks the token (auth.test) and that the staff channel exists; what is wrong stops start-up with the setting to fix. */
async function checkSlack(app: App, staffChannel: string): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && REFUSED_TOKEN.has(code)) throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (${code}): set the bot token (xoxb-…) of the Slack app.`, { cause: error });
    throw new PlatformError(`Cannot reach the Slack Web API (SLACK_API_URL, or slack.com when unset): ${(error as Error).message}`, { cause: error });
  }
  try {
    await app.client.conversations.members({ channel: staffChannel, limit: 1 });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found' || code === 'not_in_channel') {
      throw new ConfigError(`Slack does not know SLACK_STAFF_CHANNEL=${staffChannel} (${code}): set the channel's id (C…), and invite the bot to a private channel.`, { cause: error });
    }
    throw new PlatformError(`Slack did not list the members of SLACK_STAFF_CHANNEL: ${(error as Error).message}`, { cause: error });
  }
}

/** `fetch` that reports each failed Web API call by its method name (every attempt, retries included). */
function fetchReportingErrors(onApiError: (method: string) => void): typeof fetch {
  return async (input, init) => {
    const method = new URL(input instanceof Request ? input.url : String(input)).pathname.split('/').pop() ?? '';
    try {
      const response = await fetch(input, init);
      if (!response.ok) onApiError(method);
      else if (response.headers.get('content-type')?.includes('application/json')) {
        const body = (await response.clone().json().catch(() => undefined)) as { ok?: unknown } | undefined;
        if (body?.ok === false) onApiError(method);
      }
      return response;
    } catch (error) {
      onApiError(method);
      throw error;
    }
  };
}
