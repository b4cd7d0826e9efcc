// The desk's dialogs: `/book` alone (the week's free times, the guest's details) and a booking's Move
// button (its free times). Their submissions book or move through the engine and atomic store; what
// cannot be done keeps the dialog open saying why, and the staff member is shown the result.
import type { App } from '@slack/bolt';
import { dayKey, FRONT_DESK_CHANNEL } from '../../booking/index.ts';
import type { Concierge, Logger } from '../../core/index.ts';
import { BOOK_VIEW, bookingMessage, bookingView, bookView, channelName, MOVE_VIEW, moveView, textMessage, type SlackMessage } from './blocks.ts';
import type { StaffDirectory } from './staff-directory.ts';
import { fill, type SlackTexts } from './texts.ts';
import { errorDetails } from './web-api.ts';

export interface StaffDialogsOptions {
  concierge: Concierge;
  texts: SlackTexts;
  client: App['client'];
  staff: StaffDirectory;
  staffChannel: string;
  staffName: (user: string) => Promise<string>;
  logger: Logger;
}

/** Registers the dialogs' submissions on `app`; returns how to open each. */
export function registerStaffDialogs(app: App, options: StaffDialogsOptions) {
  const { concierge, texts, client, staff, staffChannel, staffName, logger } = options;

  app.view(BOOK_VIEW.callbackId, async ({ ack, body, view }) => {
    const desk = concierge.staffDesk;
    const booking = concierge.bookingDesk?.context;
    const user = body.user.id;
    const t = texts.book;
    const value = (block: string) => view.state.values[block]?.[BOOK_VIEW.element];
    const refuse = (block: string, text: string) => ack({ response_action: 'errors', errors: { [block]: text } });
    if (!desk || !booking || !(await staff.isStaff(user))) return refuse(BOOK_VIEW.time, texts.refused);
    const start = new Date(value(BOOK_VIEW.time)?.selected_option?.value ?? '');
    if (Number.isNaN(start.getTime())) return refuse(BOOK_VIEW.time, t.usage);
    const typedContact = value(BOOK_VIEW.contact)?.value?.trim() ?? '';
    const contact = typedContact ? booking.reader.contact(typedContact) : undefined;
    if (typedContact && !contact) return refuse(BOOK_VIEW.contact, t.dialog.bad_contact);
    const minutes = Number(value(BOOK_VIEW.length)?.selected_option?.value ?? Math.max(...booking.calendar.durations));
    const therapist = value(BOOK_VIEW.therapist)?.selected_option?.value ?? 'any';
    const name = (value(BOOK_VIEW.name)?.value ?? '').trim();
    if (!name) return refuse(BOOK_VIEW.name, fill(t.missing, { missing: t.parts.name }));
    const when = booking.text.shortLabel(start);
    const result = await desk.bookAtDesk(
      {
        day: dayKey(start, booking.calendar.timeZone),
        time: booking.text.time(start),
        minutes,
        name,
        ...(contact ? { contact } : {}),
        ...(therapist !== 'any' ? { therapist } : {}),
        notes: value(BOOK_VIEW.notes)?.value ?? '',
        key: `dialog:${body.view.id}`,
      },
      await staffName(user),
    );
    if (!result.ok) return refuse(BOOK_VIEW.time, fill(t.refused[result.reason], { when, durations: booking.calendar.durations.join(' or ') }));
    await ack();
    const card = bookingView(result.booking, desk, texts);
    const message = bookingMessage(texts, card, { headline: fill(result.duplicate ? t.already : t.booked, { ref: result.booking.ref }), notes: result.booking.guest.contact ? [] : [t.no_contact] });
    await client.chat.postEphemeral({ channel: staffChannel, user, text: message.text, blocks: message.blocks }).catch((error: unknown) => logger.warn(errorDetails(error), 'the staff member could not be shown the booking'));
  });

  app.view(MOVE_VIEW.callbackId, async ({ ack, body, view }) => {
    const desk = concierge.staffDesk;
    const user = body.user.id;
    const t = texts.move;
    const refuse = (text: string) => ack({ response_action: 'errors', errors: { [MOVE_VIEW.block]: text } });
    if (!desk || !(await staff.isStaff(user))) return refuse(texts.refused);
    const start = view.state.values[MOVE_VIEW.block]?.[MOVE_VIEW.action]?.selected_option?.value ?? '';
    const result = await desk.moveAtDesk(view.private_metadata, start, await staffName(user));
    if (!result.ok) {
      const { reason } = result;
      const told = reason === 'not_found' || reason === 'cancelled' || reason === 'over' || reason === 'taken' || reason === 'therapist_busy';
      return refuse(told ? t.refused[reason] : t.refused.other);
    }
    await ack();
    const { booking } = result;
    const values = { ref: booking.ref, when: desk.describe(booking).when, channel: channelName(texts, booking.guest.channel), contact: booking.guest.contact || texts.card.no_contact };
    let line: string;
    if (booking.guest.channel === FRONT_DESK_CHANNEL) line = fill(t.moved_at_desk, values);
    else {
      const told = await desk.tellGuest(booking.ref).catch(() => false as const);
      line = fill(told === true ? t.moved : told === 'pending' ? t.moved_guest_being_told : t.moved_guest_not_told, values);
    }
    await client.chat.postEphemeral({ channel: staffChannel, user, text: line }).catch((error: unknown) => logger.warn(errorDetails(error), 'the staff member could not be told of the move'));
  });

  return {
    /** Opens the /book dialog for the command's trigger. */
    async openBook(triggerId: string): Promise<void> {
      const desk = concierge.staffDesk;
      const calendar = concierge.bookingDesk?.context.calendar;
      if (!desk || !calendar) return;
      await client.views.open({ trigger_id: triggerId, view: bookView(texts, await desk.bookChoices(), calendar.durations, calendar.therapists) });
    },
    /** Opens the Move dialog of a booking for the button's trigger; an answer instead when it cannot be moved. */
    async openMove(ref: string, triggerId: string): Promise<SlackMessage | undefined> {
      const desk = concierge.staffDesk;
      if (!desk) return textMessage(texts.no_bookings);
      const choices = await desk.moveChoices(ref);
      if (!choices) return textMessage(fill(texts.actions.not_found, { ref }));
      await client.views.open({ trigger_id: triggerId, view: moveView(texts, bookingView(choices.booking, desk, texts), choices.days) });
      return undefined;
    },
  };
}
