import { describe, expect, it } from 'vitest';
import { realKnowledge } from '../helpers/bot.ts';

// A message that asks one question and says something else beside it ("... we fly home on sunday")
// is read as that question, as surely as the question alone: the day words of the rest do not make
// it a request to book.
describe('a question with more said beside it', () => {
  it.each([
    ['would firm leave me sore tomorrow?', 'we fly home on sunday'],
    ['can i keep my shorts on during it?', 'coming with my sister on friday'],
  ])('reads "%s" as surely when followed by "%s"', async (question, more) => {
    const { understanding } = await realKnowledge();
    const alone = await understanding.interpret(question, { threshold: 0.15 });
    const both = await understanding.interpret(`${question} ${more}`, { threshold: 0.15 });
    if (alone.kind !== 'intent' || both.kind !== 'intent') throw new Error(`not read: ${alone.kind}, ${both.kind}`);
    expect(both.intent).toBe(alone.intent);
    expect(both.score).toBeGreaterThanOrEqual(alone.score - 0.01);
  });
});
