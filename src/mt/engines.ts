/**
 * The machine-translation engines of a running process: the provider set, with Apertium's
 * APy started on 127.0.0.1 where it is installed (EDITIONS_APERTIUM=auto) or reached at a
 * configured URL, and a description of who serves what for the start-up log.
 */
import type { MtSettings } from './settings.ts';
import { createApertiumProvider } from './apertium/apertium-provider.ts';
import { apyInstalled, startApy } from './apertium/apy-server.ts';
import type { MachineTranslationProvider } from './provider.ts';
import { createProviderSet } from './registry.ts';
import { defaultChain, type ProviderSet } from './routing.ts';

export interface Engines {
  providers: ProviderSet;
  /** Lines for the log: which engine serves which locales, and the routes. */
  describe(sourceLocale?: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startEngines(config: MtSettings): Promise<Engines> {
  const extra: MachineTranslationProvider[] = [];
  let stopApy = async () => {};
  let apyNote = 'off';
  if (config.apertium !== 'off') {
    let url: string | undefined = config.apertium === 'auto' ? undefined : config.apertium;
    if (!url && apyInstalled()) {
      try {
        const apy = await startApy();
        url = apy.url;
        stopApy = apy.stop;
        apyNote = `APy started on ${apy.url} (pid ${apy.pid})`;
      } catch (error) {
        apyNote = `APy failed to start: ${(error as Error).message}`;
      }
    } else if (!url) {
      apyNote = 'not installed';
    } else {
      apyNote = `APy at ${url}`;
    }
    if (url) {
      const apertium = createApertiumProvider({ url, timeoutMs: config.mtTimeoutMs });
      await apertium.availability();
      extra.push(apertium);
    }
  }
  const providers = createProviderSet(config, extra);
  return {
    providers,
    async describe(sourceLocale = 'en') {
      const lines: string[] = [];
      for (const p of providers.all()) {
        const a = await p.availability();
        if (p.development) lines.push(`${p.id}: development and tests only, used when asked for by name`);
        else if (!a.available) lines.push(`${p.id}: unavailable (${a.reason})`);
        else if (p.id === 'apertium') {
          const targets = ['es', 'ca', 'gl', 'eo', 'hr', 'sr', 'bs', 'pt', 'fr', 'it', 'oc', 'eu'].filter((t) => p.supports(sourceLocale, t));
          lines.push(`${p.id}: ${sourceLocale} → ${targets.join(', ') || 'nothing'} (${apyNote})`);
        } else if (p.id === 'llm') {
          lines.push(`llm: ${sourceLocale} → every language it serves (model ${config.llm.model} at ${config.llm.baseURL ?? "OpenAI's API"})`);
        } else if (p.usage) {
          // The account's use this period where the engine reports it (DeepL's /v2/usage).
          const usage = await p.usage().then(
            (u) => `${u.used.toLocaleString('en')}${u.limit !== null ? ` of ${u.limit.toLocaleString('en')}` : ''} ${u.unit} used this billing period`,
            (error: unknown) => `usage unknown: ${(error as Error).message}`,
          );
          lines.push(`${p.id}: ${sourceLocale} → every language it serves (${usage})`);
        } else lines.push(`${p.id}: ${sourceLocale} → every language it serves`);
      }
      if (!providers.get('apertium')) lines.push(`apertium: ${apyNote}`);
      const routes = [...config.routes].map(([locale, chain]) => `${locale}=${chain.join('|')}`);
      lines.push(`routes: ${routes.length > 0 ? routes.join(', ') : `none configured: ${await defaultOrder(providers)}`}`);
      return lines;
    },
    stop: () => stopApy(),
  };
}

/**
 * The order routing tries engines in when no route is configured (routing.ts's defaultChain),
 * naming the engines that are available: `apertium where it serves the pair, else deepl where it serves the pair, else people`.
 */
async function defaultOrder(providers: ProviderSet): Promise<string> {
  const order: string[] = [];
  for (const id of defaultChain(providers)) {
    const p = providers.get(id)!;
    if (!(await p.availability()).available) continue;
    order.push(`${id} where it serves the pair`);
  }
  return [...order, 'people'].join(', else ');
}
