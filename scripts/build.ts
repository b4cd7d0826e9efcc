// `npm run build`: the bot as a few files in dist/, ready to run with plain node (as the image does),
// and its intent model trained into .cache/ so the image starts without training.
//   1. esbuild bundles src/main.ts and every package it uses: node then reads and compiles a few
//      files instead of resolving some 2,900 modules, which makes start-up a third faster. The entry
//      is dist/main.js; what main.ts imports only when a channel or Redis is configured goes into
//      chunks beside it (dist/<name>-<hash>.js), loaded when needed. Chunks also keep memory down:
//      V8 parses each file in one go, and one 8 MB file made the parser take about 40 MB that the C
//      allocator then kept for good;
//   2. the web chat's public/ files are copied to dist/public/, where the bundled code looks for them
//      (`new URL('./public/', import.meta.url)` now names dist/);
//   3. node dist/main.js --prepare, which trains and keeps the model, then exits.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
// Training takes seconds; a --prepare that has not exited after this is waiting for something else.
const PREPARE_TIMEOUT_MS = 120_000;

/**
 * Copies every file under `srcDir` that the compiler does not turn into JavaScript (anything but
 * `.ts`) to the same place under `outDir`, so code that reads files beside itself finds them there too.
 */
export async function copyAssets(srcDir: string, outDir: string): Promise<string[]> {
  const copied: string[] = [];
  for (const entry of await readdir(srcDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const path = relative(srcDir, join(entry.parentPath, entry.name));
    await mkdir(dirname(join(outDir, path)), { recursive: true });
    await cp(join(srcDir, path), join(outDir, path));
    copied.push(path);
  }
  return copied.sort();
}

/** Packages written as CommonJS call require(); an ES module has none of its own. */
export const REQUIRE_BANNER = "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);";

/**
 * Bolt's receivers the bot does not use in HTTP mode. Bolt requires all of them when it loads: Socket
 * Mode (with undici and ws), Express (with body-parser and iconv-lite) and AWS Lambda, some 9 MB of
 * heap for code that an HTTP-mode staff desk never runs.
 */
export const LAZY_BOLT_RECEIVERS = /[\\/]@slack[\\/]bolt[\\/]dist[\\/]receivers[\\/](SocketModeReceiver|ExpressReceiver|AwsLambdaReceiver)\.js$/;

/**
 * An esbuild plugin: each CommonJS module matched by `filter` that exports a class as `default` is
 * loaded when that class is first used (constructed, or a property read) instead of when it is
 * required. The module itself is replaced by a stand-in whose `default` is a Proxy of the class;
 * the real module stays in the bundle, and esbuild runs a bundled CommonJS module only when it is
 * first required.
 */
export function lazyDefaultClasses(filter: RegExp): Plugin {
  const REAL = '?lazy-real';
  return {
    name: 'lazy-default-classes',
    setup(build) {
      build.onLoad({ filter }, (args) => {
        // The real module, required by its stand-in: esbuild reads the file as usual.
        if (args.suffix === REAL) return undefined;
        const real = JSON.stringify(args.path + REAL);
        return {
          loader: 'js',
          resolveDir: dirname(args.path),
          contents: [
            'let real;',
            `const load = () => (real ??= require(${real}).default);`,
            'const stand = new Proxy(function () {}, {',
            '  construct: (_, args, newTarget) => Reflect.construct(load(), args, newTarget === stand ? load() : newTarget),',
            '  apply: (_, self, args) => Reflect.apply(load(), self, args),',
            '  get: (_, key) => Reflect.get(load(), key),',
            '  has: (_, key) => Reflect.has(load(), key),',
            '  getPrototypeOf: () => Reflect.getPrototypeOf(load()),',
            '});',
            'module.exports = { __esModule: true, default: stand };',
          ].join('\n'),
        };
      });
    },
  };
}

/** Runs node with `args` in the project root; exits this process with a message if it fails. */
function runNode(step: string, args: string[], timeoutMs?: number): void {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'inherit', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`;
    console.error(`build: ${step} failed (${why}, after ${took})`);
    process.exit(1);
  }
  console.log(`build: ${step} (${took})`);
}

async function main(): Promise<void> {
  const srcDir = join(PROJECT_ROOT, 'src');
  const outDir = join(PROJECT_ROOT, 'dist');
  // A fresh dist/: a module deleted from src/ must not linger in the build.
  await rm(outDir, { recursive: true, force: true });
  const started = Date.now();
  await build({
    entryPoints: [join(srcDir, 'main.ts')],
    outdir: outDir,
    entryNames: '[name]',
    // Chunks sit beside main.js, so import.meta.url means the same folder in every file.
    chunkNames: '[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Class names stay: the date parser picks chrono's parsers by name.
    keepNames: true,
    // No comments or blank space (a third less source for V8 to keep), but every name as written, so
    // stack traces in the logs stay readable; dist/*.js.map maps them back (node --enable-source-maps).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    sourcesContent: false,
    // Non-ASCII characters in strings as escapes: V8 keeps an all-Latin-1 source in one byte per
    // character, and a single character beyond that doubles the whole file.
    charset: 'ascii',
    logLevel: 'warning',
    plugins: [lazyDefaultClasses(LAZY_BOLT_RECEIVERS)],
    banner: { js: REQUIRE_BANNER },
  });
  console.log(`build: bundled src/main.ts into dist/main.js and its chunks (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const assets = await copyAssets(join(srcDir, 'channels', 'web', 'public'), join(outDir, 'public'));
  console.log(`build: copied the web chat's ${assets.length} files to dist/public/ (${assets.join(', ')})`);
  runNode('prepared .cache/ (node dist/main.js --prepare)', [join(outDir, 'main.js'), '--prepare'], PREPARE_TIMEOUT_MS);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
