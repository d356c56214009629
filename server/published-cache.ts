/**
 * Reader traffic is hot: which edition is live is kept for a second per statement (a new
 * publication or an embargo's end shows within that second, and within the CDN's max-age
 * anyway), and the rendered bodies of editions, which never change, are kept by edition id
 * (least recently used out past a bound).
 */
import type { OperationContext } from '../src/operations/context.ts';
import { editionContent, publishedIndex, type PublishedIndex } from '../src/operations/read-published.ts';
import { renderEditionHtml } from '../src/publishing/render-html.ts';
import type { Root } from 'mdast';

export interface Rendered {
  md: string;
  html: string;
  json: string;
}

export class PublishedCache {
  private readonly indexes = new Map<string, { index: Promise<PublishedIndex>; expires: number }>();
  private readonly bodies = new Map<string, Promise<Rendered>>();

  constructor(
    private readonly ctx: OperationContext,
    private readonly ttlMs = 1000,
    private readonly maxBodies = 500,
  ) {}

  /** After a publication or a withdrawal in this process: read the statement's editions again. */
  forget(slug: string): void {
    this.indexes.delete(slug);
  }

  index(slug: string): Promise<PublishedIndex> {
    const now = Date.now();
    const hit = this.indexes.get(slug);
    if (hit && hit.expires > now) return hit.index;
    const index = publishedIndex(this.ctx, slug);
    this.indexes.set(slug, { index, expires: now + this.ttlMs });
    index.catch(() => this.indexes.delete(slug));
    if (this.indexes.size > 10_000) this.indexes.delete(this.indexes.keys().next().value!);
    return index;
  }

  rendered(slug: string, ref: { id: string; locale: string; hash: string; sourceRevision: number; publishedAt: string }): Promise<Rendered> {
    let body = this.bodies.get(ref.id);
    if (body) {
      this.bodies.delete(ref.id);
      this.bodies.set(ref.id, body);
      return body;
    }
    body = editionContent(this.ctx, ref.id).then((c) => ({
      md: c.markdown,
      html: renderEditionHtml(c.mdast as Root, ref.locale),
      json: JSON.stringify({ mdast: c.mdast, edition: { id: ref.id, slug, locale: ref.locale, hash: ref.hash, sourceRevision: ref.sourceRevision, publishedAt: ref.publishedAt }, provenance: c.provenance }),
    }));
    body.catch(() => this.bodies.delete(ref.id));
    this.bodies.set(ref.id, body);
    if (this.bodies.size > this.maxBodies) this.bodies.delete(this.bodies.keys().next().value!);
    return body;
  }
}
