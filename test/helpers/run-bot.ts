import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The sources through tsx, as `npm start` runs them; BOT_ENTRY=dist/main.js runs the same tests
// against the bundle `npm run build` makes (the image's code).
// Only what a test sets: no settings file either, whatever `.env` the checkout holds.
const NO_ENV_FILE = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ENV_FILE: '' };
const ENTRY = process.env.BOT_ENTRY ? [process.env.BOT_ENTRY] : ['--import', 'tsx', 'src/main.ts'];

/** Runs the bot as a user would (`npm run chat`, minus npm), feeding `input` on stdin. */
export function runBot(args: string[], input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ENTRY, ...args], {
      cwd: ROOT,
      env: { ...NO_ENV_FILE, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not finish in time\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** A bot started as a server (`npm start`, minus npm), until `stop` sends it SIGTERM. */
export interface RunningServer {
  /** The address the bot printed, e.g. http://localhost:3000. */
  url: string;
  output: () => { stdout: string; stderr: string };
  /** Sends the signal and resolves when the process has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** The process id. */
  pid: number;
  /** Sends a signal and returns at once (`exited` tells when it is gone). */
  kill: (signal?: NodeJS.Signals) => void;
  /** Resolves when the process has exited; rejects when it is still running after `timeoutMs`. */
  exited: (timeoutMs?: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Whether the process is still running. */
  running: () => boolean;
}

/** How to start the bot. */
export interface StartServerOptions {
  /** How long start-up may take before the bot is killed and the start fails (15 s by default). */
  startTimeoutMs?: number;
}

/** Starts the bot with no arguments and waits until it prints the address it serves on. */
export function startServer(env: Record<string, string> = {}, options: StartServerOptions = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ENTRY, {
      cwd: ROOT,
      env: { ...NO_ENV_FILE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('close', (code, signal) => done((ended = { code, signal }))),
    );
    const exited = closed.then(({ code }) => code);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start in time\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.startTimeoutMs ?? 15_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /running: open (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        output: () => ({ stdout, stderr }),
        stop: async (signal = 'SIGTERM') => {
          child.kill(signal);
          return { code: await exited, stdout, stderr };
        },
        pid: child.pid ?? -1,
        kill: (signal = 'SIGTERM') => void child.kill(signal),
        exited: async (timeoutMs = 15_000) => {
          let wait: NodeJS.Timeout | undefined;
          const late = new Promise<never>((_, fail) => {
            wait = setTimeout(() => fail(new Error(`the bot was still running after ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs);
          });
          try {
            const { code, signal } = await Promise.race([closed, late]);
            return { code, signal, stdout, stderr };
          } finally {
            clearTimeout(wait);
          }
        },
        running: () => ended === undefined,
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before it served\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
