import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { dayKey, dayKeyOf, zonedInstant } from '../../booking/index.ts';
import { fillTemplate } from '../../content/index.ts';
import type { BookingContext } from './booking-context.ts';
import type { BookingDraft } from './booking-state.ts';

// What a guest's typed message changes in a booking being put together. The reader (src/nlu) says
// what the message holds; this decides which of it is an answer, at which step.

/** The step the booking is at, or `any` for a message that starts or restarts it. */
export type Awaiting = NonNullable<BookingDraft['awaiting']> | 'any';

/** What a guest's message did to the draft. */
export interface Applied {
  draft: BookingDraft;
  changed: boolean;
  notes: string[];
  stop?: boolean;
  confirm?: boolean;
}

/** What the concierge read in the whole message before the booking looked at it. */
export interface MessageSense {
  /** The guest calls it off ("never mind, I'll think about it"), as the classifier reads it. */
  stops?: boolean;
  /** A question of the guest's own about something else ("does it hurt?"): answered, then the step is asked again. */
  asksAside?: boolean;
  /** The classifier is sure of that question: it goes first even where the message also holds an answer. */
  asideIsClear?: boolean;
  /** The guest asks whether it is safe with a health matter ("I have high blood pressure, is that ok?"). */
  asksIfSafe?: boolean;
  /** The classifier reads the whole as politeness (thanks, a greeting, a goodbye): "yes dear, all correct, thank you". */
  polite?: boolean;
}

// Fewer minutes than this are not read as a session length.
const SHORTEST_LENGTH_READ = 10;

// Only the start is read for booking details: a long message full of dates would cost every guest time.
const READ_MAX = 300;
// The parts of the day past noon, in which an hour said alone ("8") is an afternoon or evening one.
const LATER_PERIODS: ReadonlySet<string> = new Set(['afternoon', 'evening', 'night']);
const NOON = '12:00';
const HALF_A_DAY_MS = 12 * 3600_000;

