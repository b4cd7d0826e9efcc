import { describe, expect, it } from 'vitest';
import type { Booking, ReserveRequest } from '../../src/booking/index.ts';
import { StoreError } from '../../src/core/index.ts';
import { createRedisBookingStore } from '../../src/store/redis-bookings.ts';
import type { RedisClient } from '../../src/store/redis.ts';
import { connectTestRedis, useTestRedis } from '../helpers/redis.ts';
import { bookingStoreContract } from './booking-store.contract.ts';

const redis = useTestRedis();

const newStore = (label: string, on: RedisClient = redis.client) => {
  const prefix = redis.newPrefix(`bookings:${label}`);
  return { store: createRedisBookingStore(on, { prefix }), prefix };
};

bookingStoreContract('Redis', async () => ({
  store: newStore('contract').store,
  // Redis keeps its own clock, so holds expire in real (short) time.
  elapse: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
}));

const DAY = '2030-03-16';
const rules = { rooms: 2, bufferMinutes: 15, therapistIds: ['t1', 't2'] };

/** Guest `guest` asks for 10:00 on DAY with anyone. */
function confirmation(guest: string): ReserveRequest {
  const booking: Omit<Booking, 'therapistId'> = {
    ref: `LS-${guest}`,
    service: 'upper-back-massage',
    durationMinutes: 60,
    start: '2030-03-16T03:00:00.000Z',
    end: '2030-03-16T04:00:00.000Z',
    day: DAY,
    therapistRequested: 'any',
    guest: { key: `telegram:${guest}`, name: guest, contact: 'guest@example.com', channel: 'telegram', conversationId: guest },
    notes: {},
    status: 'confirmed',
    createdAt: '2030-03-01T00:00:00.000Z',
    updatedAt: '2030-03-01T00:00:00.000Z',
  };
  return { idempotencyKey: `tap-${guest}`, booking, rules };
}

