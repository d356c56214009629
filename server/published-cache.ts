/**
 * Reader traffic is hot: which edition is live is kept per statement, and the rendered bodies
 * of editions, which never change, are kept by edition id. Both are lru-cache instances: the
 * least recently used go first past a bound (`maxIndexes`, 10,000 statements; `maxBodies`, 500
 * editions), and one read is in flight per key (lru-cache's fetch: concurrent requests share
 * it). Both are readable synchronously once loaded, so a warm request (and every 304) answers
 * without waiting on a promise.
 *
 * How long "which edition is live" is kept (README, "Several instances"):
 * - until a change notice for the statement (src/store/change-feed.ts: a publication or a
 *   withdrawal through any instance, or the CLI), or a reset of the feed, which forgets all;
 * - at most `noticedTtlMs` while the feed is live (PostgreSQL, listening), a backstop for
 *   changes made outside Editions; else (SQLite, where another process on the file announces
 *   nothing here, or a feed that lost its connection) at most `ttlMs`, one second;
 * - and never past the next embargo's end (PublishedIndex.nextChangeAt), on this process's
 *   clock (ctx.now(), which is lru-cache's clock here): an embargoed edition shows at that
 *   instant on every instance.
 * A notice that arrives while a read is under way does not wait for it: the read's callers get
 * what it read, and it is not kept.
 * The bodies need no notice: an edition id names one content forever.
 */
import { LRUCache } from 'lru-cache';
import type { OperationContext } from '../src/operations/context.ts';
import { editionContent, publishedIndex, type LiveEditionRef, type PublishedIndex } from '../src/operations/read-published.ts';
import { footerFrom, publicCorrection, publicProvenance, type ReviewerDisplay } from '../src/publishing/edition-footer.ts';
import type { LabelSettings } from '../src/publishing/edition-labels.ts';
import { titleAndSummary } from '../src/publishing/edition-summary.ts';
import { documentsOf } from '../src/documents/workers.ts';
import type { Root } from 'mdast';

export interface Rendered {
  md: string;
  /** The sanitised <article> (the whole page is made around it per set of live editions: server/routes/published.ts). */
  article: string;
  json: string;
  title: string;
  summary: string;
}

export interface PublishedCacheOptions {
  /** How long an index is kept when changes may go unannounced, ms (1 s). */
  ttlMs?: number;
  /** How long while `noticed()` (every change is announced to this process), ms (30 s). */
  noticedTtlMs?: number;
  /** True while every change reaches this process as a notice (ChangeFeed.live). */
  noticed?: () => boolean;
  /** Editions whose rendered bodies are kept (500); the least recently used go first. */
  maxBodies?: number;
  /** Statements whose live editions are kept (10,000); the least recently used go first. */
  maxIndexes?: number;
  /** How reviewers are shown (`role` by default) and where labels come from (config.editionPages). */
  edition?: { reviewerDisplay: ReviewerDisplay; siteLanguage?: string; labelsDir?: string | undefined };
}

/**
 * How long an answer read at `now` is kept, as lru-cache's `ttl` and `start`: its time limit,
 * or until the next embargo's end if sooner. lru-cache takes an entry as stale once its age
 * EXCEEDS `ttl`; an answer ends AT its limit (an embargo ends at its instant), so the start is
 * put one millisecond early (and further for an end already past: stale at once).
 */
export function keptFor(now: number, ttlMs: number, nextChangeAt: string | null): { ttl: number; start: number } {
  const next = nextChangeAt === null ? Number.POSITIVE_INFINITY : Date.parse(nextChangeAt);
  const left = Math.min(ttlMs, next - now);
  const ttl = Math.max(1, left);
  return { ttl, start: now - 1 - (ttl - left) };
}

/** Options every cache of readers' answers shares: time on the operations' clock (ctx.now()), read afresh at each look-up. */
export function clockOf(ctx: OperationContext): { perf: { now: () => number }; ttlResolution: number } {
  return { perf: { now: () => ctx.now().getTime() }, ttlResolution: 0 };
}

