/** A context whose store counts its reads, for tests of what is kept in memory (server/published-cache.ts, feed-cache.ts). */
import type { OperationContext } from '../../src/operations/context.ts';

/** The world's context with a store that counts its reads (each read of `store.db` is one query). */
export function counting(ctx: OperationContext): { ctx: OperationContext; reads: () => number } {
  let reads = 0;
  const store = new Proxy(ctx.store, {
    get(target, name) {
      if (name === 'db') reads++;
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ctx: { ...ctx, store }, reads: () => reads };
}
