// Settings from a `.env` file, as `.env.example` invites: read with Node's own parser before the
// settings are checked. A variable set in the real environment wins over the file's.
import { ConfigError } from './errors.ts';

/** What was read: the file's path, or nothing when there is no file (or `ENV_FILE` is empty). */
export type EnvFileRead = { read: string } | { read: undefined };

/**
 * Reads `ENV_FILE` (default `.env` in the working directory) into `process.env` when it exists.
 * `ENV_FILE=` (empty) reads no file: the tests and benchmarks start the bot so, whatever `.env` a
 * developer keeps. A file that exists but cannot be read (a folder, no permission) is an error.
 */
export function readEnvFile(env: NodeJS.ProcessEnv = process.env): EnvFileRead {
  const path = env.ENV_FILE ?? '.env';
  if (path === '') return { read: undefined };
  try {
    process.loadEnvFile(path);
    return { read: path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { read: undefined };
    throw new ConfigError(`Could not read the settings file ${path} (ENV_FILE): ${(error as Error).message}`, { cause: error });
  }
}
