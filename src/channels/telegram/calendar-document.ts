// The calendar file of a Telegram booking, sent as a document right after the confirmation.
import { InputFile, type Bot } from 'grammy';
import type { Booking } from '../../booking/index.ts';
import type { Concierge, Logger } from '../../core/index.ts';
import { errorDetails } from './api-errors.ts';

/** A calendar file as the channel sends it. */
export interface TelegramCalendarFile {
  fileName: string;
  content: string;
  caption: string;
}

/** Each chat's turn being answered, so that something sent after a turn waits for its replies. */
export function createTurnTracker() {
  const answering = new Map<string, Promise<void>>();
  return {
    /** Runs a chat's turn (handling it and sending the replies), remembering it until it is done. */
    run<T>(chatId: string, turn: () => Promise<T>): Promise<T> {
      const running = turn();
      const done = running.then(
        () => undefined,
        () => undefined,
      );
      answering.set(chatId, done);
      void done.then(() => {
        if (answering.get(chatId) === done) answering.delete(chatId);
      });
      return running;
    },
    /** Resolves when the chat's current turn, if any, has been answered. */
    after(chatId: string): Promise<void> {
      return answering.get(chatId) ?? Promise.resolve();
    },
  };
}

export type TurnTracker = ReturnType<typeof createTurnTracker>;

/**
 * Sends the calendar file of each booking made on Telegram: the core announces it during the guest's
 * turn (on this instance), and the document goes out once that turn's confirmation has been sent.
 * A failure is logged; the booking stands and the confirmation has the details.
 */
export function sendCalendarFiles(options: {
  bot: Bot;
  concierge: Concierge;
  calendarFile: (booking: Booking) => TelegramCalendarFile;
  turns: TurnTracker;
  logger: Logger;
}): () => void {
  const { bot, concierge, calendarFile, turns, logger } = options;
  return concierge.events.on(async (event) => {
    if (event.type !== 'created' || event.booking.guest.channel !== 'telegram') return;
    const { conversationId } = event.booking.guest;
    await turns.after(conversationId);
    try {
      const file = calendarFile(event.booking);
      await bot.api.sendDocument(Number(conversationId), new InputFile(Buffer.from(file.content, 'utf8'), file.fileName), { caption: file.caption });
    } catch (error) {
      logger.warn({ ...errorDetails(error), ref: event.booking.ref }, 'the calendar file could not be sent to Telegram');
    }
  });
}
