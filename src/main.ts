// The only wiring point: config -> content and intents -> store -> core -> channels.
// `npm start` serves the web chat over HTTP; `npm run chat` (`--chat`) is the terminal chat.
import { pino } from 'pino';
import { createClient } from 'redis';
import { runTerminalChat } from './channels/cli/terminal-chat.ts';
import { registerWebChat } from './channels/web/index.ts';
import { loadConfig, type Config } from './config.ts';
import { loadContent } from './content/index.ts';
import { ConfigError, createConcierge, type ConversationStore, type Logger } from './core/index.ts';
import { createHttpServer, listen } from './http/index.ts';
import { createUnderstanding, loadIntentDefinitions } from './nlu/index.ts';
import type { BookingStore } from './booking/index.ts';
import { createMemoryBookingStore, createMemoryStore, createRedisBookingStore, createRedisStore, type RedisClient } from './store/index.ts';

interface Stores {
  store: ConversationStore;
  bookings: BookingStore;
  /** Whether the store answers now (for `/readyz`). */
  ready: () => Promise<boolean>;
  close: () => Promise<void>;
}

async function openStores(config: Config, logger: Logger): Promise<Stores> {
  if (!config.REDIS_URL) {
    logger.warn({}, 'REDIS_URL is not set: conversations and bookings are kept in memory (one process, lost on restart)');
    return { store: createMemoryStore(), bookings: createMemoryBookingStore(), ready: async () => true, close: async () => {} };
  }
  // Reconnect with backoff once running; the first connection gets a few tries, then start-up stops.
  let connected = false;
  const client: RedisClient = createClient({
    url: config.REDIS_URL,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number) => (!connected && retries >= 3 ? false : Math.min(200 * 2 ** retries, 5000)),
    },
  });
  // Without a listener node-redis treats connection errors as fatal; log them and let it reconnect.
  client.on('error', (error: Error) => logger.error({ err: error }, 'Redis connection error'));
  try {
    await client.connect();
    connected = true;
  } catch (error) {
    throw new ConfigError(`Cannot reach Redis at REDIS_URL (${redactUrl(config.REDIS_URL)}): ${(error as Error).message}. Start Redis or fix REDIS_URL.`, { cause: error });
  }
  logger.info({}, 'conversation state is kept in Redis');
  return {
    store: createRedisStore(client),
    bookings: createRedisBookingStore(client),
    // Not ready while reconnecting: a PING then would wait in the offline queue.
    ready: async () => client.isReady && (await client.ping()) === 'PONG',
    close: async () => void (await client.close()),
  };
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Logs go to stderr so they never mix with the terminal chat on stdout.
  const logger = pino({ level: config.LOG_LEVEL ?? 'warn' }, pino.destination(2));

  const [content, definitions] = await Promise.all([loadContent(config.CONTENT_DIR), loadIntentDefinitions(config.INTENTS_DIR)]);
  const understanding = await createUnderstanding(definitions);
  const { store, bookings, ready, close } = await openStores(config, logger);
  const concierge = createConcierge({
    content,
    understanding,
    store,
    bookings,
    stateTtlSeconds: config.STATE_TTL_SECONDS,
    confidenceThreshold: config.NLU_CONFIDENCE_THRESHOLD,
    logger,
  });

  if (process.argv.includes('--chat')) {
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stdout.write(`${content.spa.name} concierge: type a question, or a number to pick an option. Ctrl+D ends the chat.\n`);
    await runTerminalChat({ concierge, input: process.stdin, output: process.stdout, logger, interactive });
    await close();
    return;
  }

  const app = createHttpServer({ logger, ready });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // A request that never finishes must not keep the process from stopping.
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));

  await registerWebChat(app, { concierge, logger, page: { spaName: content.spa.name, texts: content.messages } });
  const url = await listen(app, { port: config.PORT, host: config.HOST });
  process.stdout.write(`Spa Concierge is running: open ${url}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Spa Concierge stopped: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
