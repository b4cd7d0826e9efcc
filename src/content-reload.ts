// Reading the content again while the bot runs: on SIGHUP, and on a change to a file under the
// content folder when asked to watch it. What is read is checked whole before anything takes it; a bad
// edit is refused with what is wrong, and the bot goes on with the version it had.
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from './core/index.ts';

/** How a reload reads, applies and refuses; `load` throws (a ContentError naming file and field) on a bad edit. */
export interface ContentReloadOptions<T> {
  dir: string;
  /** Also read again when a file under `dir` changes (CONTENT_WATCH). */
  watch: boolean;
  load(): Promise<T>;
  apply(loaded: T): Promise<void>;
  /** Tells the staff what was wrong with a refused edit; its own failure is only logged. */
  refused(problem: string): Promise<void>;
  logger: Logger;
  /** How long the files must be still before a watched change is read (an editor writes a file in steps). */
  settleMs?: number;
}

/** A running reloader. */
export interface ContentReload {
  /** Reads and applies the content now; true when the new version was taken. Calls made during a reload share the next one. */
  reload(): Promise<boolean>;
  stop(): void;
}

const SETTLE_MS = 300;

/** Starts listening for SIGHUP (and watching `dir` when asked). */
export function startContentReload<T>(options: ContentReloadOptions<T>): ContentReload {
  const { logger } = options;
  let running: Promise<boolean> | undefined;
  let again: Promise<boolean> | undefined;

  async function readAndApply(): Promise<boolean> {
    let loaded: T;
    try {
      loaded = await options.load();
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      logger.error({ problem }, 'the edited content was refused; the running version is kept');
      await options.refused(problem).catch((tellError: unknown) => logger.warn({ err: tellError }, 'the staff could not be told of the refused content'));
      return false;
    }
    await options.apply(loaded);
    logger.info({ dir: options.dir }, 'content read again and in use');
    return true;
  }

  /** One reload at a time; a call during one waits for it and then reads once more, for edits made meanwhile. */
  function reload(): Promise<boolean> {
    if (!running) {
      running = readAndApply().finally(() => (running = undefined));
      return running;
    }
    again ??= running.then(() => {
      again = undefined;
      return reload();
    });
    return again;
  }

  const onSignal = () => void reload().catch((error: unknown) => logger.error({ err: error }, 'reading the content again failed'));
  process.on('SIGHUP', onSignal);

  let watcher: FSWatcher | undefined;
  let settle: NodeJS.Timeout | undefined;
  if (options.watch) {
    watcher = watch(options.dir, { recursive: true }, () => {
      clearTimeout(settle);
      settle = setTimeout(onSignal, options.settleMs ?? SETTLE_MS);
    });
    watcher.on('error', (error) => logger.warn({ err: error }, 'the content folder can no longer be watched; SIGHUP still reloads'));
  }

  return {
    reload,
    stop() {
      process.off('SIGHUP', onSignal);
      clearTimeout(settle);
      watcher?.close();
    },
  };
}
