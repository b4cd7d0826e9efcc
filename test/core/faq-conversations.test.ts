import { beforeAll, describe, expect, it } from 'vitest';
import { intentAction, type Concierge } from '../../src/core/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';

let concierge: Concierge;
beforeAll(async () => {
  concierge = await createTestConcierge();
});

// The article's facts, as a guest would check them in the answers.
describe('a guest asking pre-visit questions', () => {
  it.each([
    ['how long does an upper back massage last?', [/30 minutes/, /an hour/]],
    ['does it hurt', [/shouldn't hurt|should not hurt/i, /pressure/i, /tense/i]],
    ['how often should i get one', [/monthly/i, /quarterly/i]],
    ['do I need to undress completely?', [/comfort/i, /sheet or towel/i]],
    ['what is an upper back massage', [/spine/i, /tension/i]],
    ['what are the benefits', [/stress/i, /surgery/i, /posture/i, /pain/i, /sleep/i]],
    ['can it help with stress', [/cortisol/i]],
    ['will it fix my posture from sitting at a desk all day', [/posture/i, /spine and shoulders/i]],
    ['ＨＯＷ ＬＯＮＧ ＩＳ ＩＴ', [/30 minutes/]],
    ['what techniques do you use', [/effleurage/i, /petrissage/i, /friction/i, /tapotement/i]],
    ['what is petrissage', [/knead/i]],
    ['tell me about tapotement', [/tapping|patting/i]],
    ['what should i do after the massage', [/water|hydrat/i, /rest/i, /stretch/i, /regular/i]],
  ])('"%s" gets the article’s answer', async (question, facts) => {
    const replies = await fakeGuest(concierge, { id: `faq-${question}` }).say(question);
    for (const fact of facts) expect(textOf(replies)).toMatch(fact);
  });

  it('ends an FAQ answer with two or three follow-up choices and the menu', async () => {
    const guest = fakeGuest(concierge, { id: 'follow-ups' });
    await guest.say('is it painful?');
    expect(guest.choices.length).toBeGreaterThanOrEqual(3);
    expect(guest.choices.length).toBeLessThanOrEqual(4);
    expect(guest.choices).toContain('Menu');
  });

  it('follows a follow-up choice to its answer', async () => {
    const guest = fakeGuest(concierge, { id: 'follow-through' });
    await guest.say('how long is a session');
    const replies = await guest.press('Does it hurt?');
    expect(textOf(replies)).toMatch(/pressure/i);
  });

  it('greets with the spa’s name and a menu', async () => {
    const guest = fakeGuest(concierge, { id: 'hello' });
    const replies = await guest.say('hi there');
    expect(textOf(replies)).toMatch(/L Spa/);
    expect(guest.choices).toEqual(expect.arrayContaining(['Does it hurt?', 'How to prepare', 'What to expect', 'Talk to a person']));
  });

  it('answers thanks and goodbye kindly', async () => {
    const guest = fakeGuest(concierge, { id: 'bye' });
    expect(textOf(await guest.say('thanks so much'))).toMatch(/welcome/i);
    expect(textOf(await guest.say('bye'))).toMatch(/take care|see you/i);
  });

  it('tells where the spa is, marking sample details as samples', async () => {
    const replies = await fakeGuest(concierge, { id: 'where' }).say('where are you located?');
    expect(textOf(replies)).toMatch(/Da Nang/);
    expect(textOf(replies)).toMatch(/sample/i);
  });

  it('gives opening hours and contact from the spa settings', async () => {
    expect(textOf(await fakeGuest(concierge, { id: 'hours' }).say('what time do you open'))).toMatch(/09:00/);
    // The days the spa is closed (spa.yaml's closed_dates) come with the hours: "are you open on New Year's Day?"
    expect(textOf(await fakeGuest(concierge, { id: 'new-year' }).say('are you open on new years day?'))).toMatch(/Closed on: Fri 1 January 2027/);
    expect(textOf(await fakeGuest(concierge, { id: 'yuandan', language: 'zh' }).say('元旦那天开门吗'))).toMatch(/休息日：2027年1月1日（周五）/);
    expect(textOf(await fakeGuest(concierge, { id: 'contact' }).say('whats your phone number'))).toMatch(/\+84/);
  });

  it('says whose clock the opening hours are on, to a guest whose phone is on Seoul time too, in every language', async () => {
    const seoul = textOf(await fakeGuest(concierge, { id: 'hours-seoul', timeZone: 'Asia/Seoul' }).say('what are your opening hours?'));
    expect(seoul).toMatch(/Mon: 09:00–21:00\n[\s\S]*Sun: 09:00–21:00\nAll times are Da Nang time\./);
    for (const [language, clock] of [
      ['vi', 'CN: 09:00–21:00\nCác giờ trên là giờ Đà Nẵng.'],
      ['ko', '일: 09:00–21:00\n모두 다낭 시간 기준이에요.'],
      ['zh', '周日: 09:00–21:00\n以上均为岘港时间。'],
      ['ru', 'Вс: 09:00–21:00\nЧасы указаны по времени Дананга.'],
    ]) {
      const guest = fakeGuest(concierge, { id: `hours-${language}`, language });
      expect(textOf(await guest.sendAction(intentAction('spa.hours'))), language).toContain(clock);
    }
  });
});

describe('walk-throughs', () => {
  it('walks through preparation one step per message with Next', async () => {
    const guest = fakeGuest(concierge, { id: 'prep' });
    const first = textOf(await guest.say('how should I prepare for my massage?'));
    expect(first).toMatch(/Step 1 of 3/);
    expect(first).toMatch(/therapist/i);
    expect(guest.choices[0]).toBe('Next');
    const second = textOf(await guest.press('Next'));
    expect(second).toMatch(/Step 2 of 3/);
    expect(second).toMatch(/water/i);
    const third = textOf(await guest.press('Next'));
    expect(third).toMatch(/Step 3 of 3/);
    expect(third).toMatch(/early/i);
    expect(guest.choices).not.toContain('Next');
  });

  it('moves on when the guest types "next" instead of pressing', async () => {
    const guest = fakeGuest(concierge, { id: 'expect' });
    expect(textOf(await guest.say('what happens during the massage'))).toMatch(/Step 1 of 4/);
    expect(textOf(await guest.say('ok'))).toMatch(/Step 2 of 4[\s\S]*sheet or towel/i);
    expect(textOf(await guest.say('next'))).toMatch(/Step 3 of 4[\s\S]*pressure/i);
    expect(textOf(await guest.say('next'))).toMatch(/Step 4 of 4[\s\S]*lightheaded/i);
  });

  it('does not move a walk-through on when "ok" follows a question asked in its middle', async () => {
    const guest = fakeGuest(concierge, { id: 'leave' });
    await guest.say('how do i prepare');
    expect(textOf(await guest.say('how long does it take'))).toMatch(/30 minutes/);
    expect(textOf(await guest.say('ok'))).not.toMatch(/Step 2/);
  });
});

describe('health questions', () => {
  it.each([
    'I am pregnant, is a massage safe?',
    'I had surgery on my shoulder last month, can massage help?',
    'i have high blood pressure is that ok',
    'sprained my neck last week, can I still come',
  ])('"%s" gets the advice to check with a doctor and tell the therapist', async (question) => {
    const text = textOf(await fakeGuest(concierge, { id: `health-${question}` }).say(question));
    expect(text).toMatch(/doctor/i);
    expect(text).toMatch(/therapist/i);
  });

  it.each(['bye, see you, I am pregnant', 'thanks so much, I am pregnant', 'thank you! I have high blood pressure'])(
    'answers a health matter said with thanks or a goodbye with the health answer: "%s"',
    async (text) => {
      const reply = textOf(await fakeGuest(concierge, { id: `social-${text}` }).say(text));
      expect(reply).toMatch(/doctor/i);
      expect(reply).toMatch(/not able to give medical advice/i);
      expect(reply).not.toMatch(/take care|very welcome/i);
    },
  );

  it('adds the advice to the after-surgery answer, reached by a button too', async () => {
    const guest = fakeGuest(concierge, { id: 'surgery-button' });
    await guest.say('what are the benefits');
    const replies = await guest.sendAction('i:benefit.surgery');
    expect(textOf(replies)).toMatch(/doctor/i);
  });

  it.each(['how long is it', 'what are your hours of operation', 'my phone is broken, whats your email', "I'm expecting a call from the spa"])(
    'gives no medical advice to an ordinary question: "%s"',
    async (question) => {
      expect(textOf(await fakeGuest(concierge, { id: `plain-${question}` }).say(question))).not.toMatch(/doctor/i);
    },
  );
});

describe('a spa without online booking', () => {
  it('says how to book by phone or email, marking sample details', async () => {
    const noBooking = await createTestConcierge({ bookings: undefined });
    const guest = fakeGuest(noBooking, { id: 'book' });
    const text = textOf(await guest.say('can I book tomorrow at 3pm for an hour?'));
    expect(text).toMatch(/\+84|@/);
    expect(text).toMatch(/sample/i);
    expect(guest.choices).toContain('Talk to a person');
  });
});

describe('a guest who wants a person', () => {
  it('is told how to reach the team', async () => {
    const text = textOf(await fakeGuest(concierge, { id: 'human' }).say('can I talk to a real person'));
    expect(text).toMatch(/team/i);
    expect(text).toMatch(/sample/i);
  });
});
