/** What every operation is given: the store, the clock, and the core's settings. */
import type { Store } from '../store/store.ts';

export interface OperationContext {
  store: Store;
  now: () => Date;
  frontMatterKeys: readonly string[];
  maxDocumentBytes: number;
}

export function iso(ctx: OperationContext): string {
  return ctx.now().toISOString();
}
