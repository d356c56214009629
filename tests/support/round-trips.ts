/**
 * Counts the queries a store sends (each one a round trip to PostgreSQL): a Kysely plugin on
 * the store's query builder and on every transaction it opens. BEGIN and COMMIT are not
 * counted (the driver sends them: two more per transaction on PostgreSQL).
 */
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import type { Store } from '../../src/store/store.ts';

export interface CountedStore {
  store: Store;
  /** Queries sent since the last reset. */
  readonly count: number;
  /** The SQL of those queries, in order (for a failing test's message). */
  readonly queries: readonly string[];
  reset(): void;
}

export function countRoundTrips(store: Store): CountedStore {
  let queries: string[] = [];
  const described = new WeakMap<object, string>();
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      described.set(args.queryId, describeQuery(args.node));
      return args.node;
    },
    transformResult: async (args) => {
      queries.push(described.get(args.queryId) ?? '?');
      return args.result;
    },
  };
  const counted: Store = {
    dialect: store.dialect,
    db: store.db.withPlugin(plugin),
    transaction: (fn) => store.transaction((trx) => fn(trx.withPlugin(plugin))),
    isTransient: (error) => store.isTransient(error),
    close: () => store.close(),
  };
  return {
    store: counted,
    get count() {
      return queries.length;
    },
    get queries() {
      return queries;
    },
    reset() {
      queries = [];
    },
  };
}

/** `select translation_segments`, `insert segment_history`, …: enough to tell which query a loop sends. */
function describeQuery(node: RootOperationNode): string {
  const table = (n: unknown): string => {
    const t = n as { kind?: string; table?: { identifier?: { name?: string } }; node?: unknown } | undefined;
    if (!t) return '?';
    if (t.kind === 'TableNode') return t.table?.identifier?.name ?? '?';
    if (t.kind === 'AliasNode') return table(t.node);
    return t.kind ?? '?';
  };
  switch (node.kind) {
    case 'SelectQueryNode':
      return `select ${node.from?.froms.map(table).join(',') ?? ''}`;
    case 'InsertQueryNode':
      return `insert ${table(node.into)}`;
    case 'UpdateQueryNode':
      return `update ${table(node.table)}`;
    case 'DeleteQueryNode':
      return `delete ${node.from.froms.map(table).join(',')}`;
    default:
      return node.kind;
  }
}
