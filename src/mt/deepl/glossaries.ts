/**
 * DeepL glossaries made from the Editions glossary: one per language pair and set of entries,
 * named `editions <source>→<target> <hash>` where the hash is of the entries, so that a changed
 * glossary gets a new DeepL glossary (v2 glossaries cannot be edited) and the previous ones of
 * the pair are deleted. Several instances agree on the name, so they share the glossary; one
 * created meanwhile by another instance is found by listing. Only the pairs DeepL allows
 * (`GET /v2/glossary-language-pairs`) get one.
 */
import { createHash } from 'node:crypto';
import { GlossaryEntries, type LanguageCode, type Translator } from 'deepl-node';

export interface GlossaryEntry {
  source: string;
  target: string;
}

/** Entries DeepL accepts: trimmed, non-empty, no tab or line break, one per source term (the first wins), sorted. */
export function usableEntries(entries: readonly GlossaryEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  const ok = (s: string) => s !== '' && !/[\t\n\r\u2028\u2029\p{Cc}]/u.test(s);
  for (const e of entries) {
    const source = e.source.trim();
    const target = e.target.trim();
    if (ok(source) && ok(target) && !(source in out)) out[source] = target;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function glossaryName(source: string, target: string, entries: Record<string, string>): string {
  const hash = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
  return `${glossaryPrefix(source, target)}${hash}`;
}

function glossaryPrefix(source: string, target: string): string {
  return `editions ${source}→${target} `;
}

export class DeepLGlossaries {
  private pairs: Promise<ReadonlySet<string>> | undefined;
  private readonly byName = new Map<string, Promise<string>>();

  constructor(private readonly translator: () => Translator) {}

  /** Whether DeepL allows a glossary for the pair (primary language codes). */
  async allows(source: string, target: string): Promise<boolean> {
    this.pairs ??= this.translator()
      .getGlossaryLanguagePairs()
      .then((list) => new Set(list.map((p) => `${p.sourceLang.toLowerCase()}>${p.targetLang.toLowerCase()}`)));
    try {
      return (await this.pairs).has(`${source}>${target}`);
    } catch (error) {
      this.pairs = undefined;
      throw error;
    }
  }

  /** The id of the DeepL glossary holding these entries for the pair, created when needed; undefined when there are none or DeepL allows none for the pair. */
  async idFor(source: string, target: string, entries: readonly GlossaryEntry[]): Promise<{ id: string; name: string } | undefined> {
    const usable = usableEntries(entries);
    if (Object.keys(usable).length === 0) return undefined;
    if (!(await this.allows(source, target))) return undefined;
    const name = glossaryName(source, target, usable);
    let id = this.byName.get(name);
    if (!id) {
      id = this.findOrCreate(name, source, target, usable);
      this.byName.set(name, id);
      id.catch(() => this.byName.delete(name));
    }
    return { id: await id, name };
  }

  /** Forgets a glossary DeepL no longer has (deleted by another instance): the next call finds or creates it again. */
  forget(name: string): void {
    this.byName.delete(name);
  }

  private async findOrCreate(name: string, source: string, target: string, entries: Record<string, string>): Promise<string> {
    const client = this.translator();
    const existing = await client.listGlossaries();
    const same = existing.find((g) => g.name === name && g.sourceLang.toLowerCase() === source && g.targetLang.toLowerCase() === target);
    const id = same ? same.glossaryId : (await client.createGlossary(name, source as LanguageCode, target as LanguageCode, new GlossaryEntries({ entries }))).glossaryId;
    // The pair's glossaries of earlier entries are no longer wanted (best effort).
    const stale = existing.filter((g) => g.name.startsWith(glossaryPrefix(source, target)) && g.name !== name);
    await Promise.all(stale.map((g) => client.deleteGlossary(g.glossaryId).catch(() => undefined)));
    return id;
  }
}
