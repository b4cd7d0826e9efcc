// Follows a Dockerfile's stages without Docker. Each stage gets an empty folder that stands in for
// its filesystem's root: WORKDIR makes folders in it, COPY copies exactly what it names into it, and
// RUN runs `sh -c` in the WORKDIR there with the stage's ENV. This machine's own node and npm stand
// in for the base image, so only what the Dockerfile copies or installs is there to be found.
// (An absolute path written inside a RUN command still means this machine's, not the stage's.)
import { spawn } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { copyFiles, type CopyOrigin } from './copy.ts';
import type { IgnoreRule } from './ignore.ts';
import { DockerfileError, expandVariables, type Command, type Instruction, type Stage } from './parse.ts';

/** How stages are followed. */
export interface FollowOptions {
  /** The build context: the folder `docker build` would be given. */
  contextDir: string;
  /** .dockerignore's rules for the context. */
  ignoreRules: IgnoreRule[];
  /** An empty folder for the stages' folders; the caller removes it. */
  workDir: string;
  /** Where each step is reported. */
  log: (line: string) => void;
  /** RUN output: shown line by line through `log` (on the command line), or kept for the error message only. */
  showOutput: boolean;
  /** Stops every stage (Ctrl+C). */
  signal?: AbortSignal;
}

/** A stage once followed: its folder, and what a container started from it would get. */
export interface FollowedStage {
  label: string;
  /** The folder standing in for the stage's `/`. */
  root: string;
  /** The WORKDIR, inside the stage (`/app`). */
  workdir: string;
  env: Record<string, string>;
  user?: string;
  exposed: string[];
  healthcheck?: { options: Record<string, string>; command: Command | 'NONE' };
  cmd?: Command;
}

/** A RUN (or HEALTHCHECK) command that failed, with the tail of its output. */
export class StepFailedError extends DockerfileError {
  override name = 'StepFailedError';
}

// What a container gets from its host environment here: enough for node and npm to find the
// registry and the npm cache. Nothing the app reads (REDIS_URL, tokens) comes through.
const HOST_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE'];

/** The part of this machine's environment that stands in for a base image's. */
export function baseEnvironment(): Record<string, string> {
  return Object.fromEntries(HOST_VARIABLES.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
}

/**
 * Follows every stage; returns them followed, the last being the image. As BuildKit does, stages
 * run side by side, and a step that needs another stage (`FROM` it, `COPY --from` it) waits for it
 * to finish. When one fails, the others are stopped before this returns.
 */
export async function followStages(stages: Stage[], options: FollowOptions): Promise<FollowedStage[]> {
  const stopAll = new AbortController();
  options.signal?.addEventListener('abort', () => stopAll.abort(options.signal?.reason), { once: true });
  const running: Array<Promise<FollowedStage>> = [];
  const finished = (name: string, before: number): Promise<FollowedStage> | undefined => {
    const stage = findStage(stages.slice(0, before), name);
    return stage ? running[stage.index] : undefined;
  };
  for (const stage of stages) {
    const followed = followStage(stage, (name) => finished(name, stage.index), { ...options, signal: stopAll.signal });
    running.push(followed.catch((error: unknown) => {
      stopAll.abort();
      throw error;
    }));
  }
  try {
    return await Promise.all(running);
  } catch (error) {
    // Nothing may still be writing into the stages' folders when the caller removes them.
    await Promise.allSettled(running);
    throw error;
  }
}

type StageFinished = (name: string) => Promise<FollowedStage> | undefined;

async function followStage(stage: Stage, finished: StageFinished, options: FollowOptions & { signal: AbortSignal }): Promise<FollowedStage> {
  const label = stage.name ?? String(stage.index);
  const root = join(options.workDir, `${stage.index}-${stage.name ?? 'stage'}`);
  const parent = await finished(stage.base);
  let current: FollowedStage;
  if (parent) {
    options.log(`[${label}] FROM ${stage.base}: starts from a copy of stage ${parent.label}`);
    await cp(parent.root, root, { recursive: true, verbatimSymlinks: true });
    current = { ...parent, label, root, env: { ...parent.env }, exposed: [...parent.exposed] };
  } else {
    options.log(`[${label}] FROM ${stage.base}: an empty folder, with this machine's node ${process.version} standing in for the image${nodeVersionNote(stage.base)}`);
    await mkdir(root, { recursive: true });
    current = { label, root, workdir: '/', env: {}, exposed: [] };
  }
  for (const [index, instruction] of stage.instructions.entries()) {
    // Another stage failed, or the run was interrupted: stop here too.
    options.signal.throwIfAborted();
    const step = `[${label} ${index + 1}/${stage.instructions.length}]`;
    options.log(`${step} ${instruction.text}`);
    await followInstruction(current, instruction, finished, { ...options, log: (line) => options.log(`${step} ${line}`) });
  }
  return current;
}

async function followInstruction(stage: FollowedStage, instruction: Instruction, finished: StageFinished, options: FollowOptions & { signal: AbortSignal }): Promise<void> {
  const started = Date.now();
  switch (instruction.kind) {
    case 'WORKDIR':
      stage.workdir = posix.resolve(stage.workdir, expandVariables(instruction.path, stage.env));
      await mkdir(join(stage.root, stage.workdir), { recursive: true });
      return;
    case 'ENV':
      for (const [name, value] of instruction.vars) stage.env[name] = expandVariables(value, stage.env);
      return;
    case 'COPY': {
      const origin = await copyOrigin(instruction.from, finished, options, instruction.line);
      const dest = expandVariables(instruction.dest, stage.env);
      // posix.join keeps a trailing `/`, which says "into this folder".
      const absolute = dest.startsWith('/') ? dest : posix.join(stage.workdir, dest);
      const sources = instruction.sources.map((source) => expandVariables(source, stage.env));
      const files = await copyFiles(origin, sources, absolute, stage.root, instruction.line);
      const notes = [instruction.chown && `--chown=${instruction.chown} not applied`, instruction.chmod && `--chmod=${instruction.chmod} not applied`].filter(Boolean);
      options.log(`${files} file${files === 1 ? '' : 's'} from ${origin.label} to ${absolute}${notes.length ? ` (${notes.join(', ')}: files belong to whoever runs this)` : ''}`);
      return;
    }
    case 'RUN': {
      const cwd = join(stage.root, stage.workdir);
      // The machine's npm cache stands in for a registry round trip where it can.
      const env = { ...baseEnvironment(), ...stage.env, npm_config_prefer_offline: 'true' };
      for (const target of instruction.cacheMounts) options.log(`cache mount at ${target}: this machine's own caches stand in`);
      const result = await runCommand(instruction.command, { cwd, env, signal: options.signal, ...(options.showOutput ? { onLine: (line: string) => options.log(`| ${line}`) } : {}) });
      options.signal.throwIfAborted();
      if (result.code !== 0) {
        throw new StepFailedError(`line ${instruction.line}: RUN failed (${describeExit(result)}): ${instruction.text.slice(4)}${outputTail(result.output)}`);
      }
      options.log(`done in ${seconds(Date.now() - started)}`);
      return;
    }
    case 'USER':
      stage.user = instruction.user;
      options.log(`noted; everything here runs as this machine's user`);
      return;
    case 'EXPOSE':
      stage.exposed.push(...instruction.ports);
      return;
    case 'HEALTHCHECK':
      stage.healthcheck = { options: instruction.options, command: instruction.command };
      return;
    case 'CMD':
      stage.cmd = instruction.command;
      return;
    case 'LABEL':
      return;
  }
}

function findStage(stages: Stage[], name: string): Stage | undefined {
  return stages.find((stage) => stage.name === name) ?? (/^\d+$/.test(name) ? stages[Number(name)] : undefined);
}

async function copyOrigin(from: string | undefined, finished: StageFinished, options: FollowOptions, line: number): Promise<CopyOrigin> {
  if (from === undefined) return { root: options.contextDir, rules: options.ignoreRules, label: 'the build context' };
  const stage = await finished(from);
  if (!stage) throw new DockerfileError(`line ${line}: COPY --from=${from} names no earlier stage (copying from an image is not followed)`);
  return { root: stage.root, rules: [], label: `stage ${stage.label}` };
}

/** `FROM node:22-slim` on a machine running node 20 is worth a word: the image would behave differently. */
function nodeVersionNote(image: string): string {
  const major = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)/.exec(image)?.[1];
  const ours = process.versions.node.split('.')[0];
  return major && major !== ours ? ` (warning: the image has node ${major}, this machine ${ours})` : '';
}

