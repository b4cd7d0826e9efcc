// Start-up time and resident memory of the real bot process with every channel on: the web chat,
// Telegram long polling against a fake Bot API, the Slack staff desk in HTTP mode against a fake Web
// API, and Redis. Targets: ready within 2 s of being started; under 150 MB after 10,000 messages.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_BOT as SLACK_BOT, startFakeSlack, type FakeSlack } from '../test/helpers/fake-slack.ts';
import { startFakeTelegram, type FakeTelegram } from '../test/helpers/fake-telegram.ts';
import { COMPILED, PROJECT_ROOT, SOURCES, productionLaunch, startBot, type LaunchMode, type ResidentMemory } from './bot-process.ts';
import { removeLoadKeys, sendGuestLoad, type LoadResult } from './guest-load.ts';

const TARGET_READY_MS = 2000;
const TARGET_RESIDENT_BYTES = 150e6;
const STAFF = { channel: 'C0BENCHDESK', user: 'U0BENCHSTAFF', signingSecret: 'bench-signing-secret-5f3a9c' };
const SLACK_TOKEN = 'xoxb-1-2-benchstartup';
const MODEL_CACHE_DIR = join(PROJECT_ROOT, '.cache');

/** One timed start: when the bot was ready, and when the fake platforms first heard from it. */
interface StartRun {
  readyMs: number;
  /** CPU time the process had used by then: what the start costs, less the waiting for a busy machine. */
  cpuMs: number;
  /** Milliseconds from spawn to the first Telegram call (getMe), Slack call (auth.test) and getUpdates. */
  telegramMs?: number;
  slackMs?: number;
  pollingMs?: number;
  shutdown: { code: number | null; ms: number };
}

interface Platforms {
  telegram: FakeTelegram;
  slack: FakeSlack;
}

/** The settings that turn every channel on, pointed at the fakes. */
function everyChannel(platforms: Platforms, redisUrl: string): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    TELEGRAM_BOT_TOKEN: '7000001:bench-startup',
    TELEGRAM_API_ROOT: platforms.telegram.apiRoot,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: STAFF.signingSecret,
    SLACK_API_URL: platforms.slack.apiUrl,
    SLACK_STAFF_CHANNEL: STAFF.channel,
    // 10,000 messages in a minute or two: far over the guest limits a person is held to.
    GUEST_MESSAGES_PER_MINUTE: '10000',
    ADDRESS_MESSAGES_PER_MINUTE: '100000',
    // Web chat guests come through a proxy, each from their own address (X-Forwarded-For).
    TRUST_PROXY_HOPS: '1',
    STATE_TTL_SECONDS: '600',
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from the bot's spawn to the first call to `method` the fake recorded after `from`. */
function firstCallMs(calls: Array<{ method: string; at: number }>, from: number, method: string, spawnedAt: number): number | undefined {
  const call = calls.slice(from).find((c) => c.method === method);
  return call ? call.at - spawnedAt : undefined;
}

/** Waits (2 s at most) until the bot fetches Telegram updates: a start is complete when it polls. */
async function untilPolling(platforms: Platforms, from: number): Promise<void> {
  for (let waited = 0; waited < 2000 && !platforms.telegram.calls.slice(from).some((c) => c.method === 'getUpdates'); waited += 10) await sleep(10);
}

/** Starts the bot, waits until it is ready and polling, then stops it. */
async function timedStart(mode: LaunchMode, env: Record<string, string>, platforms: Platforms): Promise<StartRun> {
  const telegramFrom = platforms.telegram.calls.length;
  const slackFrom = platforms.slack.calls.length;
  const bot = await startBot(mode, env);
  await untilPolling(platforms, telegramFrom);
  const stopped = await bot.stop();
  if (stopped.code !== 0) throw new Error(`the bot exited with ${stopped.code ?? stopped.signal} on SIGTERM:\n${bot.output()}`);
  return {
    readyMs: bot.readyMs,
    cpuMs: bot.cpuAtReadyMs,
    telegramMs: firstCallMs(platforms.telegram.calls, telegramFrom, 'getMe', bot.spawnedAt),
    slackMs: firstCallMs(platforms.slack.calls, slackFrom, 'auth.test', bot.spawnedAt),
    pollingMs: firstCallMs(platforms.telegram.calls, telegramFrom, 'getUpdates', bot.spawnedAt),
    shutdown: { code: stopped.code, ms: stopped.ms },
  };
}

/** The kept intent model files, if any. */
async function keptModels(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((name) => name.startsWith('intent-model-'));
}

