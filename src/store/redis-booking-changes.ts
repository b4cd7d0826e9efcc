// The booking change log in Redis: a stream (`<prefix>booking-changes`; fields `type`, `booking`,
// `previous` for a move, `by` = "spa" for a cancellation by staff) that the booking scripts
// append to in the same script as the change itself, read through consumer groups. A group's reader
// takes back its own unacknowledged changes (XREADGROUP from 0), takes over those a dead reader left
// (XAUTOCLAIM), then reads new ones (XREADGROUP >). The stream is trimmed to about CHANGES_KEPT
// entries as it is written (XADD MAXLEN ~).
import type { BookingChange, BookingChangeLog, DeliveredChange } from '../booking/index.ts';
import { StoreError } from '../core/index.ts';
import { parseStoredBooking } from './memory-bookings.ts';
import { compareIds } from './memory-booking-changes.ts';
import type { RedisClient } from './redis.ts';

/** The stream's key under the store's prefix. */
export const changeStreamKey = (prefix: string) => `${prefix}booking-changes`;

/** Lua, for the booking scripts: appends a change to the stream and trims it. */
export const APPEND_CHANGE_LUA = `
local function append_change(kind, booking, previous, by)
  local fields = { 'type', kind, 'booking', booking }
  if previous then
    fields[#fields + 1] = 'previous'
    fields[#fields + 1] = previous
  end
  if by then
    fields[#fields + 1] = 'by'
    fields[#fields + 1] = by
  end
  redis.call('XADD', prefix .. 'booking-changes', 'MAXLEN', '~', tostring(req.keep), '*', unpack(fields))
end
`;

// A stream entry as Redis answers it: [id, [field, value, ...]]; one trimmed away while it was
// pending comes as [id, null] (XREADGROUP) or null (XAUTOCLAIM, which lists its id apart).
type RawEntry = [string, string[] | null] | null;

// A reader idle this long with nothing in hand belongs to a process that is gone.
const FORGET_READERS_AFTER_MS = 24 * 3600 * 1000;

/** XINFO CONSUMERS' entry for one reader: a flat [field, value, ...] list, or a map in RESP3. */
function readerInfo(entry: unknown): { name: string | undefined; pending: number; idle: number } {
  const fields = new Map<string, unknown>();
  if (Array.isArray(entry)) for (let i = 0; i + 1 < entry.length; i += 2) fields.set(String(entry[i]), entry[i + 1]);
  else if (entry && typeof entry === 'object') for (const [field, value] of Object.entries(entry)) fields.set(field, value);
  const name = fields.get('name');
  return { name: typeof name === 'string' ? name : undefined, pending: Number(fields.get('pending') ?? 1), idle: Number(fields.get('idle') ?? 0) };
}

export function createRedisChangeLog(client: RedisClient, prefix: string): BookingChangeLog {
  const key = changeStreamKey(prefix);

  const call = async <T>(what: string, command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw new StoreError(`Redis ${what} failed: ${(error as Error).message}`, { cause: error });
    }
  };

  const toChange = (entry: [string, string[]], redelivered: boolean): DeliveredChange => {
    const [id, list] = entry;
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < list.length; i += 2) fields.set(list[i]!, list[i + 1]!);
    const where = `${key} ${id}`;
    const type = fields.get('type');
    const booking = parseStoredBooking(where, fields.get('booking') ?? '');
    let change: BookingChange;
    if (type === 'moved') change = { id, type, booking, previous: parseStoredBooking(where, fields.get('previous') ?? ''), ...(fields.get('by') === 'spa' ? { by: 'spa' as const } : {}) };
    else if (type === 'cancelled') change = { id, type, booking, ...(fields.get('by') === 'spa' ? { by: 'spa' as const } : {}) };
    else if (type === 'created') change = { id, type, booking };
    else throw new StoreError(`${where} is damaged: "${type}" is not a kind of booking change`);
    return { ...change, redelivered };
  };

  const ack = async (group: string, ids: string[]): Promise<void> => {
    if (ids.length === 0) return;
    await call('acknowledgement of booking changes', () => client.sendCommand(['XACK', key, group, ...ids]));
  };

  /** XREADGROUP from `start` ("0": this reader's unacknowledged; ">": new), without blocking. */
  const readGroup = async (group: string, reader: string, start: string, count: number): Promise<RawEntry[]> => {
    const reply = (await call('read of booking changes', () =>
      client.sendCommand(['XREADGROUP', 'GROUP', group, reader, 'COUNT', String(count), 'STREAMS', key, start]),
    )) as Array<[string, RawEntry[]]> | Record<string, RawEntry[]> | null;
    // [[key, entries]] in RESP2; node-redis may hand it over as a map by key.
    if (Array.isArray(reply)) return reply[0]?.[1] ?? [];
    return reply?.[key] ?? [];
  };

  return {
    async join(group) {
      await call('join of the booking change log', async () => {
        try {
          await client.sendCommand(['XGROUP', 'CREATE', key, group, '$', 'MKSTREAM']);
        } catch (error) {
          if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
        }
        // Every process is a new reader: those of processes long gone, with nothing left in hand, go.
        const readers = (await client.sendCommand(['XINFO', 'CONSUMERS', key, group])) as unknown[];
        for (const reader of readers) {
          const info = readerInfo(reader);
          if (info.name && info.pending === 0 && info.idle > FORGET_READERS_AFTER_MS) {
            await client.sendCommand(['XGROUP', 'DELCONSUMER', key, group, info.name]);
          }
        }
      });
    },

    async read(group, reader, options) {
      const found = new Map<string, DeliveredChange>();
      const gone: string[] = [];
      const take = (entries: RawEntry[], redelivered: boolean) => {
        for (const entry of entries) {
          if (entry === null) continue;
          const [id, fields] = entry;
          if (fields === null) gone.push(id);
          else if (!found.has(id)) found.set(id, toChange([id, fields], redelivered));
        }
      };
      if (options.retryOwn) take(await readGroup(group, reader, '0', options.count), true);
      if (found.size < options.count) {
        const claimed = (await call('claim of booking changes', () =>
          client.sendCommand(['XAUTOCLAIM', key, group, reader, String(options.claimIdleMs), '0-0', 'COUNT', String(options.count - found.size)]),
        )) as [string, RawEntry[], string[]?];
        take(claimed[1], true);
        gone.push(...(claimed[2] ?? []));
      }
      if (found.size < options.count) take(await readGroup(group, reader, '>', options.count - found.size), false);
      // Entries trimmed away before anyone finished them: nothing is left to hand out.
      await ack(group, gone);
      return [...found.values()].sort((a, b) => compareIds(a.id, b.id));
    },

    async touch(group, reader, ids) {
      if (ids.length === 0) return;
      // XCLAIM with no minimum idle time, to the same reader: only resets the idle time.
      await call('touch of booking changes', () => client.sendCommand(['XCLAIM', key, group, reader, '0', ...ids, 'JUSTID']));
    },

    ack,
  };
}
