/**
 * Reader traffic is hot: which edition is live is kept per statement, and the rendered bodies
 * of editions, which never change, are kept by edition id (the least recently loaded out past
 * a bound). Both are readable synchronously once loaded, so a warm request (and every 304)
 * answers without waiting on a promise.
 *
 * How long "which edition is live" is kept (README, "Several instances"):
 * - until a change notice for the statement (src/store/change-feed.ts: a publication or a
 *   withdrawal through any instance, or the CLI), or a reset of the feed, which forgets all;
 * - at most `noticedTtlMs` while the feed is live (PostgreSQL, listening), a backstop for
 *   changes made outside Editions; else (SQLite, where another process on the file announces
 *   nothing here, or a feed that lost its connection) at most `ttlMs`, one second;
 * - and never past the next embargo's end (PublishedIndex.nextChangeAt), on this process's
 *   clock (ctx.now()): an embargoed edition shows at that instant on every instance.
 * The bodies need no notice: an edition id names one content forever.
 */
import type { OperationContext } from '../src/operations/context.ts';
import { editionContent, publishedIndex, type LiveEditionRef, type PublishedIndex } from '../src/operations/read-published.ts';
import { footerFrom } from '../src/publishing/edition-footer.ts';
import { documentsOf } from '../src/documents/workers.ts';
import type { Root } from 'mdast';

export interface Rendered {
  md: string;
  html: string;
  json: string;
}

interface IndexEntry {
  promise: Promise<PublishedIndex>;
  value?: PublishedIndex;
  expires: number;
}

interface BodyEntry {
  promise: Promise<Rendered>;
  value?: Rendered;
}

export interface PublishedCacheOptions {
  /** How long an index is kept when changes may go unannounced, ms (1 s). */
  ttlMs?: number;
  /** How long while `noticed()` (every change is announced to this process), ms (30 s). */
  noticedTtlMs?: number;
  /** True while every change reaches this process as a notice (ChangeFeed.live). */
  noticed?: () => boolean;
  maxBodies?: number;
}

/** When an answer read now ends: its time limit, or the next embargo's end if sooner. */
export function expiryOf(now: number, ttlMs: number, nextChangeAt: string | null): number {
  const next = nextChangeAt === null ? Number.POSITIVE_INFINITY : Date.parse(nextChangeAt);
  return Math.min(now + ttlMs, next);
}

export class PublishedCache {
  private readonly indexes = new Map<string, IndexEntry>();
  private readonly bodies = new Map<string, BodyEntry>();
  private readonly ttlMs: number;
  private readonly noticedTtlMs: number;
  private readonly noticed: () => boolean;
  private readonly maxBodies: number;

  constructor(
    private readonly ctx: OperationContext,
    options: PublishedCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.noticedTtlMs = options.noticedTtlMs ?? 30_000;
    this.noticed = options.noticed ?? (() => false);
    this.maxBodies = options.maxBodies ?? 500;
  }

  /** After a publication or a withdrawal (in this process, or a notice of another's): read the statement's editions again. */
  forget(slug: string): void {
    this.indexes.delete(slug);
  }

  /** After a reset of the change feed (notices may have been missed): read every statement's editions again. */
  forgetAll(): void {
    this.indexes.clear();
  }

  /** The live editions of a statement if they are loaded and fresh, else undefined. */
  indexNow(slug: string): PublishedIndex | undefined {
    const hit = this.indexes.get(slug);
    return hit && hit.expires > this.ctx.now().getTime() ? hit.value : undefined;
  }

  index(slug: string): Promise<PublishedIndex> {
    const now = this.ctx.now().getTime();
    const hit = this.indexes.get(slug);
    if (hit && hit.expires > now) return hit.promise;
    const entry: IndexEntry = { promise: publishedIndex(this.ctx, slug), expires: now + (this.noticed() ? this.noticedTtlMs : this.ttlMs) };
    this.indexes.set(slug, entry);
    entry.promise.then(
      (value) => {
        entry.value = value;
        // "Nothing live yet" (or the previous edition) ends when the next embargo does.
        entry.expires = expiryOf(now, entry.expires - now, value.nextChangeAt);
      },
      () => { if (this.indexes.get(slug) === entry) this.indexes.delete(slug); },
    );
    if (this.indexes.size > 10_000) this.indexes.delete(this.indexes.keys().next().value!);
    return entry.promise;
  }

  /** An edition's rendered bodies if they are loaded, else undefined. */
  renderedNow(id: string): Rendered | undefined {
    return this.bodies.get(id)?.value;
  }

  rendered(slug: string, ref: LiveEditionRef): Promise<Rendered> {
    const hit = this.bodies.get(ref.id);
    if (hit) return hit.promise;
    const entry: BodyEntry = {
      promise: editionContent(this.ctx, ref.id).then(async (c) => ({
        md: c.markdown,
        // Rendered once per edition, in a document worker.
        html: await documentsOf(this.ctx).run('render', {
          tree: c.mdast as Root,
          locale: ref.locale,
          options: c.provenance ? { footer: footerFrom(c.provenance, { publishedAt: ref.publishedAt, correction: c.correction }) } : {},
        }),
        json: JSON.stringify({
          mdast: c.mdast,
          edition: { id: ref.id, slug, locale: ref.locale, hash: ref.hash, sourceRevision: ref.sourceRevision, publishedAt: ref.publishedAt, correction: c.correction },
          provenance: c.provenance,
        }),
      })),
    };
    entry.promise.then(
      (value) => { entry.value = value; },
      () => { if (this.bodies.get(ref.id) === entry) this.bodies.delete(ref.id); },
    );
    this.bodies.set(ref.id, entry);
    if (this.bodies.size > this.maxBodies) this.bodies.delete(this.bodies.keys().next().value!);
    return entry.promise;
  }
}
