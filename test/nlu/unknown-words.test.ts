import { describe, expect, it } from 'vitest';
import { createLanguageCheck, PREPARED_TEXTS_KEPT } from '../../src/nlu/index.ts';
import { realKnowledge } from '../helpers/bot.ts';

describe('how much of a message the classifier knows', () => {
  it('counts only meaningful words: stop words, dates, times and booking references are left out', async () => {
    const { understanding } = await realKnowledge();
    const all = understanding.intents;
    expect(await understanding.knownWordShare('what is it and can you do it', all)).toBe(1);
    expect(await understanding.knownWordShare('cancel LS-7K3Q', all)).toBe(1);
    expect(await understanding.knownWordShare('cancel ls xkpt please', all)).toBe(1);
    expect(await understanding.knownWordShare('massage tomorrow at 3pm', all)).toBe(1);
  });

  it('reads a booking reference as one whatever its letters spell: repeated ("LS-XCCC") or a chat word ("2mrw")', async () => {
    const { understanding } = await realKnowledge();
    for (const ref of ['LS-XCCC', 'LS-2MRW', 'LS-VVVV', 'LS-THUY']) {
      expect(await understanding.knownWordShare(`cancel ${ref}`, understanding.intents), ref).toBe(1);
      expect(await understanding.interpret(`cancel ${ref}`, { threshold: 0.5 }), ref).toMatchObject({ kind: 'intent', intent: 'booking.cancel' });
    }
  });

  it('is the share of the other words that the named intents were taught', async () => {
    const { understanding } = await realKnowledge();
    expect(await understanding.knownWordShare('massage qwzxv', understanding.intents)).toBe(0.5);
    expect(await understanding.knownWordShare('pressure', ['greeting'])).toBe(0);
    expect(await understanding.knownWordShare('qwzxv plorf', understanding.intents)).toBe(0);
  });

  it('a spa question with a word the spa was never taught is still understood', async () => {
    const { understanding } = await realKnowledge();
    const meaning = await understanding.interpret('does the massage hurt, my skin is quite ticklish', { threshold: 0.15 });
    expect(meaning).toMatchObject({ kind: 'intent', intent: 'faq.pain' });
  });
});

describe('telling another language from English the bot does not know', () => {
  const language = createLanguageCheck(['how long is the massage', 'does it hurt', 'can i book for tomorrow']);

  it.each([
    ['Vietnamese typed without its marks', 'cho minh hoi massage bao nhieu tien'],
    ['Vietnamese without marks, no English word at all', 'em muon huy lich hen ngay mai'],
    ['French with its accents', 'je voudrais réserver un créneau demain'],
    ['French without accents', 'bonjour je voudrais reserver un massage'],
    ['Spanish without accents', 'hola quiero reservar un masaje para manana'],
    ['German without umlauts', 'guten tag, haben sie heute noch frei'],
    ['Indonesian', 'selamat pagi, saya mau pesan pijat besok'],
  ])('%s is another language', (_, text) => {
    expect(language.otherLatinLanguage(text)).toBe(true);
  });

  it.each([
    ['English about something else', 'giraffes sleep standing upright'],
    ['English nonsense', 'wobbly frogs juggle marmalade'],
    ['a spa question', 'how long is the massage'],
    ['too short to tell', 'toi muon'],
    ['English with a word or two of another language', 'merci! can I book a massage for tomorrow please'],
  ])('%s is not', (_, text) => {
    expect(language.otherLatinLanguage(text)).toBe(false);
  });
});

describe('the model’s cache of prepared texts', () => {
  it('stays bounded however many different messages arrive, and answers the same after it is emptied', async () => {
    const { understanding } = await realKnowledge();
    const before = await understanding.interpret('does the massage hurt?', { threshold: 0.15 });
    let most = 0;
    for (let i = 0; i < 3 * PREPARED_TEXTS_KEPT; i++) {
      await understanding.interpret(`is message number ${i} about wombat${i.toString(36)} massages?`, { threshold: 0.15 });
      most = Math.max(most, understanding.cachedTexts);
    }
    expect(most).toBeGreaterThan(PREPARED_TEXTS_KEPT / 2);
    expect(most).toBeLessThanOrEqual(PREPARED_TEXTS_KEPT);
    expect(await understanding.interpret('does the massage hurt?', { threshold: 0.15 })).toEqual(before);
  });
});
