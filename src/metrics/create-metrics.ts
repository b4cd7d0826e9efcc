// One set of metrics for the process, on its own registry: never prom-client's global one, so two
// sets (in tests, or two bots in one process) never collide over a metric name.
import { collectDefaultMetrics, Registry } from 'prom-client';
import { boundedLabel, PLATFORM_METHOD_PATTERN, STORE_OPERATION_PATTERN } from './bounded-labels.ts';
import { createConciergeListeners, subscribeToConcierge, type ObservedConcierge } from './concierge-listeners.ts';
import { CONNECTION_OPERATION, createInstruments } from './instruments.ts';

/** The platforms whose API errors are counted. */
export type Platform = 'telegram' | 'slack';
const PLATFORMS: readonly Platform[] = ['telegram', 'slack'];

/** How the metrics are named and what they include. */
export interface MetricsOptions {
  /** Starts every metric name of this project; `spa_concierge_` unless given. */
  prefix?: string;
  /** Whether to add the process metrics (memory, CPU, event loop lag, GC); true unless given. */
  collectDefaults?: boolean;
  /** The intent names that may appear as a label (from `intents/`); others are counted as `other`. */
  intents?: Iterable<string>;
}

/** The process's metrics: what to subscribe, what to count, and the text to expose. */
export interface Metrics {
  readonly registry: Registry;
  /** The content type of `text()`: Prometheus's text format. */
  readonly contentType: string;
  /** Counts the concierge's turns, bookings and hand-overs; returns a function that stops counting. */
  observeConcierge(concierge: ObservedConcierge): () => void;
  /** Counts an error from the store (Redis); `connection` (the client's own error event) unless named. */
  storeError(operation?: string): void;
  /** Counts a failed call to a platform API; a method name of an unexpected shape is counted as `other`. */
  platformError(platform: Platform, method: string): void;
  /** Every metric in Prometheus's text exposition format. */
  text(): Promise<string>;
}

export const DEFAULT_PREFIX = 'spa_concierge_';

/** Creates the metrics on a registry of their own. */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const instruments = createInstruments(registry, options.prefix ?? DEFAULT_PREFIX);
  // The process metrics keep their standard names (process_*, nodejs_*), which ready-made
  // Node.js dashboards and alerts expect.
  if (options.collectDefaults ?? true) collectDefaultMetrics({ register: registry });
  const listeners = createConciergeListeners(instruments, options.intents);
  const platformLabel = boundedLabel({ known: PLATFORMS });
  const methodLabel = boundedLabel({ pattern: PLATFORM_METHOD_PATTERN });
  const operationLabel = boundedLabel({ pattern: STORE_OPERATION_PATTERN, known: [CONNECTION_OPERATION] });

  return {
    registry,
    contentType: registry.contentType,
    observeConcierge: (concierge) => subscribeToConcierge(concierge, listeners),
    storeError(operation = CONNECTION_OPERATION) {
      instruments.storeErrors.inc({ operation: operationLabel(operation) });
    },
    platformError(platform, method) {
      instruments.platformErrors.inc({ platform: platformLabel(platform), method: methodLabel(method) });
    },
    text: () => registry.metrics(),
  };
}
