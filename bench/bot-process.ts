// A real bot process for the start-up benchmark: spawned as production runs it, timed until
// `GET /readyz` answers 200, its resident memory read from /proc, stopped with SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/helpers/run-bot.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** How the bot is started: the node arguments, and how the figures name it. */
export interface LaunchMode {
  label: string;
  args: string[];
  /** Environment the launch itself sets (the image's `ENV`), under the bench's own settings. */
  env?: Record<string, string>;
}

/** The compiled build (`npm run build`), started with the node arguments of the Dockerfile's `CMD` and the `ENV` of its last stage. */
export const COMPILED: LaunchMode = imageCommand();
/** The sources through tsx, as `npm start` runs them. */
export const SOURCES: LaunchMode = { label: 'node --import tsx src/main.ts', args: ['--import', 'tsx', 'src/main.ts'] };

/** The way production starts the bot here: the build when there is one, else the sources. */
export function productionLaunch(): LaunchMode {
  return existsSync(`${PROJECT_ROOT}dist/main.js`) ? COMPILED : SOURCES;
}

/** A started bot, ready to serve. */
export interface BotProcess {
  pid: number;
  /** Where it serves, e.g. http://127.0.0.1:40123. */
  url: string;
  /** When it was spawned (Date.now()), to place what the fake platforms saw. */
  spawnedAt: number;
  /** Milliseconds from spawn to the first 200 of `/readyz`. */
  readyMs: number;
  /** CPU time (user and system, every thread) the process had used when it was ready, in ms. */
  cpuAtReadyMs: number;
  /** Resident memory now (VmRSS) and at its highest so far (VmHWM), in bytes. */
  memory(): Promise<ResidentMemory>;
  /** Sends SIGTERM and waits for the exit; `ms` is how long that took. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** What it wrote to stdout and stderr. */
  output(): string;
}

const READY_POLL_MS = 10;


/** The status of one `GET /readyz`, or undefined when nothing answered (not listening yet). */
function readyzStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(`${url}/readyz`, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** CPU time a process has used (user and system, all its threads), in ms, from /proc/<pid>/stat. */
export async function cpuTimeMs(pid: number): Promise<number> {
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime (fields 14 and 15 of proc(5)), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A process's resident memory, in bytes. */
export interface ResidentMemory {
  /** Now (VmRSS). */
  resident: number;
  /** The most it has held so far (VmHWM). */
  peak: number;
}

/** Resident memory of a process, from /proc/<pid>/status (Linux). */
export async function residentMemory(pid: number): Promise<ResidentMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const kilobytes = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
    if (!kilobytes) throw new Error(`no ${name} in /proc/${pid}/status`);
    return Number(kilobytes) * 1024;
  };
  return { resident: field('VmRSS'), peak: field('VmHWM') };
}

/**
 * Spawns the bot in the project root with `env` (and only PATH and HOME besides) on a free port,
 * and polls `/readyz` every 10 ms until it answers 200. Fails with the bot's output when it exits
 * first or is not ready within `timeoutMs`.
 */
export async function startBot(mode: LaunchMode, env: Record<string, string>, timeoutMs = 60_000): Promise<BotProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, mode.args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ENV_FILE: '', ...mode.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve((exit = { code, signal }))),
  );

  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (exit) throw new Error(`the bot exited (${exit.code ?? exit.signal}) before it was ready:\n${output}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the bot was not ready after ${timeoutMs} ms:\n${output}`);
    }
    if ((await readyzStatus(url)) === 200) readyMs = performance.now() - started;
    else await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }

  const pid = child.pid ?? -1;
  const cpuAtReadyMs = await cpuTimeMs(pid);
  return {
    pid,
    url,
    spawnedAt,
    readyMs,
    cpuAtReadyMs,
    memory: () => residentMemory(pid),
    async stop() {
      const stopping = performance.now();
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const { code, signal } = await exited;
      clearTimeout(late);
      return { code, signal, ms: performance.now() - stopping };
    },
    output: () => output,
  };
}

/**
 * The Dockerfile's last `CMD` (exec form, `node ...`, on one line) and the `ENV` lines of its last stage
 * (`ENV A=1 B=2`, without quotes; MALLOC_ARENA_MAX among them), so the bench measures what the image runs.
 */
function imageCommand(): LaunchMode {
  const lines = readFileSync(`${PROJECT_ROOT}Dockerfile`, 'utf8').split('\n');
  const env: Record<string, string> = {};
  for (const line of lines.slice(lines.findLastIndex((l) => l.startsWith('FROM ')))) {
    if (!line.startsWith('ENV ')) continue;
    for (const pair of line.slice('ENV '.length).trim().split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`the Dockerfile's "${line}" is not ENV NAME=value ...: the bench cannot start the bot as the image does`);
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  const cmdLine = lines.findLast((line) => line.startsWith('CMD '));
  let argv: unknown;
  try {
    argv = JSON.parse(cmdLine?.slice('CMD '.length) ?? '');
  } catch {
    argv = undefined;
  }
  if (!Array.isArray(argv) || argv[0] !== 'node' || !argv.every((arg) => typeof arg === 'string')) {
    throw new Error('the Dockerfile\'s CMD is not ["node", ...] on one line: the bench cannot start the bot as the image does');
  }
  const args = (argv as string[]).slice(1);
  const settings = Object.entries(env).map(([name, value]) => `${name}=${value} `).join('');
  return { label: `the image's ENV and CMD: ${settings}node ${args.join(' ')}`, args, env };
}