/** lru-cache's fetch resolves undefined only when the fetch method does, which these never do. */
export async function fetched<V>(value: Promise<V | undefined>): Promise<V> {
  const v = await value;
  if (v === undefined) throw new Error('cache: nothing fetched');
  return v;
}

interface BodyContext {
  slug: string;
  ref: LiveEditionRef;
}

export class PublishedCache {
  /** Which editions are live, per statement: kept as the module's comment says. */
  private readonly indexes: LRUCache<string, PublishedIndex>;
  /** Rendered bodies per edition id: no time limit (an edition never changes). */
  private readonly bodies: LRUCache<string, Rendered, BodyContext>;
  private readonly reviewerDisplay: ReviewerDisplay;
  /** Label settings of readers' pages (site language, labels folder). */
  readonly labels: LabelSettings;

  constructor(
    private readonly ctx: OperationContext,
    options: PublishedCacheOptions = {},
  ) {
    const ttlMs = options.ttlMs ?? 1000;
    const noticedTtlMs = options.noticedTtlMs ?? 30_000;
    const noticed = options.noticed ?? (() => false);
    this.reviewerDisplay = options.edition?.reviewerDisplay ?? 'role';
    this.labels = {
      ...(options.edition?.siteLanguage ? { siteLanguage: options.edition.siteLanguage } : {}),
      ...(options.edition?.labelsDir ? { labelsDir: options.edition.labelsDir } : {}),
    };
    this.indexes = new LRUCache<string, PublishedIndex>({
      max: options.maxIndexes ?? 10_000,
      ttl: ttlMs,
      ...clockOf(ctx),
      // A forget() while a read is under way: its callers still get what it read, which is not kept.
      ignoreFetchAbort: true,
      fetchMethod: async (slug, _stale, { options: set }) => {
        const now = ctx.now().getTime();
        const limit = noticed() ? noticedTtlMs : ttlMs;
        const value = await publishedIndex(ctx, slug);
        // "Nothing live yet" (or the previous edition) ends when the next embargo does.
        Object.assign(set, keptFor(now, limit, value.nextChangeAt));
        return value;
      },
    });
    this.bodies = new LRUCache<string, Rendered, BodyContext>({
      max: options.maxBodies ?? 500,
      ignoreFetchAbort: true,
      fetchMethod: (id, _stale, { context }) => this.render(id, context),
    });
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
    return this.indexes.get(slug);
  }

  /** The live editions of a statement: kept, or read (one read at a time per statement). */
  index(slug: string): Promise<PublishedIndex> {
    return fetched(this.indexes.fetch(slug));
  }

  /** An edition's rendered bodies if they are loaded, else undefined. */
  renderedNow(id: string): Rendered | undefined {
    return this.bodies.get(id);
  }

  rendered(slug: string, ref: LiveEditionRef): Promise<Rendered> {
    return fetched(this.bodies.fetch(ref.id, { context: { slug, ref } }));
  }

  private async render(id: string, { slug, ref }: BodyContext): Promise<Rendered> {
    const c = await editionContent(this.ctx, id);
    return {
      md: c.markdown,
      // Rendered once per edition, in a document worker.
      article: await documentsOf(this.ctx).run('render', {
        tree: c.mdast as Root,
        locale: ref.locale,
        options: {
          ...(c.provenance ? { footer: footerFrom(c.provenance, { publishedAt: ref.publishedAt, correction: c.correction, reviewerDisplay: this.reviewerDisplay }) } : {}),
          labels: this.labels,
        },
      }),
      json: JSON.stringify({
        mdast: c.mdast,
        edition: { id: ref.id, slug, locale: ref.locale, hash: ref.hash, sourceRevision: ref.sourceRevision, publishedAt: ref.publishedAt, correction: publicCorrection(c.correction) },
        // What the footer shows: the correction without the replaced texts, reviewers as readers may see them
        // (EDITIONS_REVIEWER_DISPLAY), overrides without who or why; the API and webhooks keep the full record.
        provenance: c.provenance ? publicProvenance(c.provenance, this.reviewerDisplay) : null,
      }),
      ...titleAndSummary(c.mdast as Root, slug),
    };
  }
}
