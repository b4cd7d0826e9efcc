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


declare module '@nlpjs/lang-ru' {
  export const LangRu: unknown;
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export class Nlp {
    constructor(settings?: object, container?: Container);
    container: Container;
    settings: Record<string, unknown>;
    /** Holds the trained domains, read through src/nlu/nlpjs-model.ts. */
    nluManager: unknown;
    use(plugin: unknown): void;
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    /** The trained model as JSON. */
    export(minified?: boolean): string;
    /** Loads a model exported by `export`. */
    import(data: string | object): void;
  }
}
