import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import type { RedisClient } from '../../src/store/index.ts';

/** The Redis the tests use: REDIS_URL, or the local one CI starts. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Connects to the real Redis. Tests that need it fail (never skip) when it is not there:
 * start it with `redis-server --daemonize yes --port 6379 --save "" --appendonly no`.
 */
export async function connectTestRedis(): Promise<RedisClient> {
  const client: RedisClient = createClient({ url: TEST_REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`These tests need Redis at ${TEST_REDIS_URL}; start it (see README) — ${(error as Error).message}`, { cause: error });
  }
  return client;
}

/** A key prefix no other test run uses, so parallel runs never see each other's keys. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${randomUUID().slice(0, 8)}:`;
}

/** Every key matching a SCAN pattern ("test:*"), without blocking Redis as KEYS would. */
export async function keysMatching(client: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 })) found.push(...keys);
  return found;
}

/** Deletes every key under the prefix. */
export async function deleteKeys(client: RedisClient, prefix: string): Promise<void> {
  const keys = await keysMatching(client, `${prefix}*`);
  if (keys.length > 0) await client.del(keys);
}

/**
 * The real Redis for one test file: connected before its tests; after them, every key under the
 * prefixes it handed out is deleted and the connection closed.
 */
export function useTestRedis() {
  let connected: RedisClient | undefined;
  const prefixes: string[] = [];
  beforeAll(async () => {
    connected = await connectTestRedis();
  });
  afterAll(async () => {
    if (!connected) return;
    for (const prefix of prefixes) await deleteKeys(connected, prefix);
    await connected.close();
  });
  return {
    /** The file's connection (available inside tests and hooks). */
    get client(): RedisClient {
      if (!connected) throw new Error('the test Redis is not connected yet: use it inside a test or hook');
      return connected;
    },
    /** A fresh key prefix, cleaned up after the file's tests. */
    newPrefix(label: string): string {
      const prefix = uniquePrefix(label);
      prefixes.push(prefix);
      return prefix;
    },
  };
}
