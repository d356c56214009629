/**
 * The storage dialects every storage and operation suite runs over. One entry today
 * (SQLite in a temp file); PostgreSQL joins this list when its dialect lands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';

export interface Dialect {
  name: string;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

export const dialects: Dialect[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'editions-db-'));
      const store = await openSqliteStore(join(dir, 'editions.db'));
      return {
        store,
        async dispose() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
