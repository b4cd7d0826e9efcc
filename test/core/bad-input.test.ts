import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, type Concierge } from '../../src/core/index.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';

let concierge: Concierge;
const store = createMemoryStore();
beforeAll(async () => {
  concierge = await createTestConcierge({ store });
});

describe('bad input gets a clear, kind reply', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '   \n\t  '],
    ['control characters only', '\u0000\u0007\u001b\u200b'],
  ])('%s: asks what the guest would like to know, with the menu', async (_, text) => {
    const guest = fakeGuest(concierge, { id: `empty-${_}` });
    expect(textOf(await guest.say(text))).toMatch(/empty/i);
    expect(guest.choices.length).toBeGreaterThan(3);
  });

  it('emoji only: a friendly reply and the menu', async () => {
    const guest = fakeGuest(concierge, { id: 'emoji' });
    expect(textOf(await guest.say('😊🙏💆‍♀️'))).toMatch(/emoji/i);
    expect(guest.choices.length).toBeGreaterThan(3);
  });

  it('10,000 characters: says only the start was read and still answers it', async () => {
    const guest = fakeGuest(concierge, { id: 'huge' });
    const replies = await guest.say('does it hurt? ' + 'x'.repeat(10_000));
    expect(textOf(replies)).toMatch(/long/i);
    expect(textOf(replies)).toMatch(/pressure/i);
  });

  it('10,000 characters as a note for the therapist: stored capped, the booking goes on', async () => {
    const guest = fakeGuest(concierge, { id: 'huge-note' });
    await guest.say('tomorrow at 3pm for an hour');
    await guest.press('No preference');
    await guest.press('Light');
    expect(textOf(await guest.say('my neck '.repeat(1500)))).toMatch(/what name/i);
    const stored = JSON.stringify(await store.read('web:huge-note'));
    expect(stored.length).toBeLessThan(MAX_INPUT_CHARS * 2);
  });

  it('control characters inside a question are ignored', async () => {
    expect(textOf(await fakeGuest(concierge, { id: 'ctrl' }).say('does\u0000 it\u001b hurt\u202e?'))).toMatch(/pressure/i);
  });

  it.each([
    ['Vietnamese', 'Tôi muốn đặt lịch massage lưng vào ngày mai', /bao lâu/],
    ['Vietnamese without accents', 'toi muon dat lich massage lung vao ngay mai', /bao lâu/],
    ['Chinese', '你好，我想预约背部按摩', /多长时间/],
    ['Russian', 'Здравствуйте, можно записаться на массаж?', /длительност/],
  ])('%s: answered in that language (here: asked how long the session should be)', async (_, text, answer) => {
    const guest = fakeGuest(concierge, { id: `lang-${_}` });
    expect(textOf(await guest.say(text))).toMatch(answer);
  });

  it.each([
    ['French', 'Bonjour, je voudrais réserver un massage du dos demain après-midi'],
    ['Japanese', 'こんにちは、明日マッサージを予約したいです'],
  ])('%s: says which languages it speaks, with a button for each', async (_, text) => {
    const guest = fakeGuest(concierge, { id: `lang-${_}` });
    expect(textOf(await guest.say(text))).toMatch(/English, Vietnamese, Korean, Chinese and Russian/);
    expect(guest.choices).toEqual(['English', 'Tiếng Việt', '한국어', '中文', 'Русский']);
  });

  it('an English question naming a Vietnamese place is still answered', async () => {
    expect(textOf(await fakeGuest(concierge, { id: 'hoian' }).say('how long is the massage, we are coming from Hội An'))).toMatch(/30 minutes/);
  });

  it('nonsense: says it did not understand, then offers a person more directly the second time', async () => {
    const guest = fakeGuest(concierge, { id: 'nonsense' });
    expect(textOf(await guest.say('qwzx vbnm'))).toMatch(/didn't quite get|not sure/i);
    const second = await guest.say('plorf');
    expect(textOf(second)).toMatch(/team|person/i);
    expect(guest.choices).toContain('Talk to a person');
  });

  it('out of scope: says what the bot is for', async () => {
    expect(textOf(await fakeGuest(concierge, { id: 'weather' }).say("what's the weather like tomorrow"))).toMatch(/only help with/i);
  });

  it('hostile text is read as ordinary words: no error, and a way on', async () => {
    const guest = fakeGuest(concierge, { id: 'hostile' });
    const replies = await guest.say('<script>alert(1)</script> {{7*7}} ${process.env} \'; DROP TABLE bookings; --');
    expect(textOf(replies)).not.toMatch(/went wrong/i);
    expect(guest.choices.length).toBeGreaterThan(0);
  });

  it.each([
    ['unknown intent', 'i:root.shell'],
    ['malformed', 'garbage'],
    ['over-long', 'i:' + 'a'.repeat(200)],
    ['walk-through step out of range', 'w:preparation:99'],
    ['unknown walk-through', 'w:nothing:0'],
  ])('a forged button (%s) is refused politely', async (_, action) => {
    const guest = fakeGuest(concierge, { id: `forged-${_}` });
    expect(textOf(await guest.sendAction(action))).toMatch(/isn't available/i);
    expect(guest.choices.length).toBeGreaterThan(3);
  });

  it.each([
    ['pressure', 'b:pr:firm', '10am'],
    ['therapist', 'b:th:mai', '11am'],
    ['nothing about health', 'b:nohealth', '5pm'],
  ])('an old booking button (%s) whose booking is no longer kept says so, and starts nothing', async (_, action, time) => {
    const guest = fakeGuest(concierge, { id: `old-${_}` });
    expect(textOf(await guest.sendAction(action))).toMatch(/belongs to a booking we started earlier, which I no longer have/);
    expect(guest.choices).toContain('Book a session');
    // The next request to book starts from its own words, not from the old button's answer.
    expect(textOf(await guest.say(`tomorrow at ${time} for an hour please`))).toMatch(/Would you like a particular therapist\?/);
  });
});
