/**
 * A whole HTML page around an edition's article, for the static export: charset, title,
 * canonical and hreflang alternate links, `lang` and `dir` on <html>. Every value escaped.
 */
import { textDirection } from './text-direction.ts';
import { xmlText } from './xml-text.ts';

export interface HtmlDocumentInput {
  locale: string;
  title: string;
  /** The sanitised <article> from renderEditionHtml. */
  article: string;
  canonical: string;
  alternates: readonly { locale: string; url: string }[];
}

export function htmlDocument(input: HtmlDocumentInput): string {
  const links = input.alternates.map((a) => `<link rel="alternate" hreflang="${xmlText(a.locale)}" href="${xmlText(a.url)}">`).join('\n');
  return `<!doctype html>
<html lang="${xmlText(input.locale)}" dir="${textDirection(input.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlText(input.title)}</title>
<link rel="canonical" href="${xmlText(input.canonical)}">
${links}
</head>
<body>
${input.article}</body>
</html>
`;
}