/** Reads a typed message for every answer it holds; corrections ("make it 30 minutes", "actually Saturday") apply at any step. */
export function applyText(ctx: BookingContext, draft: BookingDraft, text: string, awaiting: Awaiting, sense: MessageSense = {}): Applied {
  const { reader, calendar } = ctx;
  const texts = ctx.content.booking;
  const unchanged: Applied = { draft, changed: false, notes: [] };
  // A stop is said in so many words; or in the last words of a message that asks nothing ("... 다시 올게요
  // 오늘은 안할게요", I'll come back, not today; not "what is the rule if i need to cancel later"); or in a
  // clause the classifier reads as a stop too ("actually forget it, my flight got moved to tomorrow
  // afternoon"). Those two not beside a contact ("стоп, почта с опечаткой: a@b.ru" corrects the email);
  // none in a name: "Phạm Quang Huy" holds "huy" (hủy, cancel, without its marks).
  const noContact = reader.contact(text) === undefined;
  const endsStopping = noContact && reader.stopsAtTheEnd(text) && !reader.isQuestion(text) && !reader.asksInASentence(text);
  const stops = reader.isStop(text) || endsStopping || (sense.stops === true && reader.stopsInAClause(text) && noContact);
  if (stops && !reader.isWrittenAsAName(text) && !givesLengthOrTime(ctx, draft, text, awaiting)) return { ...unchanged, stop: true };
  // A question of the guest's own is answered first, unless it holds the answer ("how about 11?"); a
  // health matter at the health question is the answer (unless the guest asks whether it is safe,
  // which is answered first), and so is a phone or email at the contact question, however it is put
  // ("email ok? a@b.fr").
  // A clear question about something else ("do you use oil? I'm allergic to coconut") is answered first too.
  const asksElse = sense.asksAside === true && sense.asideIsClear === true && reader.asksInASentence(text);
  const tellsHealth = awaiting === 'health' && ctx.mentionsHealth(text) && sense.asksIfSafe !== true && !asksElse;
  const holdsTheAnswer = tellsHealth || (awaiting === 'contact' && reader.contactAnswer(text) !== undefined);
  // "Is 30 enough? nah let's do an hour": a question the guest answers themselves is no question.
  const settled = reader.afterOwnQuestion(text);
  const answer = settled === undefined ? undefined : applyText(ctx, draft, settled, awaiting);
  if (answer?.changed && !answer.stop) return answer;
  const aside = sense.asksAside === true && awaiting !== 'any' && !holdsTheAnswer;
  if (aside && sense.asideIsClear) return unchanged;
  if (aside && (awaiting === 'name' || awaiting === 'contact')) return unchanged;
  const whole = readWholeAnswer(ctx, draft, text, awaiting);
  // No name reads "forget it, too complicated, I'll walk in": at the name question the classifier's stop
  // wins over a message longer than a name ("Tran Minh Anh" is a name, whatever the classifier thinks).
  if (whole && sense.stops && (!whole.changed || (awaiting === 'name' && !reader.couldBeAName(text)))) return { ...unchanged, stop: true };
  if (whole) return whole;

  const typed = text.slice(0, READ_MAX);
  // A phone number's digits are no day, time or length ("+86 139 1234 5678").
  text = reader.withoutContact(typed);
  const notes: string[] = [];
  // "Can two of us come together?" is a question for the classifier to answer; said, it gets the rule.
  if (reader.mentionsGroup(text) && !(aside && reader.isQuestion(text))) notes.push(texts.one_guest_per_booking);
  const next: BookingDraft = { ...draft };
  let changed = false;
  // A length named goes before "the longer one" said around it ("на полчаса, дольше ей тяжело лежать").
  const choice = awaiting === 'duration' ? reader.lengthChoice(text) : undefined;
  const chosen = choice === undefined ? undefined : choice === 'longest' ? Math.max(...calendar.durations) : Math.min(...calendar.durations);
  const minutes = reader.minutes(text, awaiting === 'duration') ?? chosen;
  // Outside the length question, a length the spa does not offer was most likely something else: "3h" is three o'clock.
  // A few minutes is no session length either: "두 분" is two people, "2 phút" a wait.
  const notALength = minutes !== undefined && minutes >= SHORTEST_LENGTH_READ && awaiting !== 'duration' && !calendar.durations.includes(minutes);
  if (minutes !== undefined && minutes >= SHORTEST_LENGTH_READ && !notALength) {
    if (calendar.durations.includes(minutes)) {
      // The length already chosen, named again ("근데 60분은 얼마예요?", how much is the 60?), changes nothing.
      if (minutes !== draft.durationMinutes) changed = true;
      next.durationMinutes = minutes;
    } else {
      notes.push(fillTemplate(texts.reasons.bad_duration, { durations: calendar.durations.join(` ${ctx.content.messages.spa_facts.or} `) }));
    }
  }
  const when = readWhen(ctx, draft, reader.withoutTherapistNamed(notALength ? text : reader.withoutLength(text)), awaiting);
  if (when) {
    // A new day or time: the alternatives offered around an earlier one no longer apply.
    Object.assign(next, when, { near: undefined, offered: undefined });
    changed = true;
  }
  // "Whenever", "no idea", "up to you" where the length, day or time was asked: the guest leaves it to the spa.
  // Not "не знаю пока, мужа спрошу" (not yet: I'll ask my husband), which puts it off; nor a question of
  // which length to choose, which is answered as one.
  const leaves = !sense.stops && !(awaiting === 'duration' && reader.isQuestion(text)) && reader.leavesItToUs(text);
  if (!changed && (awaiting === 'duration' || awaiting === 'day' || awaiting === 'time') && leaves) {
    const left = leftToTheSpa(ctx, draft, awaiting);
    if (left.note) notes.push(left.note);
    if (left.when) {
      Object.assign(next, left.when);
      changed = true;
    }
  }
  const therapist = reader.therapist(text, awaiting === 'therapist') ?? reader.therapistByGender(text, awaiting === 'therapist', draft.hold?.therapistId);
  if (therapist) {
    next.therapist = therapist;
    changed = true;
  } else if (awaiting === 'therapist' && (reader.isNone(text) || reader.leavesItToUs(text))) {
    next.therapist = 'any';
    changed = true;
  } else if (awaiting === 'therapist' && !changed && reader.isYes(text) && !reader.asksInASentence(text)) {
    notes.push(texts.which_therapist);
  }
  // "Up to you" at the pressure question: the middle one, which the therapist checks anyway.
  const pressure = reader.pressure(text) ?? (awaiting === 'pressure' && reader.leavesItToUs(text) ? 'medium' : undefined);
  // At the summary, which shows the pressure, "make it medium not light" changes it without saying "pressure".
  const aboutPressure = awaiting === 'pressure' || reader.mentionsPressure(text) || (awaiting === 'confirm' && draft.pressure !== undefined);
  if (pressure && aboutPressure) {
    next.pressure = pressure;
    changed = true;
  }
  // Said up front, at the summary or beside another answer ("An please, medium. name Han Sangmin,
  // sangmin@example.com", "... no health issues"): not asked again.
  if (takeDetails(ctx, draft, next, text, typed)) changed = true;
  // At the summary, a yes that changes nothing is a yes ("ok", "đặt giúp bác", "Yes, that is correct. Thank you
  // kindly."); "yes, but make it 4pm" changes the time first.
  const agrees = reader.isYes(text) || reader.confirmsBooking(text) || reader.startsWithYes(text) || (sense.polite === true && reader.opensWithYes(text));
  if (awaiting === 'confirm' && agrees && notes.length === 0 && !differs(draft, next)) return { ...unchanged, confirm: true };
  // The classifier's reading of a stop ("nah, I'll think about it") counts only when the message answers nothing.
  if (!changed && sense.stops) return { ...unchanged, stop: true };
  if (!changed && aside) return unchanged;
  return { draft: next, changed, notes };
}

