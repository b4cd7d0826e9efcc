// Bookings and holds in Redis. Every write that checks capacity is one Lua script, so the check and the
// write happen with nothing in between: two guests, or two bot instances, never take the same place.
// The data model and the Redis settings production needs are in docs/bookings.md.
import { createHash } from 'node:crypto';
import type { BookingStore, CapacityRules, Occupancy } from '../booking/index.ts';
import { StoreError } from '../core/index.ts';
import {
  CHANGES_KEPT,
  bookingInterval,
  checkedGuestLimit,
  checkedInterval,
  checkedTimeOff,
  occupancyDays,
  parseStoredBooking,
  parseStoredHold,
  parseStoredTimeOff,
  sortBookings,
  sortOccupancies,
  sortTimeOff,
} from './memory-bookings.ts';
import type { RedisClient } from './redis.ts';
import { APPEND_CHANGE_LUA, createRedisChangeLog } from './redis-booking-changes.ts';

const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

// Shared by every script: ISO instants <-> epoch ms, the occupancies around a time, the capacity check.
const PRELUDE = `
local prefix = ARGV[1]
local req = cjson.decode(ARGV[2])
local DAY = 86400000
local function fmt(n) return string.format('%.0f', n) end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function damaged(key) error({ err = 'DAMAGED ' .. key }) end
local function decode(key, raw)
  local ok, value = pcall(cjson.decode, raw)
  if not ok or type(value) ~= 'table' then damaged(key) end
  return value
end
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local doy = math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1
  return era * 146097 + yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy - 719468
end
-- "YYYY-MM-DDTHH:mm[:ss[.fff]](Z|+HH:mm)", as the TypeScript side accepts; nil otherwise.
local function iso_ms(s)
  if type(s) ~= 'string' then return nil end
  local y, mo, d, h, mi, rest = string.match(s, '^(%d%d%d%d)%-(%d%d)%-(%d%d)T(%d%d):(%d%d)(.*)$')
  if not y then return nil end
  local sec, ms = 0, 0
  local ss, after = string.match(rest, '^:(%d%d)(.*)$')
  if ss then
    sec, rest = tonumber(ss), after
    local frac, zone = string.match(rest, '^%.(%d+)(.*)$')
    if frac then ms, rest = tonumber(string.sub(frac .. '00', 1, 3)), zone end
  end
  local offset = 0
  if rest ~= 'Z' then
    local sign, oh, om = string.match(rest, '^([%+%-])(%d%d):(%d%d)$')
    if not sign then return nil end
    offset = (tonumber(oh) * 60 + tonumber(om)) * 60000
    if sign == '-' then offset = -offset end
  end
  local days = days_from_civil(tonumber(y), tonumber(mo), tonumber(d))
  return (days * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + sec) * 1000 + ms - offset
end
local function iso_from_ms(t)
  local z = math.floor(t / DAY) + 719468
  local rem = t - (z - 719468) * DAY
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', y, m, d,
    math.floor(rem / 3600000), math.floor(rem / 60000) % 60, math.floor(rem / 1000) % 60, rem % 1000)
end
local function interval(key, value)
  local s, e = iso_ms(value.start), iso_ms(value['end'])
  if not s or not e or type(value.therapistId) ~= 'string' then damaged(key) end
  return s, e
end
-- Confirmed bookings starting in (from, to) and live holds on the days; expired holds are pruned.
local function occupancies(days, from, to)
  local now = now_ms()
  local list = {}
  for _, day in ipairs(days) do
    for _, ref in ipairs(redis.call('ZRANGEBYSCORE', prefix .. 'day:' .. day, from, to)) do
      local key = prefix .. 'booking:' .. ref
      local raw = redis.call('GET', key)
      if raw then
        local b = decode(key, raw)
        if b.status == 'confirmed' then
          local s, e = interval(key, b)
          list[#list + 1] = { s = s, e = e, t = b.therapistId, ref = ref }
        end
      end
    end
    local holds = prefix .. 'dayholds:' .. day
    redis.call('ZREMRANGEBYSCORE', holds, '-inf', now)
    for _, id in ipairs(redis.call('ZRANGE', holds, 0, -1)) do
      local key = prefix .. 'hold:' .. id
      local raw = redis.call('GET', key)
      if raw then
        local h = decode(key, raw)
        local s, e = interval(key, h)
        list[#list + 1] = { s = s, e = e, t = h.therapistId, heldBy = h.guestKey }
      else
        redis.call('ZREM', holds, id)
      end
    end
    for _, id in ipairs(redis.call('ZRANGE', prefix .. 'dayoff:' .. day, 0, -1)) do
      local key = prefix .. 'off:' .. id
      local raw = redis.call('GET', key)
      if raw then
        local off = decode(key, raw)
        local s, e = interval(key, off)
        list[#list + 1] = { s = s, e = e, t = off.therapistId, off = id }
      end
    end
  end
  return list
end
-- The therapist who takes [start, end), or nil when none is free or every room is in use.
local function pick(c, therapist, self)
  local list = occupancies(c.days, '(' .. fmt(c.start - DAY - c.buffer), '(' .. fmt(c['end'] + c.buffer))
  local busy, used = {}, 0
  for _, o in ipairs(list) do
    local own = (o.heldBy ~= nil and o.heldBy == c.guest) or (self ~= nil and o.ref == self)
    if o.off then
      -- Time off takes its therapist where it overlaps the session itself, and no room.
      if o.s < c['end'] and c.start < o.e then busy[o.t] = true end
    elseif not own and o.s < c['end'] + c.buffer and c.start < o.e + c.buffer then
      used = used + 1
      busy[o.t] = true
    end
  end
  if used >= c.rooms then return nil end
  for _, id in ipairs(c.ids) do
    if not busy[id] and (therapist == 'any' or therapist == id) then return id end
  end
  return nil
end
-- Deletes a hold and its index entries; with an owner, only that guest's hold.
local function drop_hold(id, owner)
  if not id or id == '' then return end
  local key = prefix .. 'hold:' .. id
  local raw = redis.call('GET', key)
  if not raw then return end
  local ok, h = pcall(cjson.decode, raw)
  if ok and type(h) == 'table' then
    if owner and h.guestKey ~= owner then return end
    if type(h.day) == 'string' then redis.call('ZREM', prefix .. 'dayholds:' .. h.day, id) end
    if type(h.guestKey) == 'string' then
      local pointer = prefix .. 'guesthold:' .. h.guestKey
      if redis.call('GET', pointer) == id then redis.call('DEL', pointer) end
    end
  end
  redis.call('DEL', key)
end
local function drop_guest_holds(guest, id)
  drop_hold(id, guest)
  drop_hold(redis.call('GET', prefix .. 'guesthold:' .. guest), guest)
end
`;

