// `npm run build`: the bot compiled to dist/, ready to run with plain node (`node dist/main.js`, as
// the image does), and its intent model trained into .cache/ so the image starts without training.
//   1. tsc -p tsconfig.build.json: src/**/*.ts to dist/**/*.js, folders mirrored;
//   2. every other file under src/ (the web chat's public/ files) copied beside the code that reads it;
//   3. node dist/main.js --prepare, which trains and keeps the model, then exits.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  runNode('compiled src/ to dist/', [tsc, '-p', 'tsconfig.build.json']);
  const assets = await copyAssets(srcDir, outDir);
  console.log(`build: copied ${assets.length} files that are not TypeScript (${assets.join(', ')})`);
  runNode('prepared .cache/ (node dist/main.js --prepare)', [join(outDir, 'main.js'), '--prepare'], PREPARE_TIMEOUT_MS);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
