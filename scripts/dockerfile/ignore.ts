// .dockerignore, read as Docker reads it: patterns are relative to the build context's root
// (`node_modules` matches only the top-level one; `**/node_modules` any), `*` and `?` stay within a
// folder, `**` spans folders, a pattern that matches a folder excludes everything in it, `!` brings
// a path back, and the last pattern that matches a path decides.

/** One line of .dockerignore. */
export interface IgnoreRule {
  pattern: string;
  /** `!pattern`: the path is included again. */
  include: boolean;
  regex: RegExp;
}

/** The rules of a .dockerignore file, in order. */
export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const include = line.startsWith('!');
    if (include) line = line.slice(1).trim();
    const pattern = cleanPath(line);
    if (pattern === '') continue;
    rules.push({ pattern, include, regex: globToRegex(pattern) });
  }
  return rules;
}

/** Whether `path` (relative to the context, `/`-separated) is left out of the build context. */
export function isIgnored(rules: IgnoreRule[], path: string): boolean {
  const clean = cleanPath(path);
  if (clean === '') return false;
  const parts = clean.split('/');
  // The path itself and each folder above it: excluding a folder excludes what is in it.
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.include;
  }
  return ignored;
}

/** Whether any rule brings paths back (`!`), so an excluded folder must still be looked into. */
export function hasInclusions(rules: IgnoreRule[]): boolean {
  return rules.some((rule) => rule.include);
}

/** `./a//b/` -> `a/b`; `/a` -> `a` (the context's root). */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** A Docker path pattern as a regular expression over `/`-separated relative paths (COPY sources use it too). */
export function globToRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        source += '(?:.*/)?';
      } else {
        source += '.*';
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) {
        source += '\\[';
      } else {
        const body = pattern.slice(i + 1, end).replace(/^!/, '^').replaceAll('\\', '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else {
      source += char.replace(/[.+^${}()|\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
