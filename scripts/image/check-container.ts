// Checks a built image as an operator would meet it: its configuration (a non-root user that cannot
// change the app, a health check, no dev dependencies, its size), then its CMD run as its USER with
// `buildah run` (nothing configured but the port: in-memory state), asked for /healthz, /readyz, the
// chat page and its files and a guest's question, its HEALTHCHECK run beside it, and stopped with
// SIGTERM as `docker stop` does, which must end it with exit code 0.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ImageCheckError, run, seconds, tail } from './commands.ts';

/** What the check reads from the image's configuration. */
interface ImageConfig {
  user: string;
  command: string[];
  healthcheck: string[] | undefined;
  healthcheckTimeoutMs: number;
}

export interface ContainerCheckOptions {
  log: (line: string) => void;
  /** How long the app may take to answer /healthz. */
  startTimeoutMs?: number;
  /** How long it may take to stop after SIGTERM. */
  stopTimeoutMs?: number;
}

// A question every version of the bot answers; the reply must carry text.
const GUEST_MESSAGE = { text: 'does it hurt?' };

/** Checks `image`; throws an ImageCheckError naming the first check that failed. */
export async function checkImage(image: string, options: ContainerCheckOptions): Promise<void> {
  const { log } = options;
  const config = await readImageConfig(image);
  const container = (await run('buildah', ['from', '--pull=never', image])).trim();
  try {
    await checkConfiguration(image, container, config, log);
    await checkRunningApp(container, config, options);
  } finally {
    await run('buildah', ['rm', container]).catch(() => undefined);
  }
}

async function readImageConfig(image: string): Promise<ImageConfig> {
  const inspected = JSON.parse(await run('buildah', ['inspect', '--type', 'image', image])) as {
    Docker?: { config?: { User?: string; Cmd?: string[]; Entrypoint?: string[]; Healthcheck?: { Test?: string[]; Timeout?: number } } };
  };
  const config = inspected.Docker?.config ?? {};
  const command = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (command.length === 0) throw new ImageCheckError('the image has no CMD or ENTRYPOINT: it would not start anything');
  const test = config.Healthcheck?.Test;
  const healthcheck = test && test[0] === 'CMD' ? test.slice(1) : test && test[0] === 'CMD-SHELL' ? ['sh', '-c', test.slice(1).join(' ')] : undefined;
  // Docker keeps durations in nanoseconds; its default timeout is 30 s.
  const healthcheckTimeoutMs = config.Healthcheck?.Timeout ? config.Healthcheck.Timeout / 1e6 : 30_000;
  return { user: config.User ?? '', command, healthcheck, healthcheckTimeoutMs };
}

async function checkConfiguration(image: string, container: string, config: ImageConfig, log: (line: string) => void): Promise<void> {
  const inContainer = (...command: string[]) => run('buildah', ['run', '--isolation', 'chroot', container, '--', ...command]);
  const uid = (await inContainer('id', '-u')).trim();
  if (!config.user || uid === '0') throw new ImageCheckError(`the app would run as root (USER ${config.user || 'not set'}): the image needs a USER that is not root`);
  const writable = (await inContainer('find', '.', '-writable', '-print')).trim();
  if (writable) throw new ImageCheckError(`the app's user (${config.user}, uid ${uid}) can change the app's own files:\n${writable.split('\n').slice(0, 10).join('\n')}`);
  log(`    USER ${config.user} (uid ${uid}), who cannot change any file under the WORKDIR`);

  if (!config.healthcheck) throw new ImageCheckError('the image has no HEALTHCHECK (build with --format docker to keep it)');
  log(`    HEALTHCHECK ${JSON.stringify(config.healthcheck)}`);

  // The lock file marks every package only the build needs ("dev": true); none may be installed.
  const devPackages = `
    const lock = JSON.parse(require('node:fs').readFileSync('package-lock.json', 'utf8'));
    const dev = Object.entries(lock.packages).filter(([path, entry]) => path && entry.dev);
    const found = dev.map(([path]) => path).filter((path) => require('node:fs').existsSync(path));
    console.log(JSON.stringify({ dev: dev.length, found }));`;
  const { dev, found } = JSON.parse(await inContainer('node', '-e', devPackages)) as { dev: number; found: string[] };
  if (found.length > 0) throw new ImageCheckError(`the image holds ${found.length} dev dependencies: ${found.slice(0, 10).join(', ')}`);
  log(`    none of the lock file's ${dev} dev packages is installed`);

  const size = (await run('buildah', ['images', '--format', '{{.Size}}', image])).trim();
  log(`    size: ${size}`);
}

