// What the process-level tests share: the spa's content as an operator reads it, days to book on,
// and a guest of the web chat talking to a running bot over real HTTP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONTENT_DIR } from '../helpers/bot.ts';

/** Start-up trains the intent classifier, which takes a while on a busy machine: wait for it generously. */
export const SLOW_START = { startTimeoutMs: 120_000 };

/** The parts of content/spa.yaml these tests read. */
interface SpaFile {
  time_zone: string;
  booking: { rooms: number; closed_dates: string[]; horizon_days: number };
  therapists: { list: Array<{ id: string }> };
}

/** A content file as the spa wrote it (read from disk, not through the bot's loader). */
export function contentFile<T>(name: string): T {
  return parse(readFileSync(join(CONTENT_DIR, name), 'utf8')) as T;
}

/** The spa's settings from content/spa.yaml. */
export function spaSettings(): SpaFile {
  return contentFile<SpaFile>('spa.yaml');
}

/** A sentence from content/messages.yaml. */
export function message(key: string): string {
  const value = contentFile<Record<string, unknown>>('messages.yaml')[key];
  if (typeof value !== 'string') throw new Error(`content/messages.yaml has no sentence "${key}"`);
  return value;
}

/** How many guests can start a session at one time with no preference of therapist: a room and a therapist each. */
export function placesAtOnce(): number {
  const spa = spaSettings();
  return Math.min(spa.booking.rooms, spa.therapists.list.length);
}

/**
 * A day the spa is open, `daysAhead` days or more from today in the spa's time zone, as the guest
 * would say it ("30 November") and as the bot keys it ("2026-11-30").
 */
export function openDay(daysAhead: number): { words: string; key: string } {
  const spa = spaSettings();
  for (let offset = daysAhead; offset < spa.booking.horizon_days; offset++) {
    const day = new Date(Date.now() + offset * 86_400_000);
    const key = new Intl.DateTimeFormat('en-CA', { timeZone: spa.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
    if (spa.booking.closed_dates.includes(key)) continue;
    const words = new Intl.DateTimeFormat('en-GB', { timeZone: spa.time_zone, day: 'numeric', month: 'long' }).format(day);
    return { words, key };
  }
  throw new Error(`no open day within ${spa.booking.horizon_days} days`);
}

/** A choice under a reply, as the web chat sends it. */
export interface WebChoice {
  label: string;
  action: string;
}

/** One answer of `POST /api/messages`, with how long it took. */
export interface WebAnswer {
  status: number;
  ms: number;
  text: string;
  replies: Array<{ text: string; choices?: WebChoice[] }>;
}

/**
 * A guest of the web chat at `baseUrl`: keeps the conversation id and the choices last offered.
 * A message not answered within `timeoutMs` fails the test, saying so.
 */
export function webGuest(baseUrl: string, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let conversationId: string | undefined;
  let offered: WebChoice[] = [];
  const send = async (body: { text: string } | { action: string }): Promise<WebAnswer> => {
    const started = performance.now();
    let response: Response;
    let raw: string;
    try {
      response = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(conversationId ? { conversationId } : {}), ...body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      raw = await response.text();
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError') throw error;
      throw new Error(`the bot did not answer ${JSON.stringify(body)} within ${timeoutMs} ms`);
    }
    const ms = performance.now() - started;
    if (response.status !== 200) return { status: response.status, ms, text: raw, replies: [] };
    const answer = JSON.parse(raw) as { conversationId: string; replies: WebAnswer['replies'] };
    conversationId = answer.conversationId;
    const choices = answer.replies.at(-1)?.choices ?? [];
    if (choices.length > 0) offered = choices;
    return { status: 200, ms, text: answer.replies.map((r) => r.text).join('\n'), replies: answer.replies };
  };
  return {
    /** Types a message. */
    say: (text: string) => send({ text }),
    /** Presses the choice with this label among those last offered (throws when there is none). */
    press(label: string) {
      const choice = offered.find((c) => c.label === label);
      if (!choice) throw new Error(`"${label}" is not offered; offered: ${offered.map((c) => c.label).join(', ')}`);
      return send({ action: choice.action });
    },
    get conversationId() {
      return conversationId;
    },
  };
}

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

/** Lines of a bot's stderr that show a promise rejection or an exception nobody handled. */
export function unhandledFailures(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /unhandled|uncaught/i.test(line));
}
