// The Dockerfile follower, on small Dockerfiles in temporary folders (no npm ci: the CI step follows
// the real one end to end), and the project's own Dockerfile and .dockerignore read as Docker would.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyAssets } from '../../scripts/build.ts';
import {
  ContainerCheckError,
  followDockerfile,
  isIgnored,
  MissingSourceError,
  parseDockerfile,
  parseDockerignore,
  StepFailedError,
  type FollowedStage,
  type Instruction,
} from '../../scripts/follow-dockerfile.ts';

const PROJECT_ROOT = join(import.meta.dirname, '../..');
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'follow-dockerfile-test-'));
  folders.push(folder);
  return folder;
}

/** A build context with these files (and this Dockerfile), followed; returns the stages and what was logged. */
async function follow(dockerfile: string, files: Record<string, string>, options: { stagesOnly?: boolean; startTimeoutMs?: number } = {}) {
  const context = await tempFolder();
  for (const [path, text] of Object.entries({ ...files, Dockerfile: dockerfile })) {
    await mkdir(dirname(join(context, path)), { recursive: true });
    await writeFile(join(context, path), text);
  }
  const log: string[] = [];
  const stages = await followDockerfile({
    dockerfile: join(context, 'Dockerfile'),
    workDir: await tempFolder(),
    log: (line) => log.push(line),
    showOutput: false,
    stagesOnly: options.stagesOnly ?? true,
    ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
  });
  return { stages, log };
}

function fileIn(stage: FollowedStage | undefined, path: string): Promise<string> {
  if (!stage) throw new Error('no such stage');
  return readFile(join(stage.root, path), 'utf8');
}

function copies(instructions: Instruction[]) {
  return instructions.flatMap((instruction) => (instruction.kind === 'COPY' ? [instruction] : []));
}

/** A stand-in for the bot: /healthz, the web chat's reply (read from a file), and its page and files from its folder. */
const FAKE_APP = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const here = (file) => new URL('./' + file, import.meta.url);
const reply = readFileSync(here('reply.txt'), 'utf8').trim();
const server = createServer((request, response) => {
  if (request.url === '/healthz') return response.end(JSON.stringify({ status: 'ok' }));
  if (request.method === 'POST' && request.url === '/api/messages') {
    const text = reply + ' (' + process.env.NODE_ENV + ', ' + (process.env.REDIS_URL ?? 'no Redis') + ')';
    return response.end(JSON.stringify({ conversationId: 'c1', replies: [{ text }] }));
  }
  try {
    response.end(readFileSync(here(request.url === '/' ? 'page.html' : request.url.slice(1))));
  } catch {
    response.statusCode = 404;
    response.end();
  }
});
server.listen(Number(process.env.PORT), process.env.HOST);
if (!process.env.IGNORE_SIGTERM) process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const FAKE_IMAGE = (extra = '') => `
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY server.mjs page.html ./
${extra}
HEALTHCHECK --timeout=5s CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.mjs"]
`;

