// What the staff see without asking: the app's Home tab (today and tomorrow per therapist, redrawn when
// bookings or time off change), the day's schedule once the spa opens, on Mondays what the bot missed,
// and at start-up which settings are still samples. One instance makes each post (the seen-updates store decides).
import type { App } from '@slack/bolt';
import { weekdayOf } from '../../booking/index.ts';
import { sampleParts } from '../../content/index.ts';
import type { Concierge, Logger } from '../../core/index.ts';
import type { SeenUpdates } from '../../store/index.ts';
import { homeView, missedMessage, morningMessage, notStaffHomeView, type SlackMessage } from './blocks.ts';
import { MISSED_REPORT_DAYS } from './commands.ts';
import type { StaffDirectory } from './staff-directory.ts';
import { fill, type SlackTexts } from './texts.ts';
import { errorDetails } from './web-api.ts';

// The Home tab is redrawn this long after a change, once for a burst of them.
const HOME_REDRAW_MS = 1000;
// How often the board looks whether a scheduled post is due.
const SCHEDULE_CHECK_MS = 60_000;

export interface StaffBoardOptions {
  concierge: Concierge;
  texts: SlackTexts;
  client: App['client'];
  staff: StaffDirectory;
  staffChannel: string;
  seenEvents: SeenUpdates;
  logger: Logger;
  /** Keeps slow work the desk waits for when it stops. */
  track: (work: Promise<unknown>) => void;
  /** Whether start-up tells the staff channel of sample settings in spa.yaml (default true). */
  announceSamples?: boolean;
  /** Whether the scheduled posts are made (default true). */
  scheduledPosts?: boolean;
  /** How often the board looks whether a scheduled post is due (ms, default a minute). */
  scheduleCheckMs?: number;
}

/** The Home tab and the staff channel's scheduled posts. */
export function createStaffBoard(options: StaffBoardOptions) {
  const { concierge, texts, client, staff, staffChannel, seenEvents, logger, track } = options;
  let scheduleTimer: NodeJS.Timeout | undefined;

  // The Home tab: who opened it through this process, redrawn (a second later, once for a burst) when bookings or time off change.
  const homeViewers = new Set<string>();
  let redraw: NodeJS.Timeout | undefined;
  const longest = () => Math.max(...(concierge.bookingDesk?.context.calendar.durations ?? [60]));
  async function publishHome(user: string): Promise<void> {
    const desk = concierge.staffDesk;
    const booking = concierge.bookingDesk?.context;
    if (!desk || !booking) return;
    const view = (await staff.isStaff(user))
      ? homeView(texts, await desk.schedule(2), longest(), booking.text.time(booking.now()), (b) => desk.clockTimes(b))
      : notStaffHomeView(texts);
    await client.views.publish({ user_id: user, view });
  }
  function refreshHomes(): void {
    if (homeViewers.size === 0 || redraw) return;
    redraw = setTimeout(() => {
      redraw = undefined;
      for (const user of homeViewers) track(publishHome(user).catch((error: unknown) => logger.warn(errorDetails(error), 'the Home tab could not be redrawn')));
    }, HOME_REDRAW_MS);
  }

  /**
   * Once a day, when the spa has opened, the day's schedule goes to the staff channel; on Mondays, what
   * guests asked that the bot missed over the week too. One instance posts each (the seen-updates store decides).
   */
  async function postScheduled(): Promise<void> {
    const desk = concierge.staffDesk;
    const open = desk?.openNow();
    if (!desk || !open) return;
    const post = (message: SlackMessage) => client.chat.postMessage({ channel: staffChannel, text: message.text, blocks: message.blocks, mrkdwn: false, unfurl_links: false });
    if (await seenEvents.firstTime(`slack:morning:${open.day}`)) {
      const [today] = await desk.schedule(1);
      if (today) await post(morningMessage(texts, today, longest(), (b) => desk.clockTimes(b)));
    }
    if (weekdayOf(open.day) === 'mon' && (await seenEvents.firstTime(`slack:missed:${open.day}`))) await post(missedMessage(texts, await desk.missedReport(MISSED_REPORT_DAYS)));
  }

  /**
   * While spa.yaml holds sample values the spa takes real bookings against them: the staff channel is
   * told, once a day at most however many instances start (the seen-updates store decides who).
   */
  async function tellOfSamples(): Promise<void> {
    const parts = options.announceSamples === false ? [] : sampleParts(concierge.contentFor(undefined).spa);
    if (parts.length === 0 || !(await seenEvents.firstTime(`slack:samples:${parts.join(',')}`))) return;
    try {
      await client.chat.postMessage({ channel: staffChannel, text: fill(texts.samples, { parts: parts.join(', ') }), mrkdwn: true, unfurl_links: false });
    } catch (error) {
      logger.warn(errorDetails(error), 'the staff channel could not be told of the sample settings');
    }
  }

  return {
    /** A staff member (or anyone) opened the Home tab: drawn for them, and redrawn from then on. */
    opened(user: string): Promise<void> {
      homeViewers.add(user);
      return publishHome(user);
    },
    /** Bookings or time off changed: the Home tabs are redrawn a moment later. */
    refresh: refreshHomes,
    /** Tells of sample settings, and starts looking for the scheduled posts. */
    async start(): Promise<void> {
      if (options.scheduledPosts !== false) {
        const check = () => track(postScheduled().catch((error: unknown) => logger.warn(errorDetails(error), 'a scheduled post could not be made')));
        check();
        scheduleTimer = setInterval(check, options.scheduleCheckMs ?? SCHEDULE_CHECK_MS);
      }
      await tellOfSamples();
    },
    stop(): void {
      clearInterval(scheduleTimer);
      clearTimeout(redraw);
      redraw = undefined;
    },
  };
}

export type StaffBoard = ReturnType<typeof createStaffBoard>;
