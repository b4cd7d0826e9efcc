// Text crossing between guests and Slack. Slack reads `<...>` as mentions and links, `&` as the start
// of an entity, and `*bold*`, `_italic_`, `~strike~`, backticks and bare addresses as formatting in
// mrkdwn, which has no escape for them. So guest words go to Slack as plain_text (blocks.ts), cut to
// a length (guestWords); where only a message's text can carry them, escaped and with formatting off
// (escapeForSlack, `mrkdwn: false`). Staff words are unescaped on the way out.

import { shortened } from '../../content/index.ts';

/**
 * Escapes `&`, `<` and `>` as Slack asks, so a guest named `<!channel>` shows as that text and
 * cannot ping anyone or make a link.
 */
export function escapeForSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Guest words cut to `max` characters, for a plain_text object (nothing in them is read as markup there). */
export function guestWords(text: string, max = 1000): string {
  return shortened(text, max);
}

/** Guest text for a mrkdwn text: escaped and cut to `max` characters (before escaping, so no entity is cut in half). */
export function guestText(text: string, max = 1000): string {
  return escapeForSlack(guestWords(text, max));
}

/**
 * One of the spa's mrkdwn templates made plain: its `*bold*`, `_italic_`, `~strike~` and `code`
 * marks dropped, for a plain_text object that also carries guest words.
 */
export function withoutEmphasis(template: string): string {
  return template.replace(/[*~`]/g, '').replace(/(^|[\s(])_|_(?=$|[\s).,:;!?])/g, '$1');
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