describe('Redis booking store', () => {
  it('lets exactly two of 50 guests on 50 connections confirm one slot with two therapists and two rooms', async () => {
    const connections = await Promise.all(Array.from({ length: 50 }, () => connectTestRedis()));
    try {
      const prefix = redis.newPrefix('bookings:race');
      const results = await Promise.all(
        connections.map((connection, i) => createRedisBookingStore(connection, { prefix }).reserve(confirmation(`g${i}`))),
      );
      const booked = results.flatMap((r) => (r.ok ? [r.booking] : []));
      expect(booked).toHaveLength(2);
      expect(booked.map((b) => b.therapistId).sort()).toEqual(['t1', 't2']);
      expect(results.filter((r) => !r.ok && r.reason === 'taken')).toHaveLength(48);
      const day = await createRedisBookingStore(redis.client, { prefix }).listByDay(DAY);
      expect(day.map((b) => b.ref).sort()).toEqual(booked.map((b) => b.ref).sort());
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it('lets one guest on six connections confirm three of six free times with a limit of three', async () => {
    const connections = await Promise.all(Array.from({ length: 6 }, () => connectTestRedis()));
    try {
      const prefix = redis.newPrefix('bookings:flood');
      const roomy = { rooms: 6, bufferMinutes: 15, therapistIds: ['t1', 't2', 't3', 't4', 't5', 't6'] };
      const results = await Promise.all(
        connections.map((connection, i) => {
          const request = confirmation('flooder');
          const start = Date.parse(request.booking.start) + i * 2 * 3_600_000;
          request.booking = { ...request.booking, ref: `LS-F${i}`, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() };
          const limit = { maxUpcoming: 3, now: new Date('2030-03-01T00:00:00Z') };
          return createRedisBookingStore(connection, { prefix }).reserve({ ...request, idempotencyKey: `tap-F${i}`, rules: roomy, guestLimit: limit });
        }),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(results.filter((r) => !r.ok && r.reason === 'guest_limit')).toHaveLength(3);
      expect(await createRedisBookingStore(redis.client, { prefix }).listByGuest('telegram:flooder')).toHaveLength(3);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it('keeps bookings without a TTL and its indexes as docs/bookings.md describes', async () => {
    const { store, prefix } = newStore('model');
    await store.hold({
      holdId: 'h-1',
      guestKey: 'telegram:g2',
      start: new Date('2030-03-16T07:00:00.000Z'),
      end: new Date('2030-03-16T08:00:00.000Z'),
      day: DAY,
      therapist: 'any',
      rules,
      ttlSeconds: 600,
    });
    const result = await store.reserve(confirmation('g1'));
    expect(result.ok).toBe(true);
    expect(await redis.client.ttl(`${prefix}booking:LS-g1`)).toBe(-1);
    expect(await redis.client.zRangeWithScores(`${prefix}day:${DAY}`, 0, -1)).toEqual([{ value: 'LS-g1', score: Date.parse('2030-03-16T03:00:00.000Z') }]);
    expect(await redis.client.sMembers(`${prefix}guest:telegram:g1`)).toEqual(['LS-g1']);
    expect(await redis.client.get(`${prefix}idem:tap-g1`)).toBe('LS-g1');
    const idemTtl = await redis.client.ttl(`${prefix}idem:tap-g1`);
    expect(idemTtl).toBeGreaterThan(7 * 24 * 3600 - 60);
    expect(idemTtl).toBeLessThanOrEqual(7 * 24 * 3600);
    expect(await redis.client.get(`${prefix}guesthold:telegram:g2`)).toBe('h-1');
    const holdTtl = await redis.client.pTTL(`${prefix}hold:h-1`);
    expect(holdTtl).toBeGreaterThan(590_000);
    expect(holdTtl).toBeLessThanOrEqual(600_000);
    expect(await redis.client.zRange(`${prefix}dayholds:${DAY}`, 0, -1)).toEqual(['h-1']);
  });

  it('reports a damaged record as a StoreError, whether read or met by a capacity check', async () => {
    const { store, prefix } = newStore('damaged');
    await redis.client.set(`${prefix}booking:LS-bad`, '{not json');
    await redis.client.zAdd(`${prefix}day:${DAY}`, { score: Date.parse('2030-03-16T03:00:00.000Z'), value: 'LS-bad' });
    await expect(store.get('LS-bad')).rejects.toBeInstanceOf(StoreError);
    await expect(store.listByDay(DAY)).rejects.toBeInstanceOf(StoreError);
    await expect(store.reserve(confirmation('g1'))).rejects.toThrow(/DAMAGED .*booking:LS-bad/);
    await expect(store.reserve(confirmation('g1'))).rejects.toBeInstanceOf(StoreError);
    await redis.client.set(`${prefix}booking:LS-odd`, JSON.stringify({ ref: 'LS-odd' }));
    await expect(store.get('LS-odd')).rejects.toBeInstanceOf(StoreError);
  });

  it('loads its scripts when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH)', async () => {
    // A redis.client that has forgotten every script until it is loaded again, without flushing the shared server.
    const loaded = new Set<string>();
    let refused = 0;
    const forgetful = new Proxy(redis.client, {
      get(target, property) {
        if (property === 'evalSha') {
          return (sha: string, options: Parameters<RedisClient['evalSha']>[1]) => {
            if (!loaded.has(sha)) {
              refused++;
              return Promise.reject(new Error('NOSCRIPT No matching script. Please use EVAL.'));
            }
            return target.evalSha(sha, options);
          };
        }
        if (property === 'scriptLoad') {
          return async (source: string) => {
            const sha = await target.scriptLoad(source);
            loaded.add(sha);
            return sha;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { store } = newStore('noscript', forgetful);
    expect((await store.reserve(confirmation('g1'))).ok).toBe(true);
    expect((await store.reserve(confirmation('g2'))).ok).toBe(true);
    expect(refused).toBe(1);
    expect(loaded.size).toBe(1);
  });

  it('reports a lost connection as a StoreError, keeping the cause', async () => {
    const lost = await connectTestRedis();
    await lost.close();
    const { store } = newStore('closed', lost);
    const failure = await store.reserve(confirmation('g1')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).cause).toBeInstanceOf(Error);
    await expect(store.get('LS-g1')).rejects.toBeInstanceOf(StoreError);
    await expect(store.occupancy([DAY])).rejects.toBeInstanceOf(StoreError);
  });
});