/** Whether a source file changed after the build was made. */
function buildIsOlderThanSources(): boolean {
  const built = statSync(join(PROJECT_ROOT, 'dist/main.js')).mtimeMs;
  const sources = join(PROJECT_ROOT, 'src');
  return readdirSync(sources, { recursive: true, encoding: 'utf8' }).some((path) => path.endsWith('.ts') && statSync(join(sources, path)).mtimeMs > built);
}

/** Reads a Prometheus text exposition value (the first series of `name`). */
function metricValue(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

/** The sum of every series of `name` whose labels include `labels` (e.g. `channel="web"`). */
function metricSum(text: string, name: string, labels = ''): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && l.includes(labels))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

const ms = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value)} ms`);
const mb = (bytes: number | undefined) => (bytes === undefined ? '-' : `${(bytes / 1e6).toFixed(1)} MB`);
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const row = (figure: string, measured: string, target = '', result = '') => console.log(`${figure.padEnd(48)}${measured.padEnd(56)}${target.padEnd(12)}${result}`);

/** What one run of the benchmark found. */
interface Findings {
  mode: LaunchMode;
  cacheWasPresent: boolean;
  runs: StartRun[];
  /** Starts from the sources, beside the build's (only when the build is what is measured). */
  fromSources: StartRun[];
  cold: StartRun & { trained: boolean };
  memory: { atReady: ResidentMemory; afterLoad: ResidentMemory; metrics: string; load: LoadResult; stopped: { code: number | null; signal: NodeJS.Signals | null; ms: number }; concurrency: number };
  removedKeys: number;
}

/** `count` fresh starts after one unmeasured start (which trains the model if the cache is empty), then one with an empty cache. */
async function measureStarts(mode: LaunchMode, env: Record<string, string>, platforms: Platforms, count: number) {
  const cacheWasPresent = (await keptModels(MODEL_CACHE_DIR)).length > 0;
  // Unmeasured: reads every file into the OS cache, as any later start finds them.
  await timedStart(mode, env, platforms);
  const runs: StartRun[] = [];
  for (let i = 0; i < count; i++) runs.push(await timedStart(mode, env, platforms));
  const fromSources: StartRun[] = [];
  if (mode === COMPILED) for (let i = 0; i < 3; i++) fromSources.push(await timedStart(SOURCES, env, platforms));
  const emptyCache = await mkdtemp(join(tmpdir(), 'spa-bench-model-'));
  try {
    const cold = await timedStart(mode, { ...env, MODEL_CACHE_DIR: emptyCache }, platforms);
    return { cacheWasPresent, runs, fromSources, cold: { ...cold, trained: (await keptModels(emptyCache)).length > 0 } };
  } finally {
    await rm(emptyCache, { recursive: true, force: true });
  }
}

/** One more process: its memory at ready, then after the guest load; then SIGTERM. */
async function measureMemory(mode: LaunchMode, env: Record<string, string>, platforms: Platforms, load: { messages: number; slackCommands: number; concurrency: number }) {
  const telegramFrom = platforms.telegram.calls.length;
  const bot = await startBot(mode, env);
  try {
    await untilPolling(platforms, telegramFrom);
    const atReady = await bot.memory();
    const sent = await sendGuestLoad({ url: bot.url, ...platforms, staff: STAFF }, load);
    const afterLoad = await bot.memory();
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    const stopped = await bot.stop();
    if (stopped.code !== 0) console.log(bot.output());
    return { atReady, afterLoad, metrics, load: sent, stopped, concurrency: load.concurrency };
  } catch (error) {
    await bot.stop();
    throw error;
  }
}

/** Prints the figures beside the targets. */
function printFindings(found: Findings, redisUrl: string, loadAverages: [number, number]): void {
  const { mode, runs, fromSources, cold, memory } = found;
  const readies = runs.map((r) => r.readyMs);
  const medianOf = (key: 'telegramMs' | 'slackMs' | 'pollingMs') => {
    const values = runs.map((r) => r[key]).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const each = (values: number[]) => values.map((v) => Math.round(v)).join(' / ');
  const guests = memory.load.web + memory.load.telegram;
  const counted = (channel: string) => metricSum(memory.metrics, 'spa_concierge_messages_total', `channel="${channel}"`);
  const cpu = cpus();

  console.log(`\nStart-up and memory, every channel on: web chat, Telegram long polling (fake Bot API), Slack staff desk in HTTP mode (fake Web API), Redis at ${redisUrl}`);
  console.log(`${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}; load average ${loadAverages[0].toFixed(1)} at the start, ${loadAverages[1].toFixed(1)} at the end`);
  console.log(`measured: ${mode.label}${mode === COMPILED && buildIsOlderThanSources() ? ' (NOTE: dist/ is older than src/; `npm run build` for current figures)' : ''}`);
  console.log(`intent model cache ${MODEL_CACHE_DIR}: ${found.cacheWasPresent ? 'present' : 'was empty; the unmeasured first start trained and kept the model'}; every start is a fresh process, after one unmeasured start`);
  console.log('');
  row('figure', 'measured', 'target');
  row(`start to ready (/readyz 200), median of ${runs.length}`, `${ms(median(readies))} (each: ${each(readies)})`, '< 2000 ms', verdict(median(readies) < TARGET_READY_MS));
  row(`start to ready, worst of ${runs.length}`, ms(Math.max(...readies)), '< 2000 ms', verdict(Math.max(...readies) < TARGET_READY_MS));
  row('  CPU time used by then, median', `${ms(median(runs.map((r) => r.cpuMs)))} (each: ${each(runs.map((r) => r.cpuMs))})`);
  row('  first Telegram call (getMe), median', ms(medianOf('telegramMs')));
  row('  first Slack call (auth.test), median', ms(medianOf('slackMs')));
  row('  Telegram long polling (after ready), median', ms(medianOf('pollingMs')));
  if (fromSources.length) {
    const readiesFromSources = fromSources.map((r) => r.readyMs);
    row(`start to ready, ${SOURCES.label}`, `${ms(median(readiesFromSources))}, median of ${fromSources.length} (each: ${each(readiesFromSources)})`, '(information)');
  }
  row('start to ready, empty model cache (trains)', `${ms(cold.readyMs)}${cold.trained ? ', model trained and kept' : ', NO model kept'}`, '(information)');
  row('shutdown on SIGTERM after a start, median', `${ms(median(runs.map((r) => r.shutdown.ms)))}, exit codes ${[...new Set(runs.map((r) => r.shutdown.code))].join(', ')}`);
  row('resident memory at ready (VmRSS)', mb(memory.atReady.resident));
  row(
    `resident memory after ${guests.toLocaleString('en')} messages`,
    `${mb(memory.afterLoad.resident)} (/metrics ${mb(metricValue(memory.metrics, 'process_resident_memory_bytes'))}, peak ${mb(memory.afterLoad.peak)})`,
    '< 150 MB',
    verdict(memory.afterLoad.resident < TARGET_RESIDENT_BYTES),
  );
  row('  V8 heap in use then (live and garbage)', mb(metricValue(memory.metrics, 'nodejs_heap_size_used_bytes')));
  row('guest messages sent / answered', `${guests} / ${guests - memory.load.unanswered} (web ${memory.load.web}, Telegram ${memory.load.telegram})`);
  row('  counted by the bot (/metrics)', `web ${counted('web')}, Telegram ${counted('telegram')}, hand-overs ${metricSum(memory.metrics, 'spa_concierge_handovers_total')}`);
  row('staff /availability commands answered', `${memory.load.slackCommands - memory.load.unansweredCommands} of ${memory.load.slackCommands}`);
  row('guest messages per second', `${(guests / memory.load.seconds).toFixed(0)} (${memory.load.seconds.toFixed(1)} s; ${memory.concurrency} conversations at a time per channel)`);
  row('shutdown on SIGTERM after the messages', `${ms(memory.stopped.ms)}, exit code ${memory.stopped.code ?? memory.stopped.signal}`, 'exit 0', verdict(memory.stopped.code === 0));
  console.log(`Redis: deleted the ${found.removedKeys} keys the messages left (conversations, limits, seen updates, holds); BullMQ's spa:reminders:* keys stay, as after any run of the bot.`);
}

