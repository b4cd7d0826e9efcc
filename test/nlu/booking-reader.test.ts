import { beforeAll, describe, expect, it } from 'vitest';
import { createBookingReader, createNormaliser, loadVocabulary, type BookingReader } from '../../src/nlu/index.ts';
import { INTENTS_DIR } from '../helpers/bot.ts';

// The reader of booking answers with the real English vocabulary (intents/vocabulary/en.yaml) and
// two therapists named as the sample spa names them.
let reader: BookingReader;
let vietnamese: BookingReader;
const THERAPISTS = [
  { id: 'mai', name: 'Mai (sample)', gender: 'female' },
  { id: 'an', name: 'An (sample)', gender: 'male' },
] as const;
beforeAll(async () => {
  const vocabulary = await loadVocabulary(INTENTS_DIR);
  reader = createBookingReader(vocabulary, createNormaliser(vocabulary), THERAPISTS);
  const vi = await loadVocabulary(INTENTS_DIR, 'vi');
  vietnamese = createBookingReader(vi, createNormaliser(vi, 'vi'), THERAPISTS, 'VN', 'vi');
});

describe('loose times', () => {
  it.each([
    ['after lunch', { kind: 'window', from: '13:00', to: '15:00' }],
    ['tmrw after lunch if possible', { kind: 'window', from: '13:00', to: '15:00' }],
    ['late afternoon pls', { kind: 'window', from: '15:30', to: '17:30' }],
    ['4ish', { kind: 'around', at: '16:00' }],
    ['around 5', { kind: 'around', at: '17:00' }],
    ['about 10.30am', { kind: 'around', at: '10:30' }],
    ['asap', { kind: 'soonest' }],
    ['whatever is soonest', { kind: 'soonest' }],
  ])('"%s" is %j', (text, loose) => {
    expect(reader.looseTime(text)).toEqual(loose);
  });

  it('reads a time give or take in the forms the dates reader knows', () => {
    expect(vietnamese.looseTime('khoảng 9 rưỡi em')).toEqual({ kind: 'around', at: '09:30' });
    expect(vietnamese.looseTime('tầm 3h chiều')).toEqual({ kind: 'around', at: '15:00' });
    expect(vietnamese.looseTime('9 rưỡi')).toBeUndefined();
  });

  it('finds none in an exact time or a plain question', () => {
    expect(reader.looseTime('at 4pm')).toBeUndefined();
    expect(reader.looseTime('what do i wear')).toBeUndefined();
  });
});

describe('times and shifts', () => {
  const ref = { now: new Date('2026-11-27T03:00:00Z'), timeZone: 'Asia/Ho_Chi_Minh' };

  it('reads an hour alone as said about the time, and leaves other numbers alone', () => {
    expect(reader.bareHour('is 4 ok?')).toEqual({ hour: 4, minute: 0 });
    expect(reader.bareHour('3.30')).toEqual({ hour: 3, minute: 30 });
    expect(reader.bareHour('ok lets do 11 then')).toEqual({ hour: 11, minute: 0 });
    expect(reader.bareHour('i have 2 kids')).toBeUndefined();
    expect(reader.bareHour('1230 can?')).toEqual({ hour: 12, minute: 30 });
    expect(reader.bareHour('60')).toBeUndefined();
  });

  it('reads shifts of a time already set, in words and digits', () => {
    expect(reader.wantedShift('half an hour later')).toBe(30);
    expect(reader.wantedShift('can i come an hour earlier')).toBe(-60);
    expect(reader.wantedShift('30 mins later please')).toBe(30);
    expect(reader.wantedShift('later')).toBeUndefined();
  });

  it('reads a day and time, passing over "now" beside a real time', () => {
    expect(reader.wantedTime('book now for tomorrow at 3pm', ref)?.text).toBe('tomorrow at 3pm');
  });
});

describe('short answers', () => {
  it('hears a stop, and not in a long message that merely holds the word', () => {
    expect(reader.isStop('never mind')).toBe(true);
    expect(reader.isStop('nvm')).toBe(true);
    expect(reader.isStop("dont book it")).toBe(true);
    expect(reader.isStop('i stopped at the market on the way and want to know how long the massage is')).toBe(false);
    expect(reader.isStop('none of those times work for me, forget it')).toBe(true);
  });

  it('hears yes and no in chat spellings, and no "yes" in a refusal', () => {
    expect(reader.isYes('yep book it')).toBe(true);
    expect(reader.isYes("that's right")).toBe(true);
    expect(reader.isYes('no not yet')).toBe(false);
    expect(reader.isNone('nope')).toBe(true);
    expect(reader.saysHealthy('no health issues, thanks')).toBe(true);
  });

  it('reads pressure, with a word said against it', () => {
    expect(reader.pressure('firm pls')).toBe('firm');
    expect(reader.pressure('not too hard')).toBe('medium');
    expect(reader.pressure('light, not too strong')).toBe('light');
    expect(reader.pressure('whatever you think')).toBeUndefined();
    // The longest words said win, where a short word could be read either way.
    expect(vietnamese.pressure('lam manh tay nhe')).toBe('firm');
    expect(vietnamese.pressure('mạnh quá, nhẹ thôi')).toBe('light');
    expect(vietnamese.pressure('nhẹ thôi nhé')).toBe('light');
  });

  it('reads a place in a list, and a digit only where it is no hour', () => {
    expect(reader.ordinal('the second one')).toBe(1);
    expect(reader.ordinal('the earliest one please')).toBe(0);
    expect(reader.ordinal('last one')).toBe(-1);
    expect(reader.ordinal('2')).toBe(1);
    expect(reader.ordinal('2', false)).toBeUndefined();
  });

  it('reads a therapist by name, by gender, or none in particular', () => {
    expect(reader.therapist('Mai please', true)).toBe('mai');
    expect(reader.therapist('Ms Mai po if available', true)).toBe('mai');
    expect(reader.therapistByGender('60 min tomorrow, bloke therapist, firm', false)).toBe('an');
    expect(reader.therapist("don't care", true)).toBe('any');
    expect(reader.therapist('half an hour later', false)).toBeUndefined();
    expect(reader.therapistByGender('a woman pls', true)).toBe('mai');
    expect(reader.therapistByGender('a male therapist tomorrow', false)).toBe('an');
  });
});

