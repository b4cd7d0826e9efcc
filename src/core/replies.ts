import { LANGUAGES, LANGUAGE_NAMES } from '../languages.ts';
import { languageAction } from './language-choice.ts';
import { fillTemplate, placeholdersIn, spaFacts, type Content } from '../content/index.ts';
import { intentAction, walkthroughAction } from './actions.ts';
import type { Choice, Reply } from './types.ts';

/** Builds the bot's replies from content/: topics, walk-throughs, menus and messages. */
export function createReplyBuilder(content: Content) {
  const { knowledge, walkthroughs, messages, health, questions } = content;
  const facts = spaFacts(content);
  const factValues = Object.fromEntries(Object.entries(facts).map(([k, f]) => [k, f.value]));
  const messageValues = { ...factValues, spa_name: content.spa.name };
  const alwaysAdvise = new Set(health.always_advise);

  const labelOf = (id: string): string | undefined =>
    knowledge.topics[id]?.label ?? walkthroughs[id]?.label ?? (messages.labels as Record<string, string>)[id];

  const choices = (ids: readonly string[]): Choice[] =>
    ids.flatMap((id) => {
      const label = labelOf(id);
      return label ? [{ label, action: intentAction(id) }] : [];
    });

  // Say so whenever a sentence shows a value the spa has not confirmed.
  const usesSample = (template: string) => placeholdersIn(template).some((name) => facts[name]?.sample);

  /** A message from messages.yaml with its placeholders filled (and the sample note when it shows sample details). */
  const say = (key: Exclude<keyof typeof messages, 'labels' | 'spa_facts'>, values: Record<string, string | number> = {}): string => {
    const filled = fillTemplate(messages[key], { ...messageValues, ...values });
    return usesSample(messages[key]) ? `${filled}\n\n${messages.sample_notice}` : filled;
  };

  const menuChoices = () => choices(knowledge.menu);

  /** Buttons for answers the guest may have meant: a precise question by its topic's label, each label once. */
  const choicesFor = (ids: readonly string[]): Choice[] => {
    const shown = ids.map((id) => questions[id]?.topic ?? id).filter((id) => labelOf(id) !== undefined);
    return choices([...new Set(shown)].filter((id) => id !== 'person' && id !== 'help'));
  };

  return {
    say,
    choices,
    choicesFor,
    hasTopic: (id: string) => id in knowledge.topics,
    hasQuestion: (id: string) => id in questions,
    hasWalkthrough: (id: string) => id in walkthroughs,

    /** The main menu, under a short prompt. */
    menu(): Reply {
      return { text: say('menu_prompt'), choices: menuChoices() };
    },

    /** A message with a button for each language the bot speaks, each named in its own language. */
    withLanguages(text: string): Reply {
      return { text, choices: LANGUAGES.map((language) => ({ label: LANGUAGE_NAMES[language].own, action: languageAction(language) })) };
    },

    /** A single message with the menu as its choices. */
    withMenu(text: string): Reply {
      return { text, choices: menuChoices() };
    },

    /** The answer for a topic, with its follow-up choices; health advice added when asked for. */
    topic(id: string, options: { advise: boolean }): Reply {
      const topic = knowledge.topics[id];
      if (!topic) throw new Error(`no topic "${id}"`);
      const parts = [fillTemplate(topic.text, factValues)];
      if (options.advise || alwaysAdvise.has(id)) parts.push(health.advice);
      if (usesSample(topic.text)) parts.push(messages.sample_notice);
      return { text: parts.join('\n\n'), choices: choices([...topic.follow_ups, 'help']) };
    },

    /**
     * The precise answer to one question, with its broader topic offered after it; where the article
     * says nothing, a person is offered too.
     */
    question(id: string, options: { advise: boolean }): Reply {
      const question = questions[id];
      if (!question) throw new Error(`no question "${id}"`);
      const parts = [fillTemplate(question.text, factValues)];
      if (options.advise) parts.push(health.advice);
      if (usesSample(question.text)) parts.push(messages.sample_notice);
      const offered = question.from === 'none' && question.topic !== 'person' ? [question.topic, 'person'] : [question.topic];
      return { text: parts.join('\n\n'), choices: choices([...offered, 'help']) };
    },

    /** The health topic plus advice, for a message that mentions a health matter but asks nothing else we know. */
    healthAdvice(): Reply {
      return this.topic('health', { advise: true });
    },

    /** One step of a walk-through (0-based); the last step ends with the outro and follow-ups. */
    walkthroughStep(id: string, step: number): Reply | undefined {
      const walk = walkthroughs[id];
      const current = walk?.steps[step];
      if (!walk || !current) return undefined;
      const total = walk.steps.length;
      const header = say('walkthrough_step', { n: step + 1, total, title: current.title });
      const parts = [step === 0 ? walk.intro : undefined, `${header}\n${current.text}`];
      if (step === total - 1) {
        parts.push(walk.outro);
        return { text: parts.filter(Boolean).join('\n\n'), choices: choices([...walk.follow_ups, 'help']) };
      }
      return {
        text: parts.filter(Boolean).join('\n\n'),
        choices: [{ label: messages.walkthrough_next, action: walkthroughAction(id, step + 1) }, ...choices(['help'])],
      };
    },

    /** An answer given in the middle of a walk-through, with a button to go on from where the guest was. */
    withResume(reply: Reply, at: { id: string; step: number }): Reply {
      const total = walkthroughs[at.id]?.steps.length ?? 0;
      if (at.step + 1 >= total) return reply;
      const resume = { label: say('walkthrough_resume', { n: at.step + 2, total }), action: walkthroughAction(at.id, at.step + 1) };
      return { ...reply, choices: [resume, ...(reply.choices ?? [])] };
    },

    /** How many steps a walk-through has (0 when there is no such walk-through). */
    walkthroughLength(id: string): number {
      return walkthroughs[id]?.steps.length ?? 0;
    },
  };
}

export type ReplyBuilder = ReturnType<typeof createReplyBuilder>;
