import { it } from 'vitest';
import { playConversation, readBlindConversations } from './play-conversations.ts';
it('plays', async () => {
  const file = process.env.BLIND_FILE ?? new URL('./set-a-conversations.yaml', import.meta.url);
  let ok = 0;
  const all = readBlindConversations(file);
  for (const c of all) {
    const r = await playConversation(c);
    if (r.ok) ok++;
    else console.log(`MISS ${r.id}: ${r.why}\n  ${r.transcript.join('\n  ')}`);
  }
  console.log(`RESULT ${ok}/${all.length}`);
}, 600000);
