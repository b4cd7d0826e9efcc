// Starts the image's CMD the way a container would (its WORKDIR, its ENV, nothing else configured)
// and checks that it serves guests: /healthz, the chat page and its files, a chat reply, the
// HEALTHCHECK, and a clean stop on SIGTERM, which is how `docker stop` asks.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DockerfileError, type Command } from './parse.ts';
import { baseEnvironment, describeExit, outputTail, runCommand, seconds, StepFailedError, type FollowedStage } from './stages.ts';

/** How the container is checked. */
export interface ContainerCheckOptions {
  log: (line: string) => void;
  /** How long the app may take to answer /healthz after it starts. */
  startTimeoutMs?: number;
  /** How long it may take to stop after SIGTERM. */
  stopTimeoutMs?: number;
  /** Stops the check (Ctrl+C). */
  signal?: AbortSignal;
}

/** The app in the image did not start, answer, or stop as it should. */
export class ContainerCheckError extends DockerfileError {
  override name = 'ContainerCheckError';
}

// A question every version of the bot answers; the reply must carry text.
const GUEST_MESSAGE = { text: 'does it hurt?' };

/** Runs the image's CMD and checks it; throws a ContainerCheckError (with the app's output) when a check fails. */
export async function checkContainer(image: FollowedStage, options: ContainerCheckOptions): Promise<void> {
  const { log } = options;
  if (!image.cmd) throw new DockerfileError('the last stage has no CMD: the image would not start anything');
  const port = await freePort();
  const env = { ...baseEnvironment(), ...image.env, PORT: String(port), HOST: '127.0.0.1' };
  const cwd = join(image.root, image.workdir);
  const base = `http://127.0.0.1:${port}`;
  log(`[${image.label}] CMD ${formatCommand(image.cmd)} in ${image.workdir}, with the image's ENV and PORT=${port} HOST=127.0.0.1, nothing else`);
  const app = startApp(image.cmd, cwd, env);
  try {
    const started = Date.now();
    const health = await waitForAnswer(app, `${base}/healthz`, options.startTimeoutMs ?? 30_000, options.signal);
    if (health.status !== 200 || health.body !== JSON.stringify({ status: 'ok' })) {
      throw app.failure(`GET /healthz answered ${health.status} ${health.body}, not 200 {"status":"ok"}`);
    }
    log(`    GET /healthz: 200 {"status":"ok"} after ${seconds(Date.now() - started)}`);

    const files = await chatPage(app, base);
    log(`    GET /: 200 ${files.length > 0 ? `with its files (${files.join(', ')}): 200 each` : 'with no files of its own'}`);

    const reply = await chatReply(app, base);
    log(`    POST /api/messages ${JSON.stringify(GUEST_MESSAGE)}: 200, "${reply.length > 70 ? `${reply.slice(0, 70)}...` : reply}"`);

    await runHealthcheck(image, cwd, env, log);
    options.signal?.throwIfAborted();

    app.assertRunning();
    app.process.kill('SIGTERM');
    const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
    // An unref'd timer: once the app has stopped, nothing is left waiting on it.
    const exit = await Promise.race([app.exited, sleep(stopTimeoutMs, undefined, { ref: false })]);
    if (!exit) throw app.failure(`the app did not stop within ${seconds(stopTimeoutMs)} of SIGTERM`);
    if (exit.code !== 0) throw app.failure(`the app stopped on SIGTERM with ${exit.signal ? `${exit.signal} (no handler for it)` : `exit code ${exit.code}`}, not 0`);
    log(`    SIGTERM: stopped with exit code 0`);
  } finally {
    if (app.process.exitCode === null && app.process.signalCode === null) app.process.kill('SIGKILL');
  }
}

interface RunningApp {
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A check's failure, with the end of what the app printed. */
  failure: (message: string) => ContainerCheckError;
  /** Throws if the app has stopped on its own. */
  assertRunning: () => void;
}

function startApp(cmd: Command, cwd: string, env: Record<string, string>): RunningApp {
  const [file, ...args] = cmd.form === 'exec' ? cmd.argv : ['sh', '-c', cmd.script];
  const child = spawn(file ?? 'sh', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (error) => {
      output += `${error.message}\n`;
      resolve({ code: 127, signal: null });
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const failure = (message: string) => new ContainerCheckError(`${message}; the app's output:${outputTail(output) || ' (none)'}`);
  return {
    process: child,
    exited,
    failure,
    assertRunning: () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw failure(`the app stopped on its own (${child.signalCode ?? `exit code ${child.exitCode}`}) while it was being checked`);
      }
    },
  };
}

/** Polls `url` until it answers; fails if the app exits first or the time runs out. */
async function waitForAnswer(app: RunningApp, url: string, timeoutMs: number, signal?: AbortSignal): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void app.exited.then((result) => (exit = result));
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (exit) throw app.failure(`the app stopped before answering (${exit.signal ?? `exit code ${exit.code}`})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      return { status: response.status, body: await response.text() };
    } catch {
      await sleep(200);
    }
  }
  throw app.failure(`the app did not answer GET ${new URL(url).pathname} within ${seconds(timeoutMs)}`);
}

/** Asks for the chat page and every file of the bot's own it links to (data: and other sites left out); returns their names. */
async function chatPage(app: RunningApp, base: string): Promise<string[]> {
  app.assertRunning();
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

async function get(app: RunningApp, url: string): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    throw app.failure(`GET ${new URL(url).pathname} got no answer: ${(error as Error).message}`);
  }
}

/** Sends the web chat's request body and returns the replies' text. */
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

async function runHealthcheck(image: FollowedStage, cwd: string, env: Record<string, string>, log: (line: string) => void): Promise<void> {
  const check = image.healthcheck;
  if (!check || check.command === 'NONE') {
    log('    HEALTHCHECK: none in the image');
    return;
  }
  const timeoutMs = parseDuration(check.options.timeout ?? '30s');
  const result = await runCommand(check.command, { cwd, env, timeoutMs });
  if (result.code !== 0) {
    throw new StepFailedError(`HEALTHCHECK ${formatCommand(check.command)} failed (${describeExit(result, timeoutMs)}): the container would be marked unhealthy${outputTail(result.output)}`);
  }
  log('    HEALTHCHECK: exit code 0');
}

/** Docker's durations: `30s`, `1m30s`, `500ms`. */
export function parseDuration(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) throw new DockerfileError(`"${text}" is not a duration like 30s or 1m30s`);
  return parts.reduce((total, part) => total + Number(part[1]) * (units[part[2] ?? 's'] ?? 1000), 0);
}

function formatCommand(command: Command): string {
  return command.form === 'exec' ? JSON.stringify(command.argv) : command.script;
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
