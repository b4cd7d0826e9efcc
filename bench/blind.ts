// Understanding on the blind sets (test/nlu/blind): guest messages and whole booking conversations
// written by someone who never saw intents/, content/ or test/, through the real concierge.
// Targets (issue "Understanding, rebuilt"): at least 95% of the messages of a set written after the
// last tuning, and 19 of 20 conversations.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playConversation, readBlindConversations } from '../test/nlu/blind/play-conversations.ts';
import { readBlindMessages, scoreBlindMessages, summarise } from '../test/nlu/blind/score-messages.ts';

const DIR = new URL('../test/nlu/blind/', import.meta.url);

/** Scores every blind set and prints each beside the targets. */
export async function benchBlind(): Promise<void> {
  console.log('\nBlind sets (target: messages >= 95%, conversations >= 19 of 20)');
  console.log('set  messages (unseen ones)  conversations   messages left out as phrasings word for word');
  for (const set of ['a', 'b']) {
    const messagesFile = new URL(`set-${set}-messages.yaml`, DIR);
    if (!existsSync(messagesFile)) continue;
    const { right, total, seen, misses } = summarise(await scoreBlindMessages(readBlindMessages(messagesFile)));
    const conversations = readBlindConversations(new URL(`set-${set}-conversations.yaml`, DIR));
    const played = [];
    for (const c of conversations) played.push(await playConversation(c));
    const ok = played.filter((p) => p.ok).length;
    const share = right / total;
    console.log(
      `${set.toUpperCase().padEnd(5)}${`${(share * 100).toFixed(1)}% (${right}/${total}) ${share >= 0.95 ? 'met' : 'MISSED'}`.padEnd(24)}${`${ok}/${conversations.length} ${ok / conversations.length >= 0.95 ? 'met' : 'MISSED'}`.padEnd(16)}${seen}`,
    );
    if (process.env.BLIND_VERBOSE) {
      for (const miss of misses) console.log(`   message: ${miss}`);
      for (const p of played.filter((p) => !p.ok)) console.log(`   conversation ${p.id}: ${p.why}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchBlind();
}
