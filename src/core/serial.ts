/**
 * Runs tasks one after another per key, and tasks of different keys concurrently,
 * so two messages of one conversation never race over its state.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();

  return {
    /** Runs `task` after every earlier task with the same key has settled. */
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // Forget the key once its queue drains, so idle conversations hold no memory.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}

export type KeyedQueue = ReturnType<typeof createKeyedQueue>;
