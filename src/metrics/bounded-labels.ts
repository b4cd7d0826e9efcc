// Every label value becomes a time series of its own, kept by Prometheus for weeks. A value that
// comes from outside (a method name from a platform library, an intent from a classifier) is let
// through only when it is one of a known few; anything else is counted under `other`.

/** The label value everything unexpected is counted under. */
export const OTHER = 'other';

/** What a label may hold. */
export interface LabelBounds {
  /** The values that always pass. Given alone, nothing else does. */
  known?: Iterable<string>;
  /** Values of this shape pass too, up to `maxDistinct` different ones. */
  pattern?: RegExp;
  /** How many different values matching `pattern` are let through before the rest become `other`. */
  maxDistinct?: number;
}

const DEFAULT_MAX_DISTINCT = 100;

/** Returns a function that maps any value to itself when it is allowed, else to `other`. */
export function boundedLabel(bounds: LabelBounds): (value: string) => string {
  const known = new Set(bounds.known ?? []);
  const admitted = new Set<string>();
  const maxDistinct = bounds.maxDistinct ?? DEFAULT_MAX_DISTINCT;
  return (value) => {
    if (known.has(value) || admitted.has(value)) return value;
    if (!bounds.pattern?.test(value) || admitted.size >= maxDistinct) return OTHER;
    admitted.add(value);
    return value;
  };
}

/** Bot API methods (`sendMessage`) and Slack Web API methods (`chat.postMessage`). */
export const PLATFORM_METHOD_PATTERN = /^[a-zA-Z.]{1,40}$/;

/** Names of the store operations callers report (`connection`, `bookings.confirm`). */
export const STORE_OPERATION_PATTERN = /^[a-zA-Z._]{1,40}$/;

/** The shape of an intent name in `intents/` (`greeting`, `faq.duration`). */
export const INTENT_NAME_PATTERN = /^[a-z][a-z_]*(\.[a-z][a-z_]*)?$/;
