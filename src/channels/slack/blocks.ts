// Block Kit messages of the staff desk. Guest words (names, contacts, health notes, messages) only
// ever go into plain_text objects, where Slack reads no formatting, links or mentions; the spa's own
// words come from content/slack.yaml, in mrkdwn where no guest word sits beside them.
import type { types } from '@slack/bolt';
import type { Booking } from '../../booking/index.ts';
import type { DayAvailability, DaySchedule, MissedGroup, StaffDesk } from '../../core/index.ts';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES } from '../../languages.ts';
import type { HandoverThread } from '../../store/index.ts';
import { guestText, guestWords, withoutEmphasis } from './slack-text.ts';
import { fill, type SlackTexts } from './texts.ts';

export type Block = types.KnownBlock;

/** The action ids of the desk's buttons. */
export const ACTION = {
  cancel: 'booking_cancel',
  arrived: 'booking_arrived',
  noShow: 'booking_no_show',
  details: 'booking_details',
  move: 'booking_move',
  handBack: 'handover_end',
} as const;

/** A message: its blocks, and the plain text Slack shows in notifications and where blocks cannot be shown. */
export interface SlackMessage {
  /** The fallback, escaped for Slack; posted with `mrkdwn: false` where guest words may be in it. */
  text: string;
  blocks: Block[];
}

// Slack refuses a message with more than 50 blocks, or a section text over 3,000 characters.
const MAX_BLOCKS = 50;
// The report of missed messages lists this many groups, the rest counted.
const MISSED_LINES = 40;
// A Home tab holds at most 100 blocks.
const MAX_HOME_BLOCKS = 100;
const MAX_SECTION_CHARS = 3000;
const MAX_FIELD_CHARS = 2000;
const STATUS_BLOCK = 'status';