/** What a finished command did. */
export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved, when not shown as they came. */
  output: string;
  timedOut: boolean;
}

/**
 * Runs a command to its end (exec form directly, shell form with `sh -c`). It runs in a process
 * group of its own, so a timeout or `signal` stops everything it started (npm's children too).
 */
export function runCommand(
  command: Command,
  options: { cwd: string; env: Record<string, string>; onLine?: (line: string) => void; timeoutMs?: number; signal?: AbortSignal },
): Promise<CommandResult> {
  const [file, ...args] = command.form === 'exec' ? command.argv : ['sh', '-c', command.script];
  return new Promise((resolve) => {
    const child = spawn(file ?? 'sh', args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let timedOut = false;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output = (output + text).slice(-20_000);
        if (!options.onLine) return;
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) options.onLine(line);
      });
      stream.on('end', () => {
        if (partial) options.onLine?.(partial);
      });
    }
    const stopGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    // Asked nicely first; npm can take long to wind down, so SIGKILL follows.
    const stop = () => {
      stopGroup('SIGTERM');
      setTimeout(() => stopGroup('SIGKILL'), 2000).unref();
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    const timer = options.timeoutMs ? setTimeout(() => ((timedOut = true), stopGroup('SIGKILL')), options.timeoutMs) : undefined;
    const finish = (result: CommandResult) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      resolve(result);
    };
    child.on('error', (error) => finish({ code: 127, signal: null, output: `${output}${error.message}\n`, timedOut }));
    child.on('close', (code, signal) => finish({ code, signal, output, timedOut }));
  });
}

/** "exit code 1", "killed by SIGKILL", "no answer within 30 s". */
export function describeExit(result: CommandResult, timeoutMs?: number): string {
  if (result.timedOut) return `no end within ${seconds(timeoutMs ?? 0)}`;
  return result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`;
}

/** The last lines of a command's output, indented, for an error message. */
export function outputTail(output: string, lines = 30): string {
  const tail = output.trimEnd().split('\n').slice(-lines);
  return tail.length > 0 && tail[0] !== '' ? `\n${tail.map((line) => `    | ${line}`).join('\n')}` : '';
}

/** 1234 -> "1.2 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
