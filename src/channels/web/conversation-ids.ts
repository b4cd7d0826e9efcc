// Web chat conversation ids are issued by the server and signed: a random UUID and an HMAC of it,
// "3f1c2b7e-8a4d-4c1e-9b2a-5d6e7f8a9b0c.kX3...". The id is what opens a conversation (its messages,
// its bookings' calendar files), so a client cannot pick one: an id the server did not sign starts a
// new conversation. Instances that share the secret accept each other's ids; the secret outlives
// restarts when it is set (WEB_ID_SECRET) or kept in Redis.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** An issued id: a UUID, a dot, and 22 characters of its signature (132 bits, base64url). */
export const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{22}$/;
const SIGNATURE_CHARS = 22;

export interface ConversationIds {
  /** A new conversation's id. */
  issue(): string;
  /** Whether `id` was issued with this secret. */
  isIssued(id: string): boolean;
}

/** Issues and checks ids with `secret`; without one, a random secret of this process (ids then last as long as it does). */
export function createConversationIds(secret: string = randomBytes(32).toString('hex')): ConversationIds {
  const sign = (uuid: string) => createHmac('sha256', secret).update(uuid).digest('base64url').slice(0, SIGNATURE_CHARS);
  return {
    issue() {
      const uuid = randomUUID();
      return `${uuid}.${sign(uuid)}`;
    },
    isIssued(id) {
      if (!CONVERSATION_ID.test(id)) return false;
      const [uuid = '', signature = ''] = id.split('.');
      return timingSafeEqual(Buffer.from(signature), Buffer.from(sign(uuid)));
    },
  };
}
