/**
 * The product's own messages (errors, findings, quality checks, edition footers, pages),
 * through i18next, with resources from locales/<lng>/<namespace>.json: every file there is
 * a namespace. The caller's language is negotiated from Accept-Language among ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import Negotiator from 'negotiator';

const root = new URL('../locales/', import.meta.url).pathname;

export const uiLanguages: readonly string[] = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));

const namespaces = new Set<string>();

function loadResources(): Resource {
  const resources: Resource = {};
  for (const lng of uiLanguages) {
    resources[lng] = {};
    for (const file of readdirSync(join(root, lng)).filter((f) => f.endsWith('.json'))) {
      namespaces.add(file.replace(/\.json$/, ''));
      resources[lng]![file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(root, lng, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;

export function i18n(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    const resources = loadResources();
    void instance.init({
      resources,
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...uiLanguages],
      ns: [...namespaces],
      defaultNS: 'errors',
      initAsync: false,
      interpolation: { escapeValue: false },
      missingInterpolationHandler: () => '…',
    });
  }
  return instance;
}

/** The best of our languages for an Accept-Language header (English when none fits). */
export function negotiateLanguage(acceptLanguage: string | undefined): string {
  const chosen = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).language([...uiLanguages]);
  return chosen ?? 'en';
}

export function translator(language: string): TFunction {
  return i18n().getFixedT(language);
}
