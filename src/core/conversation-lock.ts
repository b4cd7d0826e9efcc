/**
 * Serialises the handling of one conversation across bot instances: with several instances behind
 * one webhook, two messages of a chat may reach two processes at once. Implemented in src/store
 * (Redis); a single process needs none (the concierge's own queue orders its messages).
 */
export interface ConversationLock {
  /** Runs `task` while holding the conversation's lock; waits (briefly) for another holder to finish. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}
