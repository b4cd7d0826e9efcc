/** Where dialogue state lives: implemented in src/store (memory and Redis). */
export interface ConversationStore {
  /** Returns the stored value, or undefined when there is none (or it expired). */
  read(key: string): Promise<unknown>;
  /** Stores the value, replacing any previous one; it expires after `ttlSeconds`. */
  write(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Forgets the value. */
  delete(key: string): Promise<void>;
}
