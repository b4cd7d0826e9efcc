import { LANGUAGES, type Language } from '../languages.ts';
import { isPossiblePhoneNumber, isValidPhoneNumber } from 'libphonenumber-js/max';
import { z } from 'zod';

// The shapes of the files in content/. Every sentence the bot says is data described here.

/** An intent or topic id such as `faq.duration` or `benefit.sleep`. */
export const idSchema = z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)?$/, 'must look like "faq.duration"');

const text = z.string().trim().min(1, 'must not be empty');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like "09:00"');

// A close at or before the open is on the next day: a spa (or a shift) open past midnight, "18:00" to "02:00".
const dayHours = z.union([
  z.literal('closed'),
  z.object({ open: clock, close: clock }).refine((h) => h.open !== h.close, 'open and close must differ (a close before the open is the next day)'),
]);
/** Hours for each day of the week. */
const weekHours = z.object({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours });

/** content/spa.yaml: the spa itself. Fields the article does not state are marked `sample: true`. */
export const spaSchema = z.object({
  name: text,
  city: text,
  /** The city as guests read it in the other languages ("Đà Nẵng", "다낭"); `city` where one is not given. */
  city_names: z.partialRecord(z.enum(LANGUAGES), text).default({}),
  country: text,
  time_zone: text.refine(isTimeZone, 'must be an IANA time zone such as "Asia/Ho_Chi_Minh"'),
  address: z.object({ sample: z.boolean(), value: text }),
  /** How guests can pay (cash, cards...). */
  payment: z.object({ sample: z.boolean(), value: text }),
  contact: z
    .object({
      sample: z.boolean(),
      phone: text,
      email: z.email(),
      website: z.url(),
    })
    // Guests call it: a real one must be a number in use; a sample needs only the shape of one.
    .refine((c) => (c.sample ? isPossiblePhoneNumber(c.phone) : isValidPhoneNumber(c.phone)), {
      path: ['phone'],
      message: 'must be a phone number guests can call, written with its country code, e.g. "+84 236 123 4567"',
    }),
  opening_hours: z.object({
    sample: z.boolean(),
    days: weekHours,
  }),
  services: z
    .array(
      z.object({
        id: idSchema.or(z.string().regex(/^[a-z][a-z-]*$/)),
        name: text,
        durations_minutes: z.array(z.number().int().positive()).min(1),
        prices: z.object({
          sample: z.boolean(),
          currency: z.string().regex(/^[A-Z]{3}$/, 'must be a currency code like "VND"'),
          by_duration: z.record(z.string().regex(/^\d+$/), z.number().nonnegative()),
        }),
      })
      // A price for a length not offered would never be shown: the length or the price is a typo.
      .superRefine((service, ctx) => {
        for (const minutes of Object.keys(service.prices.by_duration)) {
          if (service.durations_minutes.includes(Number(minutes))) continue;
          ctx.addIssue({ code: 'custom', path: ['prices', 'by_duration', minutes], message: `is a price for ${minutes} minutes, which durations_minutes does not offer (${service.durations_minutes.join(', ')}): add the length there or remove the price` });
        }
      }),
    )
    .min(1),
  booking: z.object({
    sample: z.boolean(),
    rooms: z.number().int().min(1).max(100),
    slot_step_minutes: z.number().int().min(5).max(240),
    buffer_minutes: z.number().int().min(0).max(240),
    min_notice_minutes: z.number().int().min(0),
    horizon_days: z.number().int().min(1).max(366),
    hold_minutes: z.number().int().min(1).max(60),
    free_cancellation_hours: z.number().min(0),
    /** Upcoming sessions one guest (one chat) may have booked at once: flood protection. */
    max_upcoming_per_guest: z.number().int().min(1).max(50),
    closed_dates: z.array(z.iso.date()),
  }),
  therapists: z.object({
    sample: z.boolean(),
    list: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z][a-z0-9-]{0,20}$/, 'must be a short lowercase id like "mai"'),
          name: text.max(40),
          gender: z.enum(['female', 'male']).optional(),
          /** How guests writing other scripts spell the name ("마이", "Май", "麦"), read beside a title ("마이 선생님", "к Май"). */
          aliases: z.array(text.max(40)).max(10).default([]),
          /** The hours they work each week (every day named, "closed" for a day off); absent, whenever the spa is open. */
          hours: weekHours.optional(),
        }),
      )
      .min(1)
      // Two with one id would be one in the buttons and the bookings: the second would disappear.
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        for (const [i, t] of list.entries()) {
          if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${t.id}" is the id of another therapist too: give each one an id of their own` });
          seen.add(t.id);
        }
      }),
  }),
  reminders: z.object({
    sample: z.boolean(),
    /** Each reminder's lead time; at most a month ahead, as bookings are taken up to 60 days ahead. */
    before_minutes: z
      .array(z.number().int().min(1).max(30 * 24 * 60))
      .max(5)
      .refine((list) => new Set(list).size === list.length, 'must not list the same time twice'),
    follow_up_after_minutes: z.number().int().min(0).max(7 * 24 * 60),
    /** Nothing is sent from `start` to `end` (spa time); `end` before `start` spans midnight; equal means none. */
    quiet_hours: z.object({ start: clock, end: clock }),
  }),
  /** Written after each value guests read while its part is `sample: true`: the values themselves stay as the spa will have them. */
  sample_marker: text.max(30).default('(sample)'),
})
  // The values guests read carry the marker while they are samples, and lose it with `sample: false`.
  .transform((spa) => {
    const marked = (value: string, sample: boolean) => (sample ? `${value} ${spa.sample_marker}` : value);
    return {
      ...spa,
      address: { ...spa.address, value: marked(spa.address.value, spa.address.sample) },
      payment: { ...spa.payment, value: marked(spa.payment.value, spa.payment.sample) },
      therapists: { ...spa.therapists, list: spa.therapists.list.map((t) => ({ ...t, name: marked(t.name, spa.therapists.sample) })) },
    };
  });

