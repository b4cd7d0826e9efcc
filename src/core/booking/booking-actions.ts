// Button actions of the booking conversations. Like every action they come back untrusted,
// so each is short (Telegram allows 64 bytes) and parsed strictly.

/** What a booking button asks for. */
export type BookingAction =
  | { kind: 'duration'; minutes: number }
  | { kind: 'day'; day: string }
  | { kind: 'at'; start: Date }
  | { kind: 'therapist'; id: string }
  | { kind: 'pressure'; pressure: 'light' | 'medium' | 'firm' }
  | { kind: 'no-health' }
  | { kind: 'use-name' }
  | { kind: 'confirm'; key: string }
  | { kind: 'stop' }
  | { kind: 'clock' }
  | { kind: 'manage'; action: 'cancel' | 'move'; ref: string }
  | { kind: 'manage-yes'; ref: string }
  | { kind: 'manage-no'; ref: string }
  | { kind: 'move-to'; ref: string; start: Date };

/** Builds the action string for a booking button. */
export function bookingAction(action: BookingAction): string {
  switch (action.kind) {
    case 'duration':
      return `b:dur:${action.minutes}`;
    case 'day':
      return `b:day:${action.day}`;
    case 'at':
      return `b:at:${action.start.toISOString().slice(0, 16)}`;
    case 'therapist':
      return `b:th:${action.id}`;
    case 'pressure':
      return `b:pr:${action.pressure}`;
    case 'no-health':
      return 'b:nohealth';
    case 'use-name':
      return 'b:usename';
    case 'confirm':
      return `b:ok:${action.key}`;
    case 'stop':
      return 'b:stop';
    case 'clock':
      return 'b:clock';
    case 'manage':
      return `m:${action.action}:${action.ref}`;
    case 'manage-yes':
      return `m:yes:${action.ref}`;
    case 'manage-no':
      return `m:no:${action.ref}`;
    case 'move-to':
      return `m:to:${action.ref}:${action.start.toISOString().slice(0, 16)}`;
  }
}

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => BookingAction | undefined]> = [
  [/^b:dur:(\d{1,3})$/, (m) => ({ kind: 'duration', minutes: Number(m[1]) })],
  [/^b:day:(\d{4}-\d\d-\d\d)$/, (m) => ({ kind: 'day', day: m[1]! })],
  [
    /^b:at:(\d{4}-\d\d-\d\dT\d\d:\d\d)$/,
    (m) => {
      const start = new Date(`${m[1]}:00Z`);
      return Number.isNaN(start.getTime()) ? undefined : { kind: 'at', start };
    },
  ],
  [/^b:th:([a-z][a-z0-9-]{0,20})$/, (m) => ({ kind: 'therapist', id: m[1]! })],
  [/^b:pr:(light|medium|firm)$/, (m) => ({ kind: 'pressure', pressure: m[1] as 'light' | 'medium' | 'firm' })],
  [/^b:nohealth$/, () => ({ kind: 'no-health' })],
  [/^b:usename$/, () => ({ kind: 'use-name' })],
  [/^b:ok:([a-z0-9]{6,16})$/, (m) => ({ kind: 'confirm', key: m[1]! })],
  [/^b:stop$/, () => ({ kind: 'stop' })],
  [/^b:clock$/, () => ({ kind: 'clock' })],
  [/^m:(cancel|move):(LS-[A-Z0-9]{4})$/, (m) => ({ kind: 'manage', action: m[1] as 'cancel' | 'move', ref: m[2]! })],
  [/^m:yes:(LS-[A-Z0-9]{4})$/, (m) => ({ kind: 'manage-yes', ref: m[1]! })],
  [/^m:no:(LS-[A-Z0-9]{4})$/, (m) => ({ kind: 'manage-no', ref: m[1]! })],
  [
    /^m:to:(LS-[A-Z0-9]{4}):(\d{4}-\d\d-\d\dT\d\d:\d\d)$/,
    (m) => {
      const start = new Date(`${m[2]}:00Z`);
      return Number.isNaN(start.getTime()) ? undefined : { kind: 'move-to', ref: m[1]!, start };
    },
  ],
];

/** Parses a booking action; undefined when the string is not one (or is malformed). */
export function parseBookingAction(action: string): BookingAction | undefined {
  if (action.length > 64) return undefined;
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(action);
    if (match) return build(match);
  }
  return undefined;
}
