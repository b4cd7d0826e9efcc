/** A `{placeholder}` in a content sentence. */
const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** The placeholder names used in a template, in order. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written (the loader rejects those up front). */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** `text` cut to at most `max` characters (whole characters, never half an emoji), ending in "…" when cut. */
export function shortened(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
