// Chinese guests write Simplified (mainland) or Traditional characters (Taiwan, Hong Kong, Macau);
// the phrasings, vocabulary and date words are Simplified, so Traditional text is read through
// OpenCC's conversion first ("預約" is "预约", "點" is "点"). The dictionaries are built on first use.
import { Converter } from 'opencc-js/t2cn';

let convert: ((text: string) => string) | undefined;
const HAN = /\p{Script=Han}/u;

/** The text with its Traditional characters written as Simplified ones; other text as it is. */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  // Hong Kong's variants include Taiwan's common ones; both come back as the mainland's characters.
  const simplified = (convert ??= Converter({ from: 'hk', to: 'cn' }));
  return simplified(text);
}
