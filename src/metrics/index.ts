// Prometheus metrics: what the concierge announces, store and platform errors, the process itself.

// Creating them
export { createMetrics, DEFAULT_PREFIX, type Metrics, type MetricsOptions, type Platform } from './create-metrics.ts';

// What they count, and how label values are kept few
export { INTENT_LABELS, type ObservedConcierge } from './concierge-listeners.ts';
export { CONFIDENCE_BUCKETS, REPLY_SECONDS_BUCKETS } from './instruments.ts';
export { OTHER } from './bounded-labels.ts';

// Serving them
export { bearerTokenCheck, registerMetricsRoute, type MetricsRouteOptions } from './metrics-route.ts';
