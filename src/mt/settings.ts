/** What the machine translation engines are configured with (read from the environment by src/config.ts, whose Config includes it). */
import type { Routes } from './routing.ts';

export interface MtSettings {
  /** Target locale → providers in order of preference (see src/mt/routing.ts). */
  routes: Routes;
  mtTimeoutMs: number;
  /** `auto`: start APy on 127.0.0.1 where Apertium is installed; `off`; or the URL of a running APy. */
  apertium: 'auto' | 'off' | string;
  google: {
    /** A service-account key file (the standard GOOGLE_APPLICATION_CREDENTIALS). */
    keyFile: string | undefined;
    projectId: string | undefined;
    location: string;
    endpoint: string | undefined;
    /** Target locale → glossary resource. */
    glossaries: ReadonlyMap<string, string>;
    /** Credentials from the metadata server (on Google Cloud); off by default. */
    metadata: boolean;
    concurrency: number;
  };
  /** DeepL (the `deepl` provider): available with a key; free keys (`…:fx`) reach the free API. */
  deepl: { authKey: string | undefined; serverUrl: string | undefined; formality: 'default' | 'more' | 'less' | 'prefer_more' | 'prefer_less'; concurrency: number };
  /** An OpenAI-compatible chat model (the `llm` provider): available when a model is named. */
  llm: { baseURL: string | undefined; model: string | undefined; apiKey: string | undefined; batchSize: number; concurrency: number };
}
