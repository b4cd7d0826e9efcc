// Understanding guest text: intents trained from intents/, language, and entities.

// Intents
export { loadIntentDefinitions, loadVocabulary, type IntentDefinition } from './intent-definitions.ts';
export { createNormaliser, type Normaliser, type Vocabulary } from './normalise.ts';
export { trainIntentClassifier, trainIntentModel, loadIntentClassifier, withStandIns, PREPARED_TEXTS_KEPT, type IntentClassifier, type IntentGuess, type ClassifierOptions } from './intent-classifier.ts';
export { createUnderstanding, type Understanding, type UnderstandingOptions, type Interpretation, type InterpretOptions } from './understanding.ts';
export { loadOrTrainClassifier, modelFileName, type ModelSource } from './model-cache.ts';

// Language
export { createLanguageCheck, type LanguageCheck } from './language.ts';
export { loadUnderstandings, intentsDirOf, type Understandings, type UnderstandingsOptions } from './understandings.ts';
export { createLanguageDetector, type DetectedLanguage } from './language-detection.ts';
export { foldVietnamese } from './languages/index.ts';

// Entities: dates and times, durations, contact details
export * from './entities.ts';

// The booking conversation's answers
export { cleanName } from './booking/typed-answers.ts';
export { createBookingReader, type BookingReader, type LooseTime, type NamedTherapist, type NameAnswer } from './booking/index.ts';

// What staff type after a command
export { splitAvailabilityRequest, namedWeek, readGuestQuery, guestMatches, readDeskBooking, readTypedReference, readTimeOffLine, type NamedWeek, type GuestQuery, type DeskBookingLine, type TimeOffLine } from './staff-requests.ts';

// A message without what says who the guest is, for reports
export { sameWordsKey, withoutPersonalDetails } from './redact.ts';

// Health matters in a message
export { createHealthCheck } from './health-mentions.ts';