/** A button offered after a reply: the id of an intent the guest can pick. */
const followUps = z.array(idSchema).max(4);

/** content/knowledge.yaml: answers keyed by intent, each with a button label and follow-up choices. */
export const knowledgeSchema = z.object({
  // Nine at most: the eight answers guests look for first and the language button fit a phone screen.
  menu: z.array(idSchema).min(2).max(9),
  topics: z.record(
    idSchema,
    z.object({
      label: text.max(40, 'labels are button text: 40 characters at most'),
      text,
      follow_ups: followUps,
    }),
  ),
});

/**
 * content/questions.yaml: precise answers, one specific question each, with the broader topic offered
 * after it; `from` says where its facts come from (the article, spa.yaml, or nowhere: the article is
 * silent, and the answer says so and offers a person).
 */
export const questionsSchema = z.record(
  idSchema,
  z.object({
    topic: idSchema,
    from: z.enum(['article', 'spa', 'none']),
    text,
    /**
     * Asked with a day, a time, a length or in the words of a request ("a female therapist tomorrow at
     * 4pm", "I'd like to arrange 30 minutes with a female therapist"), the question is a request to
     * book: the booking starts, with what the message said, instead of this answer.
     */
    with_a_time: z.literal('booking.start').optional(),
  }),
);

/** content/walkthroughs.yaml: step-by-step guides, one step per message with "Next". */
export const walkthroughsSchema = z.record(
  idSchema,
  z.object({
    label: text.max(40),
    intro: text,
    steps: z.array(z.object({ title: text, text })).min(2),
    outro: text,
    follow_ups: followUps,
  }),
);

/** content/health.yaml: what flags a health mention, and the advice the bot adds. */
export const healthSchema = z.object({
  terms: z.record(z.string(), z.array(text).min(1)),
  advice: text,
  /** Topics that always carry the advice, however the guest reached them (typed or a button). */
  always_advise: z.array(idSchema),
});

