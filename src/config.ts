import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** A whole number in a range, e.g. `wholeNumber('a port number', 0, 65535)`; every refusal says what to set. */
function wholeNumber(description: string, min: number, max: number) {
  const what = `must be ${description} from ${min} to ${max}`;
  return z.coerce.number({ error: what }).int({ error: what }).min(min, what).max(max, what);
}

const envSchema = z.object({
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
    .optional(),
  // Every key the bot writes starts with this, so two deployments (or the tests) can share a Redis.
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,60}:$/, 'must be a short name ending in a colon, e.g. spa: or lspa-staging:')
    .default('spa:'),
  STATE_TTL_SECONDS: wholeNumber('a number of seconds', 60, 30 * 24 * 3600).default(24 * 3600),
  NLU_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  // Signs web chat conversation ids; without it, kept in Redis (REDIS_URL) or made per process.
  WEB_ID_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  // What guests wrote, in debug lines: off unless asked for (it may hold names and phone numbers).
  LOG_MESSAGE_TEXT: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  // Reads the content again when a file under CONTENT_DIR changes (SIGHUP always does).
  CONTENT_WATCH: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  // 0 picks any free port.
  PORT: wholeNumber('a port number', 0, 65535).default(3000),
  // Loopback by default, so a local run is reachable from this machine only. A container or a
  // server behind a proxy sets HOST=0.0.0.0 (the Dockerfile does).
  HOST: z
    .string()
    .regex(/^[\w.:-]+$/, 'must be an address to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::')
    .default('127.0.0.1'),
  // Behind a reverse proxy or load balancer: how many proxies in front of the bot to trust for the
  // client's address (X-Forwarded-For). 0 uses the socket's address.
  TRUST_PROXY_HOPS: wholeNumber('a number of proxies', 0, 10).default(0),
  // Prometheus's GET /metrics: on its own port when METRICS_PORT is set (and then not on PORT), so
  // only the port the proxy forwards is public; behind a bearer token when METRICS_TOKEN is set.
  METRICS_PORT: wholeNumber('a port number', 0, 65535).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,200}$/, 'must be 16 to 200 characters without spaces, e.g. a random string from `openssl rand -hex 24`')
    .optional(),
  CONTENT_DIR: z.string().min(1).default(`${projectRoot}content`),
  INTENTS_DIR: z.string().min(1).default(`${projectRoot}intents`),
  // Where the trained intent model is kept between starts (`npm run build` fills it).
  MODEL_CACHE_DIR: z.string().min(1).default(`${projectRoot}.cache`),
  // Flood protection: messages one guest (any channel) and one address (web chat) may send a minute.
  GUEST_MESSAGES_PER_MINUTE: wholeNumber('a number of messages', 1, 10_000).default(30),
  ADDRESS_MESSAGES_PER_MINUTE: wholeNumber('a number of messages', 1, 100_000).default(120),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'must be the token @BotFather gave you, like 123456:ABC-def').optional(),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of a Bot API server' }).optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be the https URL Telegram should post updates to' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1 to 256 letters, digits, _ or -')
    .optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-[\w-]+$/, 'must be the bot token of the Slack app (xoxb-...)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, 'must be the Slack app signing secret').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-[\w-]+$/, 'must be an app-level token (xapp-...) for Socket Mode').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /api/' }).optional(),
  SLACK_STAFF_CHANNEL: z.string().regex(/^[CG][A-Z0-9]+$/, 'must be the channel id (like C0123456789), not its #name').optional(),
  SLACK_STAFF_USERS: z
    .string()
    .transform((list) => list.split(',').map((u) => u.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user ids like U0123456789, comma-separated')))
    .default([]),
}).superRefine((env, issues) => {
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    issues.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: `must differ from PORT (${env.PORT}), or be left unset to serve /metrics on PORT` });
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_STAFF_CHANNEL) {
    issues.addIssue({ code: 'custom', path: ['SLACK_STAFF_CHANNEL'], message: 'is required with SLACK_BOT_TOKEN (the id of the staff channel)' });
  }
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    issues.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)' });
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    issues.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required with TELEGRAM_WEBHOOK_URL (1 to 256 letters, digits, _ or -)' });
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN) {
    issues.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is required with TELEGRAM_WEBHOOK_URL' });
  }
});

/** Every setting, parsed once at start-up. */
export type Config = z.infer<typeof envSchema>;

/** The names of every setting (for `.env.example` and the README's table to be checked against). */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

/** Parses the environment; every problem is listed at once, each with the variable to set. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid settings:\n${problems.join('\n')}`);
}