/** Cuts text to a Slack limit, never inside an entity such as `&amp;`. */
function clip(text: string, max = MAX_SECTION_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/&[a-z]{0,4}$/, '')}…`;
}
const mrkdwn = (text: string, max = MAX_SECTION_CHARS) => ({ type: 'mrkdwn' as const, text: clip(text, max) });
const plain = (text: string) => ({ type: 'plain_text' as const, text: clip(text, 75), emoji: true });
/** Text with guest words in it: plain_text, cut to `max` characters. */
const plainText = (text: string, max = MAX_SECTION_CHARS) => ({ type: 'plain_text' as const, text: guestWords(text, max), emoji: true });
/** A template of the spa's filled with guest words, as plain_text: the template's emphasis dropped. */
const filledPlain = (template: string, values: Record<string, string | number>, max = MAX_SECTION_CHARS) => plainText(fill(withoutEmphasis(template), values), max);
const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
const plainSection = (text: string): Block => ({ type: 'section', text: plainText(text) });
/** A context line of the spa's words with one guest value in it: the words in mrkdwn, the value in plain_text. */
function contextWith(template: string, name: string, value: string): Block {
  const [before = '', after = ''] = template.split(`{${name}}`);
  const elements = [...(before.trim() ? [mrkdwn(before.trim())] : []), plainText(value), ...(after.trim() ? [mrkdwn(after.trim())] : [])];
  return { type: 'context', elements };
}
const context = (text: string, blockId?: string): Block => ({ type: 'context', ...(blockId ? { block_id: blockId } : {}), elements: [mrkdwn(text)] });

/** A booking as staff see it: the guest's words as they gave them (for plain_text only), the rest in the spa's words. */
export interface BookingView {
  ref: string;
  when: string;
  therapist: string;
  minutes: number;
  /** The guest's name, with their language beside it when it is not English (see guestLabel). */
  guest: string;
  contact: string;
  channel: string;
  pressure?: string;
  health?: string;
  status: Booking['status'];
  attendance?: Booking['attendance'];
}

/** Builds the view of a booking with the staff desk's description (time in the spa's zone, therapist's name). */
export function bookingView(booking: Booking, desk: Pick<StaffDesk, 'describe'>, texts: SlackTexts): BookingView {
  const { when, therapist } = desk.describe(booking);
  const pressure = booking.notes.pressure ? texts.pressure[booking.notes.pressure] : undefined;
  const health = booking.notes.health?.trim();
  return {
    ref: booking.ref,
    when,
    therapist,
    minutes: booking.durationMinutes,
    guest: guestLabel(texts, guestWords(booking.guest.name, 200), booking.guest.language),
    contact: booking.guest.contact ? guestWords(booking.guest.contact, 200) : texts.card.no_contact,
    channel: channelName(texts, booking.guest.channel),
    ...(pressure ? { pressure } : {}),
    ...(health ? { health: guestWords(health, 1000) } : {}),
    status: booking.status,
    ...(booking.attendance ? { attendance: booking.attendance } : {}),
  };
}

/**
 * A guest's name with their language in English beside it, "Kim Minji · Korean",
 * when it is not the staff's own; a language the bot does not speak, or none, leaves the name alone.
 */
export function guestLabel(texts: SlackTexts, name: string, language: string | undefined): string {
  if (!isLanguage(language) || language === DEFAULT_LANGUAGE) return name;
  return fill(texts.guest_language, { guest: name, language: LANGUAGE_NAMES[language].english });
}

/** How the desk names a guest's channel ("Telegram", "the web chat"). */
export function channelName(texts: SlackTexts, channel: string): string {
  return texts.channels[channel] ?? guestText(channel, 40);
}

/** The callback id of the Move dialog, and the ids of its time input. */
export const MOVE_VIEW = { callbackId: 'booking_move', block: 'time', action: 'start' } as const;

/** The Move dialog: the booking in one line (guest words: plain_text) and its free times grouped by day. */
export function moveView(texts: SlackTexts, view: BookingView, days: Array<{ dayLabel: string; times: Array<{ label: string; start: string }> }>) {
  const t = texts.move;
  const summary = plainSection(fill(withoutEmphasis(t.summary), { ref: view.ref, guest: view.guest, when: view.when, minutes: view.minutes }));
  const choose: Block[] =
    days.length === 0
      ? [context(t.none)]
      : [
          {
            type: 'input',
            block_id: MOVE_VIEW.block,
            label: plain(t.label),
            element: {
              type: 'static_select',
              action_id: MOVE_VIEW.action,
              option_groups: days.map((day) => ({ label: plain(day.dayLabel), options: day.times.map((time) => ({ text: plain(time.label), value: time.start })) })),
            },
          },
        ];
  return {
    type: 'modal' as const,
    callback_id: MOVE_VIEW.callbackId,
    private_metadata: view.ref,
    title: plain(t.title),
    close: plain(t.close),
    ...(days.length > 0 ? { submit: plain(t.submit) } : {}),
    blocks: [summary, ...choose],
  };
}

/** The callback id of the /book dialog, and the ids of its inputs (each block holds one element, `value`). */
export const BOOK_VIEW = { callbackId: 'desk_book', time: 'time', length: 'length', therapist: 'therapist', name: 'name', contact: 'contact', notes: 'notes', element: 'value' } as const;

/** The /book dialog: the free times grouped by day, the length, the therapist, the guest's name, phone or email, and notes. */
export function bookView(
  texts: SlackTexts,
  days: Array<{ dayLabel: string; times: Array<{ label: string; start: string }> }>,
  durations: number[],
  therapists: Array<{ id: string; name: string }>,
) {
  const t = texts.book.dialog;
  const option = (text: string, value: string) => ({ text: plain(text), value });
  const input = (block: string, label: string, element: Record<string, unknown>, optional = false): Block =>
    ({ type: 'input', block_id: block, label: plain(label), optional, element: { action_id: BOOK_VIEW.element, ...element } }) as Block;
  const longest = String(Math.max(...durations));
  const anyone = option(t.anyone, 'any');
  const blocks: Block[] =
    days.length === 0
      ? [context(t.none)]
      : [
          input(BOOK_VIEW.time, t.time, {
            type: 'static_select',
            option_groups: days.map((day) => ({ label: plain(day.dayLabel), options: day.times.map((time) => option(time.label, time.start)) })),
          }),
          input(BOOK_VIEW.length, t.length, {
            type: 'static_select',
            options: durations.map((minutes) => option(fill(t.minutes, { minutes }), String(minutes))),
            initial_option: option(fill(t.minutes, { minutes: longest }), longest),
          }),
          input(BOOK_VIEW.therapist, t.therapist, { type: 'static_select', options: [anyone, ...therapists.map((th) => option(th.name, th.id))], initial_option: anyone }),
          input(BOOK_VIEW.name, t.name, { type: 'plain_text_input', max_length: 80 }),
          input(BOOK_VIEW.contact, t.contact, { type: 'plain_text_input', max_length: 80 }, true),
          input(BOOK_VIEW.notes, t.notes, { type: 'plain_text_input', multiline: true, max_length: 1000 }, true),
        ];
  return {
    type: 'modal' as const,
    callback_id: BOOK_VIEW.callbackId,
    title: plain(t.title),
    close: plain(t.close),
    ...(days.length > 0 ? { submit: plain(t.submit) } : {}),
    blocks,
  };
}

/** The Cancel / Move / Arrived / No-show buttons of a confirmed booking. */
function bookingButtons(texts: SlackTexts, ref: string): Block {
  const t = texts.buttons;
  return {
    type: 'actions',
    block_id: `booking:${ref}`,
    elements: [
      {
        type: 'button',
        action_id: ACTION.cancel,
        value: ref,
        style: 'danger',
        text: plain(t.cancel),
        confirm: { title: plain(t.cancel_confirm_title), text: mrkdwn(t.cancel_confirm_text, 300), confirm: plain(t.cancel_confirm_yes), deny: plain(t.cancel_confirm_no), style: 'danger' },
      },
      { type: 'button', action_id: ACTION.move, value: ref, text: plain(t.move) },
      { type: 'button', action_id: ACTION.arrived, value: ref, text: plain(t.arrived) },
      { type: 'button', action_id: ACTION.noShow, value: ref, text: plain(t.no_show) },
    ],
  };
}

/**
 * A booking's details and, while it is confirmed, its buttons; `headline` (plain text, which may
 * hold the guest's name) says what happened (a notification) or names the booking.
 */
export function bookingMessage(texts: SlackTexts, view: BookingView, options: { headline?: string; notes?: string[] } = {}): SlackMessage {
  const c = texts.card;
  const headline = options.headline ?? fill(c.title, { ref: view.ref });
  const field = (text: string) => mrkdwn(text, MAX_FIELD_CHARS);
  const blocks: Block[] = [
    plainSection(headline),
    {
      type: 'section',
      fields: [
        field(fill(c.when, { when: view.when })),
        field(fill(c.length, { minutes: view.minutes })),
        filledPlain(c.guest, { guest: view.guest }, MAX_FIELD_CHARS),
        filledPlain(c.contact, { contact: view.contact }, MAX_FIELD_CHARS),
        field(fill(c.therapist, { therapist: view.therapist })),
        field(fill(c.channel, { channel: view.channel })),
        ...(view.pressure ? [field(fill(c.pressure, { pressure: view.pressure }))] : []),
      ],
    },
  ];
  if (view.health) blocks.push(contextWith(c.health, 'health', view.health));
  for (const note of options.notes ?? []) blocks.push(context(note));
  const status = view.status === 'cancelled' ? c.cancelled : view.attendance === 'arrived' ? c.arrived : view.attendance === 'no_show' ? c.no_show : undefined;
  if (status) blocks.push(context(status, STATUS_BLOCK));
  if (view.status === 'confirmed') blocks.push(bookingButtons(texts, view.ref));
  return { text: guestText(headline, MAX_SECTION_CHARS), blocks };
}

/**
 * A booking message after a staff member acted on it: its status line replaced by `line`, and its
 * buttons removed when the booking is cancelled.
 */
export function withStatusLine(blocks: Block[], line: string, keepButtons: boolean): Block[] {
  const kept = blocks.filter((b) => b.block_id !== STATUS_BLOCK && (keepButtons || b.type !== 'actions'));
  const actionsAt = kept.findIndex((b) => b.type === 'actions');
  const status = context(line, STATUS_BLOCK);
  return actionsAt < 0 ? [...kept, status] : [...kept.slice(0, actionsAt), status, ...kept.slice(actionsAt)];
}

/** Free times per day and therapist. */
export function availabilityMessage(texts: SlackTexts, minutes: number, days: DayAvailability[]): SlackMessage {
  const t = texts.availability;
  const title = `*${fill(t.title, { minutes })}*`;
  const dayBlocks = days.slice(0, MAX_BLOCKS - 1).map((day) => {
    if (day.unbookable) return section([fill(t.day, { day: day.dayLabel }), t.unbookable[day.unbookable]].join('\n'));
    const lines = day.therapists.map((therapist) => {
      const line = therapist.times.length > 0 ? fill(t.therapist, { therapist: therapist.name, times: therapist.times.join(', ') }) : fill(t.nothing_free, { therapist: therapist.name });
      return therapist.off.length > 0 ? `${line} ${fill(t.time_off, { times: therapist.off.join(', ') })}` : line;
    });
    const notice = day.bookableFrom ? [fill(t.notice, { time: day.bookableFrom })] : [];
    return section([fill(t.day, { day: day.dayLabel }), ...lines, ...notice].join('\n'));
  });
  return { text: title, blocks: [section(title), ...dayBlocks] };
}

/** A day per therapist: a heading, then each therapist's bookings (guest words: plain_text), free times and time off. */
function scheduleBlocks(texts: SlackTexts, schedule: DaySchedule, minutes: number, describe: (booking: Booking) => { start: string; end: string }): Block[] {
  const t = texts.home;
  const heading = section(fill(t.day, { day: schedule.dayLabel }));
  if (schedule.unbookable) return [heading, context({ closed: t.closed, past: t.past, too_far: t.too_far }[schedule.unbookable])];
  return [
    heading,
    ...schedule.therapists.map((therapist) => {
      const bookings = therapist.bookings.map((b) =>
        fill(withoutEmphasis(t.booking), { ...describe(b), guest: guestLabel(texts, b.guest.name, b.guest.language), minutes: b.durationMinutes, ref: b.ref }),
      );
      const lines = [
        therapist.name,
        ...(bookings.length > 0 ? bookings : [t.no_bookings]),
        therapist.free.length > 0 ? fill(t.free, { minutes, times: therapist.free.join(', ') }) : t.nothing_free,
        ...(therapist.off.length > 0 ? [fill(t.off, { times: therapist.off.join(', ') })] : []),
      ];
      return plainSection(lines.join('\n'));
    }),
  ];
}

/** The app's Home tab: today and tomorrow per therapist, and when it was drawn. */
export function homeView(texts: SlackTexts, schedules: DaySchedule[], minutes: number, updated: string, describe: (booking: Booking) => { start: string; end: string }) {
  const blocks: Block[] = [
    { type: 'header', text: plain(texts.home.title) },
    context(fill(texts.home.updated, { time: updated })),
    ...schedules.flatMap((schedule) => [{ type: 'divider' } as Block, ...scheduleBlocks(texts, schedule, minutes, describe)]),
  ];
  return { type: 'home' as const, blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

/** The Home tab of someone not on the staff: what it is for, and nothing of the spa's schedule. */
export function notStaffHomeView(texts: SlackTexts) {
  return { type: 'home' as const, blocks: [{ type: 'header', text: plain(texts.home.title) } as Block, section(texts.home.not_staff)] };
}

/** What guests asked that the bot missed (guest words: plain_text), the same words counted once, most often first. */
export function missedMessage(texts: SlackTexts, report: { from: string; groups: MissedGroup[]; total: number }): SlackMessage {
  const t = texts.missed;
  if (report.groups.length === 0) return textMessage(fill(t.none, { from: report.from }));
  const title = fill(t.title, { from: report.from, total: report.total });
  const shown = report.groups.slice(0, MISSED_LINES);
  const lines = shown.map((g) => fill(withoutEmphasis(t.line), { count: g.count, language: isLanguage(g.language) ? LANGUAGE_NAMES[g.language].english : '?', text: g.text }));
  const blocks: Block[] = [section(title), plainSection(lines.join('\n'))];
  if (report.groups.length > shown.length) blocks.push(context(fill(t.more, { count: report.groups.length - shown.length })));
  blocks.push(context(t.hint));
  return { text: withoutEmphasis(title), blocks };
}

/** Today's schedule for the staff channel at opening time. */
export function morningMessage(texts: SlackTexts, schedule: DaySchedule, minutes: number, describe: (booking: Booking) => { start: string; end: string }): SlackMessage {
  const count = schedule.therapists.reduce((sum, t) => sum + t.bookings.length, 0);
  const title = fill(texts.morning, { day: schedule.dayLabel, count });
  return { text: withoutEmphasis(title), blocks: [section(title), ...scheduleBlocks(texts, schedule, minutes, describe).slice(1)] };
}

/** A day's bookings, one line each with a Details button; health notes under the line. */
export function bookingListMessage(texts: SlackTexts, dayLabel: string, views: BookingView[], heading?: { title: string; none: string }): SlackMessage {
  const t = texts.bookings;
  const title = `*${heading?.title ?? fill(t.title, { day: dayLabel })}*`;
  const none = heading?.none ?? fill(t.none, { day: dayLabel });
  if (views.length === 0) return { text: none, blocks: [section(none)] };
  const room = MAX_BLOCKS - 2;
  const shown = views.length > room ? views.slice(0, room - 1) : views;
  const blocks: Block[] = [section(title)];
  for (const view of shown) {
    const line = fill(withoutEmphasis(t.line), {
      when: view.when,
      minutes: view.minutes,
      guest: view.guest,
      therapist: view.therapist,
      channel: view.channel,
      pressure: view.pressure ?? t.no_pressure,
      ref: view.ref,
    });
    const marked = view.attendance === 'arrived' ? t.arrived : view.attendance === 'no_show' ? t.no_show : undefined;
    const withMark = marked ? `${line} · ${withoutEmphasis(fill(marked, {}))}` : line;
    const text = view.health ? `${withMark}\n${fill(withoutEmphasis(t.health), { health: view.health })}` : withMark;
    blocks.push({
      type: 'section',
      text: plainText(text),
      accessory: { type: 'button', action_id: ACTION.details, value: view.ref, text: plain(texts.buttons.details) },
    });
  }
  if (shown.length < views.length) blocks.push(context(fill(t.more, { count: views.length - shown.length })));
  return { text: title, blocks };
}

/** The first message of a hand-over thread: who, where, the recent lines, and the hand-back button (gone once ended). */
export function handoverMessage(texts: SlackTexts, opening: HandoverThread['opening'], ended: boolean): SlackMessage {
  const t = texts.handover;
  const channel = channelName(texts, opening.guestChannel);
  const guest = guestLabel(texts, opening.guestName ? guestWords(opening.guestName, 200) : t.no_name, opening.language);
  const titles = { asked: t.title_asked, misunderstood: t.title_misunderstood, wrote: t.title_wrote };
  const title = fill(withoutEmphasis(titles[opening.reason]), { guest, channel });
  const lineTemplates = { guest: t.line_guest, bot: t.line_bot, staff: t.line_staff };
  const lines = opening.recent.map((line) => fill(withoutEmphasis(lineTemplates[line.from]), { text: guestWords(line.text, 500) }));
  const transcript = chunkLines([withoutEmphasis(t.recent), ...(lines.length > 0 ? lines : [withoutEmphasis(t.no_recent)])]);
  const blocks: Block[] = [plainSection(title), ...transcript.map(plainSection)];
  if (ended) blocks.push(context(t.ended_status));
  else {
    blocks.push(context(fill(t.how_to, { channel })));
    blocks.push({ type: 'actions', block_id: 'handover', elements: [{ type: 'button', action_id: ACTION.handBack, value: 'hand-back', style: 'primary', text: plain(texts.buttons.hand_back) }] });
  }
  return { text: guestText(title, MAX_SECTION_CHARS), blocks };
}

/** Lines grouped into texts that each fit one section. */
function chunkLines(lines: string[]): string[] {
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= MAX_SECTION_CHARS) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(guestWords(line, MAX_SECTION_CHARS));
  }
  return chunks;
}

/** A plain message: one section, the same text as fallback. */
export function textMessage(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** A message of the spa's `template` with guest words in `values`: one plain_text section; the fallback text escaped. */
export function plainMessage(template: string, values: Record<string, string | number>): SlackMessage {
  const text = fill(withoutEmphasis(template), values);
  return { text: guestText(text, MAX_SECTION_CHARS), blocks: [plainSection(text)] };
}
