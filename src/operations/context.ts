/** What every operation is given: the store, the clock, and the core's settings. */
import type { DocumentRunner } from '../documents/workers.ts';
import type { Logger } from '../observability.ts';
import type { Store } from '../store/store.ts';
import type { QualityCache } from './quality-cache.ts';

export interface OperationContext {
  store: Store;
  now: () => Date;
  frontMatterKeys: readonly string[];
  /** Front matter keys that name the language (`lang`): an edition says its own locale there; absent: `defaultLocaleKeys`. */
  frontMatterLocaleKeys?: readonly string[];
  maxDocumentBytes: number;
  /** Whole-document work off the event loop (src/documents/workers.ts); absent: a default pool made on first use. */
  documents?: DocumentRunner;
  /** Quality findings kept in the process (quality-cache.ts); absent: the process's own. */
  qualityCache?: QualityCache;
  /** Where background work (draft jobs, webhook deliveries) logs; absent: nowhere (src/observability.ts). */
  /** How long a one-time sign-in link works (EDITIONS_SIGN_IN_LINK_DAYS); absent: 7 days. */
  signInLinkLifetimeMs?: number;
  log?: Logger;
}

export function iso(ctx: OperationContext): string {
  return ctx.now().toISOString();
}
