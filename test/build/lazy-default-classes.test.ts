import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAZY_BOLT_RECEIVERS, REQUIRE_BANNER, lazyDefaultClasses } from '../../scripts/build.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spa-lazy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Bundles `entry` (ES module source, resolved from `resolveDir`) as the build does, and imports it. */
async function bundleAndImport(name: string, entry: string, resolveDir: string, filter: RegExp): Promise<Record<string, unknown>> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    stdin: { contents: entry, resolveDir, loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    plugins: [lazyDefaultClasses(filter)],
    banner: { js: REQUIRE_BANNER },
  });
  return import(pathToFileURL(outfile).href);
}

describe('lazyDefaultClasses (the build plugin)', () => {
  it('runs a matched module only when its class is first used, and the class then behaves as itself', async () => {
    await writeFile(
      join(dir, 'heavy.js'),
      [
        'globalThis.heavyLoads = (globalThis.heavyLoads ?? 0) + 1;',
        'class Heavy { constructor(x) { this.x = x; } twice() { return this.x * 2; } }',
        "Heavy.kind = 'heavy';",
        'exports.__esModule = true;',
        'exports.default = Heavy;',
      ].join('\n'),
    );
    const bundled = await bundleAndImport(
      'heavy-bundle',
      "const Heavy = require('./heavy.js').default; export { Heavy }; export const loadsAtImport = globalThis.heavyLoads ?? 0;",
      dir,
      /heavy\.js$/,
    );
    const loads = () => (globalThis as { heavyLoads?: number }).heavyLoads ?? 0;
    expect(bundled.loadsAtImport).toBe(0);
    expect(loads()).toBe(0);

    const Heavy = bundled.Heavy as new (x: number) => { x: number; twice(): number };
    const made = new Heavy(21);
    expect(loads()).toBe(1);
    expect(made.twice()).toBe(42);
    expect(made instanceof Heavy).toBe(true);
    expect((Heavy as unknown as { kind: string }).kind).toBe('heavy');
    // A subclass still gets its own prototype and the real constructor's work.
    class Lighter extends Heavy {
      half() {
        return this.x / 2;
      }
    }
    const sub = new Lighter(8);
    expect([sub.half(), sub.twice(), sub instanceof Heavy, sub instanceof Lighter]).toEqual([4, 16, true, true]);
    new Heavy(1);
    expect(loads()).toBe(1);
  });

  it("leaves Bolt's Socket Mode working: an app with an app-level token gets its Socket Mode receiver", async () => {
    const bundled = await bundleAndImport(
      'bolt-bundle',
      "import { App } from '@slack/bolt'; export const socketApp = () => new App({ token: 'xoxb-1-2-lazy', appToken: 'xapp-1-A0LAZY-1-abc', socketMode: true, logLevel: 'error' });",
      PROJECT_ROOT,
      LAZY_BOLT_RECEIVERS,
    );
    const app = (bundled.socketApp as () => { receiver: { constructor: { name: string }; client: { on: unknown } } })();
    expect(app.receiver.constructor.name).toBe('SocketModeReceiver');
    expect(typeof app.receiver.client.on).toBe('function');
  });
});
