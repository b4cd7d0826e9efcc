// `npm run check:image`: builds the Dockerfile as it is with buildah and checks the image it makes.
//
//   tsx scripts/check-image.ts
//
// 1. `node:24-slim` cannot be pulled here, so a local stand-in is made once and kept
//    (scripts/image/stand-in-base.ts says what it holds and how it differs).
// 2. `buildah bud --pull=never --isolation chroot --layers --format docker` builds the Dockerfile
//    with the project's folder as the build context (.dockerignore applies). --layers keeps each
//    step's result, so an unchanged step (npm ci with the same lock file) is not run again; docker
//    format keeps the HEALTHCHECK, which the OCI format has no place for. The build stage is tagged
//    too (built first, with --target), so that pruning what earlier builds left keeps its steps.
// 3. scripts/image/check-container.ts checks the image's configuration, runs its CMD as its USER and
//    asks it what an operator and a guest would.
// Needs root (or rootless buildah set up), and Debian's buildah and mmdebstrap packages.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkImage } from './image/check-container.ts';
import { ImageCheckError, run, seconds } from './image/commands.ts';
import { ensureBaseImage } from './image/stand-in-base.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMAGE = 'localhost/spa-concierge:check';
const BUILD_STAGE = { target: 'build', tag: 'localhost/spa-concierge:check-build' };
const CACHE_DIR = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'spa-concierge', 'image');

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(line);
  try {
    await run('buildah', ['--version']);
    await ensureBaseImage({ cacheDir: CACHE_DIR, log });

    log(`\nBuilding ${resolve(PROJECT_ROOT, 'Dockerfile')} as ${IMAGE}`);
    const building = Date.now();
    const bud = ['bud', '--pull=never', '--isolation', 'chroot', '--layers', '--format', 'docker'];
    await run('buildah', [...bud, '--target', BUILD_STAGE.target, '--tag', BUILD_STAGE.tag, PROJECT_ROOT], { show: true, cwd: PROJECT_ROOT, timeoutMs: 600_000 });
    await run('buildah', [...bud, '--tag', IMAGE, PROJECT_ROOT], { show: true, cwd: PROJECT_ROOT, timeoutMs: 600_000 });
    log(`Built in ${seconds(Date.now() - building)}`);
    // Steps of earlier builds that neither tag uses any more (this build's are kept, for the next).
    await run('buildah', ['rmi', '--prune']).catch(() => undefined);

    log(`\nChecking ${IMAGE}`);
    await checkImage(IMAGE, { log });
    log(`\nThe image builds, starts as its user, answers a guest and stops cleanly (${seconds(Date.now() - started)} in all).`);
  } catch (error) {
    if (!(error instanceof ImageCheckError)) throw error;
    console.error(`\nThe image check failed after ${seconds(Date.now() - started)}: ${error.message}`);
    process.exitCode = 1;
  }
}

await main();
