/**
 * The page frame of an edition: `<article lang dir>` around the sanitised content, with
 * the correction notice first and the provenance footer last. The frame is built as hast
 * and goes through the sanitiser with its own narrow schema (frame-schema.ts).
 */
import type { Element, ElementContent, Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';
import type { EditionFooter } from './edition-footer.ts';
import type { LabelSettings } from './edition-labels.ts';
import { frameSchema } from './frame-schema.ts';
import { correctionNotice, provenanceFooter } from './provenance-hast.ts';
import { textDirection } from './text-direction.ts';

const frameSanitizer = unified().use(rehypeSanitize, frameSchema).freeze();

function sanitizedFrame(element: Element | undefined): ElementContent[] {
  if (!element) return [];
  const root = frameSanitizer.runSync({ type: 'root', children: [element] });
  return root.children.filter((n): n is ElementContent => n.type === 'element' || n.type === 'text');
}

const newline: ElementContent = { type: 'text', value: '\n' };

/** `content` must be sanitised already: it is placed as it is. */
export function editionArticle(content: Root, locale: string, footer: EditionFooter | undefined, settings: LabelSettings = {}): Root {
  const body = content.children.filter((n): n is ElementContent => n.type !== 'doctype');
  const notice = footer ? sanitizedFrame(correctionNotice(footer, locale, settings)) : [];
  const provenance = footer ? sanitizedFrame(provenanceFooter(footer, locale, settings)) : [];
  const children: ElementContent[] = [
    newline,
    ...(notice.length > 0 ? [...notice, newline] : []),
    ...body,
    ...(provenance.length > 0 ? [newline, ...provenance] : []),
    newline,
  ];
  const article: Element = { type: 'element', tagName: 'article', properties: { lang: locale, dir: textDirection(locale) }, children };
  return { type: 'root', children: [article, { type: 'text', value: '\n' }] };
}
