// What staff type after a command ("/availability tomorrow 60", "/bookings next week", "/booking Anna"),
// read here so the channel and the staff desk act on what it means.
import type { BookingReader } from './booking/index.ts';
import { dayKey } from '../booking/calendar.ts';
import { findBookingRef } from '../booking/references.ts';
import { findEmail } from './contact.ts';
import { findDateTimes, type DateReference } from './dates/index.ts';

const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;
const DURATION = /^(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?)?$/i;

/**
 * Splits `/availability` text into the day or range and the session length: a trailing number is the
 * length in minutes ("tomorrow 60", "fri 1h"), unless it is a day of a month ("1 dec to dec 3"), or a
 * number from 1 to 31 that is no offered length ("sat 28", "28": the 28th).
 */
export function splitAvailabilityRequest(text: string, durations: readonly number[] = []): { when: string; minutes?: number } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  // "60 min" is two words; join a trailing unit to its number.
  if (words.length >= 2 && /^(m|min|mins|minutes?|h|hrs?|hours?)$/i.test(words.at(-1)!) && /^\d+$/.test(words.at(-2)!)) {
    words.splice(-2, 2, `${words.at(-2)}${words.at(-1)}`);
  }
  const last = words.at(-1);
  const match = last ? DURATION.exec(last) : null;
  const unit = match?.[2]?.toLowerCase();
  const dayOfMonth = !unit && words.length >= 2 && MONTH.test(words.at(-2)!);
  if (!match || dayOfMonth) return { when: words.join(' ') || 'today' };
  const n = Number(match[1]);
  if (!unit && durations.length > 0 && !durations.includes(n) && n >= 1 && n <= 31) {
    return { when: [...words.slice(0, -1), ordinal(n)].join(' ') };
  }
  const minutes = Number(match[1]) * (unit?.startsWith('h') ? 60 : 1);
  return { when: words.slice(0, -1).join(' ') || 'today', minutes };
}

/** 28 as "28th", 1 as "1st": how the date reader knows a number is a day of the month. */
function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** A week named by staff: "this week" and "next week" (Monday to Sunday), "the weekend", "next weekend". */
export type NamedWeek = 'this_week' | 'next_week' | 'weekend' | 'next_weekend';

/** The week a request names as the whole of it, if it names one. */
export function namedWeek(text: string): NamedWeek | undefined {
  const said = text.trim().toLowerCase();
  if (/^(?:this\s+)?week$/.test(said)) return 'this_week';
  if (/^next\s+week$/.test(said)) return 'next_week';
  if (/^(?:this\s+|the\s+)?weekend$/.test(said)) return 'weekend';
  if (/^next\s+weekend$/.test(said)) return 'next_weekend';
  return undefined;
}

// A reference typed its own way ("LS-7K3Q", "X1-ABC"): a letter, and a dash or a figure; a name has
// neither, a phone no letter.
const REF_LIKE = /^(?=.*[A-Z])(?=.*[-\d])[A-Z0-9][A-Z0-9-]{2,19}$/;

/** The booking reference `/booking` names, written as guests write it too ("ls 7k3q", "LS7K3Q", a long dash). */
export function readTypedReference(text: string): string | undefined {
  const word = text.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  return findBookingRef(text) ?? (REF_LIKE.test(word) ? word : undefined);
}

/** Who a staff member looks for with `/booking`: a guest's phone, email or name. */
export type GuestQuery = { kind: 'phone'; digits: string } | { kind: 'email'; email: string } | { kind: 'name'; words: string[] };

// Fewer digits than this are no phone to look for; a name word shorter than this finds too much.
const MIN_PHONE_DIGITS = 6;
const MIN_NAME_LETTERS = 2;

/** Lower case, without marks ("Nguyễn" is "nguyen", "Đức" is "duc"), as names are compared. */
const folded = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** Reads what follows `/booking` when it is no reference: a phone (its digits), an email, or a name. */
export function readGuestQuery(text: string): GuestQuery | undefined {
  const said = text.trim();
  const email = findEmail(said);
  if (email && email.length === said.length) return { kind: 'email', email: email.toLowerCase() };
  if (/^\+?[\d\s().-]+$/.test(said)) {
    const digits = said.replace(/\D/g, '');
    return digits.length >= MIN_PHONE_DIGITS ? { kind: 'phone', digits } : undefined;
  }
  const words = folded(said)
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((w) => w.length >= MIN_NAME_LETTERS);
  return words.length > 0 ? { kind: 'name', words } : undefined;
}

/**
 * Whether a guest is the one looked for: the same phone (a local number matches its international
 * form by its last digits), the same email, or every word typed starting a word of the name.
 */
