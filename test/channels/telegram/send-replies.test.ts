import { describe, expect, it } from 'vitest';
import { keyboardFor, splitText } from '../../../src/channels/telegram/index.ts';
import { recordingLogger } from './harness.ts';

describe('splitting long texts', () => {
  it('leaves a text within the limit alone', () => {
    expect(splitText('Hello\nthere', 4096)).toEqual(['Hello\nthere']);
    expect(splitText('x'.repeat(4096))).toEqual(['x'.repeat(4096)]);
  });

  it('splits at the last line break that fits, dropping it', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('falls back to a space, then to a hard cut', () => {
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('never cuts an emoji in half', () => {
    const pieces = splitText('abcd🌸efgh', 5);
    expect(pieces).toEqual(['abcd', '🌸efg', 'h']);
    expect(pieces.join('')).toBe('abcd🌸efgh');
  });

  it('drops pieces that would be empty, which Telegram refuses', () => {
    expect(splitText('aaaa\n\n\n\nbbbb', 5)).toEqual(['aaaa', 'bbbb']);
    expect(splitText('')).toEqual([]);
  });
});

describe('keyboards', () => {
  it('puts short labels two to a row and long ones one to a row', () => {
    const { logger } = recordingLogger();
    const short = keyboardFor([{ label: '09:00', action: 'b:at:1' }, { label: '09:30', action: 'b:at:2' }, { label: 'Stop', action: 'b:stop' }], logger);
    expect(short?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['09:00', '09:30'], ['Stop']]);
    const long = keyboardFor([{ label: 'How long is a session?', action: 'i:faq.duration' }, { label: 'Menu', action: 'i:help' }], logger);
    expect(long?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['How long is a session?'], ['Menu']]);
  });

  it('puts the primary choice first on a row of its own', () => {
    const { logger } = recordingLogger();
    const keyboard = keyboardFor([{ label: 'Stop', action: 'b:stop' }, { label: 'Confirm', action: 'b:ok:1', primary: true }], logger);
    expect(keyboard?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['Confirm'], ['Stop']]);
  });

  it('lays out grouped choices group by group: clock times four to a row, longer labels as ungrouped ones', () => {
    const { logger } = recordingLogger();
    const at = (label: string, group?: string) => ({ label, action: `b:${label}`, ...(group ? { group } : {}) });
    const keyboard = keyboardFor(
      [at('09:00', 'Morning'), at('09:30', 'Morning'), at('10:00', 'Morning'), at('10:30', 'Morning'), at('11:00', 'Morning'), at('13:00', 'Afternoon'), at('Sat 28 Nov', 'Other days'), at('Sun 29 Nov', 'Other days'), at('Stop')],
      logger,
    );
    expect(keyboard?.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([
      ['09:00', '09:30', '10:00', '10:30'],
      ['11:00'],
      ['13:00'],
      ['Sat 28 Nov', 'Sun 29 Nov'],
      ['Stop'],
    ]);
  });

  it('leaves out a choice whose action is over 64 bytes, with a log line', () => {
    const { logger, messages } = recordingLogger();
    const keyboard = keyboardFor([{ label: 'Too long', action: `i:${'é'.repeat(32)}` }, { label: 'Fine', action: 'i:help' }], logger);
    expect(keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Fine']);
    expect(messages('warn')).toHaveLength(1);
    expect(keyboardFor([], logger)).toBeUndefined();
    expect(keyboardFor(undefined, logger)).toBeUndefined();
  });
});