describe('reading a Dockerfile', () => {
  it('reads stages, COPY flags and sources, exec and shell forms, and continued lines', () => {
    const [build, runtime] = parseDockerfile(`
# syntax=docker/dockerfile:1
FROM node:20-slim AS build
RUN npm ci \\
  # a comment inside the command is dropped
  && npm run build
FROM node:20-slim AS runtime
COPY --from=build --chown=node:node /app/dist /app/.cache ./
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "process.exit(0)"
CMD ["node", "dist/main.js"]
`);
    expect(build).toMatchObject({ name: 'build', base: 'node:20-slim', instructions: [{ kind: 'RUN', command: { form: 'shell', script: 'npm ci && npm run build' } }] });
    expect(runtime?.instructions).toMatchObject([
      { kind: 'COPY', from: 'build', chown: 'node:node', sources: ['/app/dist', '/app/.cache'], dest: './' },
      { kind: 'HEALTHCHECK', options: { interval: '30s', timeout: '5s' }, command: { form: 'shell', script: 'node -e "process.exit(0)"' } },
      { kind: 'CMD', command: { form: 'exec', argv: ['node', 'dist/main.js'] } },
    ]);
  });

  it('refuses what it cannot follow, naming the line, rather than skipping it', () => {
    expect(() => parseDockerfile('FROM node:20\nADD app.tar.gz /app\n')).toThrow(/line 2: ADD is not followed/);
    expect(() => parseDockerfile('FROM node:20\nCOPY a b c\n')).toThrow(/line 2: COPY with more than one source needs a destination folder ending in \//);
    expect(() => parseDockerfile('FROM node:20\nRUN --mount=type=secret,id=token npm ci\n')).toThrow(/only type=cache/);
  });
});

describe('following the stages', () => {
  it('fails on a COPY of a file that is not there, naming it and its line', async () => {
    const run = follow('FROM node:20-slim\nWORKDIR /app\nCOPY package.json missing.json ./\n', { 'package.json': '{}' });
    await expect(run).rejects.toThrow(MissingSourceError);
    await expect(run).rejects.toThrow('line 3: COPY source "missing.json" was not found in the build context');
  });

  it('leaves out of the context what .dockerignore excludes, as Docker does', async () => {
    const files = { '.dockerignore': '**/*.log\n.env\nsrc/private\n!src/private/keep.txt\n', 'src/app.js': 'app', 'src/debug.log': 'x', 'src/private/a.txt': 'x', 'src/private/keep.txt': 'kept', '.env': 'TOKEN=secret' };
    const { stages } = await follow('FROM node:20-slim\nWORKDIR /app\nCOPY src ./src\n', files);
    expect(await fileIn(stages[0], 'app/src/app.js')).toBe('app');
    expect(await fileIn(stages[0], 'app/src/private/keep.txt')).toBe('kept');
    await expect(fileIn(stages[0], 'app/src/debug.log')).rejects.toThrow(/ENOENT/);
    await expect(fileIn(stages[0], 'app/src/private/a.txt')).rejects.toThrow(/ENOENT/);
    // Naming an excluded file fails, as `docker build` would: the image would not have it.
    await expect(follow('FROM node:20-slim\nCOPY .env ./\n', files)).rejects.toThrow('COPY source ".env" is excluded from the build context by .dockerignore');
  });

  it('copies --from an earlier stage exactly what is named, from that stage\'s own folder', async () => {
    const { stages } = await follow(
      `FROM node:20-slim AS build
WORKDIR /app
RUN mkdir -p dist && echo compiled > dist/main.js && echo source > notes.txt
FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app/dist ./dist
`,
      {},
    );
    expect(await fileIn(stages[1], 'app/dist/main.js')).toBe('compiled\n');
    await expect(fileIn(stages[1], 'app/notes.txt')).rejects.toThrow(/ENOENT/);
    await expect(follow('FROM node:20-slim\nCOPY --from=build /app/dist ./dist\n', {})).rejects.toThrow('COPY --from=build names no earlier stage');
  });

  it('runs RUN in the WORKDIR with the stage\'s ENV and none of this machine\'s settings, and fails when it fails', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    try {
      const { stages } = await follow('FROM node:20-slim\nWORKDIR /srv/app\nENV GREETING=hello\nRUN echo "$GREETING ${REDIS_URL:-unset} $(basename "$PWD")" > run.txt\n', {});
      expect(await fileIn(stages[0], 'srv/app/run.txt')).toBe('hello unset app\n');
    } finally {
      delete process.env.REDIS_URL;
    }
    const failing = follow('FROM node:20-slim\nRUN echo "cannot find tsx" >&2 && exit 3\n', {});
    await expect(failing).rejects.toThrow(StepFailedError);
    await expect(failing).rejects.toThrow(/line 2: RUN failed \(exit code 3\)[\s\S]*cannot find tsx/);
  });

  it('stops the other stages when one fails, instead of waiting for them', async () => {
    const started = Date.now();
    const run = follow('FROM node:20-slim AS slow\nRUN sleep 30\nFROM node:20-slim AS broken\nRUN exit 2\n', {});
    await expect(run).rejects.toThrow('line 4: RUN failed (exit code 2)');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('checking the image', () => {
  const appFiles = {
    'server.mjs': FAKE_APP,
    'reply.txt': 'It should not hurt.',
    'page.html': '<html><link rel="icon" href="data:,"><link rel="stylesheet" href="chat.css"><a href="https://example.com/">spa</a></html>',
    'chat.css': 'body {}',
  };

  it('starts the CMD with the image\'s ENV only, asks /healthz, the page and the web chat, runs the HEALTHCHECK and stops it with SIGTERM', async () => {
    const { log } = await follow(FAKE_IMAGE('COPY reply.txt chat.css ./'), appFiles, { stagesOnly: false });
    const checks = log.join('\n');
    expect(checks).toContain('GET /healthz: 200 {"status":"ok"}');
    expect(checks).toContain('GET /: 200 with its files (chat.css): 200 each');
    expect(checks).toContain('"It should not hurt. (production, no Redis)"');
    expect(checks).toContain('HEALTHCHECK: exit code 0');
    expect(checks).toContain('SIGTERM: stopped with exit code 0');
  });

  it('fails when the app stops because the Dockerfile forgot a file, with the app\'s own words', async () => {
    const run = follow(FAKE_IMAGE(), appFiles, { stagesOnly: false });
    await expect(run).rejects.toThrow(ContainerCheckError);
    await expect(run).rejects.toThrow(/the app stopped before answering \(exit code 1\)[\s\S]*ENOENT[\s\S]*reply\.txt/);
  });

  it('fails when the chat page links to a file the image does not have', async () => {
    const run = follow(FAKE_IMAGE('COPY reply.txt ./'), appFiles, { stagesOnly: false });
    await expect(run).rejects.toThrow('the chat page links to chat.css, which answered 404');
  });

  it('fails when the app does not stop cleanly on SIGTERM', async () => {
    const run = follow(FAKE_IMAGE('COPY reply.txt chat.css ./\nENV IGNORE_SIGTERM=1'), appFiles, { stagesOnly: false });
    await expect(run).rejects.toThrow(/the app stopped on SIGTERM with SIGTERM \(no handler for it\), not 0/);
  });

  it('fails when the app never answers within the start-up time', async () => {
    const run = follow(FAKE_IMAGE('COPY reply.txt ./').replace('CMD ["node", "server.mjs"]', 'CMD ["node", "-e", "setInterval(() => {}, 1000)"]'), appFiles, { stagesOnly: false, startTimeoutMs: 1500 });
    await expect(run).rejects.toThrow('the app did not answer GET /healthz within 1.5 s');
  });
});

describe("the project's Dockerfile", () => {
  it('runs the bundled bot with plain node, a capped heap sized for memory, as a non-root user, with a HEALTHCHECK', async () => {
    const stages = parseDockerfile(await readFile(join(PROJECT_ROOT, 'Dockerfile'), 'utf8'));
    const runtime = stages.at(-1)?.instructions ?? [];
    expect(runtime.findLast((i) => i.kind === 'CMD')).toMatchObject({ command: { form: 'exec', argv: ['node', expect.stringMatching(/^--max-old-space-size=\d+$/), '--optimize-for-size', 'dist/main.js'] } });
    expect(runtime.findLast((i) => i.kind === 'USER')).toMatchObject({ user: 'node' });
    expect(runtime.some((i) => i.kind === 'HEALTHCHECK' && i.command !== 'NONE')).toBe(true);
    // The image installs production dependencies only; the build stage's tools stay behind.
    const installs = runtime.filter((i) => i.kind === 'RUN' && i.command.form === 'shell' && /npm (ci|install)/.test(i.command.script));
    expect(installs.map((i) => i.text)).toEqual([expect.stringContaining('--omit=dev')]);
    // No setting with a secret is baked in.
    expect(runtime.filter((i) => i.kind === 'ENV').flatMap((i) => i.vars.map(([name]) => name))).not.toContainEqual(expect.stringMatching(/TOKEN|SECRET|PASSWORD|REDIS_URL/));
  });

  it('sends every file it copies from the build context, and no node_modules, build output or .env', async () => {
    const rules = parseDockerignore(await readFile(join(PROJECT_ROOT, '.dockerignore'), 'utf8'));
    const fromContext = parseDockerfile(await readFile(join(PROJECT_ROOT, 'Dockerfile'), 'utf8')).flatMap((stage) => copies(stage.instructions).filter((copy) => !copy.from));
    const sources = fromContext.flatMap((copy) => copy.sources);
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'content', 'intents']));
    expect(sources.filter((source) => isIgnored(rules, source))).toEqual([]);
    for (const path of ['node_modules/tsx/package.json', 'dist/main.js', '.cache/model.json', '.env', 'content/.env.local', '.git/config', 'test/nlu/held-out.yaml']) {
      expect(isIgnored(rules, path), path).toBe(true);
    }
  });
});

describe('the build', () => {
  it('puts every file under src/ that is not TypeScript beside the compiled code', async () => {
    const src = await tempFolder();
    const out = await tempFolder();
    for (const path of ['main.ts', 'types/lib.d.ts', 'channels/web/public/chat.css', 'channels/web/public/index.html']) {
      await mkdir(dirname(join(src, path)), { recursive: true });
      await writeFile(join(src, path), path);
    }
    expect(await copyAssets(src, out)).toEqual(['channels/web/public/chat.css', 'channels/web/public/index.html']);
    expect(await readFile(join(out, 'channels/web/public/index.html'), 'utf8')).toBe('channels/web/public/index.html');
  });
});
