// Which language a turn is answered in. A guest may ask for one by name ("English please", "tiếng
// Việt") or with its button; a message clearly written in a language the bot speaks switches to it;
// anything that says nothing of a language ("ok", "60", a name, a phone number, a button) keeps the
// conversation's language, or the one the channel reported for the guest, or the spa's default.
import { DEFAULT_LANGUAGE, isLanguage, languageOfTag, type Language } from '../languages.ts';
import type { Understandings } from '../nlu/index.ts';
import type { ConversationState } from './state.ts';
import type { Turn } from './types.ts';

/** The language a turn is answered in, and how it came to be chosen. */
export interface LanguageChoice {
  language: Language;
  /** The guest asked for this language just now (by name or button): tell them it is done. */
  switched: boolean;
  /** The message is in a language the bot does not speak. */
  unspoken: boolean;
}

const LANGUAGE_ACTION = /^l:([a-z]{2})$/;

/** The action of a language's button, e.g. `l:ko`. */
export function languageAction(language: Language): string {
  return `l:${language}`;
}

/** Chooses the language of a turn from the guest's words or button, the conversation and the channel. */
export function chooseLanguage(turn: Turn, text: string | undefined, state: ConversationState, understandings?: Understandings): LanguageChoice {
  const kept = state.language ?? languageOfTag(turn.guest.language) ?? DEFAULT_LANGUAGE;
  if (turn.input.kind === 'action') {
    const asked = LANGUAGE_ACTION.exec(turn.input.action)?.[1];
    return isLanguage(asked) ? { language: asked, switched: true, unspoken: false } : { language: kept, switched: false, unspoken: false };
  }
  if (!understandings || text === undefined) return { language: kept, switched: false, unspoken: false };
  const asked = understandings.askedLanguage(text);
  if (asked) return { language: asked, switched: true, unspoken: false };
  // A name or a phone number or email, as the booking asked: whatever it looks like, not a new language.
  const awaiting = state.booking?.draft?.awaiting;
  if (awaiting === 'name' || awaiting === 'contact') return { language: kept, switched: false, unspoken: false };
  const detected = understandings.detect(text);
  if (detected === 'other') return { language: kept, switched: false, unspoken: true };
  return { language: detected ?? kept, switched: false, unspoken: false };
}
