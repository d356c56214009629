/**
 * Reader traffic is hot: which edition is live is kept for a second per statement (a new
 * publication or an embargo's end shows within that second, and within the CDN's max-age
 * anyway), and the rendered bodies of editions, which never change, are kept by edition id
 * (the least recently loaded out past a bound). Both are readable synchronously once loaded, so a
 * warm request (and every 304) answers without waiting on a promise.
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

export class PublishedCache {
  private readonly indexes = new Map<string, IndexEntry>();
  private readonly bodies = new Map<string, BodyEntry>();

  constructor(
    private readonly ctx: OperationContext,
    private readonly ttlMs = 1000,
    private readonly maxBodies = 500,
  ) {}

  /** After a publication or a withdrawal in this process: read the statement's editions again. */
  forget(slug: string): void {
    this.indexes.delete(slug);
  }

  /** The live editions of a statement if they are loaded and fresh, else undefined. */
  indexNow(slug: string): PublishedIndex | undefined {
    const hit = this.indexes.get(slug);
    return hit && hit.expires > Date.now() ? hit.value : undefined;
  }

  index(slug: string): Promise<PublishedIndex> {
    const now = Date.now();
    const hit = this.indexes.get(slug);
    if (hit && hit.expires > now) return hit.promise;
    const entry: IndexEntry = { promise: publishedIndex(this.ctx, slug), expires: now + this.ttlMs };
    this.indexes.set(slug, entry);
    entry.promise.then(
      (value) => { entry.value = value; },
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
