// The booking change log in memory, with the contract of the Redis one (a stream with consumer
// groups): every group gets each change written after it joined, keeps it until acknowledged, and a
// change left unacknowledged by one reader is taken over by another after a while.
import type { BookingChange, BookingChangeLog, DeliveredChange } from '../booking/index.ts';

type NewChange = BookingChange extends infer C ? (C extends BookingChange ? Omit<C, 'id'> : never) : never;

interface Handed {
  reader: string;
  at: number;
}

interface Group {
  /** The position in `entries` of the next change never handed out. */
  next: number;
  /** Changes handed out and not acknowledged, by id. */
  pending: Map<string, Handed>;
}

/** The in-memory change log, and `append` for the store's writes. */
export interface MemoryChangeLog extends BookingChangeLog {
  append(change: NewChange): void;
}

/** Keeps the latest `keep` changes (as the Redis store trims its stream); `now` is the store's clock. */
export function createMemoryChangeLog(options: { now: () => number; keep: number }): MemoryChangeLog {
  const entries: BookingChange[] = [];
  /** How many changes were dropped from the front of `entries`, so positions stay valid. */
  let dropped = 0;
  const groups = new Map<string, Group>();
  let lastTime = 0;
  let sequence = 0;

  const nextId = () => {
    const t = Math.max(options.now(), lastTime);
    sequence = t === lastTime ? sequence + 1 : 0;
    lastTime = t;
    return `${t}-${sequence}`;
  };
  const find = (id: string) => entries.find((entry) => entry.id === id);
  const copy = (change: BookingChange, redelivered: boolean): DeliveredChange => ({ ...structuredClone(change), redelivered });

  return {
    append(change) {
      entries.push({ ...structuredClone(change), id: nextId() } as BookingChange);
      if (entries.length > options.keep) {
        entries.shift();
        dropped += 1;
      }
    },

    async join(group) {
      if (!groups.has(group)) groups.set(group, { next: dropped + entries.length, pending: new Map() });
    },

    async read(group, reader, readOptions) {
      const state = groups.get(group);
      if (!state) throw new Error(`no group "${group}" in the booking change log: join it first`);
      const t = options.now();
      const out: DeliveredChange[] = [];
      const taken = new Set<string>();
      for (const [id, handed] of state.pending) {
        if (out.length >= readOptions.count) break;
        const own = handed.reader === reader;
        if (own ? !readOptions.retryOwn : t - handed.at < readOptions.claimIdleMs) continue;
        const change = find(id);
        // Trimmed away before anyone finished it: nothing left to hand out.
        if (!change) {
          state.pending.delete(id);
          continue;
        }
        state.pending.set(id, { reader, at: t });
        taken.add(id);
        out.push(copy(change, true));
      }
      for (state.next = Math.max(state.next, dropped); out.length < readOptions.count && state.next < dropped + entries.length; state.next += 1) {
        const change = entries[state.next - dropped]!;
        if (taken.has(change.id)) continue;
        state.pending.set(change.id, { reader, at: t });
        out.push(copy(change, false));
      }
      return out.sort((a, b) => compareIds(a.id, b.id));
    },

    async touch(group, reader, ids) {
      const state = groups.get(group);
      for (const id of ids) if (state?.pending.has(id)) state.pending.set(id, { reader, at: options.now() });
    },

    async ack(group, ids) {
      const state = groups.get(group);
      for (const id of ids) state?.pending.delete(id);
    },
  };
}

/** Orders "ms-seq" ids as Redis stream ids are ordered. */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
