import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError } from '../errors.ts';

/** One intent and the phrasings that teach the classifier to recognise it. */
export interface IntentDefinition {
  intent: string;
  examples: string[];
}

const intentFileSchema = z.object({
  intent: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)?$/, 'must look like "faq.duration"'),
  examples: z.array(z.string().trim().min(1, 'must not be empty').max(300)).min(20, 'needs at least 20 examples'),
});

/** Reads and validates every `*.yaml` in the intents folder; a broken file throws a ContentError naming it. */
export async function loadIntentDefinitions(dir: string): Promise<IntentDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  if (files.length === 0) throw new ContentError(dir, ['no intent files (*.yaml) found']);
  const definitions: IntentDefinition[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    let data: unknown;
    try {
      data = parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new ContentError(path, [`is not valid YAML: ${(error as Error).message}`], { cause: error });
    }
    const result = intentFileSchema.safeParse(data);
    if (!result.success) {
      throw new ContentError(
        path,
        result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
      );
    }
    const previous = seen.get(result.data.intent);
    if (previous) throw new ContentError(path, [`intent "${result.data.intent}" is already defined in ${previous}`]);
    seen.set(result.data.intent, path);
    definitions.push(result.data);
  }
  return definitions;
}
