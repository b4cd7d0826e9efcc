// A secret every instance sharing a Redis uses, made by the first that asks and kept (no TTL), so
// that what one instance signed, another accepts, before and after restarts.
import { randomBytes } from 'node:crypto';
import { StoreError } from '../core/index.ts';
import type { RedisClient } from './redis.ts';

/** The secret at `key`, made (32 random bytes, hex) if there is none yet. */
export async function sharedSecret(client: RedisClient, key: string): Promise<string> {
  try {
    await client.set(key, randomBytes(32).toString('hex'), { condition: 'NX' });
    const secret = await client.get(key);
    if (!secret) throw new Error(`${key} is empty`);
    return secret;
  } catch (error) {
    throw new StoreError(`Redis could not give the shared secret ${key}: ${(error as Error).message}`, { cause: error });
  }
}
