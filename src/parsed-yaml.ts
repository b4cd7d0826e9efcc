// Parsing YAML is the slowest part of a start: the content in five languages, the phrasings and the
// vocabularies take about half a second to parse, and the same text as JSON a hundredth of that. A
// file's parsed form can be kept in one JSON file beside the intent models, under a hash of its text:
// the next start reads that instead, and a changed file (a new hash) is parsed afresh.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// Raised when what is kept changes shape, so older files are not read.
const FORMAT = 2;
const FILE_NAME = `parsed-yaml-${FORMAT}.json`;

// Each file's parsed form is kept as JSON text, read when asked for: a few megabytes less of heap than
// every language's parsed files held as objects for the whole run.
let kept: { dir: string; earlier: Map<string, string>; used: Map<string, string>; parsedNow: number } | undefined;

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Keeps parsed YAML in `dir` from now on, reading what an earlier start kept there (undefined: parse
 * everything again, keeping nothing). A folder that cannot be read only means parsing everything.
 */
export function keepParsedYamlIn(dir: string | undefined): void {
  if (dir === undefined) {
    kept = undefined;
    return;
  }
  const earlier = new Map<string, string>();
  try {
    const data = JSON.parse(readFileSync(join(dir, FILE_NAME), 'utf8')) as Record<string, unknown>;
    for (const [hash, value] of Object.entries(data)) if (typeof value === 'string') earlier.set(hash, value);
  } catch {
    // Nothing kept yet, or a damaged file: it is written afresh by saveParsedYaml.
  }
  kept = { dir, earlier, used: new Map(), parsedNow: 0 };
}

/** Parses YAML text, or returns what was kept for the same text. Throws the parser's error for bad YAML. */
export function parseYaml(text: string): unknown {
  if (!kept) return parse(text);
  const hash = hashOf(text);
  const json = kept.used.get(hash) ?? kept.earlier.get(hash);
  if (json !== undefined) {
    kept.used.set(hash, json);
    return JSON.parse(json);
  }
  const value: unknown = parse(text);
  kept.used.set(hash, JSON.stringify(value));
  kept.parsedNow++;
  return value;
}

/**
 * Writes what was parsed for the next start, when anything was parsed anew: with what earlier starts
 * kept (a language nobody wrote in this time), or `onlyRead`, only what this process read, so texts
 * since changed do not pile up (the build, which reads everything). Fails quietly in a read-only folder.
 */
export function saveParsedYaml(options: { onlyRead?: boolean } = {}): void {
  if (!kept || (kept.parsedNow === 0 && !options.onlyRead)) return;
  const entries = options.onlyRead ? kept.used : new Map([...kept.earlier, ...kept.used]);
  try {
    mkdirSync(kept.dir, { recursive: true });
    const file = join(kept.dir, FILE_NAME);
    // Written aside and renamed, so a second process starting at the same time never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(Object.fromEntries(entries)));
    renameSync(partial, file);
    kept.parsedNow = 0;
  } catch {
    // A read-only image parses at each start instead.
  }
}
