import { it } from 'vitest';
import { readBlindMessages, scoreBlindMessages, summarise } from './score-messages.ts';
it('scores', async () => {
  const file = process.env.BLIND_FILE ?? new URL('./set-a-messages.yaml', import.meta.url);
  const s = summarise(await scoreBlindMessages(readBlindMessages(file)));
  console.log(`RESULT ${s.right}/${s.total}\n${s.misses.join('\n')}`);
}, 600000);
