// The only wiring point: config -> content and intents -> store -> core -> channels.
// `npm start` serves the web chat over HTTP; `npm run chat` (`--chat`) is the terminal chat.
// Channels and drivers are imported when a setting turns them on, so the terminal chat and a bot
// without Telegram, Slack or Redis do not spend start-up time loading them.
import type { FastifyInstance } from 'fastify';
import type { BookingStore } from './booking/index.ts';
import type { createCalendarFiles, MessageScheduler } from './reminders/index.ts';
import { loadConfig, type Config } from './config.ts';
import { readEnvFile } from './env-file.ts';
import { startContentReload } from './content-reload.ts';
import { fillTemplate, loadContentSet, sampleParts, type Content } from './content/index.ts';
import { keepParsedYamlIn, saveParsedYaml } from './parsed-yaml.ts';
import {
  ConciergeError,
  ConfigError,
  createConcierge,
  GUEST_NOTICES_GROUP,
  type Concierge,
  type ConversationLock,
  type ConversationStore,
  type Logger,
  type RateLimiter,
} from './core/index.ts';
import { createLogger } from './logging.ts';
import { createMetrics, type Metrics } from './metrics/index.ts';
import { loadUnderstandings } from './nlu/index.ts';
import { DEFAULT_LANGUAGE, LANGUAGES } from './languages.ts';
import type { HandoverThreads, PendingMessages, RateLimitSettings, RedisClient, SeenUpdates } from './store/index.ts';
import type { MissedMessages } from './core/index.ts';

interface Stores {
  store: ConversationStore;
  bookings: BookingStore;
  /** Platform updates already handled (Telegram, Slack), so a redelivery has its effect once. */
  seen: SeenUpdates;
  /** Messages waiting for web chat guests who are not on the page. */
  pending: PendingMessages;
  /** Orders a conversation's messages across instances (Redis only; one process needs none). */
  lock?: ConversationLock;
  /** Which Slack thread belongs to which handed-over conversation. */
  threads: HandoverThreads;
  /** What the bot did not understand, for the staff's report. */
  missed: MissedMessages;
  /** A message rate limiter: shared by every instance through Redis, or this process's own. */
  rateLimiter: (settings: RateLimitSettings) => RateLimiter;
  /** Whether the store answers now (for `/readyz`). */
  ready: () => Promise<boolean>;
  /** The secret web chat ids are signed with: WEB_ID_SECRET, else one kept in Redis for every instance; unset in memory, where the process makes its own. */
  webIdSecret?: string;
  close: () => Promise<void>;
}

