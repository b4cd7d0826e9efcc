import type { ConversationStore } from '../core/index.ts';

/**
 * Keeps state in this process's memory. One process only: state is lost on restart and not
 * shared between instances; set REDIS_URL for anything beyond a single local process.
 */
export function createMemoryStore(options: { now?: () => number } = {}): ConversationStore & { readonly size: number } {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { json: string; expiresAt: number }>();

  const live = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  // Sweep expired entries now and then so a long-running process does not grow without bound.
  let writes = 0;
  const sweep = () => {
    const t = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= t) entries.delete(key);
  };

  return {
    async read(key) {
      const entry = live(key);
      // Stored as JSON, like Redis, so callers never share (and mutate) one object.
      return entry ? (JSON.parse(entry.json) as unknown) : undefined;
    },
    async write(key, value, ttlSeconds) {
      if (++writes % 1000 === 0) sweep();
      entries.set(key, { json: JSON.stringify(value), expiresAt: now() + ttlSeconds * 1000 });
    },
    async delete(key) {
      entries.delete(key);
    },
    get size() {
      sweep();
      return entries.size;
    },
  };
}
