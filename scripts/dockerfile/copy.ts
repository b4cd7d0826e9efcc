// COPY, as Docker does it: sources relative to the build context (minus what .dockerignore leaves
// out) or to an earlier stage's root (`--from`); a folder's contents go into the destination; a file
// goes into a destination folder (ending in `/`, or already there) or becomes the destination.
import { cp, lstat, mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { cleanPath, globToRegex, hasInclusions, isIgnored, type IgnoreRule } from './ignore.ts';
import { DockerfileError } from './parse.ts';

/** Where a COPY reads from. */
export interface CopyOrigin {
  /** The build context's folder, or an earlier stage's root folder. */
  root: string;
  /** .dockerignore's rules: for the build context only. */
  rules: IgnoreRule[];
  /** How messages name it: "the build context", "stage build". */
  label: string;
}

/** A COPY source that is not there (or that .dockerignore leaves out): what the image build would fail on. */
export class MissingSourceError extends DockerfileError {
  override name = 'MissingSourceError';
}

/**
 * Copies `sources` from `origin` to `dest` (an absolute path inside the stage) under `stageRoot`;
 * returns how many files were copied.
 */
export async function copyFiles(origin: CopyOrigin, sources: string[], dest: string, stageRoot: string, line: number): Promise<number> {
  const matches: string[] = [];
  for (const source of sources) matches.push(...(await resolveSource(origin, source, line)));
  const target = join(stageRoot, dest);
  const intoFolder = dest.endsWith('/') || matches.length > 1 || (await isFolder(target));
  let files = 0;
  for (const match of matches) {
    const from = join(origin.root, match);
    if ((await stat(from)).isDirectory()) {
      files += await copyTree(origin, match, target);
    } else {
      const to = intoFolder ? join(target, basename(match)) : target;
      await mkdir(posix.dirname(to), { recursive: true });
      await cp(from, to);
      files += 1;
    }
  }
  return files;
}

/** The paths (relative to the origin's root) a COPY source names; a missing or excluded one fails. */
async function resolveSource(origin: CopyOrigin, source: string, line: number): Promise<string[]> {
  const normalized = posix.normalize(source.replace(/^\/+/, '') || '.');
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new DockerfileError(`line ${line}: COPY source "${source}" is outside ${origin.label}`);
  }
  const relative = cleanPath(source);
  if (/[*?[]/.test(relative)) {
    const pattern = globToRegex(relative);
    const depth = relative.split('/').length;
    const found = (await listPaths(origin, '', depth)).filter((path) => pattern.test(path));
    if (found.length === 0) throw new MissingSourceError(`line ${line}: COPY source "${source}" matches nothing in ${origin.label}${excludedNote(origin)}`);
    return found;
  }
  if (relative !== '' && isIgnored(origin.rules, relative)) {
    throw new MissingSourceError(`line ${line}: COPY source "${source}" is excluded from ${origin.label} by .dockerignore`);
  }
  const exists = await lstat(join(origin.root, relative)).then(() => true, () => false);
  if (!exists) throw new MissingSourceError(`line ${line}: COPY source "${source}" was not found in ${origin.label}`);
  return [relative];
}

function excludedNote(origin: CopyOrigin): string {
  return origin.rules.length > 0 ? ' (after .dockerignore)' : '';
}

/** Relative paths under `dir` down to `depth` levels, leaving out what .dockerignore excludes. */
async function listPaths(origin: CopyOrigin, dir: string, depth: number): Promise<string[]> {
  if (depth === 0) return [];
  const entries = await readdir(join(origin.root, dir), { withFileTypes: true });
  const paths: string[] = [];
  for (const entry of entries) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (isIgnored(origin.rules, path)) continue;
    paths.push(path);
    if (entry.isDirectory()) paths.push(...(await listPaths(origin, path, depth - 1)));
  }
  return paths;
}

/** Copies the contents of the folder `folder` (relative to the origin) into `target`, minus excluded paths. */
async function copyTree(origin: CopyOrigin, folder: string, target: string): Promise<number> {
  // An excluded folder is skipped whole, unless a `!` rule may bring something inside it back.
  const lookInside = hasInclusions(origin.rules);
  let files = 0;
  await mkdir(target, { recursive: true });
  await cp(join(origin.root, folder), target, {
    recursive: true,
    verbatimSymlinks: true,
    filter: async (source) => {
      const path = posix.relative(origin.root, source);
      const info = await lstat(source);
      if (path !== folder && path !== '' && isIgnored(origin.rules, path)) return info.isDirectory() && lookInside;
      if (!info.isDirectory()) files += 1;
      return true;
    },
  });
  return files;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isDirectory(), () => false);
}
