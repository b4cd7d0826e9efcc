// The Dockerfile starts FROM node:24-slim, which cannot be pulled on a machine that reaches only the
// npm registry and Debian's packages. This makes a local stand-in with the same parts, so buildah
// builds the Dockerfile as it is (`--pull=never`):
//   - a Debian bookworm root filesystem, minbase (what "slim" is: no docs, man pages or locales), from
//     Debian's packages with mmdebstrap;
//   - the official Node 24 binary (the npm registry's node-linux-<arch> package, which the `node`
//     package installs) as /usr/local/bin/node, and npm 11 with its npm/npx links, where the official
//     image has them;
//   - the `node` user and group, uid and gid 1000, as in the official image;
//   - this machine's CA bundle, trusted by Node (NODE_EXTRA_CA_CERTS) as the host's Node trusts it, so
//     that `npm ci` inside the build reaches the registry the way the host's npm does. The official
//     image has no such variable; it is the one difference an image built here carries.
// The root filesystem and the downloaded packages are kept in a cache folder; the stand-in is kept in
// buildah's storage and made again only when it is missing.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, seconds } from './commands.ts';

export const BASE_IMAGE = 'docker.io/library/node:24-slim';
const NODE_PACKAGE_RANGE = '24';
const NPM_PACKAGE_RANGE = '11';
const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
// As Debian's slim images: no documentation, manual pages or translations (copyright files stay).
const SLIM_PATHS = ['path-exclude=/usr/share/doc/*', 'path-include=/usr/share/doc/*/copyright', 'path-exclude=/usr/share/man/*', 'path-exclude=/usr/share/info/*', 'path-exclude=/usr/share/locale/*'];

export interface BaseImageOptions {
  /** Where the root filesystem and the packages are kept between runs. */
  cacheDir: string;
  log: (line: string) => void;
}

/** Makes sure `node:24-slim` is in buildah's storage, making the stand-in when it is not; says which. */
export async function ensureBaseImage(options: BaseImageOptions): Promise<'present' | 'made'> {
  if (await imageExists(BASE_IMAGE)) {
    options.log(`${BASE_IMAGE}: in buildah's storage (${await imageLabel(BASE_IMAGE)})`);
    return 'present';
  }
  const started = Date.now();
  await mkdir(options.cacheDir, { recursive: true });
  const rootfs = await debianRootfs(options);
  const work = await mkdtemp(join(tmpdir(), 'node-stand-in-'));
  try {
    const nodeVersion = await unpackPackage(`node-linux-${nodeArch()}@${NODE_PACKAGE_RANGE}`, join(work, 'node'), options);
    const npmVersion = await unpackPackage(`npm@${NPM_PACKAGE_RANGE}`, join(work, 'npm'), options);
    const container = (await run('buildah', ['from', 'scratch'])).trim();
    try {
      await run('buildah', ['add', container, rootfs, '/']);
      await run('buildah', ['add', container, join(work, 'node/bin/node'), '/usr/local/bin/node']);
      await run('buildah', ['add', container, join(work, 'npm'), '/usr/local/lib/node_modules/npm']);
      await run('buildah', ['copy', container, HOST_CA_BUNDLE, HOST_CA_BUNDLE]);
      const setUp = [
        'ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm',
        'ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx',
        'groupadd --gid 1000 node',
        'useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
        'node --version && npm --version',
      ].join(' && ');
      await run('buildah', ['run', '--isolation', 'chroot', container, '--', 'sh', '-c', setUp]);
      const description = `local stand-in for node:24-slim: Debian bookworm minbase, Node ${nodeVersion}, npm ${npmVersion}`;
      await run('buildah', [
        'config',
        '--env', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        '--env', `NODE_VERSION=${nodeVersion}`,
        '--env', `NODE_EXTRA_CA_CERTS=${HOST_CA_BUNDLE}`,
        '--label', `org.opencontainers.image.description=${description}`,
        '--cmd', 'node',
        container,
      ]);
      await run('buildah', ['commit', '--format', 'docker', container, BASE_IMAGE]);
      options.log(`${BASE_IMAGE}: made the ${description} (${seconds(Date.now() - started)})`);
    } finally {
      await run('buildah', ['rm', container]).catch(() => undefined);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return 'made';
}

async function imageExists(name: string): Promise<boolean> {
  return run('buildah', ['inspect', '--type', 'image', name]).then(() => true, () => false);
}

async function imageLabel(name: string): Promise<string> {
  const config = JSON.parse(await run('buildah', ['inspect', '--type', 'image', name])) as { OCIv1?: { config?: { Labels?: Record<string, string> } } };
  return config.OCIv1?.config?.Labels?.['org.opencontainers.image.description'] ?? 'pulled or made elsewhere';
}

/** The root filesystem as a tar file in the cache, made with mmdebstrap the first time. */
async function debianRootfs(options: BaseImageOptions): Promise<string> {
  const tarFile = join(options.cacheDir, 'debian-bookworm-minbase.tar');
  if (existsSync(tarFile)) return tarFile;
  const started = Date.now();
  const partial = `${tarFile}.partial`;
  const slim = SLIM_PATHS.flatMap((option) => ['--dpkgopt', option]);
  await run('mmdebstrap', ['--variant=minbase', '--include=ca-certificates', ...slim, 'bookworm', partial], { timeoutMs: 600_000 });
  await rename(partial, tarFile);
  options.log(`Debian bookworm minbase root filesystem made with mmdebstrap (${seconds(Date.now() - started)}), kept in ${tarFile}`);
  return tarFile;
}

/** Downloads a package from the npm registry into the cache (`npm pack`) and unpacks it into `dir`; returns its version. */
async function unpackPackage(spec: string, dir: string, options: BaseImageOptions): Promise<string> {
  const packed = JSON.parse(await run('npm', ['pack', spec, '--json', '--pack-destination', options.cacheDir])) as Array<{ filename: string; version: string }>;
  const file = packed[0];
  if (!file) throw new Error(`npm pack ${spec} named no file`);
  await mkdir(dir, { recursive: true });
  await run('tar', ['-xzf', join(options.cacheDir, file.filename), '-C', dir, '--strip-components=1']);
  return file.version;
}

function nodeArch(): string {
  const arches: Partial<Record<string, string>> = { x64: 'x64', arm64: 'arm64' };
  const arch = arches[process.arch];
  if (!arch) throw new Error(`no official Node binary package for ${process.arch}`);
  return arch;
}
