import type { webApi } from '@slack/bolt';
import { PlatformError, type Logger } from '../../core/index.ts';
import { errorDetails } from './web-api.ts';

/** Who is on the team, and what to call them. */
export interface StaffDirectory {
  /** True for members of the staff channel and the users configured by id. */
  isStaff(userId: string): Promise<boolean>;
  /** The name a guest sees before a staff answer: the Slack display name, else the real name; undefined when Slack cannot say. */
  displayName(userId: string): Promise<string | undefined>;
}

/** What the directory is built from. */
export interface StaffDirectoryOptions {
  client: webApi.WebClient;
  /** The staff channel's id: its members are staff. */
  channel: string;
  /** Users who are staff whether or not they are in the channel (SLACK_STAFF_USERS). */
  users: string[];
  logger: Logger;
  /** How long the member list is trusted before it is asked for again. */
  cacheSeconds?: number;
  now?: () => number;
}

const NAME_CACHE_MS = 3_600_000;

/**
 * Creates the directory. The channel's members are fetched with conversations.members and kept a few
 * minutes, so a busy desk asks Slack rarely and someone who joins or leaves counts within minutes.
 */
export function createStaffDirectory(options: StaffDirectoryOptions): StaffDirectory {
  const { client, channel, logger } = options;
  const now = options.now ?? Date.now;
  const cacheMs = (options.cacheSeconds ?? 300) * 1000;
  const configured = new Set(options.users);
  let members: { ids: Set<string>; fetchedAt: number } | undefined;
  let fetching: Promise<Set<string>> | undefined;
  const names = new Map<string, { name: string | undefined; fetchedAt: number }>();

  async function fetchMembers(): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const id of page.members ?? []) ids.add(id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return ids;
  }

  async function currentMembers(): Promise<Set<string>> {
    if (members && now() - members.fetchedAt < cacheMs) return members.ids;
    // Several clicks at once share one request.
    fetching ??= fetchMembers().finally(() => {
      fetching = undefined;
    });
    try {
      const ids = await fetching;
      members = { ids, fetchedAt: now() };
      return ids;
    } catch (error) {
      // An outdated list is better than refusing the whole team while Slack has a bad minute.
      if (members) {
        logger.warn(errorDetails(error), 'the staff channel members could not be fetched; using the list from before');
        return members.ids;
      }
      throw new PlatformError(`Slack did not list the members of the staff channel: ${(error as Error).message}`, { cause: error });
    }
  }

  return {
    async isStaff(userId) {
      if (configured.has(userId)) return true;
      return (await currentMembers()).has(userId);
    },
    async displayName(userId) {
      const cached = names.get(userId);
      if (cached && now() - cached.fetchedAt < NAME_CACHE_MS) return cached.name;
      try {
        const { user } = await client.users.info({ user: userId });
        const name = [user?.profile?.display_name, user?.profile?.real_name, user?.real_name, user?.name].find((n) => n && n.trim())?.trim();
        names.set(userId, { name, fetchedAt: now() });
        return name;
      } catch (error) {
        logger.warn({ ...errorDetails(error), userId }, 'a staff member’s name could not be fetched from Slack');
        return undefined;
      }
    },
  };
}