describe('answers typed in full', () => {
  it('reads a name, with the words around it and the contact beside it', () => {
    expect(reader.name('its linh', 'Use {name}')).toEqual({ name: 'Linh' });
    expect(reader.name('Tom Nguyen 0905 123 456', 'Use {name}')).toEqual({ name: 'Tom Nguyen', contact: '+84905123456' });
    expect(reader.name('Use Lan', 'Use {name}')).toEqual({ name: 'Lan' });
    expect(reader.name("put it under my husband's name, Tran Van Minh", 'Use {name}')).toEqual({ name: 'Tran Van Minh' });
  });

  it('tells a message that could be a name from a longer one that is not', () => {
    expect(reader.couldBeAName('Tran Minh Anh')).toBe(true);
    expect(reader.couldBeAName("put it under my husband's name, Tran Van Minh")).toBe(true);
    expect(reader.couldBeAName('ugh forget it, too complicated, i will just walk in')).toBe(false);
  });

  it('takes a number written with its country code, even in a range newer than the phone metadata', () => {
    expect(reader.contact('+44 7700 900123')).toBe('+447700900123');
    expect(reader.contact('+84 12')).toBeUndefined();
    expect(reader.contact('room 7700 900123')).toBeUndefined();
  });

  it('reads "cancel it" as agreeing to the cancellation asked about, and "don\'t cancel it" not', () => {
    expect(reader.confirmsCancel('ya cancel it, cam on em')).toBe(true);
    expect(reader.confirmsCancel("don't cancel it")).toBe(false);
  });

  it('takes no "yes" or "no" for a name', () => {
    expect(reader.name('yes', 'Use {name}')).toBeUndefined();
    expect(reader.name('no', 'Use {name}')).toBeUndefined();
  });

  it('finds a name introduced in a longer message', () => {
    expect(reader.introducedName('tomorrow 3pm, name Anna Lee, +84 905 111 222')).toBe('Anna Lee');
    expect(reader.introducedName('my name is lan and i want a massage')).toBe('Lan');
    expect(reader.introducedName("firm pressure. name's Jack Murray, mob +61 412 345 678")).toBe('Jack Murray');
    expect(reader.introducedName('tomorrow at 3pm please')).toBeUndefined();
    expect(reader.introducedName('can you change the name to linh tran please')).toBe('Linh Tran');
  });

  it('reads a length, and a bare number only when the length was asked', () => {
    expect(reader.minutes('an hour please', false)).toBe(60);
    expect(reader.minutes('ok lets do 60 then', true)).toBe(60);
    expect(reader.minutes('ok lets do 60 then', false)).toBeUndefined();
    expect(reader.minutes('today 10h morning, 60 minute', false)).toBe(60);
  });

  it('tells a question of the guest\'s own from an answer', () => {
    expect(reader.isQuestion('how much is it?')).toBe(true);
    expect(reader.isQuestion('where are you located')).toBe(true);
    expect(reader.isQuestion('Do Thi Lan')).toBe(false);
  });
});

describe('lengths and days said loosely', () => {
  const ref = { now: new Date('2026-11-27T09:15:00Z'), timeZone: 'Asia/Ho_Chi_Minh' };

  it('reads "hour" and "the longer one" when the length was asked', () => {
    expect(reader.minutes('hour', true)).toBe(60);
    expect(reader.minutes('hour', false)).toBeUndefined();
    expect(reader.lengthChoice('the longer one please')).toBe('longest');
    expect(reader.lengthChoice('ok the short one')).toBe('shortest');
  });

  it('passes over a greeting, and a day the guest is bound by, for the day they want', () => {
    expect(reader.wantedTime('Good evening, I want to book Friday at 11', ref)?.text).toBe('Friday at 11');
    expect(reader.wantedTime("I'm here until Tuesday. Could I come Sunday afternoon?", ref)?.text).toBe('Sunday afternoon');
    expect(reader.wantedTime('I have a meeting at 11, can we make it 2pm instead?', ref)?.text).toBe('2pm');
  });
});
