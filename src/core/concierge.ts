import { BUILT_IN_INTENTS, type Content } from '../content/index.ts';
import type { Understanding } from '../nlu/index.ts';
import { parseAction } from './actions.ts';
import { describeBookingRequest } from './booking-request.ts';
import type { ConversationStore } from './conversation-store.ts';
import { createHealthCheck } from './health.ts';
import { cleanInput } from './input.ts';
import { silentLogger, type Logger } from './logger.ts';
import { createReplyBuilder } from './replies.ts';
import { createKeyedQueue } from './serial.ts';
import {
  conversationKey,
  conversationStateSchema,
  newConversationState,
  type ConversationState,
} from './state.ts';
import type { Reply, Turn } from './types.ts';

/** What the concierge is built from; everything with a side effect is passed in. */
export interface ConciergeDeps {
  content: Content;
  understanding: Understanding;
  store: ConversationStore;
  /** Seconds a conversation's state lives after its last message. */
  stateTtlSeconds: number;
  /** Below this classifier score the bot says it did not understand instead of guessing. */
  confidenceThreshold: number;
  now?: () => Date;
  logger?: Logger;
}

/** The channel-neutral bot: a Turn in, the replies out. */
export interface Concierge {
  handle(turn: Turn): Promise<Reply[]>;
  /** The kind reply for a failure the channel caught while handling a turn. */
  errorReplies(): Reply[];
}

// Words that move a walk-through on when typed instead of pressing "Next".
const NEXT_WORDS = /^(next|ok(ay)?|continue|go on|more|yes|yep|yeah|sure|go ahead|and then|then what|what next|got it)\W*$/i;

type Outcome = { replies: Reply[]; state: ConversationState };

