/** What commands that use the database share: the store and the operations' context. */
import type { Config } from '../src/config.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { openStore } from '../src/store/open-store.ts';

export async function withContext<T>(config: Config, fn: (ctx: OperationContext) => Promise<T>): Promise<T> {
  const store = await openStore(config.database);
  try {
    return await fn({ store, now: () => new Date(), frontMatterKeys: config.frontMatterKeys, maxDocumentBytes: config.maxDocumentBytes });
  } finally {
    await store.close();
  }
}