/** Runs the benchmark: `starts` timed starts, one cold start, and `messages` messages to one more process. */
export async function benchStartup(options: { starts?: number; messages?: number; slackCommands?: number; concurrency?: number } = {}) {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const mode = productionLaunch();
  const loadAtStart = loadavg()[0]!;
  const telegram = await startFakeTelegram();
  const slack = await startFakeSlack({
    token: SLACK_TOKEN,
    channels: { [STAFF.channel]: [STAFF.user, SLACK_BOT.userId] },
    users: [{ id: STAFF.user, name: 'hoa', real_name: 'Hoa Tran' }],
  });
  const platforms = { telegram, slack };
  const env = everyChannel(platforms, redisUrl);
  try {
    const starts = await measureStarts(mode, env, platforms, options.starts ?? 5);
    const memory = await measureMemory(mode, env, platforms, {
      messages: options.messages ?? 10_000,
      slackCommands: options.slackCommands ?? 100,
      concurrency: options.concurrency ?? 16,
    });
    const removedKeys = await removeLoadKeys(redisUrl, memory.load.keyParts);
    const found: Findings = { mode, ...starts, memory, removedKeys };
    printFindings(found, redisUrl, [loadAtStart, loadavg()[0]!]);
    return found;
  } finally {
    await telegram.close();
    await slack.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchStartup();
}