/**
 * What leaving the choice to the spa gives at the length, day or time question: how to choose a length
 * (it is the guest's to choose: prices differ), the soonest day with a free time, the first free time shown.
 */
function leftToTheSpa(ctx: BookingContext, draft: BookingDraft, awaiting: 'duration' | 'day' | 'time'): { note?: string; when?: Partial<When> } {
  if (awaiting === 'duration') {
    const howToChoose = ctx.content.questions['q.choose_length']?.text;
    const durations = ctx.calendar.durations.join(` ${ctx.content.messages.spa_facts.or} `);
    return howToChoose ? { note: ctx.text.say(howToChoose, { durations }) } : {};
  }
  if (awaiting === 'day') return { when: { window: { from: '00:00', to: '23:59', soonest: true } } };
  const first = draft.offered?.[0];
  // No times shown yet: the first free one of the day, once they are found.
  if (!first) return { when: { window: { from: '00:00', to: '23:59', soonest: true, pickFirst: true } } };
  const at = new Date(first);
  return { when: { day: dayKey(at, ctx.calendar.timeZone), time: clockOf(at, ctx.calendar.timeZone), period: undefined, window: undefined } };
}

/**
 * The answers that are the whole message: the name, the contact, the note for the therapist. Its dates
 * or numbers are not booking details, unless it is a question of its own ("sorry, where are you?"):
 * that is left for the concierge to answer, then the step is asked again. Undefined at other steps.
 */
