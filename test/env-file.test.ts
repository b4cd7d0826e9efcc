import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runBot, startServer } from './helpers/run-bot.ts';

// `.env.example` says "copy to .env": the bot reads that file at start-up (ENV_FILE names another),
// and a variable set in the real environment wins over it.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spa-env-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const settingsFile = async (name: string, lines: string[]): Promise<string> => {
  const file = join(dir, name);
  await writeFile(file, `# settings\n${lines.join('\n')}\n`);
  return file;
};

describe('settings in a .env file', () => {
  it('starts on the port the file names', async () => {
    const port = await freePort();
    const file = await settingsFile('port.env', [`PORT=${port}`, 'LOG_LEVEL=info']);
    const bot = await startServer({ ENV_FILE: file });
    try {
      expect(bot.url).toBe(`http://localhost:${port}`);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(bot.output().stderr).toMatch(/settings read from the environment and the settings file/);
    } finally {
      expect((await bot.stop('SIGTERM')).code).toBe(0);
    }
  });

  it('lets a variable set in the environment win over the file', async () => {
    const [fromFile, fromEnvironment] = [await freePort(), await freePort()];
    const file = await settingsFile('both.env', [`PORT=${fromFile}`]);
    const bot = await startServer({ ENV_FILE: file, PORT: String(fromEnvironment) });
    try {
      expect(bot.url).toBe(`http://localhost:${fromEnvironment}`);
    } finally {
      await bot.stop('SIGTERM');
    }
  });

  it('checks what the file sets like any setting, naming it', async () => {
    const file = await settingsFile('bad.env', ['STATE_TTL_SECONDS=soon']);
    const { code, stderr } = await runBot(['--chat'], '', { ENV_FILE: file });
    expect(code).toBe(1);
    expect(stderr).toMatch(/STATE_TTL_SECONDS/);
  });

  it('stops, naming ENV_FILE, when the file named cannot be read', async () => {
    const { code, stderr } = await runBot(['--chat'], '', { ENV_FILE: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Could not read the settings file .* \(ENV_FILE\)/);
  });
});
