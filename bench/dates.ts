// Date/time benchmark on NLU++ hotels (see ../shared/benchmarks/README.md): exact match of every date* and
// time* slot value, read from the mention that covers the slot's span, against 2022-03-15 09:00 (a Tuesday).
// Usage: npx tsx bench/dates.ts [file] [--misses]
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { findDateTimes, type DateTimeMention } from '../src/nlu/dates/index.ts';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FILE = resolve(PROJECT_ROOT, '../shared/benchmarks/nlupp-hotels/datetime-dev.json');
const TARGET = 0.85;
const CHRONO_OUT_OF_THE_BOX = 0.621;
// The reference is a wall-clock time; any zone gives the same calendar, so the spa's is used.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const slotSchema = z.object({
  text: z.string(),
  span: z.tuple([z.number(), z.number()]).optional(),
  value: z.record(z.string(), z.unknown()).optional(),
});
const dataSchema = z.object({
  reference: z.string(),
  examples: z.array(z.object({ text: z.string(), slots: z.record(z.string(), slotSchema) })),
});
type Slot = z.infer<typeof slotSchema>;

interface Miss { text: string; slot: string; expected: string; got: string }

const SCORED_SLOT = /^(date|time)(?:_from|_to)?$/;

/** Runs the benchmark on one data file, prints the score table, and returns the counts. */
export async function benchDates(file: string, options: { misses?: number } = {}): Promise<{ correct: number; total: number }> {
  const data = dataSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const now = referenceInstant(data.reference);
  let correct = 0;
  let total = 0;
  const misses: Miss[] = [];
  for (const example of data.examples) {
    const mentions = findDateTimes(example.text, { now, timeZone: TIME_ZONE });
    for (const [name, slot] of Object.entries(example.slots)) {
      if (!SCORED_SLOT.test(name) || !slot.value) continue;
      total++;
      const got = valueFor(name, slot, example.text, mentions);
      const expected = name.startsWith('date') ? pick(slot.value, ['year', 'month', 'day']) : pick(slot.value, ['hour', 'minute']);
      if (got === expected) correct++;
      else misses.push({ text: example.text, slot: `${name} "${slot.text}"`, expected, got: got ?? '-' });
    }
  }
  printTable(correct, total);
  if (options.misses) {
    console.log(`\nmisses (${misses.length}):`);
    for (const m of misses.slice(0, options.misses)) console.log(`  ${m.slot}: expected ${m.expected}, got ${m.got}  | ${m.text}`);
  }
  return { correct, total };
}

// The reference "2022-03-15T09:00" is a wall-clock time in the spa's zone.
function referenceInstant(reference: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(reference);
  if (!m) throw new Error(`benchmark reference "${reference}" is not YYYY-MM-DDTHH:MM`);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(TZDate.tz(TIME_ZONE, year, month - 1, day, hour, minute).getTime());
}

// The mention that overlaps the slot most; for a range, "_to" slots read its end and the rest its start.
function valueFor(name: string, slot: Slot, text: string, mentions: DateTimeMention[]): string | undefined {
  const [from, to] = slot.span ?? spanOf(slot.text, text);
  const overlap = (m: DateTimeMention): number => Math.min(to, m.index + m.text.length) - Math.max(from, m.index);
  const mention = mentions.filter((m) => overlap(m) > 0).sort((a, b) => overlap(b) - overlap(a))[0];
  if (!mention) return undefined;
  const part = name.endsWith('_to') && mention.end ? mention.end : mention;
  const value = name.startsWith('date') ? part.date : part.time;
  return value ? pick(value as unknown as Record<string, unknown>, name.startsWith('date') ? ['year', 'month', 'day'] : ['hour', 'minute']) : undefined;
}

function spanOf(needle: string, text: string): [number, number] {
  const at = text.indexOf(needle);
  return at < 0 ? [0, 0] : [at, at + needle.length];
}

const pick = (value: Record<string, unknown>, keys: string[]): string => keys.map((k) => String(value[k])).join('-');

function printTable(correct: number, total: number): void {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  console.table([
    { system: 'spa-concierge findDateTimes', exact: `${correct}/${total}`, score: pct(total ? correct / total : 0) },
    { system: 'target', exact: '', score: pct(TARGET) },
    { system: 'chrono-node 2.10 out of the box', exact: '', score: pct(CHRONO_OUT_OF_THE_BOX) },
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  await benchDates(file ? resolve(file) : DEFAULT_FILE, { misses: args.includes('--misses') ? 100 : 0 });
}
