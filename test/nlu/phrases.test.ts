import { describe, expect, it } from 'vitest';
import { phrasePattern } from '../../src/nlu/phrases.ts';

describe('phrase patterns', () => {
  it('finds phrases as whole words, spaced or joined as each script is written', () => {
    const pattern = phrasePattern(['no', 'no thanks', '예약'])!;
    expect(pattern.exec('ok, no thanks')?.[0]).toBe('no thanks');
    expect(pattern.test('nothing')).toBe(false);
    expect(pattern.test('예약하고 싶어요')).toBe(true);
  });

  it('is made once for the same phrases and spacing, and is safe to share', () => {
    const one = phrasePattern(['yes', 'yep']);
    expect(phrasePattern(['yes', 'yep'])).toBe(one);
    expect(phrasePattern(['yep', 'yes'])).not.toBe(one);
    expect(phrasePattern(['yes', 'yep'], String.raw`[\s-]+`)).not.toBe(one);
    // No g or y flag: matching leaves lastIndex alone, so one caller cannot move another's start.
    expect(one!.flags).not.toMatch(/[gy]/);
    one!.exec('yes yes');
    expect(one!.lastIndex).toBe(0);
  });
});
