// Per-message latency through handle() with the Redis store: 100 concurrent conversations,
// 10,000 messages. Targets: p99 at most 5 ms and at least 1,000 messages/s in one process.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { loadContent } from '../src/content/index.ts';
import { loadConfig } from '../src/config.ts';
import { createConcierge, type Turn } from '../src/core/index.ts';
import { createUnderstanding, loadIntentDefinitions } from '../src/nlu/index.ts';
import { createRedisStore, type RedisClient } from '../src/store/index.ts';

const MESSAGES = [
  'hi',
  'how long is the massage',
  'does it hurt?',
  'how often should i come',
  'do i have to take my clothes off',
  'what are the benefits',
  'how do I prepare',
  'next',
  'what happens during the massage',
  'what should i do afterwards',
  'where are you',
  'I am pregnant, is it ok?',
  'what is the weather today',
  'thanks!',
];

/** Percentile of sorted numbers (nearest rank). */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs the latency benchmark against Redis and prints p50, p99 and messages per second. */
export async function benchLatency(options: { conversations?: number; messages?: number } = {}) {
  const conversations = options.conversations ?? 100;
  const total = options.messages ?? 10_000;
  const config = loadConfig({ ...process.env, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const client: RedisClient = createClient({ url: config.REDIS_URL });
  client.on('error', () => {});
  await client.connect();
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const [content, definitions] = await Promise.all([loadContent(config.CONTENT_DIR), loadIntentDefinitions(config.INTENTS_DIR)]);
  const concierge = createConcierge({
    content,
    understanding: await createUnderstanding(definitions),
    store: createRedisStore(client, { prefix }),
    stateTtlSeconds: 600,
    confidenceThreshold: config.NLU_CONFIDENCE_THRESHOLD,
  });

  const turnFor = (i: number): Turn => ({
    channel: 'web',
    conversationId: `c${i % conversations}`,
    guest: { id: `g${i % conversations}` },
    input: { kind: 'text', text: MESSAGES[Math.floor(i / conversations) % MESSAGES.length]! },
  });

  // Warm up first (JIT, connection), as a running bot is.
  for (let i = 0; i < 2000; i++) await concierge.handle(turnFor(i));

  // Latency at the target rate: messages arrive on a fixed schedule (1,000/s spread over the
  // conversations) and each is timed from when it was due, so a stall counts against every
  // message it delays.
  const rate = 1000;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const tick = setInterval(() => {
      const dueNow = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      for (; sent < dueNow; sent++) {
        const due = start + (sent * 1000) / rate;
        pending.push(concierge.handle(turnFor(sent)).then(() => void latencies.push(performance.now() - due)));
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  await Promise.all(pending);

  // Throughput: the same conversations sending as fast as they are answered.
  const throughputStart = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      for (let i = c; i < total; i += conversations) {
        await concierge.handle(turnFor(i));
        done++;
      }
    }),
  );
  const perSecond = done / ((performance.now() - throughputStart) / 1000);

  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  await client.close();

  latencies.sort((a, b) => a - b);
  const result = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond, count: latencies.length };
  console.log(`\nhandle() with the Redis store: ${conversations} concurrent conversations, ${result.count} messages`);
  console.log(`figure                               measured    target`);
  console.log(`p50 latency at ${rate} msg/s            ${result.p50.toFixed(2).padStart(6)} ms`);
  console.log(`p99 latency at ${rate} msg/s            ${result.p99.toFixed(2).padStart(6)} ms   <= 5 ms   ${result.p99 <= 5 ? 'met' : 'MISSED'}`);
  console.log(`messages/second, as fast as answered  ${result.perSecond.toFixed(0).padStart(6)}      >= 1000   ${result.perSecond >= 1000 ? 'met' : 'MISSED'}`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchLatency();
}
