// Type declarations for the parts of NLP.js this project uses (the packages ship none).

declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(settings?: object): Container;
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}

declare module '@nlpjs/language-min' {
  export class Language {
    guess(utterance: string, allowList?: string[] | null, limit?: number): Array<{ alpha3: string; alpha2: string; language: string; score: number }>;
  }
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpResult {
    intent: string;
    score: number;
    classifications: NlpClassification[];
  }
  export class Nlp {
    constructor(settings?: object, container?: Container);
    container: Container;
    settings: Record<string, unknown>;
    nluManager: {
      process(locale: string, utterance: string, domain?: string, settings?: object): Promise<NlpResult>;
    };
    use(plugin: unknown): void;
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
}