function readWholeAnswer(ctx: BookingContext, draft: BookingDraft, text: string, awaiting: Awaiting): Applied | undefined {
  const { reader } = ctx;
  const texts = ctx.content.booking;
  const unanswered: Applied = { draft, changed: false, notes: [] };
  if (awaiting === 'name') {
    if (reader.isQuestion(text)) return unanswered;
    const answer = reader.name(text, texts.labels.use_name);
    if (!answer) return { ...unanswered, notes: [texts.name_invalid] };
    return { draft: { ...draft, name: answer.name, ...(answer.contact ? { contact: answer.contact } : {}) }, changed: true, notes: [] };
  }
  if (awaiting === 'contact') {
    const contact = reader.contactAnswer(text);
    if (contact) return { draft: withDetailsBeside(ctx, { ...draft, contact }, text), changed: true, notes: [] };
    if (reader.isQuestion(text)) return unanswered;
    return { ...unanswered, notes: [texts.contact_invalid] };
  }
  if (awaiting === 'health') {
    // "a mà có phải cởi áo ko shop?" holds a "no" ("ko") but asks something else; "dạ k ạ" is a no.
    const asks = reader.isQuestion(text) && !reader.isShort(text);
    // "No health problem. Name Jun dela Cruz, whatsapp +63 917 845 2210": the name and contact beside it are kept too.
    // "No, just a stiff neck": the exception is the note, kept as said.
    if (!asks && !reader.notesAnException(text) && (reader.isNone(text) || reader.saysHealthy(text))) return { draft: withDetailsBeside(ctx, { ...draft, health: '' }, text), changed: true, notes: [] };
    const health = ctx.mentionsHealth(text);
    // "how much does it cost?" is a question to answer, not a note for the therapist, wherever it stands;
    // "my lower back is bad, that's fine isn't it? nothing besides that" is a note.
    if (!health && reader.asksInASentence(text) && !reader.notesOnlyThat(text)) return unanswered;
    return { draft: { ...draft, health: text.slice(0, 500) }, changed: true, notes: health ? [ctx.content.health.advice] : [] };
  }
  return undefined;
}

type When = Pick<BookingDraft, 'day' | 'time' | 'period' | 'window' | 'span'>;

/**
 * The message gives the length, day or time asked for in figures, dates or a part of the day: a word of
 * stopping beside it means something else ("30 мин хватит", thirty minutes will do; "để sau bữa trưa",
 * make it after lunch). The day already chosen, named again, is no answer: "mai e kẹt họp rồi, thôi để
 * hôm khác" (tomorrow I have a meeting after all, another day then) stops.
 */
function givesLengthOrTime(ctx: BookingContext, draft: BookingDraft, text: string, awaiting: Awaiting): boolean {
  const { reader } = ctx;
  if (awaiting === 'duration') return reader.minutes(text, true) !== undefined || reader.lengthChoice(text) !== undefined;
  if (awaiting !== 'day' && awaiting !== 'time') return false;
  // "not now, gotta run" names no time: "now" is no answer to when.
  const said = reader.wantedTime(text, { now: ctx.now(), timeZone: ctx.calendar.timeZone });
  const mention = said && reader.isNow(said) ? undefined : said;
  const newDay = mention?.date !== undefined && dayKey(mention.start, ctx.calendar.timeZone) !== draft.day;
  return newDay || mention?.time !== undefined || mention?.period !== undefined || reader.looseTime(text)?.kind === 'window';
}

/**
 * The day, time and part of the day a message asks for, if any: a date or time, an hour alone once the
 * day is known, a shift, a loose time, or a stretch of days ("the weekend") to choose the day in.
 */
