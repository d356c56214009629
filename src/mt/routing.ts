/**
 * Which provider drafts which locale. Routes come from config as
 * `es=apertium|google,ca=apertium,ar=google,*=google`: per target locale (or its language,
 * or `*`), providers in order of preference; the first that is available and serves the
 * pair wins; `none` means human translation only. `pseudo` is never routed to: it is used
 * only when asked for by name.
 */
import { DomainError } from '../errors.ts';
import { unsupportedPair, type MachineTranslationProvider } from './provider.ts';

export type Routes = ReadonlyMap<string, readonly string[]>;

export function parseRoutes(text: string | undefined): Routes {
  const routes = new Map<string, string[]>();
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [locale, providers] = part.split('=').map((x) => x.trim());
    if (!locale || !providers) throw new DomainError('config_invalid', `Bad route ${JSON.stringify(part)}: write locale=provider|fallback`, { route: part, issues: `EDITIONS_MT_ROUTES: ${part} (write locale=provider|fallback)` });
    routes.set(locale, providers.split('|').map((p) => p.trim()).filter(Boolean));
  }
  return routes;
}

export interface ProviderSet {
  get(id: string): MachineTranslationProvider | undefined;
  all(): MachineTranslationProvider[];
}

export interface Resolution {
  provider: MachineTranslationProvider | null;
  /** Why no provider (or a fallback) was chosen. */
  notes: string[];
}

export async function resolveProvider(
  providers: ProviderSet,
  routes: Routes,
  sourceLocale: string,
  targetLocale: string,
  requested?: string,
): Promise<Resolution> {
  const notes: string[] = [];
  if (requested) {
    const p = providers.get(requested);
    if (!p) throw new DomainError('provider_unknown', `Unknown provider ${JSON.stringify(requested)}`, { provider: requested, known: providers.all().map((x) => x.id) });
    const a = await p.availability();
    if (!a.available) throw new DomainError('provider_unavailable', `${p.id} is not available: ${a.reason}`, { provider: p.id, reason: a.reason });
    if (!p.supports(sourceLocale, targetLocale)) {
      throw unsupportedPair(p.id, sourceLocale, targetLocale);
    }
    return { provider: p, notes };
  }
  const language = targetLocale.split('-')[0]!;
  const chain = routes.get(targetLocale) ?? routes.get(language) ?? routes.get('*') ?? defaultChain(providers);
  for (const id of chain) {
    if (id === 'none') break;
    const p = providers.get(id);
    if (!p || p.development) {
      notes.push(`${id}: ${p ? 'development only' : 'unknown'}`);
      continue;
    }
    const a = await p.availability();
    if (!a.available) {
      notes.push(`${id}: ${a.reason}`);
      continue;
    }
    if (!p.supports(sourceLocale, targetLocale)) {
      notes.push(`${id}: does not serve ${sourceLocale}→${targetLocale}`);
      continue;
    }
    return { provider: p, notes };
  }
  return { provider: null, notes };
}

/** With no routes configured: every real engine in turn (offline Apertium first). */
export function defaultChain(providers: ProviderSet): string[] {
  const ids = providers.all().filter((p) => !p.development).map((p) => p.id);
  return [...ids.filter((id) => id === 'apertium'), ...ids.filter((id) => id !== 'apertium')];
}

/**
 * The engines offered to choose from for a locale (the translate page's menu): those its route
 * names (without a route: every real engine), available and serving the pair, in the route's
 * order; development engines (`pseudo`) only when `development` (EDITIONS_ENV / NODE_ENV).
 */
export async function offeredProviders(
  providers: ProviderSet,
  routes: Routes,
  sourceLocale: string,
  targetLocale: string,
  options: { development: boolean },
): Promise<MachineTranslationProvider[]> {
  const language = targetLocale.split('-')[0]!;
  const chain = routes.get(targetLocale) ?? routes.get(language) ?? routes.get('*') ?? defaultChain(providers);
  const out: MachineTranslationProvider[] = [];
  for (const id of chain) {
    if (id === 'none') break;
    const p = providers.get(id);
    if (!p || p.development || out.includes(p)) continue;
    if (!(await p.availability()).available || !p.supports(sourceLocale, targetLocale)) continue;
    out.push(p);
  }
  if (options.development) for (const p of providers.all()) if (p.development && p.supports(sourceLocale, targetLocale)) out.push(p);
  return out;
}