const SCRIPTS = {
  hold: `
local c = req.cap
local t = pick(c, c.therapist, nil)
if not t then return { 'taken' } end
-- A guest has one hold: the new one replaces theirs (and any earlier hold under this id).
drop_hold(redis.call('GET', prefix .. 'guesthold:' .. c.guest), c.guest)
drop_hold(req.id, nil)
local expires = now_ms() + req.ttl
local json = cjson.encode({ id = req.id, guestKey = c.guest, start = req.startIso, ['end'] = req.endIso,
  day = req.day, therapistId = t, expiresAt = iso_from_ms(expires) })
redis.call('SET', prefix .. 'hold:' .. req.id, json, 'PX', req.ttl)
local holds = prefix .. 'dayholds:' .. req.day
redis.call('ZADD', holds, fmt(expires), req.id)
-- The day's hold index goes when its last hold does.
redis.call('PEXPIREAT', holds, redis.call('ZRANGE', holds, -1, -1, 'WITHSCORES')[2])
redis.call('SET', prefix .. 'guesthold:' .. c.guest, req.id, 'PX', req.ttl)
return { 'ok', json }
`,
  release: `
drop_hold(req.id, nil)
return { 'ok' }
`,
  reserve: `
local idem = prefix .. 'idem:' .. req.idem
local earlier = redis.call('GET', idem)
if earlier then
  local raw = redis.call('GET', prefix .. 'booking:' .. earlier)
  if raw then return { 'duplicate', raw } end
end
local key = prefix .. 'booking:' .. req.booking.ref
if redis.call('EXISTS', key) == 1 then return { 'ref_in_use' } end
local c = req.cap
-- The guest's bookings ahead of the caller's now (confirmed, starting after it), as bookingsAhead counts them.
if req.limit then
  local ahead = 0
  for _, ref in ipairs(redis.call('SMEMBERS', prefix .. 'guest:' .. c.guest)) do
    local bkey = prefix .. 'booking:' .. ref
    local raw = redis.call('GET', bkey)
    if raw then
      local b = decode(bkey, raw)
      local starts = iso_ms(b.start)
      if not starts then damaged(bkey) end
      if b.status == 'confirmed' and starts > req.limit.now then ahead = ahead + 1 end
    end
  end
  if ahead >= req.limit.max then return { 'guest_limit' } end
end
local t = pick(c, req.booking.therapistRequested, nil)
if not t then return { 'taken' } end
req.booking.therapistId = t
req.booking.status = 'confirmed'
local json = cjson.encode(req.booking)
redis.call('SET', key, json)
redis.call('ZADD', prefix .. 'day:' .. req.booking.day, fmt(c.start), req.booking.ref)
redis.call('SADD', prefix .. 'guest:' .. c.guest, req.booking.ref)
redis.call('SET', idem, req.booking.ref, 'EX', req.idemTtl)
drop_guest_holds(c.guest, req.hold)
append_change('created', json)
return { 'ok', json }
`,
  move: `
local key = prefix .. 'booking:' .. req.ref
local raw = redis.call('GET', key)
if not raw then return { 'not_found' } end
local b = decode(key, raw)
local c = req.cap
if type(b.guest) ~= 'table' or b.guest.key ~= c.guest or b.status ~= 'confirmed' then return { 'not_found' } end
if type(b.therapistRequested) ~= 'string' or type(b.day) ~= 'string' then damaged(key) end
local t = pick(c, b.therapistRequested, req.ref)
if not t then return { 'taken' } end
redis.call('ZREM', prefix .. 'day:' .. b.day, req.ref)
b.start, b['end'], b.day, b.therapistId, b.updatedAt = req.startIso, req.endIso, req.day, t, req.updatedAt
local json = cjson.encode(b)
redis.call('SET', key, json)
redis.call('ZADD', prefix .. 'day:' .. req.day, fmt(c.start), req.ref)
drop_guest_holds(c.guest, req.hold)
append_change('moved', json, raw, req.by)
return { 'ok', json, raw }
`,
  cancel: `
local key = prefix .. 'booking:' .. req.ref
local raw = redis.call('GET', key)
if not raw then return { 'not_found' } end
local b = decode(key, raw)
if type(b.guest) ~= 'table' or b.guest.key ~= req.guest then return { 'not_found' } end
-- Cancelling twice answers with the cancelled booking as it is.
if b.status == 'cancelled' then return { 'already', raw } end
if type(b.day) ~= 'string' then damaged(key) end
b.status, b.updatedAt = 'cancelled', req.updatedAt
local json = cjson.encode(b)
redis.call('SET', key, json)
redis.call('ZREM', prefix .. 'day:' .. b.day, req.ref)
append_change('cancelled', json, nil, req.by)
return { 'ok', json }
`,
  attendance: `
local key = prefix .. 'booking:' .. req.ref
local raw = redis.call('GET', key)
if not raw then return { 'not_found' } end
local b = decode(key, raw)
if b.status == 'cancelled' then return { 'cancelled' } end
b.attendance, b.updatedAt = req.attendance, req.updatedAt
local json = cjson.encode(b)
redis.call('SET', key, json)
return { 'ok', json }
`,
  occupancy: `
local out = {}
for _, o in ipairs(occupancies(req.days, '-inf', '+inf')) do
  out[#out + 1] = fmt(o.s)
  out[#out + 1] = fmt(o.e)
  out[#out + 1] = o.t
  out[#out + 1] = o.ref and 'ref' or (o.off and 'off' or 'heldBy')
  out[#out + 1] = o.ref or o.off or o.heldBy or ''
end
return out
`,
  addTimeOff: `
local key = prefix .. 'off:' .. req.off.id
if redis.call('EXISTS', key) == 1 then return { 'id_in_use' } end
local json = cjson.encode(req.off)
redis.call('SET', key, json)
redis.call('ZADD', prefix .. 'dayoff:' .. req.off.day, fmt(req.start), req.off.id)
-- The therapist's confirmed bookings it overlaps, found in the same step: staff are told of each.
local out = { 'ok', json }
for _, day in ipairs(req.days) do
  for _, ref in ipairs(redis.call('ZRANGEBYSCORE', prefix .. 'day:' .. day, '(' .. fmt(req.start - DAY), '(' .. fmt(req['end']))) do
    local bkey = prefix .. 'booking:' .. ref
    local raw = redis.call('GET', bkey)
    if raw then
      local b = decode(bkey, raw)
      if b.status == 'confirmed' and b.therapistId == req.off.therapistId then
        local s, e = interval(bkey, b)
        if s < req['end'] and req.start < e then out[#out + 1] = raw end
      end
    end
  end
end
return out
`,
  removeTimeOff: `
local key = prefix .. 'off:' .. req.id
local raw = redis.call('GET', key)
if not raw then return { 'not_found' } end
local off = decode(key, raw)
if type(off.day) == 'string' then redis.call('ZREM', prefix .. 'dayoff:' .. off.day, req.id) end
redis.call('DEL', key)
return { 'ok', raw }
`,
} as const;

