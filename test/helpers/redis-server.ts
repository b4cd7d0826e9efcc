// A Redis server of a test's own: its own port on loopback and its own data directory, so a test may
// stop, crash and restart it without touching the Redis other tests share.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import type { RedisClient } from '../../src/store/index.ts';
import { freePort } from './run-bot.ts';

const BINARY = 'redis-server';

/** A running (or stopped) redis-server that keeps its data in an append-only file across restarts. */
export interface TestRedisServer {
  /** redis://127.0.0.1:<port>, for REDIS_URL. */
  readonly url: string;
  readonly port: number;
  /** Its data directory (the append-only file lives here). */
  readonly dir: string;
  /** The server process's id while it runs. */
  readonly pid: number | undefined;
  /** Stops it: `shutdown` asks it to (SHUTDOWN NOSAVE), `kill` crashes it (SIGKILL). Resolves once it has exited. */
  stop(how?: 'shutdown' | 'kill'): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open but nothing is answered, as when Redis hangs. */
  pause(): void;
  /** Lets a frozen server go on (SIGCONT); it answers what was sent meanwhile. */
  resume(): void;
  /** Starts it again on the same port with the same directory; resolves once it answers PING. */
  restart(): Promise<void>;
  /** A new client of this server (the caller closes it); it does not reconnect. */
  connect(): Promise<RedisClient>;
  /** Stops it if it runs and deletes its directory. */
  close(): Promise<void>;
}

/**
 * Starts `redis-server` on a free loopback port with a fresh temporary directory, no snapshots, and
 * `appendonly yes` with `appendfsync always`, so every acknowledged write survives a restart or a
 * crash. Fails (never skips) with what to install when the binary is missing.
 */
export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'spa-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', 'yes',
    '--appendfsync', 'always',
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--loglevel', 'warning',
  ];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const launch = async () => {
    log = '';
    const started = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    const failedToSpawn = new Promise<never>((_, reject) =>
      started.once('error', (error: NodeJS.ErrnoException) => {
        const missing = error.code === 'ENOENT';
        reject(
          new Error(
            missing
              ? `These tests need the ${BINARY} binary on PATH (e.g. apt-get install redis-server); it was not found.`
              : `${BINARY} could not be started: ${error.message}`,
            { cause: error },
          ),
        );
      }),
    );
    const quit = exited.then(() => {
      throw new Error(`${BINARY} exited at start-up (port ${port}):\n${log}`);
    });
    let gone = false;
    void exited.then(() => (gone = true));
    const pinging = answersPing(url, 10_000, () => gone);
    try {
      await Promise.race([pinging, failedToSpawn, quit]);
    } catch (error) {
      started.kill('SIGKILL');
      throw error;
    } finally {
      // Once started, a later exit (a test stopping it) is no failure.
      for (const settled of [pinging, failedToSpawn, quit]) settled.catch(() => undefined);
    }
  };

  const stop = async (how: 'shutdown' | 'kill' = 'shutdown') => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    // A frozen server cannot shut down: let it go on first.
    running.kill('SIGCONT');
    if (how === 'kill') {
      running.kill('SIGKILL');
    } else {
      const client = await connectOnce(url);
      // The server closes the connection instead of answering.
      await client.sendCommand(['SHUTDOWN', 'NOSAVE']).catch(() => undefined);
      client.destroy();
    }
    await exited;
    child = undefined;
  };

  await launch();
  return {
    url,
    port,
    dir,
    get pid() {
      return child?.pid;
    },
    stop,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    restart: launch,
    connect: () => connectOnce(url),
    async close() {
      await stop('kill');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A connected client that never reconnects; errors after a disconnect are left to the caller's commands. */
async function connectOnce(url: string): Promise<RedisClient> {
  const client: RedisClient = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Resolves once the server at `url` answers PING; rejects after `timeoutMs`, or as soon as `gaveUp()`. */
async function answersPing(url: string, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline && !gaveUp()) {
    try {
      const client = await connectOnce(url);
      try {
        if ((await client.ping()) === 'PONG') return;
      } finally {
        client.destroy();
      }
    } catch (error) {
      // Loading the append-only file answers LOADING; not listening yet refuses the connection.
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${BINARY} at ${url} did not answer PING within ${timeoutMs} ms: ${(last as Error | undefined)?.message ?? 'no answer'}`);
}
