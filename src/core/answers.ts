import type { Content } from '../content/index.ts';
import type { ReplyBuilder } from './replies.ts';
import type { ConversationState } from './state.ts';
import type { Reply } from './types.ts';

// Intents with no answer about the guest's health: said beside a health matter, the health answer replaces theirs.
const NO_HEALTH_ANSWER = new Set(['greeting', 'thanks', 'goodbye', 'out_of_scope', 'stop']);

/** Replies and the state to keep after them. */
export type Outcome = { replies: Reply[]; state: ConversationState };

/** The answers that need no booking store: topics, walk-throughs, greetings, fallbacks. */
export function createAnswers(content: Content, replies: ReplyBuilder) {
  function startWalkthrough(id: string, step: number, state: ConversationState, advise = false): Outcome {
    const reply = replies.walkthroughStep(id, step);
    // A step that no longer exists (content changed under a live conversation) ends the walk-through.
    if (!reply) return { replies: [replies.withMenu(replies.say('unknown_choice'))], state: { ...state, walkthrough: undefined } };
    const last = step >= replies.walkthroughLength(id) - 1;
    const list = advise ? [{ text: content.health.advice }, reply] : [reply];
    return { replies: list, state: { ...state, misses: 0, walkthrough: last ? undefined : { id, step } } };
  }

  return {
    startWalkthrough,

    /** The replies for an intent the guest asked for, by typing or by a button. */
    answerIntent(intent: string, state: ConversationState, advise: boolean): Outcome {
      const next: ConversationState = { ...state, misses: 0, walkthrough: undefined };
      if (replies.hasTopic(intent) || replies.hasQuestion(intent)) {
        // A question in the middle of a walk-through: answered, and the walk-through waits ("next" goes on).
        const reply = replies.hasTopic(intent) ? replies.topic(intent, { advise }) : replies.question(intent, { advise });
        const walk = state.walkthrough;
        return walk ? { replies: [replies.withResume(reply, walk)], state: { ...next, walkthrough: { ...walk, aside: true } } } : { replies: [reply], state: next };
      }
      if (replies.hasWalkthrough(intent)) return startWalkthrough(intent, 0, next, advise);
      const out = (list: Reply[]): Outcome => ({ replies: advise ? [{ text: content.health.advice }, ...list] : list, state: next });
      // A health matter said with a greeting, thanks or goodbye ("thanks! oh and I'm pregnant"), or with
      // nothing the bot covers, gets the health answer: a bare "take care" would leave it unanswered.
      if (advise && NO_HEALTH_ANSWER.has(intent)) return { replies: [replies.healthAdvice()], state: next };
      switch (intent) {
        case 'greeting':
          return out([{ text: replies.say('greeting') }, replies.menu()]);
        case 'help':
          return out([replies.withMenu(replies.say('help'))]);
        case 'thanks':
          return out([replies.withMenu(replies.say('thanks'))]);
        case 'goodbye':
          return out([{ text: replies.say('goodbye') }]);
        case 'person':
          return out([{ text: replies.say('person'), choices: replies.choices(['help']) }]);
        case 'out_of_scope':
          return out([replies.withMenu(replies.say('out_of_scope'))]);
        case 'stop':
          return out([replies.withMenu(replies.say('stop'))]);
        case 'language':
          return out([replies.withLanguages(replies.say('choose_language'))]);
        case 'booking.start':
        case 'booking.availability':
        case 'booking.mine':
        case 'booking.cancel':
        case 'booking.reschedule':
          // Only without a booking store: say how to book instead.
          return out([{ text: replies.say('booking_unavailable'), choices: replies.choices(['person', 'help']) }]);
        default:
          return { replies: [replies.withMenu(replies.say('unknown_choice'))], state: next };
      }
    },

    /**
     * The fallback: what the message might have meant as choices when there are guesses (else the menu)
     * the first time, a person more directly the second time in a row.
     */
    didNotUnderstand(state: ConversationState, advise: boolean, near: readonly string[] = []): Outcome {
      if (advise) return { replies: [replies.healthAdvice()], state: { ...state, misses: 0, walkthrough: undefined } };
      const misses = state.misses + 1;
      const guesses = replies.choicesFor(near);
      const reply: Reply =
        misses >= 2
          ? { text: replies.say('fallback_again'), choices: replies.choices(['person', 'help']) }
          : guesses.length > 0
            ? { text: replies.say('fallback_suggest'), choices: [...guesses, ...replies.choices(['person', 'help'])] }
            : replies.withMenu(replies.say('fallback'));
      return { replies: [reply], state: { ...state, misses, walkthrough: undefined } };
    },
  };
}

export type Answers = ReturnType<typeof createAnswers>;
