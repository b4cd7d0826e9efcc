// After the whole suite: no key a test wrote is left in Redis. Tests write under `test:` prefixes of
// their own (useTestRedis) and the bots they start under REDIS_PREFIX; a key under `test:` or the
// bot's default `spa:` that was not there before the run is a test that forgot to clean up. In CI
// that fails the run; on a developer's machine (where a bot may be running against the same Redis)
// it is only reported.
import type { RedisClient } from '../../src/store/index.ts';
import { connectTestRedis, keysMatching, TEST_REDIS_URL } from './redis.ts';

const PATTERNS = ['test:*', 'spa:*'];

const keysNow = async (client: RedisClient) => new Set((await Promise.all(PATTERNS.map((p) => keysMatching(client, p)))).flat());
// Without Redis the tests that need it fail on their own, naming it.
const connect = () => connectTestRedis().catch(() => undefined);

export default async function watchRedisKeys(): Promise<() => Promise<void>> {
  const client = await connect();
  const before = client ? await keysNow(client) : new Set<string>();
  await client?.close();
  return async () => {
    const after = await connect();
    if (!after) return;
    const left = [...(await keysNow(after))].filter((key) => !before.has(key)).sort();
    await after.close();
    if (left.length === 0) return;
    const message = `The tests left ${left.length} key(s) in Redis at ${TEST_REDIS_URL}: ${left.slice(0, 10).join(', ')}${left.length > 10 ? ', …' : ''}`;
    if (process.env.CI) {
      // Vitest reports an error thrown here but still exits 0: the exit code says it.
      console.error(message);
      process.exitCode = 1;
      return;
    }
    console.warn(message);
  };
}
