// Text crossing between guests and Slack. Slack reads `<...>` as mentions and links and `&` as the
// start of an entity, so guest words are escaped on the way in and staff words unescaped on the way out.

/**
 * Escapes `&`, `<` and `>` as Slack asks, so a guest named `<!channel>` shows as that text and
 * cannot ping anyone or make a link.
 */
export function escapeForSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Guest text for Slack: escaped and cut to `max` characters (before escaping, so no entity is cut in half). */
export function guestText(text: string, max = 1000): string {
  const chars = [...text];
  return escapeForSlack(chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text);
}

/**
 * A staff member's Slack message as plain text for a guest: links become their label and address,
 * mentions their name, and Slack's entities the characters they stand for.
 */
export function slackToPlain(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@') || target.startsWith('#')) return label ? `${target[0]}${label}` : target;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    const address = target.replace(/^mailto:/, '');
    return label && label !== address ? `${label} (${address})` : address;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
