// Loading and validating the spa's content/ folder.

// Loading
export { loadContent, loadContentSet, readYaml, readYamlIn, BUILT_IN_INTENTS } from './load.ts';

// Shapes
export type { Content, ContentSet, SpaSettings, Knowledge, Walkthroughs, HealthContent, Messages, BookingTexts, HandoverTexts, ReminderTexts } from './schema.ts';

// Using content
export { sampleParts, servicePrice, spaCity, spaFacts, type SpaFact } from './spa-facts.ts';
export { fillTemplate, placeholdersIn, shortened } from './template.ts';
export { dateLocale } from './date-locale.ts';
export { isKnownTimeZone, withClocks } from './two-clocks.ts';
