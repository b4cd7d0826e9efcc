// The guest's languages as the browser tells them: `navigator.languages` in each message the page
// sends, Accept-Language when the page itself is fetched. Both come from anyone on the internet, so
// anything malformed or oversized is dropped quietly: a wrong language list never fails a message.
import { DEFAULT_LANGUAGE, languageOfTag, type Language } from '../../languages.ts';

/** How many of a browser's language tags are read; the rest are ignored (browsers send a handful). */
export const MAX_LANGUAGE_TAGS = 10;

// The shape of a BCP 47 tag ("vi", "en-GB", "zh-Hans-CN"), 35 characters at most as the state keeps them.
const TAG = /^[a-z]{2,8}(?:-[a-z0-9]{1,8}){0,6}$/i;
const MAX_TAG_CHARS = 35;
// Accept-Language: a list of `tag;q=0.8`. Longer headers than this are read up to here.
const MAX_HEADER_CHARS = 512;

function isTag(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TAG_CHARS && TAG.test(value);
}

/** The well-formed tags among the first few of what the page sent as `languages`; none for anything but an array. */
export function browserLanguageTags(value: unknown): string[] {
  return Array.isArray(value) ? value.slice(0, MAX_LANGUAGE_TAGS).filter(isTag) : [];
}

/** The tag a turn reports for the guest: the first whose language the bot speaks, else the first one. */
export function guestLanguageTag(tags: readonly string[]): string | undefined {
  return tags.find((tag) => languageOfTag(tag) !== undefined) ?? tags[0];
}

/** The tags of an Accept-Language header, most wanted first (`q=0` and `*` left out). */
export function acceptedLanguageTags(header: string | string[] | undefined): string[] {
  const text = (Array.isArray(header) ? header.join(',') : (header ?? '')).slice(0, MAX_HEADER_CHARS);
  const weighed = text
    .split(',')
    .slice(0, MAX_LANGUAGE_TAGS)
    .map((part) => {
      const [tag = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const q = parameters.find((p) => /^q=/i.test(p));
      return { tag, weight: q ? Number(q.slice(2)) : 1 };
    })
    .filter(({ tag, weight }) => isTag(tag) && weight > 0 && weight <= 1);
  // A stable sort: equal weights keep the browser's order.
  return weighed.sort((a, b) => b.weight - a.weight).map(({ tag }) => tag);
}

/** The first language of `tags` that the page is offered in, else the spa's default. */
export function pageLanguage(tags: readonly string[], offered: ReadonlySet<Language>): Language {
  for (const tag of tags) {
    const language = languageOfTag(tag);
    if (language && offered.has(language)) return language;
  }
  return DEFAULT_LANGUAGE;
}
