// Chinese is written without spaces, and Korean joins its particles and endings to its words
// ("마사지는", "예약할게요"). Each run of such characters is read as its characters and its pairs of
// neighbouring characters ("多久" -> "多 久 多久", "아파요" -> "아 파 요 아파 파요"): the pairs carry
// most words and stems, the single characters catch what a pair split differently would lose. No
// dictionary is needed, and nothing is stemmed wrongly.

/** A function that spells out every run of the script's characters as characters and pairs of characters. */
export function characterPairs(run: RegExp): (text: string) => string {
  const runs = new RegExp(run.source, 'gu');
  return (text) =>
    text
      .replace(runs, (found) => {
        const chars = [...found];
        const pairs = chars.slice(1).map((c, i) => chars[i]! + c);
        return ` ${[...chars, ...pairs].join(' ')} `;
      })
      .replace(/\s+/g, ' ')
      .trim();
}
