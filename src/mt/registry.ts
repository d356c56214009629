/**
 * The providers this configuration offers, by id: `pseudo` (development only), `google`
 * (available with standard Google credentials), `deepl` (with DEEPL_AUTH_KEY) and, where
 * configured, `apertium`.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { MtSettings } from './settings.ts';
import { createDeepLProvider } from './deepl/deepl-provider.ts';
import { createGoogleProvider } from './google/google-provider.ts';
import { createLlmProvider } from './llm/llm-provider.ts';
import type { MachineTranslationProvider } from './provider.ts';
import { createPseudoProvider } from './pseudo.ts';
import type { ProviderSet } from './routing.ts';

export function providerSetOf(providers: readonly MachineTranslationProvider[]): ProviderSet {
  const byId = new Map(providers.map((p) => [p.id, p]));
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
}

export function createProviderSet(config: MtSettings, extra: readonly MachineTranslationProvider[] = []): ProviderSet {
  return providerSetOf([createPseudoProvider(), googleFrom(config), deeplFrom(config), llmFrom(config), ...extra]);
}

function googleFrom(config: MtSettings): MachineTranslationProvider {
  const { keyFile, metadata } = config.google;
  const hasKey = keyFile !== undefined && existsSync(keyFile);
  return createGoogleProvider({
    projectId: config.google.projectId ?? (hasKey ? projectOfKey(keyFile) : undefined),
    location: config.google.location,
    ...(config.google.endpoint ? { endpoint: config.google.endpoint } : {}),
    credentials: hasKey ? 'key-file' : metadata ? 'metadata' : undefined,
    glossaries: config.google.glossaries,
    timeoutMs: config.mtTimeoutMs,
    concurrency: config.google.concurrency,
  });
}

function deeplFrom(config: MtSettings): MachineTranslationProvider {
  const { authKey, serverUrl, formality, concurrency } = config.deepl;
  return createDeepLProvider({ authKey, ...(serverUrl ? { serverUrl } : {}), formality, timeoutMs: config.mtTimeoutMs, concurrency });
}

function llmFrom(config: MtSettings): MachineTranslationProvider {
  const { baseURL, model, apiKey, batchSize, concurrency } = config.llm;
  return createLlmProvider({ baseURL, model, apiKey, timeoutMs: config.mtTimeoutMs, batchSize, concurrency });
}

function projectOfKey(file: string): string | undefined {
  try {
    const id = (JSON.parse(readFileSync(file, 'utf8')) as { project_id?: unknown }).project_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
