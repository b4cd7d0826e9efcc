import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepParsedYamlIn, parseYaml, saveParsedYaml } from '../../src/parsed-yaml.ts';

// A start reads the content and phrasings it parsed before as JSON; what an owner changes in a file
// must still show on the next start, and a broken file must still be refused.
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parsed-yaml-'));
});

afterEach(async () => {
  keepParsedYamlIn(undefined);
  await rm(dir, { recursive: true, force: true });
});

/** A start: reads what was kept, parses, keeps what it parsed. */
function start(texts: string[]): unknown[] {
  keepParsedYamlIn(dir);
  const parsed = texts.map(parseYaml);
  saveParsedYaml();
  return parsed;
}

describe('parsed YAML kept between starts', () => {
  it('gives the next start the same values, and a changed file its new value', async () => {
    expect(start(['greeting: "Hello!"', 'hours: { mon: "09:00" }'])).toEqual([{ greeting: 'Hello!' }, { hours: { mon: '09:00' } }]);
    expect(await readFile(join(dir, 'parsed-yaml-2.json'), 'utf8')).toContain('Hello!');
    expect(start(['greeting: "Hello!"', 'hours: { mon: "09:00" }'])).toEqual([{ greeting: 'Hello!' }, { hours: { mon: '09:00' } }]);
    // The owner edits the file: the new text is parsed, not the kept one returned.
    expect(start(['greeting: "Xin chào!"'])).toEqual([{ greeting: 'Xin chào!' }]);
  });

  it('still refuses broken YAML, and ignores a damaged kept file', async () => {
    await writeFile(join(dir, 'parsed-yaml-2.json'), '{ not json');
    keepParsedYamlIn(dir);
    expect(() => parseYaml('greeting: [unclosed')).toThrow();
    expect(parseYaml('ok: true')).toEqual({ ok: true });
  });

  it('parses afresh and keeps nothing when the folder cannot be written', async () => {
    // A "folder" inside a file can be neither read nor made.
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    keepParsedYamlIn(join(file, 'cache'));
    expect(parseYaml('a: 1')).toEqual({ a: 1 });
    expect(() => saveParsedYaml()).not.toThrow();
  });
});
