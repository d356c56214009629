/** What commands that use the database share: the store and the operations' context. */
import type { Config } from '../src/config.ts';
import type { OperationContext } from '../src/operations/context.ts';
import { inThisThread } from '../src/documents/workers.ts';
import { openStore } from '../src/store/open-store.ts';

export async function withContext<T>(config: Config, fn: (ctx: OperationContext) => Promise<T>): Promise<T> {
  const store = await openStore(config.database, { waitMs: config.storageWaitMs, poolSize: config.databasePoolSize });
  try {
    // Document work in this process (the operator's own), within the configured limits.
    return await fn({ store, now: () => new Date(), frontMatterKeys: config.frontMatterKeys, frontMatterLocaleKeys: config.frontMatterLocaleKeys, maxDocumentBytes: config.maxDocumentBytes, documents: inThisThread(config.documents.limits) });
  } finally {
    await store.close();
  }
}