/** content/messages.yaml: the bot's own sentences, by key. */
export const messagesSchema = z.object({
  greeting: text,
  menu_prompt: text,
  help: text,
  thanks: text,
  goodbye: text,
  fallback: text,
  fallback_suggest: text,
  fallback_again: text,
  out_of_scope: text,
  stop: text,
  other_language: text,
  language_switched: text,
  choose_language: text,
  empty_input: text,
  too_long: text,
  emoji_only: text,
  unknown_choice: text,
  state_reset: text,
  internal_error: text,
  store_unavailable: text,
  slow_down: text,
  walkthrough_next: text.max(40),
  walkthrough_resume: text.max(40),
  walkthrough_step: text,
  booking_unavailable: text,
  person: text,
  sample_notice: text,
  spa_facts: z.object({
    days: z.object({ mon: text, tue: text, wed: text, thu: text, fri: text, sat: text, sun: text }),
    closed: text,
    minutes: text,
    genders: z.object({ female: text, male: text }),
    or: text,
    /** After the weekly hours: whose clock they are on ({city}, the spa's). */
    hours_clock: text,
    /** The days the spa is closed (`closed_dates` in spa.yaml), after the weekly hours: "Closed on: {dates}". */
    closed_on: text,
    /** How each of those days is written (date-fns format). */
    closed_date: text,
  }),
  terminal_banner: text,
  labels: z.object({
    help: text.max(40),
    person: text.max(40),
    'booking.start': text.max(40),
    /** The menu's button for choosing another language. */
    language: text.max(40),
  }),
  // The web chat page and its corner bubble.
  web_tagline: text.max(80),
  web_log_label: text.max(40),
  web_you: text.max(20),
  web_input_label: text.max(40),
  web_input_placeholder: text.max(60),
  web_send: text.max(20),
  web_typing: text.max(40),
  web_rate_limited: text,
  web_failed: text,
  web_open_chat: text.max(40),
  web_close_chat: text.max(40),
  /** The page's status line while its live connection is lost, and once it is back. */
  web_reconnecting: text.max(80),
  web_reconnected: text.max(60),
});

/** content/booking.yaml: what the bot says while booking, moving and cancelling (the words it listens for are in intents/vocabulary). */
export const bookingTextsSchema = z.object({
  ask_duration: text,
  ask_duration_again: text,
  ask_day: text,
  /** A day's free times, grouped by part of the day; {day} and {city}. */
  ask_time: text,
  /** The group headings of a day's free times, and of the next days offered beside them. */
  periods: z.object({ morning: text.max(30), afternoon: text.max(30), evening: text.max(30) }),
  other_days: text.max(30),
  /**
   * The parts of the day named in one line with their first and last free time, where buttons have no
   * headings (Telegram): `span` ({period}, {from}, {to}), `one` for a single time ({period}, {time}),
   * and `between` them, not trimmed (its spaces are part of it).
   */
  period_spans: z.object({ span: text, one: text, between: z.string().min(1, 'must not be empty') }),
  /** Every time a guest reads names the spa's clock ({when}, {city}); `both` adds the guest's own ({guest}) where it differs. */
  clocks: z.object({ spa: text, both: text }),
  day_full: text,
  today_over: text,
  ask_therapist: text,
  /** A "yes" to ask_therapist without a name. */
  which_therapist: text,
  ask_pressure: text,
  ask_health: text,
  ask_name: text,
  ask_contact: text,
  contact_invalid: text,
  name_invalid: text,
  not_understood: text,
  /** "I'd like to book" again while a booking is under way: it carries on rather than starting over. */
  already_booking: text,
  booking_expired: text,
  clock_question: text,
  clock_set: text,
  /** A request for more than one guest (understand.group): each booking holds one place. */
  one_guest_per_booking: text,
  summary: text,
  summary_lines: z.object({
    when: text,
    duration: text,
    therapist: text,
    /** "No preference": the therapist free at that time, named so the guest knows who they get. */
    therapist_assigned: text,
    /** The price of the length booked, from spa.yaml ({price}). */
    price: text,
    pressure: text,
    health: text,
    name: text,
    contact: text,
  }),
  /** Under the summary: how long the picked time stays held ({until}). */
  held_until: text,
  /** Confirm pressed after the hold ran out ({when}, {until}): the nearest free times follow. */
  hold_expired: text,
  confirmed: text,
  already_confirmed: text,
  /** A guest with as many upcoming sessions as `max_upcoming_per_guest` in spa.yaml; {list} is one line each. */
  guest_limit: text,
  stopped: text,
  taken_at_confirm: text,
  reasons: z.object({
    past: text,
    too_soon: text,
    too_far: text,
    closed_day: text,
    outside_hours: text,
    off_grid: text,
    taken: text,
    therapist_busy: text,
    bad_duration: text,
  }),
  alternatives: text,
  no_alternatives: text,
  no_health_notes: text,
  any_therapist: text,
  my_bookings_none: text,
  my_bookings: text,
  booking_line: text,
  pick_booking: text,
  /** Picking a booking by a day or time that none of them has. */
  pick_none: text,
  ref_not_found: text,
  cancel_confirm: text,
  too_late_to_change: text,
  already_past: text,
  cancelled: text,
  kept: text,
  cancelled_by_spa: text,
  /** A booking staff moved ({from} to {when}), told to the guest on their channel. */
  moved_by_spa: text,
  move_ask_when: text,
  /** Moving: a day was named but no time. */
  move_ask_time: text,
  /** Moving to the time the booking already has. */
  move_same_time: text,
  move_confirm: text,
  moved: text,
  /** date-fns patterns; `guest_time` and `guest_other_day` show the guest's own clock (the latter when it is another day there). */
  formats: z.object({ when: text, day: text, time: text, short: text, guest_time: text, guest_other_day: text }),
  labels: z.object({
    duration: text.max(40),
    any_therapist: text.max(40),
    light: text.max(40),
    medium: text.max(40),
    firm: text.max(40),
    no_health: text.max(40),
    use_name: text.max(40),
    show_my_time: text.max(40),
    confirm: text.max(40),
    stop: text.max(40),
    yes_cancel: text.max(40),
    keep: text.max(40),
    yes_move: text.max(40),
    cancel_ref: text.max(40),
    move_ref: text.max(40),
    book_again: text.max(40),
    my_bookings: text.max(40),
  }),
});

