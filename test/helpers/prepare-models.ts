// Before any test file runs: every language's intent model trained once and kept in .cache, so the
// test files (run in parallel) load them instead of each training the same model again. Each
// language trains in a process of its own, as many at once as there are cores: on a fresh clone
// that halves the wait on two cores.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language } from '../../src/languages.ts';

const SCRIPT = fileURLToPath(new URL('./prepare-model.ts', import.meta.url));

function prepare(language: Language): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, language], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`preparing the ${language} intent model failed (exit ${code})`))));
  });
}

export default async function prepareModels(): Promise<void> {
  const waiting = [...LANGUAGES];
  const lanes = Array.from({ length: Math.min(availableParallelism(), waiting.length) }, async () => {
    for (let language = waiting.shift(); language; language = waiting.shift()) await prepare(language);
  });
  await Promise.all(lanes);
}
