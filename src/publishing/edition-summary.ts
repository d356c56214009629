/** An edition's title (its first heading, else the slug) and summary (its first paragraph), for feeds, cards and page titles. */
import type { Heading, Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';

export function titleAndSummary(mdast: Root, slug: string): { title: string; summary: string } {
  const heading = mdast.children.find((n): n is Heading => n.type === 'heading');
  const paragraph = mdast.children.find((n): n is Paragraph => n.type === 'paragraph');
  return { title: heading ? toString(heading, { includeHtml: false }) : slug, summary: paragraph ? toString(paragraph, { includeHtml: false }) : '' };
}
