// Loading and validating the spa's content/ folder.

// Loading
export { loadContent, readYaml, BUILT_IN_INTENTS } from './load.ts';

// Shapes
export type { Content, SpaSettings, Knowledge, Walkthroughs, HealthContent, Messages, BookingTexts, HandoverTexts, ReminderTexts } from './schema.ts';

// Using content
export { spaFacts, type SpaFact } from './spa-facts.ts';
export { fillTemplate, placeholdersIn } from './template.ts';
