import { cleanInput } from './input.ts';
import type { ConversationState } from './state.ts';
import type { Turn } from './types.ts';

// What the concierge keeps of a guest's turn: the text for the recent lines, the profile for the state.

/** A guest's text as kept in the recent lines: cleaned like any input. */
export function cleanText(raw: string): string {
  const input = cleanInput(raw);
  return input.kind === 'empty' ? '' : input.text;
}

/** What the channel tells about the guest, capped to what the state schema accepts. */
export function guestProfile(turn: Turn): ConversationState['guest'] {
  const { id, name, language } = turn.guest;
  return {
    id: id.slice(0, 200),
    ...(name ? { name: name.slice(0, 200) } : {}),
    ...(language ? { language: language.slice(0, 35) } : {}),
  };
}
