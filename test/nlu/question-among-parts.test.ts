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

// A greeting's words outweigh a short request beside it in one sentence: the clause about the spa is
// what the message asks, and a greeting with nothing else in it stays a greeting.
describe('a greeting beside a request', () => {
  it.each([
    ['zh', '你好，我想改期', 'booking.reschedule'],
    ['zh', '你好 我想改期', 'booking.reschedule'],
    ['ko', '안녕하세요, 예약 변경하고 싶어요', 'booking.reschedule'],
    ['en', 'hi, can i change my time', 'booking.reschedule'],
    ['en', "hello, i'm Anna", 'greeting'],
    ['en', 'thanks a lot, that helps', 'thanks'],
    ['zh', '感謝你的回覆 很有幫助', 'thanks'],
  ] as const)('reads %s "%s" as %s', async (language, text, intent) => {
    const { understandings } = await realKnowledge();
    const read = await (await understandings.of(language)).interpret(text, { threshold: 0.15 });
    expect(read.kind === 'intent' ? read.intent : read.kind).toBe(intent);
  });
});

// Words that are also names of every JavaScript object's own parts are unknown words like any other:
// the question around them is read as without them.
describe('a word such as "constructor" in a question', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('reads "how long is the massage %s" as how long it is', async (word) => {
    const { understanding } = await realKnowledge();
    const read = await understanding.interpret(`how long is the massage ${word}`, { threshold: 0.15 });
    expect(read.kind === 'intent' ? read.intent : read.kind).toBe('faq.duration');
  });
});