async function openStores(config: Config, logger: Logger, metrics: Metrics): Promise<Stores> {
  if (!config.REDIS_URL) {
    logger.warn({}, 'REDIS_URL is not set: conversations and bookings are kept in memory (one process, lost on restart)');
    const [{ createMemoryStore }, { createMemoryBookingStore }, { createMemorySeenUpdates }, { createMemoryPendingMessages }, { createMemoryHandoverThreads }, { createMemoryRateLimiter }, { createMemoryMissedMessages }] =
      await Promise.all([
        import('./store/memory.ts'),
        import('./store/memory-bookings.ts'),
        import('./store/seen-updates.ts'),
        import('./store/pending-messages.ts'),
        import('./store/handover-threads.ts'),
        import('./store/rate-limiter.ts'),
        import('./store/missed-messages.ts'),
      ]);
    return {
      store: createMemoryStore(),
      bookings: createMemoryBookingStore(),
      seen: createMemorySeenUpdates(),
      pending: createMemoryPendingMessages(),
      threads: createMemoryHandoverThreads(),
      missed: createMemoryMissedMessages(),
      ...(config.WEB_ID_SECRET ? { webIdSecret: config.WEB_ID_SECRET } : {}),
      rateLimiter: createMemoryRateLimiter,
      ready: async () => true,
      close: async () => {},
    };
  }
  // Reconnect with backoff once running; the first connection gets a few tries, then start-up stops.
  // While Redis is away, commands fail at once (no offline queue). A Redis that stops answering
  // without closing the connection is noticed within a second: the socket is closed when nothing
  // comes back for that long (pings keep a quiet, healthy connection talking), which fails every
  // command on it. A command sent while the connection is being made again waits a second at most:
  // a turn makes a few, and the guest hears "having trouble" well within two seconds.
  const stores = await import('./store/index.ts');
  const { createRedisConversationLock } = await import('./store/redis-lock.ts');
  let connected = false;
  const client: RedisClient = stores.createRedisClient({
    url: config.REDIS_URL,
    disableOfflineQueue: true,
    commandOptions: { timeout: 1000 },
    pingInterval: 300,
    socket: {
      connectTimeout: 5000,
      socketTimeout: 1000,
      reconnectStrategy: (retries: number) => (!connected && retries >= 3 ? false : Math.min(100 * 2 ** retries, 2000)),
    },
  });
  // Without a listener node-redis treats connection errors as fatal; log them and let it reconnect.
  client.on('error', (error: Error) => {
    metrics.storeError();
    logger.error({ err: error }, 'Redis connection error');
  });
  try {
    await client.connect();
    connected = true;
  } catch (error) {
    throw new ConfigError(`Cannot reach Redis at REDIS_URL (${redactUrl(config.REDIS_URL)}): ${(error as Error).message}. Start Redis or fix REDIS_URL.`, { cause: error });
  }
  const prefix = config.REDIS_PREFIX;
  logger.info({ prefix }, 'conversation state is kept in Redis');
  // Its own connection, for what open web chat pages listen to: closed with the client.
  const pending = stores.createRedisPendingMessages(client, {
    prefix: `${prefix}pending:`,
    onSubscriberError: (error) => {
      metrics.storeError();
      logger.error({ err: error }, 'Redis connection error (web chat messages subscriber)');
    },
  });
  return {
    store: stores.createRedisStore(client, { prefix: `${prefix}conv:` }),
    bookings: stores.createRedisBookingStore(client, { prefix }),
    seen: stores.createRedisSeenUpdates(client, { prefix: `${prefix}seen:` }),
    pending,
    lock: createRedisConversationLock(client, { prefix: `${prefix}lock:` }),
    threads: stores.createRedisHandoverThreads(client, { prefix: `${prefix}slack-thread:` }),
    missed: stores.createRedisMissedMessages(client, { prefix }),
    rateLimiter: (settings) => stores.createRedisRateLimiter(client, { ...settings, prefix: prefix + settings.prefix }),
    // Not ready while reconnecting: a PING then would wait in the offline queue.
    ready: async () => client.isReady && (await client.ping()) === 'PONG',
    webIdSecret: config.WEB_ID_SECRET ?? (await stores.sharedSecret(client, `${prefix}web:id-secret`)),
    close: async () => {
      await pending.close();
      await client.close();
    },
  };
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Guests are told wherever a sample is shown; the spa must hear that it takes bookings against them. */
function warnOfSamples(content: Content, logger: Logger): void {
  const samples = sampleParts(content.spa);
  if (samples.length > 0) logger.warn({ samples }, `spa.yaml still has sample values (${samples.join(', ')}): set the spa's own and sample: false`);
}

async function main(): Promise<void> {
  const envFile = readEnvFile();
  const config = loadConfig();
  // Logs go to stderr so they never mix with the terminal chat on stdout.
  const logger = createLogger(config.LOG_LEVEL ?? 'warn', undefined, { messageText: config.LOG_MESSAGE_TEXT });
  if (envFile.read) logger.info({ file: envFile.read }, 'settings read from the environment and the settings file');
  const chatInTerminal = process.argv.includes('--chat');

  // Parsed content and phrasings are kept beside the models: a start reads them as JSON.
  keepParsedYamlIn(config.MODEL_CACHE_DIR);
  if (process.argv.includes('--prepare')) {
    // At build time: train the intent model once and keep it, so starts only load it.
    // Every language's model, so that no guest's first message waits for training.
    const understandings = await loadUnderstandings(config.INTENTS_DIR, { modelCacheDir: config.MODEL_CACHE_DIR, preload: LANGUAGES });
    const sources = await Promise.all(LANGUAGES.map(async (language) => (await understandings.of(language)).modelSource));
    if (sources.includes('trained-not-kept')) throw new ConfigError(`Cannot write the intent models to MODEL_CACHE_DIR (${config.MODEL_CACHE_DIR}).`);
    await loadContentSet(config.CONTENT_DIR);
    saveParsedYaml({ onlyRead: true });
    process.stdout.write(`Intent models (${LANGUAGES.join(', ')}) ${sources.every((s) => s === 'cache') ? 'already prepared' : 'trained and kept'} in ${config.MODEL_CACHE_DIR}\n`);
    return;
  }

  const [contents, understandings] = await Promise.all([
    loadContentSet(config.CONTENT_DIR),
    loadUnderstandings(config.INTENTS_DIR, { modelCacheDir: config.MODEL_CACHE_DIR }),
  ]);
  const content = contents[DEFAULT_LANGUAGE];
  const understanding = await understandings.of(DEFAULT_LANGUAGE);
  saveParsedYaml();
  logger.info({ model: understanding.modelSource }, 'intent model ready');
  warnOfSamples(content, logger);
  // The terminal chat has no /metrics: only the counters, none of the process's own gauges.
  const metrics = createMetrics({ intents: understanding.intents, collectDefaults: !chatInTerminal });
  const { store, bookings, seen, pending, lock, threads, missed, rateLimiter, ready, webIdSecret, close } = await openStores(config, logger, metrics);
  const concierge = createConcierge({
    content,
    understanding,
    languages: { content: contents, understandings },
    store,
    bookings,
    missed,
    ...(lock ? { lock } : {}),
    // The terminal chat is one person at a keyboard (or a piped file): no limit there.
    ...(chatInTerminal ? {} : { rateLimiter: rateLimiter({ points: config.GUEST_MESSAGES_PER_MINUTE, windowSeconds: 60, prefix: 'limit:guest' }) }),
    stateTtlSeconds: config.STATE_TTL_SECONDS,
    confidenceThreshold: config.NLU_CONFIDENCE_THRESHOLD,
    logger,
  });

  if (chatInTerminal) {
    const { runTerminalChat } = await import('./channels/cli/terminal-chat.ts');
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stdout.write(`${fillTemplate(content.messages.terminal_banner, { spa_name: content.spa.name })}\n`);
    await runTerminalChat({ concierge, input: process.stdin, output: process.stdout, logger, interactive });
    await close();
    return;
  }

  const [{ createHttpServer, listen }, { registerMetricsRoute }, { createConversationIds, registerWebChat }, { createCalendarFiles, followBookingChange, reminderSettingsFrom, REMINDERS_GROUP }] = await Promise.all([
    import('./http/index.ts'),
    import('./metrics/index.ts'),
    import('./channels/web/index.ts'),
    import('./reminders/index.ts'),
  ]);
  const app = createHttpServer({ logger, ready, trustProxyHops: config.TRUST_PROXY_HOPS });
  // /metrics on its own server when METRICS_PORT is set (with /healthz and /readyz, for probes there).
  const metricsApp = config.METRICS_PORT === undefined ? app : createHttpServer({ logger, ready });
  registerMetricsRoute(metricsApp, metrics, { ...(config.METRICS_TOKEN ? { token: config.METRICS_TOKEN } : {}) });
  const stopMetrics = metrics.observeConcierge(concierge);
  const calendarFile = createCalendarFiles(content, undefined, concierge.contentFor);
  const telegram = await startTelegram(config, { concierge, seen, logger, app, calendarFile, metrics, spaName: content.spa.name });
  const reminders = await createScheduler(config, { content, bookings, concierge, logger });
  const slackChannel = config.SLACK_BOT_TOKEN ? await import('./channels/slack/index.ts') : undefined;
  const slack = config.SLACK_BOT_TOKEN && slackChannel
    ? slackChannel.createStaffDesk({
        botToken: config.SLACK_BOT_TOKEN,
        ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
        ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
        ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
        staffChannel: config.SLACK_STAFF_CHANNEL ?? '',
        staffUsers: config.SLACK_STAFF_USERS,
        concierge,
        threads,
        seenEvents: seen,
        logger,
        texts: await slackChannel.loadSlackTexts(config.CONTENT_DIR),
        onApiError: (method) => metrics.platformError('slack', method),
      })
    : undefined;
  slack?.registerRoutes(app);
  // What must follow every booking, read from the store's change log (written with the booking):
  // a booking made just before a crash still gets its reminders and its post in the staff channel.
  const followers: Array<{ stop: () => Promise<void> }> = [];
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // A request that never finishes must not keep the process from stopping.
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      // The HTTP server stops taking requests at once (one arriving on an open keep-alive connection
      // is answered 503; every answer now carries Connection: close) and waits for those in flight
      // (src/http/server.ts). Meanwhile the change log's readers finish the change in hand (what is left
      // stays in the log for the next process); then the reminder worker, Telegram polling and the
      // staff desk stop side by side, each finishing what it is doing, while Telegram can still carry
      // their messages.
      reloading.stop();
      const httpClosed = Promise.all([app.close(), metricsApp === app ? undefined : metricsApp.close()]);
      await Promise.all(followers.map((follower) => follower.stop()));
      await Promise.all([reminders.stop(), telegram?.stop(), slack?.stop()]);
      await httpClosed;
      stopMetrics();
      await close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  const webChat = await registerWebChat(app, {
    concierge,
    logger,
    page: { spaName: content.spa.name, texts: content.messages },
    pending,
    limiters: { address: rateLimiter({ points: config.ADDRESS_MESSAGES_PER_MINUTE, windowSeconds: 60, prefix: 'limit:address' }) },
    calendar: { booking: (ref) => bookings.get(ref), file: calendarFile, linkLabel: content.reminders.calendar.link_label },
    conversationIds: createConversationIds(webIdSecret),
  });
  // Started once every channel has registered how to reach its guests; the staff desk's checks with
  // Slack and the reminder worker's connection to Redis go on at the same time.
  await Promise.all([slack?.start(), reminders.start()]);
  // (The staff desk follows the log for its own posts: see channels/slack/notifications.ts.)
  const reminderFollower = concierge.followBookingChanges(REMINDERS_GROUP, followBookingChange(reminders));
  if (reminderFollower) followers.push(reminderFollower);
  // What staff did to a booking, told to its guest (sent at once by the staff action; this sends what a failure or a crash left).
  // (Read from the concierge at each change: a reload of the content makes a new staff desk.)
  const noticeFollower = concierge.staffDesk && concierge.followBookingChanges(GUEST_NOTICES_GROUP, (change) => concierge.staffDesk!.guestNotice(change));
  if (noticeFollower) followers.push(noticeFollower);
  // An edit to content/ (SIGHUP, or saved with CONTENT_WATCH=1) is checked whole, then taken from the next message on.
  const reloading = startContentReload({
    dir: config.CONTENT_DIR,
    watch: config.CONTENT_WATCH,
    logger,
    load: () => Promise.all([loadContentSet(config.CONTENT_DIR), slackChannel?.loadSlackTexts(config.CONTENT_DIR)]),
    async apply([reloaded, slackTexts]) {
      concierge.reload({ content: reloaded[DEFAULT_LANGUAGE], languages: reloaded });
      reminders.useSettings(reminderSettingsFrom(reloaded[DEFAULT_LANGUAGE]));
      await webChat.refresh();
      if (slackTexts) slack?.reload(slackTexts);
      warnOfSamples(reloaded[DEFAULT_LANGUAGE], logger);
    },
    refused: async (problem) => slack?.tellReloadRefused(problem),
  });
  const url = await listen(app, { port: config.PORT, host: config.HOST });
  if (config.METRICS_PORT !== undefined) {
    const metricsUrl = await listen(metricsApp, { port: config.METRICS_PORT, host: config.HOST, portSetting: 'METRICS_PORT' });
    process.stdout.write(`Metrics for Prometheus: ${metricsUrl}/metrics\n`);
  }
  await telegram?.afterListen();
  process.stdout.write(`Spa Concierge is running: open ${url}\n`);
}

/**
 * Reminders and follow-ups: BullMQ jobs in Redis with REDIS_URL (any instance sends, each once),
 * else timers in this process. Each message is checked against the booking again before it goes.
 */
async function createScheduler(
  config: Config,
  deps: { content: Content; bookings: BookingStore; concierge: Concierge; logger: Logger },
): Promise<MessageScheduler> {
  const { content, bookings, concierge, logger } = deps;
  const { createReminderDelivery, reminderSettingsFrom } = await import('./reminders/index.ts');
  const settings = reminderSettingsFrom(content);
  const deliver = createReminderDelivery({ bookings, content, contentFor: concierge.contentFor, outbox: concierge.outbox, logger });
  if (config.REDIS_URL) {
    const { createBullmqScheduler } = await import('./store/bullmq-scheduler.ts');
    // BullMQ puts its own colon after the prefix.
    return createBullmqScheduler({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX.slice(0, -1), settings, deliver, logger });
  }
  const { createInProcessScheduler } = await import('./store/in-process-scheduler.ts');
  return createInProcessScheduler({ settings, deliver, now: () => new Date(), logger });
}

/** Telegram, when TELEGRAM_BOT_TOKEN is set: long polling, or a webhook on the HTTP server. */
async function startTelegram(
  config: Config,
  deps: { concierge: Concierge; seen: SeenUpdates; logger: Logger; app: FastifyInstance; calendarFile: ReturnType<typeof createCalendarFiles>; metrics: Metrics; spaName: string },
): Promise<{ afterListen: () => Promise<void>; stop: () => Promise<void> } | undefined> {
  if (!config.TELEGRAM_BOT_TOKEN) return undefined;
  const { concierge, seen: seenUpdates, logger, app, calendarFile, metrics } = deps;
  const { checkTelegramBot, commandMenusOf, createTelegramBot, loadTelegramTexts, registerCommands, registerDescriptions, registerTelegramWebhook, setTelegramWebhook, startLongPolling } =
    await import('./channels/telegram/index.ts');
  // Read once: the command menu, the descriptions and the reply keyboard's labels (share my phone).
  const texts = await loadTelegramTexts(config.CONTENT_DIR);
  const bot = createTelegramBot({
    token: config.TELEGRAM_BOT_TOKEN,
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
    concierge,
    seenUpdates,
    logger,
    calendarFile,
    texts,
  });
  // Counts each Bot API call that failed for good (installed outside the retries, so once per call).
  bot.api.config.use(async (call, method, payload, signal) => {
    try {
      const result = await call(method, payload, signal);
      if (!result.ok) metrics.platformError('telegram', method);
      return result;
    } catch (error) {
      metrics.platformError('telegram', method);
      throw error;
    }
  });
  // A refused token or an unreachable Telegram stops start-up here, with the setting to fix.
  await checkTelegramBot(bot);
  // The command menu, and what a guest sees before pressing Start, in every language.
  const register = async () => {
    await registerCommands(bot, commandMenusOf(texts));
    await registerDescriptions(bot, texts, deps.spaName);
  };
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  if (webhookUrl && secret) {
    registerTelegramWebhook(app, { bot, path: new URL(webhookUrl).pathname, secret });
    return {
      afterListen: async () => {
        await setTelegramWebhook(bot, webhookUrl, secret);
        await register();
        logger.info({}, 'Telegram: webhook set');
      },
      stop: async () => {},
    };
  }
  let polling: { stop: () => Promise<void> } | undefined;
  return {
    afterListen: async () => {
      polling = await startLongPolling(bot, logger);
      await register();
      logger.info({}, 'Telegram: long polling');
    },
    stop: async () => polling?.stop(),
  };
}

main().catch((error: unknown) => {
  // Our own errors say what to fix; anything else is a bug, shown with its stack.
  if (error instanceof ConciergeError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Spa Concierge stopped: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