async function checkRunningApp(container: string, config: ImageConfig, options: ContainerCheckOptions): Promise<void> {
  const { log } = options;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The image's own HOST (0.0.0.0) would do too; 127.0.0.1 keeps the check's app off the network.
  const portEnv = ['--env', `PORT=${port}`, '--env', 'HOST=127.0.0.1'];
  log(`    CMD ${JSON.stringify(config.command)} as ${config.user}, with PORT=${port} HOST=127.0.0.1 and nothing else configured`);
  const app = startApp(['run', '--isolation', 'chroot', ...portEnv, container, '--', ...config.command]);
  try {
    const started = Date.now();
    const health = await waitForAnswer(app, `${base}/healthz`, options.startTimeoutMs ?? 30_000);
    if (health.status !== 200 || health.body !== JSON.stringify({ status: 'ok' })) throw app.failure(`GET /healthz answered ${health.status} ${health.body}, not 200 {"status":"ok"}`);
    log(`    GET /healthz: 200 {"status":"ok"} after ${seconds(Date.now() - started)}`);

    const ready = await get(app, `${base}/readyz`);
    if (ready.status !== 200) throw app.failure(`GET /readyz answered ${ready.status} ${ready.body}, not 200`);
    log(`    GET /readyz: 200 ${ready.body}`);

    const files = await chatPage(app, base);
    log(`    GET /: 200, and its files (${files.join(', ') || 'none'}): 200 each`);

    const reply = await chatReply(app, base);
    log(`    POST /api/messages ${JSON.stringify(GUEST_MESSAGE)}: 200, "${reply.length > 70 ? `${reply.slice(0, 70)}...` : reply}"`);

    if (config.healthcheck) {
      const healthcheck = ['run', '--isolation', 'chroot', ...portEnv, container, '--', ...config.healthcheck];
      await run('buildah', healthcheck, { timeoutMs: config.healthcheckTimeoutMs }).catch((error: Error) => {
        throw app.failure(`the HEALTHCHECK failed, so the container would be marked unhealthy: ${error.message}`);
      });
      log('    HEALTHCHECK: exit code 0');
    }

    app.assertRunning();
    // docker stop sends SIGTERM to the container's main process; buildah run does not pass one on.
    const pid = await appProcess(app.pid);
    process.kill(pid, 'SIGTERM');
    const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
    const exit = await Promise.race([app.exited, sleep(stopTimeoutMs, undefined, { ref: false })]);
    if (!exit) throw app.failure(`the app did not stop within ${seconds(stopTimeoutMs)} of SIGTERM`);
    if (exit.code !== 0) throw app.failure(`the app stopped on SIGTERM with ${exit.signal ?? `exit code ${exit.code}`}, not 0`);
    log('    SIGTERM: stopped with exit code 0');
  } finally {
    if (!app.hasExited()) {
      for (const pid of await descendants(app.pid)) process.kill(pid, 'SIGKILL');
      process.kill(app.pid, 'SIGKILL');
    }
  }
}

interface RunningApp {
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited: () => boolean;
  /** A check's failure, with the end of what the app printed. */
  failure: (message: string) => ImageCheckError;
  /** Throws if the app has stopped on its own. */
  assertRunning: () => void;
}