type ScriptName = keyof typeof SCRIPTS;

/**
 * Keeps bookings and holds in Redis under `prefix` (default "spa:"). Bookings never expire; holds and
 * idempotency keys do. Capacity is checked and written inside one script per operation.
 */
export function createRedisBookingStore(client: RedisClient, options: { prefix?: string } = {}): BookingStore {
  const prefix = options.prefix ?? 'spa:';
  const scripts = Object.fromEntries(
    Object.entries(SCRIPTS).map(([name, body]) => {
      const source = PRELUDE + APPEND_CHANGE_LUA + body;
      return [name, { source, sha: createHash('sha1').update(source).digest('hex') }];
    }),
  ) as Record<ScriptName, { source: string; sha: string }>;

  const fail = (what: string, error: unknown): never => {
    throw new StoreError(`Redis ${what} failed: ${(error as Error).message}`, { cause: error });
  };

  /** Runs a script by SHA, loading it first when this server does not know it yet (NOSCRIPT). */
  const run = async (name: ScriptName, request: unknown): Promise<string[]> => {
    const { source, sha } = scripts[name];
    const args = { keys: [], arguments: [prefix, JSON.stringify(request)] };
    let reply: unknown;
    try {
      try {
        reply = await client.evalSha(sha, args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        await client.scriptLoad(source);
        reply = await client.evalSha(sha, args);
      }
    } catch (error) {
      fail(name, error);
    }
    if (!Array.isArray(reply) || !reply.every((part) => typeof part === 'string')) {
      throw new StoreError(`Redis ${name} answered something unusable: ${JSON.stringify(reply)}`);
    }
    return reply as string[];
  };

  const call = async <T>(what: string, command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      return fail(what, error);
    }
  };

  const capacity = (guest: string, start: number, end: number, day: string, rules: CapacityRules) => ({
    guest,
    start,
    end,
    days: occupancyDays(day),
    buffer: rules.bufferMinutes * 60_000,
    rooms: rules.rooms,
    ids: rules.therapistIds,
  });

  const readBookings = async (what: string, refs: string[]) => {
    if (refs.length === 0) return [];
    const keys = refs.map((ref) => `${prefix}booking:${ref}`);
    const raws = await call(what, () => client.mGet(keys));
    return raws.flatMap((raw, i) => (raw === null ? [] : [parseStoredBooking(keys[i]!, raw)]));
  };

  return {
    async occupancy(days) {
      const reply = await run('occupancy', { days: [...new Set(days)] });
      const found: Occupancy[] = [];
      for (let i = 0; i + 4 < reply.length; i += 5) {
        const [start, end, therapistId, field, who] = reply.slice(i, i + 5) as [string, string, string, string, string];
        const occupancy: Occupancy = { start: new Date(Number(start)), end: new Date(Number(end)), therapistId };
        if (field === 'ref') occupancy.ref = who;
        else if (field === 'off') occupancy.off = who;
        else occupancy.heldBy = who;
        found.push(occupancy);
      }
      return sortOccupancies(found);
    },

    async hold(request) {
      const { start, end } = checkedInterval(request.start, request.end);
      const ttl = Math.round(request.ttlSeconds * 1000);
      if (!(ttl > 0)) throw new RangeError(`A hold needs a positive ttlSeconds, not ${request.ttlSeconds}`);
      const [status, json] = await run('hold', {
        cap: { ...capacity(request.guestKey, start, end, request.day, request.rules), therapist: request.therapist },
        id: request.holdId,
        day: request.day,
        startIso: request.start.toISOString(),
        endIso: request.end.toISOString(),
        ttl,
      });
      if (status === 'taken') return { ok: false, reason: 'taken' };
      return { ok: true, hold: parseStoredHold(`${prefix}hold:${request.holdId}`, json) };
    },

    async releaseHold(holdId) {
      await run('release', { id: holdId });
    },

    async addTimeOff(request) {
      const { start, end } = checkedTimeOff(request);
      const [status, json, ...clashes] = await run('addTimeOff', { off: request, start, end, days: occupancyDays(request.day) });
      if (status === 'id_in_use') return { ok: false, reason: 'id_in_use' };
      const key = `${prefix}off:${request.id}`;
      return { ok: true, timeOff: parseStoredTimeOff(key, json), clashes: sortBookings(clashes.map((raw) => parseStoredBooking(`${prefix}booking`, raw))) };
    },

    async removeTimeOff(id) {
      const [status, json] = await run('removeTimeOff', { id });
      return status === 'ok' ? parseStoredTimeOff(`${prefix}off:${id}`, json) : undefined;
    },

    async listTimeOff(days) {
      const ids = (await Promise.all([...new Set(days)].map((day) => call('listTimeOff', () => client.zRange(`${prefix}dayoff:${day}`, 0, -1))))).flat();
      if (ids.length === 0) return [];
      const keys = ids.map((id) => `${prefix}off:${id}`);
      const raws = await call('listTimeOff', () => client.mGet(keys));
      return sortTimeOff(raws.flatMap((raw, i) => (raw === null ? [] : [parseStoredTimeOff(keys[i]!, raw)])));
    },

    async reserve(request) {
      const { booking } = request;
      const { start, end } = bookingInterval(booking);
      // Absent, not null: the script reads a JSON null as a true value.
      const limit = request.guestLimit ? { limit: checkedGuestLimit(request.guestLimit) } : {};
      const [status, json] = await run('reserve', {
        cap: capacity(booking.guest.key, start, end, booking.day, request.rules),
        booking,
        idem: request.idempotencyKey,
        idemTtl: IDEMPOTENCY_TTL_SECONDS,
        hold: request.holdId ?? '',
        keep: CHANGES_KEPT,
        ...limit,
      });
      if (status === 'taken' || status === 'ref_in_use' || status === 'guest_limit') return { ok: false, reason: status };
      return { ok: true, booking: parseStoredBooking(`${prefix}booking:${booking.ref}`, json), duplicate: status === 'duplicate' };
    },

    async move(request) {
      const { start, end } = checkedInterval(request.start, request.end);
      const [status, json, previous] = await run('move', {
        cap: capacity(request.guestKey, start, end, request.day, request.rules),
        ref: request.ref,
        day: request.day,
        startIso: request.start.toISOString(),
        endIso: request.end.toISOString(),
        updatedAt: request.updatedAt,
        hold: request.holdId ?? '',
        keep: CHANGES_KEPT,
        // Absent, not null, when no one is named: the script reads a JSON null as a true value.
        ...(request.by ? { by: request.by } : {}),
      });
      if (status === 'taken' || status === 'not_found') return { ok: false, reason: status };
      const key = `${prefix}booking:${request.ref}`;
      return { ok: true, booking: parseStoredBooking(key, json), previous: parseStoredBooking(key, previous) };
    },

    async cancel(ref, guestKey, updatedAt, options = {}) {
      // Absent, not null, when no one is named: the script reads a JSON null as a true value.
      const [status, json] = await run('cancel', { ref, guest: guestKey, updatedAt, keep: CHANGES_KEPT, ...(options.by ? { by: options.by } : {}) });
      if (status === 'not_found') return { ok: false, reason: 'not_found' };
      const booking = parseStoredBooking(`${prefix}booking:${ref}`, json);
      return status === 'already' ? { ok: true, booking, already: true } : { ok: true, booking };
    },

    async setAttendance(ref, attendance, updatedAt) {
      const [status, json] = await run('attendance', { ref, attendance, updatedAt });
      if (status === 'not_found' || status === 'cancelled') return { ok: false, reason: status };
      return { ok: true, booking: parseStoredBooking(`${prefix}booking:${ref}`, json) };
    },

    async get(ref) {
      const key = `${prefix}booking:${ref}`;
      const raw = await call('get', () => client.get(key));
      return raw === null ? undefined : parseStoredBooking(key, raw);
    },

    async listByGuest(guestKey) {
      const refs = await call('listByGuest', () => client.sMembers(`${prefix}guest:${guestKey}`));
      return sortBookings(await readBookings('listByGuest', refs));
    },

    async listByDay(day) {
      const refs = await call('listByDay', () => client.zRange(`${prefix}day:${day}`, 0, -1));
      // The index holds confirmed bookings only; a record read as cancelled raced a cancel, so drop it.
      return sortBookings((await readBookings('listByDay', refs)).filter((b) => b.status === 'confirmed'));
    },

    changes: createRedisChangeLog(client, prefix),
  };
}
