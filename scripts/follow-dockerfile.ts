// `npm run check:dockerfile`: follows the Dockerfile where there is no Docker engine, and fails when
// the image it describes would not work: a COPY source that is missing or left out by .dockerignore,
// a RUN that fails, or an app that needs something the image does not have (a file it forgot to
// copy, a dev dependency) and so does not start, answer a guest or stop cleanly.
//
//   tsx scripts/follow-dockerfile.ts [path/to/Dockerfile] [--keep]
//
// The Dockerfile's folder is the build context. Every stage is built in a temporary folder (in
// memory where there is room; removed at the end, or kept with `--keep` to look at), then the last
// stage's CMD is started and checked.
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkContainer } from './dockerfile/container.ts';
import { parseDockerignore } from './dockerfile/ignore.ts';
import { DockerfileError, parseDockerfile } from './dockerfile/parse.ts';
import { followStages, seconds, type FollowedStage } from './dockerfile/stages.ts';

// The pieces, for tests and for anyone following another Dockerfile.
export { checkContainer, ContainerCheckError, parseDuration } from './dockerfile/container.ts';
export { MissingSourceError } from './dockerfile/copy.ts';
export { isIgnored, parseDockerignore } from './dockerfile/ignore.ts';
export { DockerfileError, parseCommand, parseDockerfile, type Command, type Instruction, type Stage } from './dockerfile/parse.ts';
export { followStages, StepFailedError, type FollowedStage } from './dockerfile/stages.ts';

/** What to follow, and how. */
export interface FollowDockerfileOptions {
  dockerfile: string;
  /** The build context; the Dockerfile's folder by default. */
  contextDir?: string;
  /** An empty folder for the stages' folders; the caller removes it. */
  workDir: string;
  log: (line: string) => void;
  /** Show RUN output as it comes (true on the command line). */
  showOutput: boolean;
  /** Build the stages only, without starting the image. */
  stagesOnly?: boolean;
  startTimeoutMs?: number;
  /** Stops everything that runs (Ctrl+C). */
  signal?: AbortSignal;
}

/** Follows every stage of the Dockerfile, then starts and checks the image; throws a DockerfileError on the first problem. */
export async function followDockerfile(options: FollowDockerfileOptions): Promise<FollowedStage[]> {
  const contextDir = options.contextDir ?? dirname(options.dockerfile);
  const stages = parseDockerfile(await readFile(options.dockerfile, 'utf8'));
  const ignoreFile = join(contextDir, '.dockerignore');
  const ignoreRules = existsSync(ignoreFile) ? parseDockerignore(await readFile(ignoreFile, 'utf8')) : [];
  const strayModules = foldersAbove(options.workDir).find((dir) => existsSync(join(dir, 'node_modules')));
  if (strayModules) options.log(`warning: ${join(strayModules, 'node_modules')} is visible to every stage and may hide a missing dependency`);
  const { log, showOutput, signal } = options;
  const followed = await followStages(stages, { contextDir, ignoreRules, workDir: options.workDir, log, showOutput, ...(signal ? { signal } : {}) });
  const image = followed.at(-1);
  if (image && !options.stagesOnly) {
    await checkContainer(image, { log, ...(signal ? { signal } : {}), ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}) });
  }
  return followed;
}

function foldersAbove(dir: string): string[] {
  const folders: string[] = [];
  for (let current = dirname(resolve(dir)); ; current = dirname(current)) {
    folders.push(current);
    if (dirname(current) === current) return folders;
  }
}

// Two installs of node_modules are written and removed on every run; in memory that takes seconds,
// on a disk (above all one that discards on delete) it can take a minute.
const MEMORY_FOLDER = '/dev/shm';
const MEMORY_NEEDED_BYTES = 2 * 1024 ** 3;

/** Where the stages go: TMPDIR when it is set, else a memory filesystem with room enough, else the system's temp folder. */
async function scratchFolder(): Promise<string> {
  if (process.env.TMPDIR) return tmpdir();
  const room = await statfs(MEMORY_FOLDER).then((fs) => fs.bavail * fs.bsize, () => 0);
  return room >= MEMORY_NEEDED_BYTES ? MEMORY_FOLDER : tmpdir();
}

async function main(args: string[]): Promise<void> {
  const keep = args.includes('--keep');
  const dockerfile = resolve(args.find((arg) => !arg.startsWith('--')) ?? 'Dockerfile');
  const workDir = await mkdtemp(join(await scratchFolder(), 'follow-dockerfile-'));
  // Ctrl+C stops what runs (RUN commands have process groups of their own, stopped within seconds),
  // then the folders are removed as after any failure. A second signal changes nothing: tsx passes
  // the terminal's Ctrl+C on to this process, so one keypress may arrive twice.
  const interrupt = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (!interrupt.signal.aborted) interrupt.abort(new DockerfileError(`stopped by ${signal}`));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const started = Date.now();
  console.log(`Following ${dockerfile} without Docker (stages in ${workDir})`);
  try {
    await followDockerfile({ dockerfile, workDir, log: (line) => console.log(line), showOutput: true, signal: interrupt.signal });
    console.log(`\nThe Dockerfile builds an image that starts, answers a guest and stops cleanly (${seconds(Date.now() - started)}).`);
  } catch (error) {
    if (!(error instanceof DockerfileError)) throw error;
    console.error(`\nThe Dockerfile check failed after ${seconds(Date.now() - started)}: ${error.message}`);
    process.exitCode = interrupt.signal.aborted ? 130 : 1;
  } finally {
    if (keep) {
      console.log(`The stages' folders are kept in ${workDir}`);
    } else {
      const removing = Date.now();
      rmSync(workDir, { recursive: true, force: true });
      console.log(`Removed the stages' folders (${seconds(Date.now() - removing)})`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
