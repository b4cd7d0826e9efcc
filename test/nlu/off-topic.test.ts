import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { loadIntentDefinitions } from '../../src/nlu/index.ts';
import { INTENTS_DIR, realKnowledge } from '../helpers/bot.ts';

// Messages that have nothing to do with the spa, written apart from intents/ and never trained on.
// The bot should say it did not understand, or that it only helps with the spa, rather than answer
// them as if they were spa questions.
const OFF_TOPIC: Record<string, string[]> = {
  'random statements': [
    'my cousin keeps three parrots in his kitchen',
    'purple elephants cannot dance',
    'bananas are technically berries',
    'I think penguins are underrated',
    'my neighbour painted his fence orange overnight',
    'there is a cat asleep on my keyboard',
    'I lost my sunglasses at the night market',
    'the ocean sounds really loud tonight',
    'my grandfather collects old stamps from peru',
    'the printer at work jams every single morning',
  ],
  'other subjects': [
    'how do I renew my passport',
    'what is the boiling point of water',
    'who wrote romeo and juliet',
    'how many legs does a spider have',
    'explain quantum physics in simple words',
    'which team won the cricket match yesterday',
    "what's a good recipe for pancakes",
    'how do I install linux on an old laptop',
    'recommend a good novel about dragons',
    'how do I grow tomatoes on a balcony',
    'is it going to snow in tokyo this week',
    "what's the population of brazil",
    'convert 30 celsius to fahrenheit',
    'where can I buy a second hand guitar',
    'how do I reset my iphone',
    'teach me to play chess',
    "what's the square root of 81",
    'who painted the mona lisa',
    'what does a software engineer earn',
    'how far is the sun from the earth',
  ],
  'keyboard mash': ['qwfp arst', 'zzzzzz', 'hgfdsa', 'xkcd plmok', 'ghjkl uiop', 'mnbvcx', 'oiuy trewq'],
  'single unrelated words': ['volcano', 'spaghetti', 'helicopter', 'saxophone', 'cucumber', 'telescope', 'dinosaurs'],
  'one spa word in an unrelated sentence': [
    'my car needs an oil change and a wash',
    'the massage chair at the airport was broken',
    'the back of my phone is cracked',
    'the stock market is under a lot of pressure',
    'my laptop freezes whenever I open excel',
    'what time does the football game start',
    'how long is the flight to paris',
    'I booked a table at the italian place downstairs',
    "my sister's cat sleeps in the laundry basket",
    'does it hurt when you get a tattoo on your ribs',
  ],
};
const offTopic = Object.values(OFF_TOPIC).flat();

describe('not answering messages that have nothing to do with the spa', () => {
  it('has at least 40 of them, none in intents/', async () => {
    expect(offTopic.length).toBeGreaterThanOrEqual(40);
    const definitions = await loadIntentDefinitions(INTENTS_DIR);
    const trained = new Set(definitions.flatMap((d) => d.examples.map((e) => e.toLowerCase().trim())));
    expect(offTopic.filter((text) => trained.has(text.toLowerCase().trim()))).toEqual([]);
  });

  it('says it did not understand, or only helps with the spa, for at least 90% of them as a guest would experience it', async () => {
    const { understanding } = await realKnowledge();
    const threshold = loadConfig({}).NLU_CONFIDENCE_THRESHOLD;
    const misses: string[] = [];
    for (const text of offTopic) {
      const meaning = await understanding.interpret(text, { threshold });
      // When unsure the bot says it did not understand, which is right for these.
      const got = meaning.kind === 'intent' ? meaning.intent : meaning.kind === 'unsure' ? 'out_of_scope' : '(other language)';
      if (got !== 'out_of_scope') misses.push(`${text} -> ${got}`);
    }
    const notAnswered = 1 - misses.length / offTopic.length;
    expect(notAnswered, `answered as if about the spa:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });
});