function startApp(buildahArgs: string[]): RunningApp {
  const child = spawn('buildah', buildahArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (error) => {
      output += `${error.message}\n`;
      resolve((exit = { code: 127, signal: null }));
    });
    child.on('exit', (code, signal) => resolve((exit = { code, signal })));
  });
  const failure = (message: string) => new ImageCheckError(`${message}; the app's output:${tail(output) || ' (none)'}`);
  return {
    pid: child.pid ?? -1,
    exited,
    hasExited: () => exit !== undefined,
    failure,
    assertRunning: () => {
      if (exit) throw failure(`the app stopped on its own (${exit.signal ?? `exit code ${exit.code}`}) while it was being checked`);
    },
  };
}

/** The app's own process: the one under buildah run's that is not buildah's. */
async function appProcess(buildahPid: number): Promise<number> {
  const processes = await descendants(buildahPid);
  for (const pid of processes) {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const program = commandLine.split('\0')[0] ?? '';
    if (program && !program.split('/').at(-1)?.startsWith('buildah')) return pid;
  }
  throw new ImageCheckError(`found no app process under buildah run (pid ${buildahPid})`);
}

/** Every process below `pid`, parents before children (from /proc, which every Linux has). */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after its last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const found: number[] = [];
  let level = [pid];
  while (level.length > 0) {
    level = [...parents].filter(([, parent]) => level.includes(parent)).map(([child]) => child);
    found.push(...level);
  }
  return found;
}

/** Polls `url` until it answers; fails if the app exits first or the time runs out. */
async function waitForAnswer(app: RunningApp, url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    app.assertRunning();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      return { status: response.status, body: await response.text() };
    } catch {
      await sleep(200);
    }
  }
  throw app.failure(`the app did not answer GET ${new URL(url).pathname} within ${seconds(timeoutMs)}`);
}

async function get(app: RunningApp, url: string): Promise<{ status: number; body: string }> {
  app.assertRunning();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    throw app.failure(`GET ${new URL(url).pathname} got no answer: ${(error as Error).message}`);
  }
}

/** Asks for the chat page and every file of the bot's own it links to (not data: or other sites); returns their names. */
async function chatPage(app: RunningApp, base: string): Promise<string[]> {
  const page = await get(app, `${base}/`);
  if (page.status !== 200 || !/<html/i.test(page.body)) throw app.failure(`GET / answered ${page.status} ${page.body.slice(0, 200)}, not the chat page`);
  const links = [...page.body.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
  const ownFiles = [...new Set(links.filter((link) => !/^([a-z][\w+.-]*:|\/\/|#)/i.test(link)))];
  for (const file of ownFiles) {
    const answer = await get(app, new URL(file, `${base}/`).toString());
    if (answer.status !== 200) throw app.failure(`the chat page links to ${file}, which answered ${answer.status}: a file missing from the image?`);
  }
  return ownFiles;
}

/** Sends the web chat's request and returns the replies' text. */
async function chatReply(app: RunningApp, base: string): Promise<string> {
  app.assertRunning();
  const response = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(GUEST_MESSAGE),
    signal: AbortSignal.timeout(10_000),
  }).catch((error: Error) => {
    throw app.failure(`POST /api/messages got no answer: ${error.message}`);
  });
  const body = await response.text();
  if (response.status !== 200) throw app.failure(`POST /api/messages answered ${response.status} ${body.slice(0, 300)}, not 200`);
  let replies: unknown;
  try {
    replies = (JSON.parse(body) as { replies?: unknown }).replies;
  } catch {
    throw app.failure(`POST /api/messages answered something that is not JSON: ${body.slice(0, 300)}`);
  }
  const texts = Array.isArray(replies) ? replies.map((reply: { text?: unknown }) => (typeof reply?.text === 'string' ? reply.text.trim() : '')) : [];
  const text = texts.filter(Boolean).join(' / ');
  if (!text) throw app.failure(`POST /api/messages answered 200 without a reply's text: ${body.slice(0, 300)}`);
  return text;
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
