/**
 * Change notices between the processes on one database, so that what an instance keeps in
 * memory (which edition is live: server/published-cache.ts, server/feed-cache.ts) follows
 * writes made through any instance.
 *
 * - `announceChange(store, trx, notice)`, inside the write transaction that makes the change.
 *   PostgreSQL: `pg_notify`, which the server delivers to every listener when (and only if) the
 *   transaction commits. SQLite: this process's listeners of the store at once; that is safe
 *   because the transaction holds the store's one connection until it ends, so whatever a
 *   listener reads again waits for the commit (or the rollback). Another process on the same
 *   SQLite file (the CLI) is not told: caches there keep their short time limit.
 * - `openChangeFeed(store, url, options)`: the notices for this process. PostgreSQL: LISTEN on
 *   a dedicated connection (not the pool's), reconnected with backoff when it drops; it is
 *   checked every `heartbeatMs`, and every (re)connection and every loss calls `reset` on each
 *   listener, since notices may have been missed meanwhile. `live` is true while every write by
 *   any process is known to reach this feed (PostgreSQL, connected), and only then may a cache
 *   rely on notices instead of a short time limit.
 *
 * The channel is per schema (`editions_` and 16 hex digits of md5 of the schema's name,
 * computed by the server on both sides): several databases' worth of schemas on one server do
 * not hear each other. Payloads are JSON, well under PostgreSQL's 8,000 bytes.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { sql } from 'kysely';
import type { Db, Store } from './store.ts';

/** The editions of a statement changed (published, withdrawn): which one is live may differ. */
export interface EditionsChanged {
  kind: 'editions';
  slug: string;
}

export type ChangeNotice = EditionsChanged;

export interface ChangeListener {
  notice(notice: ChangeNotice): void;
  /** Notices may have been missed (the feed connected, reconnected or lost its connection): forget everything that depends on them. */
  reset(): void;
}

export interface ChangeFeed {
  /** True while every write by any process on the database reaches this feed. */
  readonly live: boolean;
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}

/** The channel, computed by the server from the session's schema (search_path). */
const channelSql = `'editions_' || substr(md5(current_schema()), 1, 16)`;

/** Announces a change inside the transaction `db` that makes it (see the module's comment). */
export async function announceChange(store: Store, db: Db, notice: ChangeNotice): Promise<void> {
  if (store.dialect === 'postgres') {
    await sql`select pg_notify(${sql.raw(channelSql)}, ${JSON.stringify(notice)})`.execute(db);
    return;
  }
  localEmitter(store).emit('notice', notice);
}

const emitters = new WeakMap<Store, EventEmitter>();

function localEmitter(store: Store): EventEmitter {
  let emitter = emitters.get(store);
  if (!emitter) {
    emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    emitters.set(store, emitter);
  }
  return emitter;
}

export interface ChangeFeedOptions {
  /** The schema, as the store was given it (tests); else the URL's search_path or the default. */
  schema?: string;
  /** Told when the listening connection fails (logged by the service); the feed reconnects. */
  onError?: (error: Error) => void;
  /** How often the listening connection is checked (a silent network cut), ms. */
  heartbeatMs?: number;
  /** First wait before a reconnection, doubled up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** This process's notices for `store` (`url`: the database, for PostgreSQL's listening connection). */
export async function openChangeFeed(store: Store, url: string, options: ChangeFeedOptions = {}): Promise<ChangeFeed> {
  if (store.dialect === 'sqlite') return new LocalChangeFeed(localEmitter(store), options.onError);
  const feed = new PostgresChangeFeed(url, options);
  await feed.start();
  return feed;
}

class LocalChangeFeed implements ChangeFeed {
  readonly live = false;
  private readonly subscriptions = new Set<() => void>();

  constructor(
    private readonly emitter: EventEmitter,
    private readonly onError?: (error: Error) => void,
  ) {}

  subscribe(listener: ChangeListener): () => void {
    // Told inside the announcing transaction: a listener's failure must not undo it.
    const on = (notice: ChangeNotice) => {
      try {
        listener.notice(notice);
      } catch (error) {
        this.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
    };
    this.emitter.on('notice', on);
    const off = () => {
      this.emitter.off('notice', on);
      this.subscriptions.delete(off);
    };
    this.subscriptions.add(off);
    return off;
  }

  async close(): Promise<void> {
    for (const off of [...this.subscriptions]) off();
  }
}

function isNotice(value: unknown): value is ChangeNotice {
  const v = value as { kind?: unknown; slug?: unknown } | null;
  return typeof v === 'object' && v !== null && v.kind === 'editions' && typeof v.slug === 'string';
}

export class PostgresChangeFeed implements ChangeFeed {
  private client: pg.Client | undefined;
  private connected = false;
  private closed = false;
  private backoff: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<ChangeListener>();
  /** Connections made, the first included (tests and logs). */
  connections = 0;

  constructor(
    private readonly url: string,
    private readonly options: ChangeFeedOptions,
  ) {
    this.backoff = options.backoffMs ?? 100;
  }

  get live(): boolean {
    return this.connected;
  }

  /** The server process of the listening connection (pg_terminate_backend in tests), while connected. */
  get backendPid(): number | undefined {
    return this.connected ? (this.client as unknown as { processID?: number } | undefined)?.processID : undefined;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first connection; a failure is reported and retried in the background (the feed is not live meanwhile). */
  async start(): Promise<void> {
    await this.connect();
    const every = this.options.heartbeatMs ?? 10_000;
    this.heartbeat = setInterval(() => void this.check(Math.min(every, 5000)), every);
    this.heartbeat.unref();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      application_name: 'editions-change-feed',
      ...(this.options.schema ? { options: `-c search_path="${this.options.schema.replace(/"/g, '""')}"` } : {}),
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (client !== this.client || !message.payload) return;
      let notice: unknown;
      try {
        notice = JSON.parse(message.payload);
      } catch {
        return;
      }
      if (!isNotice(notice)) return;
      for (const listener of this.listeners) this.tell(() => listener.notice(notice));
    });
    this.client = client;
    try {
      await client.connect();
      const { rows } = await client.query<{ channel: string }>(`select ${channelSql} as channel`);
      await client.query(`listen "${rows[0]!.channel}"`);
    } catch (error) {
      this.lost(client, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.closed || client !== this.client) return;
    this.connected = true;
    this.connections++;
    this.backoff = this.options.backoffMs ?? 100;
    // Whatever was kept before this connection listened may have missed notices.
    this.resetAll();
  }

  /** The connection failed or ended: forget what depends on notices, reconnect after a backoff. */
  private lost(client: pg.Client, error?: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    const wasConnected = this.connected;
    this.connected = false;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    if (this.closed) return;
    if (error) this.options.onError?.(error);
    if (wasConnected) this.resetAll();
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
    this.retryTimer = setTimeout(() => void this.connect(), wait * (0.75 + Math.random() / 2));
    this.retryTimer.unref();
  }

  /** A query on the listening connection answers within `timeoutMs`, else the connection is taken as lost. */
  private async check(timeoutMs: number): Promise<void> {
    const client = this.client;
    if (!client || !this.connected) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`change feed: no answer in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([client.query('select 1'), timedOut]);
    } catch (error) {
      this.lost(client, error instanceof Error ? error : new Error(String(error)));
    } finally {
      clearTimeout(timer);
    }
  }

  private resetAll(): void {
    for (const listener of this.listeners) this.tell(() => listener.reset());
  }

  /** A listener that throws is reported; the others are still told. */
  private tell(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.connected = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
