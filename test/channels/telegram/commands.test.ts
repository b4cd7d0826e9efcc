import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommandDescriptions, loadTelegramTexts, TELEGRAM_COMMANDS } from '../../../src/channels/telegram/index.ts';
import { ContentError } from '../../../src/core/index.ts';
import { CONTENT_DIR } from '../../helpers/bot.ts';

describe('the command menu', () => {
  it('has a description in content/telegram.yaml for every command', async () => {
    const descriptions = await loadCommandDescriptions(CONTENT_DIR);
    expect(Object.keys(descriptions).sort()).toEqual(Object.keys(TELEGRAM_COMMANDS).sort());
  });

  it('has the bot’s descriptions in every language, within Telegram’s limits once the spa’s name is in', async () => {
    const descriptions = await loadTelegramTexts(CONTENT_DIR);
    expect(Object.keys(descriptions).sort()).toEqual(['en', 'ko', 'ru', 'vi', 'zh']);
    for (const { description, shortDescription } of Object.values(descriptions)) {
      expect(description).toContain('{name}');
      expect([...description.replace('{name}', 'L Spa')].length).toBeLessThanOrEqual(512);
      expect([...shortDescription.replace('{name}', 'L Spa')].length).toBeLessThanOrEqual(120);
    }
  });

  it('maps each command to the action the brief asks for', () => {
    expect(TELEGRAM_COMMANDS).toEqual({
      start: 'i:greeting',
      help: 'i:help',
      book: 'i:booking.start',
      mybookings: 'i:booking.mine',
      cancel: 'i:booking.cancel',
      faq: 'i:help',
      language: 'i:language',
    });
  });

  it('stops start-up with the file and the field when a description is missing or too long', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'telegram-content-'));
    try {
      await writeFile(
        join(dir, 'telegram.yaml'),
        `description: Hello\nshort_description: ${'y'.repeat(130)}\ncommands:\n  start: Hi\n  help: Help\n  book: ${'x'.repeat(300)}\n  mybookings: Mine\n  cancel: Cancel\n`,
      );
      const failure = loadCommandDescriptions(dir);
      await expect(failure).rejects.toBeInstanceOf(ContentError);
      await expect(failure).rejects.toThrow(/telegram\.yaml: short_description: .*120.*commands\.book: .*256.*commands\.faq/s);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('stops start-up naming the language whose share-my-phone button is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'telegram-content-'));
    try {
      for (const language of ['', 'vi', 'ko', 'zh', 'ru']) await cp(join(CONTENT_DIR, language, 'telegram.yaml'), join(dir, language, 'telegram.yaml'));
      const korean = await readFile(join(dir, 'ko', 'telegram.yaml'), 'utf8');
      await writeFile(join(dir, 'ko', 'telegram.yaml'), korean.replace(/^share_phone:[\s\S]*$/m, ''));
      await expect(loadTelegramTexts(dir)).rejects.toThrow(/ko[/\\]telegram\.yaml: share_phone: missing \(language: ko\)/);

      await writeFile(join(dir, 'ko', 'telegram.yaml'), korean);
      const english = await readFile(join(dir, 'telegram.yaml'), 'utf8');
      await writeFile(join(dir, 'telegram.yaml'), english.replace(/^ {2}placeholder:.*$/m, `  placeholder: "${'x'.repeat(70)}"`));
      await expect(loadTelegramTexts(dir)).rejects.toThrow(/telegram\.yaml: share_phone\.placeholder: .*64/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('has the share-my-phone button in every language', async () => {
    const texts = await loadTelegramTexts(CONTENT_DIR);
    const buttons = Object.values(texts).map((t) => t.sharePhone.button);
    expect(new Set(buttons).size).toBe(5);
    expect(texts.ko.sharePhone).toEqual({ button: '📱 내 전화번호 보내기', placeholder: '또는 전화번호나 이메일 입력' });
  });
});