/** Creates the concierge over the spa's content, an understanding of guest text and a state store. */
export function createConcierge(deps: ConciergeDeps): Concierge {
  const { content, understanding, store } = deps;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? silentLogger;
  const replies = createReplyBuilder(content);
  const mentionsHealth = createHealthCheck(content.health);
  const queue = createKeyedQueue();
  const builtIns = new Set<string>(BUILT_IN_INTENTS);

  const isKnownIntent = (id: string) => builtIns.has(id) || replies.hasTopic(id) || replies.hasWalkthrough(id);

  async function loadState(key: string, turn: Turn): Promise<{ state: ConversationState; reset: boolean }> {
    const stored = await store.read(key);
    if (stored === undefined) return { state: newConversationState(turn, now()), reset: false };
    const parsed = conversationStateSchema.safeParse(stored);
    if (parsed.success) return { state: parsed.data, reset: false };
    logger.warn({ key, issues: parsed.error.issues.length }, 'conversation state did not validate; starting over');
    return { state: newConversationState(turn, now()), reset: true };
  }

  /** The replies for an intent the guest asked for, by typing or by a button. */
  function answerIntent(intent: string, state: ConversationState, advise: boolean, text?: string): Outcome {
    const next: ConversationState = { ...state, misses: 0, lastIntent: intent, walkthrough: undefined };
    if (replies.hasTopic(intent)) return { replies: [replies.topic(intent, { advise })], state: next };
    if (replies.hasWalkthrough(intent)) return startWalkthrough(intent, 0, next, advise);
    const out = (list: Reply[]): Outcome => ({
      replies: advise ? [{ text: content.health.advice }, ...list] : list,
      state: next,
    });
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
        if (advise) return { replies: [replies.healthAdvice()], state: next };
        return out([replies.withMenu(replies.say('out_of_scope'))]);
      case 'booking.start':
      case 'booking.availability':
      case 'booking.mine':
      case 'booking.cancel':
      case 'booking.reschedule':
      {
        // Booking itself is not open yet; repeating back what was understood shows the guest it was read right.
        const details = text && describeBookingRequest(text, { now: now(), timeZone: content.spa.time_zone }, content.messages.formats);
        const noted = details ? `${replies.say('booking_noted', { details })}\n\n` : '';
        return out([{ text: noted + replies.say('booking_unavailable'), choices: replies.choices(['person', 'help']) }]);
      }
      default:
        return { replies: [replies.withMenu(replies.say('unknown_choice'))], state: next };
    }
  }

  function startWalkthrough(id: string, step: number, state: ConversationState, advise = false): Outcome {
    const reply = replies.walkthroughStep(id, step);
    if (!reply) return { replies: [replies.withMenu(replies.say('unknown_choice'))], state };
    const last = step >= replies.walkthroughLength(id) - 1;
    const list = advise ? [{ text: content.health.advice }, reply] : [reply];
    return { replies: list, state: { ...state, misses: 0, lastIntent: id, walkthrough: last ? undefined : { id, step } } };
  }

  function didNotUnderstand(state: ConversationState, advise: boolean): Outcome {
    if (advise) return { replies: [replies.healthAdvice()], state: { ...state, misses: 0, walkthrough: undefined } };
    const misses = state.misses + 1;
    const reply: Reply =
      misses >= 2
        ? { text: replies.say('fallback_again'), choices: replies.choices(['person', 'help']) }
        : replies.withMenu(replies.say('fallback'));
    return { replies: [reply], state: { ...state, misses, walkthrough: undefined } };
  }

  async function respondToText(text: string, state: ConversationState, key: string): Promise<Outcome> {
    if (state.walkthrough && NEXT_WORDS.test(text)) {
      return startWalkthrough(state.walkthrough.id, state.walkthrough.step + 1, state);
    }
    const advise = mentionsHealth(text);
    const { language } = understanding;
    if (language.foreignScript(text) || (!advise && language.fewEnglishWords(text))) {
      return { replies: [replies.withMenu(replies.say('other_language'))], state: { ...state, walkthrough: undefined } };
    }
    const guess = await understanding.classify(text);
    logger.debug({ key, intent: guess.intent, score: Number(guess.score.toFixed(3)) }, 'classified');
    if (guess.score < deps.confidenceThreshold || !isKnownIntent(guess.intent)) {
      return didNotUnderstand(state, advise);
    }
    return answerIntent(guess.intent, state, advise, text);
  }

  function respondToAction(action: string, state: ConversationState): Outcome {
    const parsed = parseAction(action);
    if (parsed.kind === 'intent' && isKnownIntent(parsed.intent)) return answerIntent(parsed.intent, state, false);
    if (parsed.kind === 'walkthrough' && parsed.step < replies.walkthroughLength(parsed.id)) {
      return startWalkthrough(parsed.id, parsed.step, state);
    }
    return { replies: [replies.withMenu(replies.say('unknown_choice'))], state };
  }

  async function handleInOrder(turn: Turn, key: string): Promise<Reply[]> {
    const loaded = await loadState(key, turn);
    const state: ConversationState = {
      ...loaded.state,
      guest: { ...loaded.state.guest, ...guestProfile(turn) },
    };
    let outcome: Outcome;
    const notes: Reply[] = loaded.reset ? [{ text: replies.say('state_reset') }] : [];
    if (turn.input.kind === 'action') {
      outcome = respondToAction(turn.input.action, state);
    } else {
      const input = cleanInput(turn.input.text);
      if (input.kind === 'empty') outcome = { replies: [replies.withMenu(replies.say('empty_input'))], state };
      else if (input.kind === 'emoji') outcome = { replies: [replies.withMenu(replies.say('emoji_only'))], state };
      else {
        if (input.truncated) notes.push({ text: replies.say('too_long') });
        outcome = await respondToText(input.text, state, key);
      }
    }
    await store.write(key, { ...outcome.state, updatedAt: now().toISOString() }, deps.stateTtlSeconds);
    return [...notes, ...outcome.replies];
  }

  return {
    handle(turn) {
      const key = conversationKey(turn);
      return queue.run(key, () => handleInOrder(turn, key));
    },
    errorReplies() {
      return [replies.withMenu(replies.say('internal_error'))];
    },
  };
}

/** What the channel tells about the guest, capped to what the state schema accepts. */
function guestProfile(turn: Turn): ConversationState['guest'] {
  const { id, name, language } = turn.guest;
  return {
    id: id.slice(0, 200),
    ...(name ? { name: name.slice(0, 200) } : {}),
    ...(language ? { language: language.slice(0, 35) } : {}),
  };
}
