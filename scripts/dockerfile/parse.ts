// Reads a Dockerfile into stages and instructions, for following it without Docker. Only the
// instructions this project's Dockerfile may use are known; anything else is refused with its line,
// so the follower never silently skips a step the image would take.

/** A command as written: exec form (`["node", "x.js"]`, run without a shell) or shell form (`sh -c`). */
export type Command = { form: 'exec'; argv: string[] } | { form: 'shell'; script: string };

/** One instruction, with its line and text. Values are as written: variables are expanded when followed. */
export type Instruction = { line: number; text: string } & (
  | { kind: 'WORKDIR'; path: string }
  | { kind: 'ENV'; vars: Array<[name: string, value: string]> }
  | { kind: 'COPY'; from?: string; chown?: string; chmod?: string; sources: string[]; dest: string }
  | {
      kind: 'RUN';
      command: Command;
      /** Targets of `--mount=type=cache,target=...`: build caches, not part of the image. */
      cacheMounts: string[];
    }
  | { kind: 'USER'; user: string }
  | { kind: 'EXPOSE'; ports: string[] }
  | { kind: 'HEALTHCHECK'; options: Record<string, string>; command: Command | 'NONE' }
  | { kind: 'CMD'; command: Command }
  | { kind: 'LABEL' }
);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A `FROM` and what follows it up to the next `FROM`. */
export interface Stage {
  index: number;
  /** The `AS` name, if any. */
  name?: string;
  /** The image or the earlier stage it starts from. */
  base: string;
  line: number;
  instructions: Instruction[];
}

/** A Dockerfile that cannot be followed, with the line that says why. */
export class DockerfileError extends Error {
  override name = 'DockerfileError';
}

const COPY_FLAGS = ['from', 'chown', 'chmod', 'link'];
const HEALTHCHECK_FLAGS = ['interval', 'timeout', 'start-period', 'start-interval', 'retries'];

/** Parses a Dockerfile's text; throws a DockerfileError naming the line of the first thing it cannot follow. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const { line, keyword, args } of logicalLines(text)) {
    if (keyword === 'FROM') {
      stages.push(parseFrom(args, line, stages.length));
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new DockerfileError(`line ${line}: ${keyword} comes before the first FROM`);
    stage.instructions.push({ ...parseInstruction(keyword, args, line), text: `${keyword} ${args}` });
  }
  if (stages.length === 0) throw new DockerfileError('the Dockerfile has no FROM');
  return stages;
}

/** Joins continued lines (`\` at the end), drops comments and blank lines. */
function* logicalLines(text: string): Generator<{ line: number; keyword: string; args: string }> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let current = lines[i] ?? '';
    if (/^\s*(#|$)/.test(current)) continue;
    while (/\\\s*$/.test(current) && i + 1 < lines.length) {
      current = current.replace(/\s*\\\s*$/, '');
      // Comment lines inside a continued instruction are dropped, and the instruction goes on, as in Docker.
      i++;
      while (i + 1 < lines.length && /^\s*#/.test(lines[i] ?? '')) i++;
      const next = (lines[i] ?? '').trim();
      if (!next.startsWith('#')) current += next === '' ? '' : ` ${next}`;
    }
    const match = /^\s*(\S+)\s*(.*)$/.exec(current);
    if (match) yield { line: start, keyword: (match[1] ?? '').toUpperCase(), args: (match[2] ?? '').trim() };
  }
}

function parseFrom(args: string, line: number, index: number): Stage {
  const { rest } = takeFlags(args, ['platform'], 'FROM', line);
  const words = rest.split(/\s+/).filter(Boolean);
  const [base, as, name] = words;
  if (!base || words.length === 2 || words.length > 3 || (as !== undefined && as.toUpperCase() !== 'AS')) {
    throw new DockerfileError(`line ${line}: FROM must be "FROM image" or "FROM image AS name", not "FROM ${args}"`);
  }
  return { index, base, line, instructions: [], ...(name ? { name } : {}) };
}

function parseInstruction(keyword: string, args: string, line: number): DistributiveOmit<Instruction, 'text'> {
  switch (keyword) {
    case 'WORKDIR':
      return { kind: 'WORKDIR', line, path: required(args, keyword, line) };
    case 'ENV':
      return { kind: 'ENV', line, vars: parseEnv(args, line) };
    case 'COPY':
      return parseCopy(args, line);
    case 'RUN': {
      const { rest, repeated } = takeFlags(args, ['mount'], 'RUN', line);
      const cacheMounts = (repeated.mount ?? []).map((mount) => {
        const fields = Object.fromEntries(mount.split(',').map((field) => field.split('=') as [string, string?]));
        const target = fields.target ?? fields.dst ?? fields.destination;
        if (fields.type !== 'cache' || !target) throw new DockerfileError(`line ${line}: RUN --mount=${mount} is not followed (only type=cache mounts are)`);
        return target;
      });
      return { kind: 'RUN', line, command: parseCommand(required(rest, keyword, line)), cacheMounts };
    }
    case 'USER':
      return { kind: 'USER', line, user: required(args, keyword, line) };
    case 'EXPOSE':
      return { kind: 'EXPOSE', line, ports: required(args, keyword, line).split(/\s+/) };
    case 'HEALTHCHECK': {
      const { flags, rest } = takeFlags(args, HEALTHCHECK_FLAGS, 'HEALTHCHECK', line);
      if (/^NONE$/i.test(rest)) return { kind: 'HEALTHCHECK', line, options: flags, command: 'NONE' };
      const cmd = /^CMD\s+(.+)$/is.exec(rest);
      if (!cmd?.[1]) throw new DockerfileError(`line ${line}: HEALTHCHECK must be followed by CMD <command> or NONE`);
      return { kind: 'HEALTHCHECK', line, options: flags, command: parseCommand(cmd[1]) };
    }
    case 'CMD':
      return { kind: 'CMD', line, command: parseCommand(required(args, keyword, line)) };
    case 'LABEL':
      return { kind: 'LABEL', line };
    default:
      throw new DockerfileError(`line ${line}: ${keyword} is not followed by scripts/follow-dockerfile.ts; use what it knows (FROM, WORKDIR, ENV, COPY, RUN, USER, EXPOSE, HEALTHCHECK, CMD, LABEL) or teach it`);
  }
}

function required(args: string, keyword: string, line: number): string {
  if (!args) throw new DockerfileError(`line ${line}: ${keyword} needs an argument`);
  return args;
}

/** `["a", "b"]` is exec form when it is a JSON array of strings; anything else is shell form, as in Docker. */
export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((part) => typeof part === 'string')) {
        return { form: 'exec', argv: parsed };
      }
    } catch {
      // Not JSON: shell form.
    }
  }
  return { form: 'shell', script: trimmed };
}

