import { PlatformError } from '../errors.ts';
import type { ChannelName, Reply } from './types.ts';

/** Sends messages to a guest outside a reply to their own message (a staff answer, a reminder). */
export type GuestSender = (conversationId: string, replies: Reply[]) => Promise<void>;

/** The channels' senders, by channel; each channel registers its own when it starts. */
export interface GuestOutbox {
  register(channel: ChannelName, send: GuestSender): void;
  /** Delivers to the guest on their channel; throws PlatformError when that channel cannot send. */
  deliver(channel: string, conversationId: string, replies: Reply[]): Promise<void>;
}

/** Creates an empty outbox. */
export function createOutbox(): GuestOutbox {
  const senders = new Map<string, GuestSender>();
  return {
    register(channel, send) {
      senders.set(channel, send);
    },
    async deliver(channel, conversationId, replies) {
      const send = senders.get(channel);
      if (!send) throw new PlatformError(`no way to reach guests on the ${channel} channel`);
      try {
        await send(conversationId, replies);
      } catch (error) {
        throw error instanceof PlatformError ? error : new PlatformError(`sending on ${channel} failed: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}