export function guestMatches(query: GuestQuery, guest: { name: string; contact: string }): boolean {
  if (query.kind === 'email') return guest.contact.toLowerCase() === query.email;
  if (query.kind === 'phone') {
    const digits = guest.contact.replace(/\D/g, '');
    // "0905 123 456" is +84 905 123 456: the number without its leading 0 ends the international one.
    const local = query.digits.replace(/^0+/, '');
    return !guest.contact.includes('@') && digits.length > 0 && (digits === query.digits || digits.endsWith(local));
  }
  const nameWords = folded(guest.name).split(/[^\p{L}\p{N}'-]+/u);
  return query.words.every((word) => nameWords.some((n) => n.startsWith(word)));
}

/** A booking staff make in one line: what it says, and what it left out. */
export interface DeskBookingLine {
  day?: string;
  time?: string;
  minutes?: number;
  name?: string;
  contact?: string;
  /** A therapist's id, named as "with Mai"; anyone when absent. */
  therapist?: string;
}

/**
 * Reads `/book tomorrow 15:00 60 Anna Tran +84 905 123 456 with Mai` with the booking reader guests'
 * messages go through: the day and time, the length ("60", "1h", "an hour"), the phone or email, the
 * therapist after "with", and the guest's name in what is left.
 */
export function readDeskBooking(text: string, reader: BookingReader, ref: DateReference, durations: readonly number[]): DeskBookingLine {
  const line: DeskBookingLine = {};
  const contact = reader.contact(text);
  if (contact) line.contact = contact;
  let rest = reader.withoutContact(text);
  const when = reader.wantedTime(rest, ref);
  if (when?.date || when?.time) {
    // A time alone is on the day it comes next ("4pm": today, or tomorrow once it is past).
    line.day = dayKey(when.start, ref.timeZone);
    if (when.time) line.time = `${pad(when.time.hour)}:${pad(when.time.minute)}`;
    rest = rest.replace(when.text, ' ');
  }
  // A bare number is the length only when it is one the spa offers ("60"); "1h" and "an hour" always are.
  const minutes = reader.minutes(rest, false) ?? bareLength(rest, durations);
  if (minutes !== undefined) line.minutes = minutes;
  rest = reader.withoutLength(rest).replace(new RegExp(`(?<![\\d:])(?:${durations.join('|') || '(?!)'})(?![\\d:])`), ' ');
  const therapist = reader.therapist(text, false);
  if (therapist) {
    line.therapist = therapist;
    rest = rest.replace(WITH_SOMEONE, ' ');
  }
  const name = rest
    .replace(/[^\p{L}\p{M}'\s.-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (name) line.name = name;
  return line;
}

// "with Mai", "w/ An": the therapist, said at the end or anywhere.
const WITH_SOMEONE = /\b(?:with|w\/)\s+\p{L}+/iu;

const pad = (n: number) => String(n).padStart(2, '0');

/** The one offered length said as a bare number in the text, if any. */
function bareLength(text: string, durations: readonly number[]): number | undefined {
  const numbers = (text.match(/(?<![\d:.])\d{2,3}(?![\d:.])/g) ?? []).map(Number).filter((n) => durations.includes(n));
  return numbers.length === 1 ? numbers[0] : undefined;
}

/** What follows `/timeoff`: list it, take some back, or set a therapist's time off for a day or hours of it. */
export type TimeOffLine =
  | { kind: 'list' }
  | { kind: 'remove'; id: string }
  | { kind: 'remove'; therapist: string; day: string }
  | { kind: 'add'; therapist: string; day: string; from?: string; to?: string }
  | { kind: 'unclear'; missing: 'therapist' | 'day' };

// The words that take time off back, and the shape of its id ("T-4K2M").
const REMOVE_WORDS = /^(?:remove|delete|cancel|clear|undo|back)\b/i;
const TIME_OFF_ID = /\bT-[A-Z0-9]{4,8}\b/i;

/**
 * Reads `/timeoff Mai tomorrow`, `/timeoff An 2026-12-24 14:00-18:00`, `/timeoff list` and `/timeoff
 * remove T-4K2M` (or `remove Mai tomorrow`). The therapist is named by a word of their name, their
 * id or an alias; a day alone is the whole of it, a range of hours that part; a time alone, from then on.
 */
export function readTimeOffLine(text: string, therapists: ReadonlyArray<{ id: string; name: string; aliases?: readonly string[] }>, ref: DateReference): TimeOffLine {
  const said = text.trim();
  if (said === '' || /^(?:list|show|all)$/i.test(said)) return { kind: 'list' };
  const removing = REMOVE_WORDS.test(said);
  const rest = removing ? said.replace(REMOVE_WORDS, ' ') : said;
  const id = TIME_OFF_ID.exec(rest)?.[0];
  if (removing && id) return { kind: 'remove', id: id.toUpperCase() };
  const words = new Set(folded(rest).split(/[^\p{L}\p{N}'-]+/u).filter(Boolean));
  const namesOf = (t: { id: string; name: string; aliases?: readonly string[] }) =>
    [t.id, ...folded(t.name).split(/[^\p{L}\p{N}'-]+/u).filter((w) => w.length >= MIN_NAME_LETTERS && w !== 'sample'), ...(t.aliases ?? []).map(folded)];
  const therapist = therapists.find((t) => namesOf(t).some((name) => words.has(name)));
  if (!therapist) return { kind: 'unclear', missing: 'therapist' };
  const when = findDateTimes(rest, ref)[0];
  const day = when?.date ? dayKey(when.start, ref.timeZone) : when?.time ? dayKey(when.start, ref.timeZone) : undefined;
  if (!day) return { kind: 'unclear', missing: 'day' };
  if (removing) return { kind: 'remove', therapist: therapist.id, day };
  const clock = (t: { hour: number; minute: number }) => `${pad(t.hour)}:${pad(t.minute)}`;
  return {
    kind: 'add',
    therapist: therapist.id,
    day,
    ...(when?.time ? { from: clock(when.time) } : {}),
    ...(when?.end?.time ? { to: clock(when.end.time) } : {}),
  };
}