function readWhen(ctx: BookingContext, draft: BookingDraft, text: string, awaiting: Awaiting): When | undefined {
  const { reader } = ctx;
  const zone = ctx.calendar.timeZone;
  const ref = { now: ctx.now(), timeZone: zone };
  // "Half an hour later": from the time already chosen.
  const shift = draft.day && draft.time ? reader.wantedShift(text) : undefined;
  if (shift !== undefined && draft.day && draft.time) {
    const moved = new Date(zonedInstant(draft.day, draft.time, zone).getTime() + shift * 60_000);
    return { day: dayKey(moved, zone), time: clockOf(moved, zone), period: undefined, window: undefined };
  }
  // "The first one", "the earliest": one of the times just offered; not in a time ("в пол третьего" is half past two, not the third).
  // "마지막 타임이 몇시에요?" (what time is the last one?) asks about one, and picks none.
  const asksWhich = reader.asksInWords(text);
  const ordinal = awaiting === 'time' && draft.offered && !asksWhich ? reader.ordinal(text, false) : undefined;
  const picked = ordinal !== undefined && draft.offered && !reader.namesClockTime(text) ? pickOffered(draft.offered, ordinal) : undefined;
  if (picked) return { day: dayKey(picked, zone), time: clockOf(picked, zone), period: undefined, window: undefined };
  // A loose time ("after lunch", "4ish", "asap") is a window to offer free times in, not a time.
  const read = reader.looseTime(text);
  const loose = read?.kind === 'latest' && awaiting === 'time' && asksWhich ? undefined : read;
  const mention = reader.wantedTime(text, ref);
  // At the therapist question, "Mai" is the therapist, not "mai" (tomorrow in Vietnamese); at the summary,
  // "yes, correct now" asks for no new time.
  const notATime = mention && ((awaiting === 'therapist' && reader.therapist(mention.text, true) !== undefined) || (awaiting === 'confirm' && reader.isNow(mention)));
  const dated = notATime ? undefined : mention;
  // "The weekend", "next week": no day yet, but the days the day question offers.
  const span = dated?.date && dated.through ? { from: dayKey(dated.start, zone), to: dayKeyOf(dated.through) } : undefined;
  const day = span ? undefined : dated?.date ? dayKey(dated.start, zone) : draft.day;
  // An exact time beside a loose one ("lunch time, 12h") is the time.
  if (loose && !dated?.time) {
    const window =
      loose.kind === 'window'
        ? { from: loose.from, to: loose.to }
        : loose.kind === 'around'
          ? { from: loose.at, to: loose.at, around: true }
          : { from: '00:00', to: '23:59', ...(loose.kind === 'latest' ? { latest: true } : { soonest: true }) };
    // "asap" with no day is today (the earliest free times from now on are offered).
    const soonDay = loose.kind === 'soonest' && !day ? dayKey(ctx.now(), zone) : day;
    // The same loose time again while its free times are on show ("after lunch, whatever suits you"):
    // the guest leaves the pick to the spa, so the first of them (the summary shows it, and it can change).
    // "As late as possible" while a day's free times are on show: the last of them.
    const first = loose.kind === 'latest' ? draft.offered?.at(-1) : draft.offered?.[0];
    const again = window.from === draft.window?.from && window.to === draft.window?.to;
    if (awaiting === 'time' && first && soonDay === draft.day && (again || loose.kind === 'latest')) {
      const at = new Date(first);
      return { day: dayKey(at, zone), time: clockOf(at, zone), period: undefined, window: undefined };
    }
    return { day: soonDay, time: undefined, period: undefined, window, ...(span ? { span } : {}) };
  }
  if (span) return { day: undefined, span, time: dated?.time ? clockOf(dated.start, zone) : draft.time, period: dated?.time ? undefined : dated?.period, window: undefined };
  // Once the day is known, an hour on its own is a time for it: "4", "is 4 ok?", "3.30", "how about 5".
  const bare = draft.day && awaiting !== 'duration' ? reader.bareHour(text) : undefined;
  const when = dated ?? (bare ? reader.wantedTime(`at ${bare.hour}:${String(bare.minute).padStart(2, '0')}`, ref) : undefined);
  if (!when) return undefined;
  // "8点" once the evening was asked for: an hour that may be either half of the day is in the later half
  // when the part of the day already chosen is; "改成八点吧" (make it eight) for a time of 19:30, in the
  // half nearer the time chosen ("how about 11?" for 15:00 is 11:00).
  // With no time chosen, the same for the free times on show ("ok 8 then" under 19:00, 19:30, 20:00); and
  // an hour whose morning has passed today is in its evening.
  const later = new Date(when.start.getTime() + HALF_A_DAY_MS);
  const nearer = (clocks: string[]) => clocks.length > 0 && Math.min(...clocks.map((c) => minutesApart(clockOf(later, zone), c))) < Math.min(...clocks.map((c) => minutesApart(clockOf(when.start, zone), c)));
  const shown = draft.time !== undefined ? [draft.time] : (draft.offered ?? []).filter((iso) => dayKey(new Date(iso), zone) === draft.day).map((iso) => clockOf(new Date(iso), zone));
  const today = draft.day === undefined || draft.day === dayKey(ctx.now(), zone);
  const morningPassed = today && when.start.getTime() < ctx.now().getTime() && later.getTime() > ctx.now().getTime();
  const laterHalf = !when.date && when.eitherHalf === true && (LATER_PERIODS.has(draft.period ?? '') || (draft.window !== undefined && draft.window.from >= NOON) || nearer(shown) || morningPassed);
  const start = laterHalf ? later : when.start;
  const newDay = when.date || (when.time && !draft.day) ? dayKey(start, zone) : draft.day;
  // A part of the day with a new date ("Saturday afternoon") drops the time chosen before.
  const time = when.time ? clockOf(start, zone) : when.period && when.date ? undefined : draft.time;
  return { day: newDay, time, period: when.time ? undefined : when.period, window: when.time || when.period ? undefined : draft.window };
}

