// Choice actions travel through channels (Telegram callback_data is limited to 64 bytes) and
// come back untrusted, so they are short, plain and parsed strictly.

/** What a chosen action asks for. */
export type ParsedAction =
  | { kind: 'intent'; intent: string }
  | { kind: 'walkthrough'; id: string; step: number }
  | { kind: 'invalid' };

/** The action for picking an intent, e.g. `i:faq.duration`. */
export function intentAction(intent: string): string {
  return `i:${intent}`;
}

/** The action for showing one step of a walk-through, e.g. `w:preparation:1`. */
export function walkthroughAction(id: string, step: number): string {
  return `w:${id}:${step}`;
}

const INTENT = /^i:([a-z][a-z_]*(?:\.[a-z][a-z_]*)?)$/;
const WALKTHROUGH = /^w:([a-z][a-z_]*):(\d{1,2})$/;

/** Parses an action string a channel passed back; anything malformed is `invalid`. */
export function parseAction(action: string): ParsedAction {
  if (action.length > 64) return { kind: 'invalid' };
  const intent = INTENT.exec(action);
  if (intent) return { kind: 'intent', intent: intent[1] as string };
  const walk = WALKTHROUGH.exec(action);
  if (walk) return { kind: 'walkthrough', id: walk[1] as string, step: Number(walk[2]) };
  return { kind: 'invalid' };
}