/** content/reminders.yaml: the reminder before a session, the follow-up after it, and the calendar file. */
export const reminderTextsSchema = z.object({
  reminder: text,
  follow_up: text,
  /** How the reminder names the session's day: {day} is filled in `later`. */
  days: z.object({ today: text, tomorrow: text, later: text }),
  labels: z.object({ move: text.max(40), cancel: text.max(40), book_next: text.max(40) }),
  calendar: z.object({
    summary: text.max(200),
    description: text,
    /** Telegram allows 1,024 characters in a document's caption. */
    caption: text.max(1024),
    /** The web chat's link under the confirmation. */
    link_label: text.max(40),
  }),
});

/** content/handover.yaml: what the bot says when a person on the team takes over, and gives back. */
export const handoverTextsSchema = z.object({
  started: text,
  started_after_misses: text,
  already_waiting: text,
  staff_prefix: z.string(),
  ended: text,
});

export type SpaSettings = z.infer<typeof spaSchema>;
export type HandoverTexts = z.infer<typeof handoverTextsSchema>;
export type ReminderTexts = z.infer<typeof reminderTextsSchema>;
export type BookingTexts = z.infer<typeof bookingTextsSchema>;
export type Knowledge = z.infer<typeof knowledgeSchema>;
export type Walkthroughs = z.infer<typeof walkthroughsSchema>;
export type Questions = z.infer<typeof questionsSchema>;
export type HealthContent = z.infer<typeof healthSchema>;
export type Messages = z.infer<typeof messagesSchema>;

/** Everything in content/, validated. */
export interface Content {
  /** The language every text below is written in. */
  language: Language;
  spa: SpaSettings;
  knowledge: Knowledge;
  questions: Questions;
  walkthroughs: Walkthroughs;
  health: HealthContent;
  messages: Messages;
  booking: BookingTexts;
  handover: HandoverTexts;
  reminders: ReminderTexts;
}

/** The content in every language the bot speaks. */
export type ContentSet = Record<Language, Content>;

/** Whether a zone name is one the runtime knows (an IANA zone such as "Asia/Seoul"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