function parseCopy(args: string, line: number): DistributiveOmit<Instruction, 'text'> {
  const { flags, rest } = takeFlags(args, COPY_FLAGS, 'COPY', line);
  const command = parseCommand(rest);
  const paths = command.form === 'exec' ? command.argv : splitWords(rest, line);
  const dest = paths.at(-1);
  if (paths.length < 2 || dest === undefined) throw new DockerfileError(`line ${line}: COPY needs at least one source and a destination`);
  const sources = paths.slice(0, -1);
  if (sources.length > 1 && !dest.endsWith('/')) {
    throw new DockerfileError(`line ${line}: COPY with more than one source needs a destination folder ending in /, not "${dest}"`);
  }
  return {
    kind: 'COPY',
    line,
    sources,
    dest,
    ...(flags.from ? { from: flags.from } : {}),
    ...(flags.chown ? { chown: flags.chown } : {}),
    ...(flags.chmod ? { chmod: flags.chmod } : {}),
  };
}

/** Leading `--name=value` flags (the last of each, and all of each in `repeated`); an unknown one is refused rather than ignored. */
function takeFlags(args: string, known: string[], keyword: string, line: number): { flags: Record<string, string>; repeated: Record<string, string[]>; rest: string } {
  const flags: Record<string, string> = {};
  const repeated: Record<string, string[]> = {};
  let rest = args;
  for (let match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); match; match = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    const name = match[1] ?? '';
    if (!known.includes(name)) throw new DockerfileError(`line ${line}: ${keyword} --${name} is not followed by scripts/follow-dockerfile.ts`);
    flags[name] = match[2] ?? 'true';
    (repeated[name] ??= []).push(flags[name]);
    rest = rest.slice(match[0].length);
  }
  return { flags, repeated, rest: rest.trim() };
}

/** `ENV A=1 B="two words"`, or the old `ENV A value with spaces`. */
function parseEnv(args: string, line: number): Array<[string, string]> {
  const words = splitWords(required(args, 'ENV', line), line);
  const first = words[0] ?? '';
  if (!first.includes('=')) {
    const legacy = /^(\S+)\s+(.*)$/s.exec(args);
    if (!legacy?.[1]) throw new DockerfileError(`line ${line}: ENV needs NAME=value`);
    return [[legacy[1], legacy[2] ?? '']];
  }
  return words.map((word) => {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new DockerfileError(`line ${line}: ENV expects NAME=value pairs, got "${word}"`);
    return [word.slice(0, eq), word.slice(eq + 1)];
  });
}

/** Splits on unquoted spaces, removing quotes and backslash escapes (as Docker does for ENV and COPY). */
function splitWords(text: string, line: number): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) throw new DockerfileError(`line ${line}: unclosed ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/** Replaces `$NAME` and `${NAME}` with values from `env` (unset: empty), as Docker does in ENV, WORKDIR and COPY. */
export function expandVariables(text: string, env: Record<string, string>): string {
  return text.replace(/\\\$|\$\{(\w+)\}|\$(\w+)/g, (match, braced?: string, bare?: string) => {
    if (match === '\\$') return '$';
    return env[braced ?? bare ?? ''] ?? '';
  });
}
