// Vietnamese as guests type it: with its marks ("có đau không") or without them ("co dau khong").

/** The text without tone marks and with đ as d, so marked and unmarked spellings read the same. */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** The syllables with each pair of neighbours added as one token ("bao lau" -> "bao lau bao_lau"). */
export function withSyllablePairs(text: string): string {
  const syllables = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const pairs: string[] = [];
  for (let i = 1; i < syllables.length; i++) {
    const [a, b] = [syllables[i - 1]!, syllables[i]!];
    // A stand-in or a number pairs with nothing: "some phut" says no more than "phut".
    if (/^(?:some\w*|\d+)$/.test(a) || /^(?:some\w*|\d+)$/.test(b)) continue;
    pairs.push(`${a}_${b}`);
  }
  return pairs.length > 0 ? `${syllables.join(' ')} ${pairs.join(' ')}` : syllables.join(' ');
}

/** Words kept with their marks, as a message is read: folded for Vietnamese, as they are for any other language. */
export function foldedFor(language: string, words: readonly string[]): string[] {
  return language === 'vi' ? [...new Set(words.map(foldVietnamese))] : [...words];
}