/** The draft with the contact and the introduced name a message holds beside the answer it gives, where the draft has none yet. */
function withDetailsBeside(ctx: BookingContext, draft: BookingDraft, text: string): BookingDraft {
  const contact = draft.contact === undefined ? ctx.reader.contact(text) : undefined;
  const name = draft.name === undefined ? ctx.reader.introducedName(text) : undefined;
  return { ...draft, ...(contact ? { contact } : {}), ...(name ? { name } : {}) };
}

/** The contact, the name and what the guest says of their health, wherever in a message they are said; true when any is new. */
function takeDetails(ctx: BookingContext, draft: BookingDraft, next: BookingDraft, text: string, typed: string): boolean {
  const { reader } = ctx;
  let changed = false;
  const contact = reader.contact(typed);
  if (contact && contact !== draft.contact) {
    next.contact = contact;
    changed = true;
  }
  const name = reader.introducedName(typed);
  if (name && name !== draft.name) {
    next.name = name;
    changed = true;
  }
  if (draft.health === undefined && reader.saysHealthy(text)) {
    next.health = '';
    changed = true;
  } else if (draft.health === undefined && !reader.asksInASentence(text)) {
    // "по здоровью: 2 года назад была грыжа, сейчас всё ок": the sentences about it, for the therapist.
    const told = reader.sentences(typed).filter((sentence) => ctx.mentionsHealth(sentence));
    if (told.length > 0) {
      next.health = told.join(' ').slice(0, 500);
      changed = true;
    }
  }
  return changed;
}

// What a guest's answers set in a draft.
const ANSWERED = ['durationMinutes', 'day', 'time', 'period', 'window', 'therapist', 'pressure', 'health', 'name', 'contact'] as const;

/** Whether a message set any answer to something other than what the draft had. */
function differs(draft: BookingDraft, next: BookingDraft): boolean {
  return ANSWERED.some((key) => JSON.stringify(next[key]) !== JSON.stringify(draft[key]));
}

/** The offered time at a place in the list (-1 the last), if there is one. */
function pickOffered(offered: string[], place: number | undefined): Date | undefined {
  const iso = place === undefined ? undefined : offered.at(place);
  return iso ? new Date(iso) : undefined;
}

/** Minutes between two clock times of a day ("08:00" and "19:30": 690). */
function minutesApart(a: string, b: string): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return Math.abs(minutes(a) - minutes(b));
}

function clockOf(instant: Date, zone: string): string {
  return format(new TZDate(instant, zone), 'HH:mm');
}
