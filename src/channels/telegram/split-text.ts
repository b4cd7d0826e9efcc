// Long texts cut into messages Telegram accepts.

/** Telegram's limit on one message's text. */
export const MAX_MESSAGE_CHARS = 4096;

/**
 * Splits text into pieces Telegram accepts: at the last line break that fits, else the last space,
 * else a hard cut (never inside a surrogate pair). The separator at a split is dropped, as are blank
 * lines around it.
 */
export function splitText(text: string, limit = MAX_MESSAGE_CHARS): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut <= 0) cut = rest.lastIndexOf(' ', limit);
    let skip = 1;
    if (cut <= 0) {
      cut = isHighSurrogate(rest.charCodeAt(limit - 1)) ? limit - 1 : limit;
      skip = 0;
    }
    // Blank lines at a split would only push the next piece down.
    pieces.push(rest.slice(0, cut).replace(/\n+$/, ''));
    rest = rest.slice(cut + skip).replace(/^\n+/, '');
  }
  pieces.push(rest);
  // Telegram refuses empty messages; a split can leave one made only of line breaks.
  return pieces.filter((piece) => piece.trim().length > 0);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
