import { z } from 'zod';

// The shapes of the files in content/. Every sentence the bot says is data described here.

/** An intent or topic id such as `faq.duration` or `benefit.sleep`. */
export const idSchema = z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)?$/, 'must look like "faq.duration"');

const text = z.string().trim().min(1, 'must not be empty');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like "09:00"');

const dayHours = z.union([
  z.literal('closed'),
  z.object({ open: clock, close: clock }).refine((h) => h.open < h.close, 'open must be before close'),
]);

/** content/spa.yaml: the spa itself. Fields the article does not state are marked `sample: true`. */
export const spaSchema = z.object({
  name: text,
  city: text,
  country: text,
  time_zone: text.refine(isTimeZone, 'must be an IANA time zone such as "Asia/Ho_Chi_Minh"'),
  address: z.object({ sample: z.boolean(), value: text }),
  contact: z.object({
    sample: z.boolean(),
    phone: text,
    email: z.email(),
    website: z.url(),
  }),
  opening_hours: z.object({
    sample: z.boolean(),
    days: z.object({
      mon: dayHours,
      tue: dayHours,
      wed: dayHours,
      thu: dayHours,
      fri: dayHours,
      sat: dayHours,
      sun: dayHours,
    }),
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
      }),
    )
    .min(1),
});

/** A button offered after a reply: the id of an intent the guest can pick. */
const followUps = z.array(idSchema).max(4);

/** content/knowledge.yaml: answers keyed by intent, each with a button label and follow-up choices. */
export const knowledgeSchema = z.object({
  menu: z.array(idSchema).min(2).max(8),
  topics: z.record(
    idSchema,
    z.object({
      label: text.max(40, 'labels are button text: 40 characters at most'),
      text,
      follow_ups: followUps,
    }),
  ),
});

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
  fallback_again: text,
  out_of_scope: text,
  other_language: text,
  empty_input: text,
  too_long: text,
  emoji_only: text,
  unknown_choice: text,
  state_reset: text,
  internal_error: text,
  walkthrough_next: text.max(40),
  walkthrough_step: text,
  walkthrough_done: text,
  booking_unavailable: text,
  person: text,
  sample_notice: text,
  booking_noted: text,
  /** date-fns patterns and templates for dates, times and lengths the bot repeats back. */
  formats: z.object({
    day: text,
    time: text,
    day_and_time: text,
    duration: text,
  }),
  labels: z.object({
    help: text.max(40),
    person: text.max(40),
    'booking.start': text.max(40),
  }),
});

export type SpaSettings = z.infer<typeof spaSchema>;
export type Knowledge = z.infer<typeof knowledgeSchema>;
export type Walkthroughs = z.infer<typeof walkthroughsSchema>;
export type HealthContent = z.infer<typeof healthSchema>;
export type Messages = z.infer<typeof messagesSchema>;

/** Everything in content/, validated. */
export interface Content {
  spa: SpaSettings;
  knowledge: Knowledge;
  walkthroughs: Walkthroughs;
  health: HealthContent;
  messages: Messages;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
