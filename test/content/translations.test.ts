import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentSet } from '../../src/content/index.ts';
import { ContentError } from '../../src/core/index.ts';
import { LANGUAGES } from '../../src/languages.ts';
import { CONTENT_DIR } from '../helpers/bot.ts';

/** A copy of content/ with one file changed by `edit`. */
async function contentWith(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'content-'));
  await cp(CONTENT_DIR, dir, { recursive: true });
  await writeFile(join(dir, file), edit(await readFile(join(dir, file), 'utf8')));
  return dir;
}

describe('content in every language', () => {
  it('has every text in all five languages, with the English ids and settings', async () => {
    const set = await loadContentSet(CONTENT_DIR);
    expect(Object.keys(set)).toEqual([...LANGUAGES]);
    expect(set.ko.messages.greeting).toMatch(/안녕하세요/);
    expect(set.vi.knowledge.topics['faq.duration']?.text).toMatch(/30 phút/);
    expect(set.zh.booking.labels.confirm).not.toBe(set.en.booking.labels.confirm);
    expect(set.ru.knowledge.menu).toEqual(set.en.knowledge.menu);
    expect(set.ru.spa).toBe(set.en.spa);
  });

  it.each([
    ['a text missing in Korean', 'ko/messages.yaml', (t: string) => t.replace(/^fallback:.*$/m, ''), /ko[/\\]messages\.yaml: fallback: missing text \(language: ko\)/],
    ['a placeholder dropped in Russian', 'ru/booking.yaml', (t: string) => t.replace(/\{ref\}/, 'LS'), /ru[/\\]booking\.yaml: .*placeholders .* should be .*\(language: ru\)/],
    ['a key the English file does not have', 'vi/handover.yaml', (t: string) => `${t}\nstarted_later: "x"\n`, /vi[/\\]handover\.yaml: started_later: not in the English file \(language: vi\)/],
    ['a walk-through with a step too few in Chinese', 'zh/walkthroughs.yaml', (t: string) => t.replace(/\n {4}- title:[^\n]*\n(?: {6}[^\n]*\n)+/, '\n'), /zh[/\\]walkthroughs\.yaml: preparation\.steps: should be a list of 3 \(language: zh\)/],
  ])('refuses to start with %s, naming the file, the key and the language', async (_, file, edit, message) => {
    const dir = await contentWith(file, edit);
    const error = await loadContentSet(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect(String((error as Error).message)).toMatch(message);
  });
});
