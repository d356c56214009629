/**
 * Known XSS payloads (tests/fixtures/xss/payloads.txt) in a source statement and in a
 * translation, rendered as editions with a provenance footer whose names and notes carry
 * them too: the HTML, parsed back by a real HTML parser, holds nothing that can run script,
 * and a payload that was text is shown as text.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown, reassemble, segmentMarkdown, xmlCodec, type SegmentedDocument } from '../../src/markdown/index.ts';
import type { EditionFooter } from '../../src/publishing/edition-footer.ts';
import { renderEditionHtml } from '../../src/publishing/render-html.ts';
import { unsafeParts, visibleText } from './support/html-safety.ts';
import { loadPayloads } from './support/payloads.ts';

const payloads = loadPayloads();
const cases = payloads.map((payload, i) => ({ name: `#${i + 1} ${JSON.stringify(payload).slice(0, 70)}`, payload }));

const sourceContexts: Record<string, (p: string) => string> = {
  paragraph: (p) => `Before ${p} after.\n`,
  'HTML block': (p) => `Intro.\n\n${p}\n\nOutro.\n`,
  'whole statement': (p) => `${p}\n`,
  heading: (p) => `# ${p}\n`,
  'list item': (p) => `- ${p}\n`,
  'link URL': (p) => `[click](${p})\n`,
  'link URL in <>': (p) => `[click](<${p}>)\n`,
  'image URL': (p) => `![alt](${p})\n`,
  'definition URL': (p) => `[click][ref] ![img][ref]\n\n[ref]: ${p}\n`,
  'link title': (p) => `[click](https://example.org "${p}")\n`,
};

function footer(p: string, source = false): EditionFooter {
  return {
    source,
    sourceRevision: 2,
    machineAssistedShare: source ? 0 : 0.5,
    engines: source ? [] : ['apertium', p],
    reviewers: source ? [] : [`Eve ${p}`, 'Zoë'],
    approvedAt: source ? null : '2026-04-03T09:30:00Z',
    publishedAt: '2026-04-04T10:00:00Z',
    correction: { supersedes: p, at: '2026-04-05T08:00:00Z', note: p, changedSegments: 1 },
  };
}

function expectSafe(html: string, what: string) {
  expect(unsafeParts(html), `${what}\n${html}`).toEqual([]);
}

const benign = `---
title: Seed bank
---

# Seed bank opens

We met the [partners](https://example.org/partners "Our partners") and read the **report**.

![A depot](https://example.org/depot.png "Depot")

- It holds 12,500 samples.
`;

/** Every segment with the payload as text after its own text; placeholders kept. */
function asText(doc: SegmentedDocument, p: string): Map<string, string> {
  return new Map(doc.segments.map((s) => [s.id, xmlCodec.encode(s.tokens.map((t) => (t.type === 'text' ? { ...t, value: `${t.value} ${p}` } : t)))]));
}

/** As a translator might type it: the payload raw (not escaped) in the text, inside the link where there is one. */
function asTyped(doc: SegmentedDocument, p: string): Map<string, string> {
  return new Map(doc.segments.map((s) => [s.id, s.text.includes('<g id="1">') ? s.text.replace('<g id="1">', `<g id="1">${p} `) : `${s.text} ${p}`]));
}

describe('XSS payloads', () => {
  it('are at least 60, and the checker flags the HTML ones as they are', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(60);
    const flagged = payloads.filter((p) => unsafeParts(p).length > 0);
    expect(flagged.length).toBeGreaterThanOrEqual(60);
  });

  it('the checker sees through encodings and parser tricks', () => {
    for (const html of [
      '<a href="jav&#x09;ascript:alert(1)">x</a>',
      '<a href="&#14;javascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt&colon;alert(1)">x</a>',
      '<a href=" vbscript:x">x</a>',
      '<img src="data:image/svg+xml,x">',
      '<img srcset="https://a.example/x.png 1x, javascript:alert(1) 2x">',
      '<p onclick="x">x</p>',
      '<iframe srcdoc="x"></iframe>',
      '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      '<template><img src=x onerror=alert(1)></template>',
      '<div style="x:expression(alert(1))">x</div>',
      '<blockquote cite="javascript:alert(1)">x</blockquote>',
    ]) {
      expect(unsafeParts(html), html).not.toEqual([]);
    }
    expect(unsafeParts('<article lang="ar" dir="rtl"><p><a href="https://example.org/a?b=1&amp;c=2" dir="auto">x</a> <bdi>UNHCR</bdi></p></article>')).toEqual([]);
  });

  describe.each(cases)('$name', ({ payload }) => {
    it('in a source statement: paragraph, HTML block, heading, list, link and image URLs, definitions, titles', () => {
      for (const [context, markdown] of Object.entries(sourceContexts)) {
        const tree = parseMarkdown(markdown(payload));
        for (const locale of ['en', 'ar']) {
          expectSafe(renderEditionHtml(tree, locale), `${context}, ${locale}`);
          expectSafe(renderEditionHtml(tree, locale, { footer: footer(payload, true) }), `${context}, ${locale}, with footer`);
        }
      }
    });

    it('in a translation (as escaped text and as typed), with the footer carrying it too', () => {
      const doc = segmentMarkdown(benign);
      const escaped = reassemble(doc, asText(doc, payload));
      expect(escaped.findings).toEqual([]);
      const typed = reassemble(doc, asTyped(doc, payload));
      for (const [variant, result] of Object.entries({ escaped, typed })) {
        for (const locale of ['fr', 'ar']) {
          const options = { footer: footer(payload) };
          expectSafe(renderEditionHtml(result.tree, locale, options), `${variant}, ${locale}, tree`);
          expectSafe(renderEditionHtml(parseMarkdown(result.markdown), locale, options), `${variant}, ${locale}, Markdown`);
        }
      }
    });
  });

  const textual = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><script>alert(document.cookie)</script>', '[x](javascript:alert(1))', '<javascript:alert(1)>', '<a href="javascript:alert(1)">x</a>'];

  it.each(textual)('%s as translated text, reviewer name and correction note is shown escaped, not dropped', (payload) => {
    expect(payloads).toContain(payload);
    const doc = segmentMarkdown(benign);
    const result = reassemble(doc, asText(doc, payload));
    for (const locale of ['fr', 'ar']) {
      const html = renderEditionHtml(result.tree, locale, { footer: footer(payload) });
      const text = visibleText(html);
      expect(text).toContain(`Seed bank opens ${payload}`);
      expect(text).toContain(`partners ${payload}`);
      expect(text).toContain(`Eve ${payload}`);
      expect(text.split(payload).length - 1).toBeGreaterThanOrEqual(6);
    }
  });
});
