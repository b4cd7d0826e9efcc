// The message streams open on this instance, counted per conversation and per client address, so that
// nobody can hold thousands of connections open; and ended together when the server shuts down.
// Counts are per instance: behind a load balancer each instance keeps its own.

/** The most streams open at once for one conversation (a guest's tabs) and one address (a hotel's guests). */
export interface StreamLimits {
  perConversation: number;
  perAddress: number;
}

/** An admitted stream: `onEnd` gives the function that ends it at shutdown, `release` frees its place. */
export interface AdmittedStream {
  onEnd(end: () => void): void;
  release(): void;
}

export type Admission = { kind: 'admitted'; stream: AdmittedStream } | { kind: 'refused'; where: 'in this conversation' | 'from your address' };

/** Counts open streams against `limits`; `closeAll` ends them all and refuses new ones from then on. */
export function createOpenStreams(limits: StreamLimits) {
  const byConversation = new Map<string, number>();
  const byAddress = new Map<string, number>();
  const enders = new Set<() => void>();
  let closing = false;
  const change = (counts: Map<string, number>, key: string, by: number) => {
    const count = (counts.get(key) ?? 0) + by;
    if (count > 0) counts.set(key, count);
    else counts.delete(key);
  };

  return {
    /** Takes a place for a stream of `conversationId` from `address`, or says which limit it is over. */
    admit(conversationId: string, address: string): Admission {
      if ((byConversation.get(conversationId) ?? 0) >= limits.perConversation) return { kind: 'refused', where: 'in this conversation' };
      if ((byAddress.get(address) ?? 0) >= limits.perAddress) return { kind: 'refused', where: 'from your address' };
      change(byConversation, conversationId, 1);
      change(byAddress, address, 1);
      let ender: (() => void) | undefined;
      let released = false;
      return {
        kind: 'admitted',
        stream: {
          onEnd(end) {
            ender = end;
            enders.add(end);
            // Admitted while the server was already stopping: ended at once.
            if (closing) end();
          },
          release() {
            if (released) return;
            released = true;
            if (ender) enders.delete(ender);
            change(byConversation, conversationId, -1);
            change(byAddress, address, -1);
          },
        },
      };
    },
    /** Ends every open stream (at shutdown); streams set up after this end as soon as they start. */
    closeAll() {
      closing = true;
      for (const end of [...enders]) end();
    },
  };
}
