// The only wiring point: config -> content and intents -> store -> core -> channels.
import { pino } from 'pino';
import { createClient } from 'redis';
import { runTerminalChat } from './channels/cli/terminal-chat.ts';
import { loadConfig, type Config } from './config.ts';
import { loadContent } from './content/index.ts';
import { ConfigError, createConcierge, type ConversationStore, type Logger } from './core/index.ts';
import { createUnderstanding, loadIntentDefinitions } from './nlu/index.ts';
import type { BookingStore } from './booking/index.ts';
import { createMemoryBookingStore, createMemoryStore, createRedisBookingStore, createRedisStore, type RedisClient } from './store/index.ts';

interface Stores {
  store: ConversationStore;
  bookings: BookingStore;
  close: () => Promise<void>;
}

async function openStores(config: Config, logger: Logger): Promise<Stores> {
  if (!config.REDIS_URL) {
    logger.warn({}, 'REDIS_URL is not set: conversations and bookings are kept in memory (one process, lost on restart)');
    return { store: createMemoryStore(), bookings: createMemoryBookingStore(), close: async () => {} };
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
  return { store: createRedisStore(client), bookings: createRedisBookingStore(client), close: async () => void (await client.close()) };
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
  const { store, bookings, close } = await openStores(config, logger);
  const concierge = createConcierge({
    content,
    understanding,
    store,
    bookings,
    stateTtlSeconds: config.STATE_TTL_SECONDS,
    confidenceThreshold: config.NLU_CONFIDENCE_THRESHOLD,
    logger,
  });

  // `npm run chat` (`--chat`) asks for the terminal chat; until the web chat exists `npm start`
  // opens it too, as there is no other channel yet.
  const interactive = Boolean(process.stdin.isTTY);
  if (interactive) process.stdout.write(`${content.spa.name} concierge: type a question, or a number to pick an option. Ctrl+D ends the chat.\n`);
  await runTerminalChat({ concierge, input: process.stdin, output: process.stdout, logger, interactive });
  await close();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Spa Concierge stopped: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
