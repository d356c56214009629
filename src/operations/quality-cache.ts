/**
 * Quality findings kept in the process, so that reading a page of a large translation again
 * costs that page, not the whole document (docs/quality-and-publishing.md#findings-kept-in-memory).
 *
 * Every key part is read from the database, so that several service processes on one
 * database each keep a cache that is right for all of them (a write in one process changes
 * what the others read, hence their keys):
 * - the translation's id (it names the statement, the source and target locales);
 * - the source revision's number (revisions never change once written);
 * - the segments' versions at that revision: the sum and count of every version for the
 *   edition findings (translation-tag.ts), the segment's own version for its findings (every
 *   change of a segment's text, state or machine draft raises its version; versions never go
 *   down, so a sum names one state of the locale);
 * - a hash of what the checks read besides: the glossary terms and the locale's link targets
 *   as read, and the front matter keys (a setting, the same for every process of a service).
 * Overrides are not part of it: they are read on every request and applied to the findings
 * after the cache (quality.ts), so an override shows at once.
 *
 * Only what was read outside a write transaction (committed data) is stored: a transaction
 * that rolls back could otherwise leave findings under versions that later name other texts.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { QualityFinding } from '../quality/types.ts';

export interface QualityCacheOptions {
  /** Roughly how many bytes of keys and findings are kept at most (least recently used go first). */
  maxBytes?: number;
}

/** 64 MB: the edition findings of many locales and the segment findings of a few hundred thousand segments. */
export const defaultQualityCacheBytes = 64 * 1024 * 1024;

/** What the checks read besides the segments: hashed into every key. */
export interface QualityInputs {
  glossary: unknown;
  linkTargets: ReadonlyMap<string, string>;
  frontMatterKeys: readonly string[];
}

export function inputsHash(inputs: QualityInputs): string {
  const shown = JSON.stringify([inputs.glossary, [...inputs.linkTargets], inputs.frontMatterKeys]);
  return createHash('sha256').update(shown).digest('base64url').slice(0, 22);
}

export interface EditionKeyParts {
  translationId: string;
  revision: number;
  versions: { sum: number; count: number };
  inputs: string;
}

export const editionKey = (k: EditionKeyParts) => `e|${k.translationId}|${k.revision}|${k.versions.sum}|${k.versions.count}|${k.inputs}`;

export const segmentKey = (k: { translationId: string; revision: number; segmentId: string; version: number; inputs: string }) =>
  `s|${k.translationId}|${k.revision}|${k.segmentId}|${k.version}|${k.inputs}`;

function frozen(findings: QualityFinding[]): readonly QualityFinding[] {
  for (const f of findings) {
    if (f.args) Object.freeze(f.args);
    Object.freeze(f);
  }
  return Object.freeze(findings);
}

export class QualityCache {
  private readonly entries: LRUCache<string, readonly QualityFinding[]>;
  private readonly running = new Map<string, Promise<readonly QualityFinding[]>>();
  /** Lookups answered from memory, and not. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(options: QualityCacheOptions = {}) {
    this.entries = new LRUCache({ maxSize: options.maxBytes ?? defaultQualityCacheBytes });
  }

  get(key: string): readonly QualityFinding[] | undefined {
    const found = this.entries.get(key);
    if (found) this.stats.hits++;
    else this.stats.misses++;
    return found;
  }

  /** Kept frozen: every reader shares them. */
  set(key: string, findings: QualityFinding[]): readonly QualityFinding[] {
    const value = frozen(findings);
    // UTF-16: two bytes a character, and some for the entry itself.
    this.entries.set(key, value, { size: 2 * (key.length + (value.length === 0 ? 2 : JSON.stringify(value).length)) + 64 });
    return value;
  }

  /**
   * The findings under `key`, else those `compute` finds; requests that ask while it runs
   * wait for the same run instead of starting their own.
   */
  async once(key: string, compute: () => Promise<readonly QualityFinding[]>): Promise<readonly QualityFinding[]> {
    const found = this.get(key);
    if (found) return found;
    const running = this.running.get(key);
    if (running) return running;
    const run = compute().finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

let shared: QualityCache | undefined;

/** The context's cache, else the process's own. */
export function qualityCacheOf(ctx: { qualityCache?: QualityCache }): QualityCache {
  if (ctx.qualityCache) return ctx.qualityCache;
  shared ??= new QualityCache();
  return shared;
}
