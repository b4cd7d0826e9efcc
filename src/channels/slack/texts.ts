import { z } from 'zod';
import { fillTemplate, placeholdersIn, readYaml } from '../../content/index.ts';

const text = z.string().trim().min(1, 'must not be empty');

/** A sentence that may use only the given `{placeholders}`. */
const template = (...allowed: string[]) =>
  text.superRefine((value, ctx) => {
    for (const name of placeholdersIn(value)) {
      if (!allowed.includes(name)) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${name}} (allowed: ${allowed.join(', ') || 'none'})` });
    }
  });
// Slack cuts button labels at 75 characters.
const label = template().pipe(z.string().max(75, 'Slack allows at most 75 characters on a button'));
const BOOKING = ['ref', 'when', 'guest'];

const slackTextsSchema = z.object({
  channels: z.record(z.string(), text),
  guest_language: template('guest', 'language'),
  pressure: z.object({ light: text, medium: text, firm: text }),
  refused: template(),
  error: template(),
  no_bookings: template(),
  availability: z.object({
    title: template('minutes'),
    day: template('day'),
    therapist: template('therapist', 'times'),
    nothing_free: template('therapist'),
    time_off: template('times'),
    bad_day: template('when'),
    bad_duration: template('minutes'),
    too_long_range: template('when'),
    notice: template('time'),
    unbookable: z.object({ past: template(), closed: template(), too_far: template() }),
  }),
  bookings: z.object({
    title: template('day'),
    none: template('day'),
    line: template('when', 'minutes', 'guest', 'therapist', 'channel', 'pressure', 'ref'),
    no_pressure: template(),
    health: template('health'),
    arrived: template(),
    no_show: template(),
    more: template('count'),
    bad_day: template('when'),
  }),
  booking: z.object({ usage: template(), not_found: template('ref'), found: template('query'), none_found: template('query', 'from') }),
  book: z.object({
    usage: template(),
    missing: template('missing'),
    parts: z.object({ day: text, time: text, minutes: template('durations'), name: text }),
    booked: template('ref'),
    already: template('ref'),
    no_contact: template(),
    dialog: z.object({
      title: template().pipe(z.string().max(24, 'Slack allows at most 24 characters in a modal title')),
      submit: template().pipe(z.string().max(24, 'Slack allows at most 24 characters on a modal button')),
      close: template().pipe(z.string().max(24, 'Slack allows at most 24 characters on a modal button')),
      time: label,
      length: label,
      minutes: template('minutes'),
      therapist: label,
      anyone: label,
      name: label,
      contact: label,
      notes: label,
      none: template(),
      bad_contact: template(),
    }),
    refused: z.object({
      past: template('when'),
      too_soon: template('when'),
      too_far: template('when'),
      closed_day: template('when'),
      outside_hours: template('when'),
      off_grid: template('when'),
      taken: template('when'),
      therapist_busy: template('when'),
      bad_duration: template('durations'),
      unknown_therapist: template(),
    }),
  }),
  samples: template('parts'),
  reload_refused: template('problem'),
  home: z.object({
    title: text,
    updated: template('time'),
    day: template('day'),
    booking: template('start', 'end', 'guest', 'minutes', 'ref'),
    no_bookings: text,
    free: template('minutes', 'times'),
    nothing_free: text,
    off: template('times'),
    closed: text,
    past: text,
    too_far: text,
    not_staff: text,
  }),
  morning: template('day', 'count'),
  missed: z.object({
    title: template('from', 'total'),
    line: template('count', 'language', 'text'),
    none: template('from'),
    more: template('count'),
    hint: template(),
  }),
  timeoff: z.object({
    usage: template(),
    added: template('therapist', 'when', 'id'),
    clashes: template('therapist', 'count'),
    removed: template('list'),
    list_title: text,
    list_empty: text,
    line: template('id', 'therapist', 'when', 'by'),
    refused: z.object({
      no_therapist: template('therapists'),
      no_day: template(),
      closed: template(),
      past: template(),
      bad_range: template(),
      not_found: template(),
    }),
  }),
  card: z.object({
    title: template('ref'),
    when: template('when'),
    length: template('minutes'),
    guest: template('guest'),
    contact: template('contact'),
    no_contact: template(),
    therapist: template('therapist'),
    channel: template('channel'),
    pressure: template('pressure'),
    health: template('health'),
    cancelled: template(),
    arrived: template(),
    no_show: template(),
  }),
  notifications: z.object({
    created: template(...BOOKING),
    moved: template(...BOOKING),
    moved_from: template('when', 'therapist'),
    cancelled: template(...BOOKING),
  }),
  buttons: z.object({
    cancel: label,
    arrived: label,
    no_show: label,
    details: label,
    move: label,
    hand_back: label,
    cancel_confirm_title: template().pipe(z.string().max(100, 'Slack allows at most 100 characters in a dialog title')),
    cancel_confirm_text: template(),
    cancel_confirm_yes: label,
    cancel_confirm_no: label,
  }),
  move: z.object({
    title: template().pipe(z.string().max(24, 'Slack allows at most 24 characters in a modal title')),
    submit: template().pipe(z.string().max(24, 'Slack allows at most 24 characters on a modal button')),
    close: template().pipe(z.string().max(24, 'Slack allows at most 24 characters on a modal button')),
    summary: template('ref', 'guest', 'when', 'minutes'),
    label: label,
    none: template(),
    moved: template('ref', 'when', 'channel'),
    moved_guest_not_told: template('ref', 'when', 'channel', 'contact'),
    moved_guest_being_told: template('ref', 'when', 'channel'),
    moved_at_desk: template('ref', 'when', 'contact'),
    refused: z.object({ not_found: template(), cancelled: template(), over: template(), taken: template(), therapist_busy: template(), other: template() }),
  }),
  actions: z.object({
    cancelled: template('ref', 'channel'),
    cancelled_guest_not_told: template('ref', 'channel', 'contact'),
    cancelled_guest_being_told: template('ref', 'channel'),
    cancelled_at_desk: template('ref', 'contact'),
    already_cancelled: template('ref'),
    not_found: template('ref'),
    attendance_cancelled: template('ref'),
    attendance_not_started: template('ref', 'when'),
    cancel_over: template('ref'),
    arrived: template('ref'),
    no_show: template('ref'),
    by_cancelled: template('staff'),
    by_arrived: template('staff'),
    by_no_show: template('staff'),
  }),
  handover: z.object({
    title_asked: template('guest', 'channel'),
    title_misunderstood: template('guest', 'channel'),
    title_wrote: template('guest', 'channel'),
    no_name: template(),
    recent: template(),
    no_recent: template(),
    line_guest: template('text'),
    line_bot: template('text'),
    line_staff: template('text'),
    how_to: template('channel'),
    guest_message: template('guest', 'text'),
    ended: template(),
    ended_status: template(),
    not_delivered_ended: template(),
    not_delivered_failed: template('channel'),
    files_not_sent: template(),
    already_ended: template(),
    staff_fallback_name: template(),
  }),
});

/** Everything the staff desk shows the team, as content/slack.yaml gives it. */
export type SlackTexts = z.infer<typeof slackTextsSchema>;

/** Reads `slack.yaml` from the content folder; a problem throws a ContentError naming the field. */
export function loadSlackTexts(contentDir: string): Promise<SlackTexts> {
  return readYaml(contentDir, 'slack.yaml', slackTextsSchema);
}

/** Fills a text's placeholders (values are already escaped where they come from guests). */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return fillTemplate(template, values);
}
