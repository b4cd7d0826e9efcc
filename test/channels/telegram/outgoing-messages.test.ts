// What a turn's replies become on Telegram when a reply keyboard is involved, and what a shared
// contact becomes: pure functions, checked without a bot.
import { describe, expect, it } from 'vitest';
import {
  contactKeyboard,
  contactText,
  createMemoryReplyKeyboards,
  cutBeforeLastPart,
  inputFromText,
  planMessages,
  type MessagePlan,
} from '../../../src/channels/telegram/index.ts';
import type { Reply } from '../../../src/core/index.ts';
import { recordingLogger } from './harness.ts';

const sharePhone = { button: '📱 Share my phone number', placeholder: 'Or type a phone number or email' };
const stop = { label: 'Stop', action: 'b:stop' };
const askContact: Reply = { text: 'And a phone number or email address?', choices: [stop], asks: 'contact' };

function plan(replies: Reply[], keyboardShowing: boolean, withButtonWords = true): MessagePlan {
  return planMessages(replies, { logger: recordingLogger().logger, ...(withButtonWords ? { sharePhone } : {}), keyboardShowing });
}

/** Each message as its text and the kind of what it carries. */
const shape = (p: MessagePlan) => p.messages.map((m) => [m.text, m.markup?.kind ?? 'none']);

describe('the contact question', () => {
  it('carries the share-my-phone button and its choices on a reply keyboard, the message box left to type in', () => {
    const p = plan([askContact], false);
    expect(shape(p)).toEqual([['And a phone number or email address?', 'contact']]);
    expect(p.keyboardShowing).toBe(true);
    expect(contactKeyboard(sharePhone, [stop])).toEqual({
      keyboard: [[{ text: '📱 Share my phone number', request_contact: true }], [{ text: 'Stop' }]],
      one_time_keyboard: true,
      resize_keyboard: true,
      input_field_placeholder: 'Or type a phone number or email',
    });
  });

  it('keeps its inline buttons when the button’s words are not known', () => {
    const p = plan([askContact], false, false);
    expect(shape(p)).toEqual([['And a phone number or email address?', 'inline']]);
    expect(p.keyboardShowing).toBe(false);
  });
});

describe('taking a reply keyboard away', () => {
  it('rides on the first message without buttons', () => {
    const p = plan([{ text: 'Thanks!' }, { text: 'Shall I confirm it?', choices: [{ label: 'Confirm', action: 'b:ok:1' }] }], true);
    expect(shape(p)).toEqual([
      ['Thanks!', 'remove-keyboard'],
      ['Shall I confirm it?', 'inline'],
    ]);
    expect(p.keyboardShowing).toBe(false);
  });

  it('cuts a reply with buttons before its last line, the buttons staying under the rest', () => {
    const summary: Reply = { text: "Here's your booking:\nWhen: Friday at 10:00\nShall I confirm it?", choices: [{ label: 'Confirm', action: 'b:ok:1' }] };
    const p = plan([summary], true);
    expect(shape(p)).toEqual([
      ["Here's your booking:\nWhen: Friday at 10:00", 'remove-keyboard'],
      ['Shall I confirm it?', 'inline'],
    ]);
    expect(p.keyboardShowing).toBe(false);
  });

  it('cuts a one-line reply before its last sentence, and leaves a one-sentence one for a later turn', () => {
    const stopped: Reply = { text: "No problem, I've stopped there. Nothing was booked.", choices: [{ label: 'Menu', action: 'i:help' }] };
    expect(shape(plan([stopped], true))).toEqual([
      ["No problem, I've stopped there.", 'remove-keyboard'],
      ['Nothing was booked.', 'inline'],
    ]);
    const short = plan([{ text: 'Anything else?', choices: [{ label: 'Menu', action: 'i:help' }] }], true);
    expect(shape(short)).toEqual([['Anything else?', 'inline']]);
    expect(short.keyboardShowing).toBe(true);
  });

  it('is left out when no keyboard shows, or when the turn asks again', () => {
    expect(shape(plan([{ text: 'Thanks!' }], false))).toEqual([['Thanks!', 'none']]);
    const again = plan([{ text: "That doesn't look like a phone number." }, askContact], true);
    expect(shape(again)).toEqual([
      ["That doesn't look like a phone number.", 'none'],
      ['And a phone number or email address?', 'contact'],
    ]);
    expect(again.keyboardShowing).toBe(true);
  });

  it('cuts at line breaks and at sentence ends, Chinese ones too', () => {
    expect(cutBeforeLastPart('one\ntwo\n\nthree')).toEqual(['one\ntwo', 'three']);
    expect(cutBeforeLastPart('没问题，已经停下了。没有为您预约任何时段。')).toEqual(['没问题，已经停下了。', '没有为您预约任何时段。']);
    expect(cutBeforeLastPart('Is 10:00 ok? Or 10.30?')).toEqual(['Is 10:00 ok?', 'Or 10.30?']);
    expect(cutBeforeLastPart('Anything else?')).toBeUndefined();
    expect(cutBeforeLastPart('Price: 600.000 VND')).toBeUndefined();
  });
});

describe('a press on the reply keyboard', () => {
  it('is its choice’s action while the keyboard shows, and plain text otherwise', async () => {
    const memory = createMemoryReplyKeyboards();
    expect(await inputFromText(memory, 5, 'Остановить')).toEqual({ kind: 'text', text: 'Остановить' });
    await memory.remember(5, [{ label: 'Остановить', action: 'b:stop' }]);
    expect(await inputFromText(memory, 5, 'Остановить')).toEqual({ kind: 'action', action: 'b:stop' });
    expect(await inputFromText(memory, 5, 'lan@example.com')).toEqual({ kind: 'text', text: 'lan@example.com' });
    expect(await inputFromText(memory, 6, 'Остановить')).toEqual({ kind: 'text', text: 'Остановить' });
    await memory.remember(5, undefined);
    expect(await inputFromText(memory, 5, 'Остановить')).toEqual({ kind: 'text', text: 'Остановить' });
  });

  it('is remembered for a bounded number of chats, the oldest forgotten first', async () => {
    const memory = createMemoryReplyKeyboards(2);
    await memory.remember(1, []);
    await memory.remember(2, []);
    await memory.remember(3, []);
    expect(await memory.shown(1)).toBeUndefined();
    expect(await memory.shown(3)).toEqual([]);
  });
});

describe('a shared contact as the guest’s text', () => {
  it('is the phone number with a + before its digits, as Telegram may leave it out', () => {
    expect(contactText({ phone_number: '84905123456' })).toBe('+84905123456');
    expect(contactText({ phone_number: '+84 905 123-456' })).toBe('+84905123456');
  });

  it('keeps a local number from the address book as written, for the core to read as the spa’s country’s', () => {
    expect(contactText({ phone_number: '0905 123 456' })).toBe('0905 123 456');
  });

  it('is the card’s email when it has no number, else empty', () => {
    expect(contactText({ phone_number: '', vcard: 'BEGIN:VCARD\r\nFN:Mai\r\nEMAIL;TYPE=INTERNET:mai@example.com\r\nEND:VCARD' })).toBe('mai@example.com');
    expect(contactText({ phone_number: '' })).toBe('');
  });
});
