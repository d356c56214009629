/**
 * The page of an edition: the provenance footer and the correction notice, in the
 * edition's language (en, fr, ar) or else English, dates in the edition's locale, user
 * text escaped; footnote links that resolve; no options, no change.
 */
import { parse, type DefaultTreeAdapterTypes as P } from 'parse5';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/index.ts';
import type { EditionProvenance } from '../../src/types/edition.ts';
import { footerFrom, type EditionFooter } from '../../src/publishing/edition-footer.ts';
import { renderEditionHtml } from '../../src/publishing/render-html.ts';
import { unsafeParts, visibleText } from './support/html-safety.ts';

const provenance: EditionProvenance = {
  source: false,
  sourceRevision: 3,
  segments: 7,
  machineAssistedShare: 0.6,
  unreviewedMachineShare: 0.1,
  engines: ['apertium', 'google'],
  reviewers: ['Amal Haddad', 'Bernard <b>Roy</b> & "Co"'],
  approvedAt: '2026-04-03T09:30:00Z',
};
const publishedAt = '2026-04-04T10:05:00Z';
const tree = parseMarkdown('# Banque de semences\n\nLe réseau a ouvert son dépôt.[^1]\n\n[^1]: Voir le rapport.\n');

const long = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

function elements(html: string): P.Element[] {
  const out: P.Element[] = [];
  const walk = (node: P.Node) => {
    if ('tagName' in node) out.push(node);
    if ('childNodes' in node) node.childNodes.forEach(walk);
  };
  walk(parse(html));
  return out;
}
const attr = (e: P.Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const byTag = (html: string, tag: string) => elements(html).filter((e) => e.tagName === tag);
const textOf = (e: P.Element): string => e.childNodes.map((n) => ('value' in n ? n.value : 'tagName' in n ? textOf(n) : '')).join('');

describe('footerFrom', () => {
  it('takes the provenance fields, the publication time and the correction', () => {
    const footer = footerFrom(provenance, { publishedAt, correction: { supersedes: 'e1', at: '2026-04-05T08:00:00Z', note: null, changedSegments: 2 }, reviewerDisplay: 'name' });
    expect(footer).toEqual({
      source: false, sourceRevision: 3, machineAssistedShare: 0.6, engines: ['apertium', 'google'],
      reviewers: provenance.reviewers, approvedAt: '2026-04-03T09:30:00Z', publishedAt,
      correction: { supersedes: 'e1', at: '2026-04-05T08:00:00Z', changedSegments: 2 },
    });
    expect(footer.reviewers).not.toBe(provenance.reviewers);
    expect(footerFrom(provenance, { publishedAt }).correction).toBeUndefined();
  });
});

describe('renderEditionHtml with a footer', () => {
  const footer = footerFrom(provenance, { publishedAt, reviewerDisplay: 'name' });

  it('puts the provenance after the content, in French for a French edition', () => {
    const html = renderEditionHtml(tree, 'fr', { footer });
    const article = byTag(html, 'article')[0]!;
    const last = article.childNodes.filter((n): n is P.Element => 'tagName' in n).at(-1)!;
    expect(last.tagName).toBe('footer');
    expect(attr(last, 'class')).toBe('edition-provenance');
    const text = textOf(last);
    expect(text).toContain('À propos de cette édition');
    expect(text).toContain('Traduction assistée par machine (apertium et google)');
    expect(text).toContain('Relu parAmal Haddad et Bernard <b>Roy</b> & "Co"');
    expect(text).toContain('Révision du texte source3');
    const times = byTag(html, 'time').map((t) => [attr(t, 'datetime'), textOf(t)]);
    expect(times).toEqual([
      ['2026-04-03T09:30:00.000Z', long('2026-04-03T09:30:00Z', 'fr')],
      ['2026-04-04T10:05:00.000Z', long(publishedAt, 'fr')],
    ]);
    expect(text).toContain(`Approuvé le${long('2026-04-03T09:30:00Z', 'fr')}`);
    expect(text).toContain(`Publié le${long(publishedAt, 'fr')}`);
  });

  it('escapes names: they never become markup', () => {
    const html = renderEditionHtml(tree, 'fr', { footer });
    expect(byTag(html, 'b')).toEqual([]);
    expect(html).toContain('Bernard &#x3C;b>Roy&#x3C;/b> &#x26; "Co"');
    expect(unsafeParts(html)).toEqual([]);
  });

  it('speaks Arabic for an Arabic edition (ar-EG too), with Arabic dates', () => {
    for (const locale of ['ar', 'ar-EG']) {
      const html = renderEditionHtml(tree, locale, { footer });
      const text = textOf(byTag(html, 'footer')[0]!);
      expect(text).toContain('عن هذه النسخة');
      expect(text).toContain('المراجعون');
      expect(text).toContain(long(publishedAt, locale));
      expect(attr(byTag(html, 'footer')[0]!, 'lang')).toBeUndefined();
    }
  });

  it('falls back to English labels, with dates still in the edition locale', () => {
    for (const locale of ['de', 'ur']) {
      const html = renderEditionHtml(tree, locale, { footer });
      const f = byTag(html, 'footer')[0]!;
      expect(textOf(f)).toContain('About this edition');
      expect(textOf(f)).toContain('Machine-assisted translation (apertium and google)');
      expect(attr(f, 'lang')).toBe('en');
      expect(attr(f, 'dir')).toBe('ltr');
      const published = byTag(html, 'time').at(-1)!;
      expect(textOf(published)).toBe(long(publishedAt, locale));
      expect(attr(published, 'lang')).toBe(locale);
    }
  });

  it('says what the edition is: the original, or a translation without machine help', () => {
    const source = footerFrom({ ...provenance, source: true, machineAssistedShare: 0, engines: [], reviewers: [], approvedAt: null }, { publishedAt });
    const sourceHtml = renderEditionHtml(tree, 'en', { footer: source });
    expect(visibleText(sourceHtml)).toContain('TranslationOriginal text, not a translation');
    expect(visibleText(sourceHtml)).not.toContain('Reviewed by');
    expect(visibleText(sourceHtml)).not.toContain('Approved on');
    const human = renderEditionHtml(tree, 'en', { footer: { ...footer, machineAssistedShare: 0 } });
    expect(visibleText(human)).toContain('Human translation, without machine assistance');
    const noEngine = renderEditionHtml(tree, 'en', { footer: { ...footer, engines: [] } });
    expect(visibleText(noEngine)).toContain('TranslationMachine-assisted translationReviewed by');
  });
});

describe('renderEditionHtml with a correction', () => {
  const correction = { supersedes: 'edition-1', at: '2026-04-05T08:00:00Z', note: 'Le chiffre <i>12 500</i> était faux.', changedSegments: 2 };
  const footer: EditionFooter = footerFrom(provenance, { publishedAt, correction });

  it('shows the notice at the top of the article', () => {
    const html = renderEditionHtml(tree, 'fr', { footer });
    expect(html.startsWith('<article lang="fr" dir="ltr">\n<aside class="correction-notice" role="note"')).toBe(true);
    const aside = byTag(html, 'aside')[0]!;
    expect(attr(aside, 'data-supersedes')).toBe('edition-1');
    expect(textOf(aside)).toBe(`Corrigé le ${long(correction.at, 'fr')} : Le chiffre <i>12 500</i> était faux.Passages modifiés : 2`);
    expect(attr(byTag(html, 'time')[0]!, 'datetime')).toBe('2026-04-05T08:00:00.000Z');
    expect(byTag(html, 'i')).toEqual([]);
  });

  it('reads well without a note, and in English and Arabic', () => {
    const { note: _note, ...withoutNote } = correction;
    const en = renderEditionHtml(tree, 'en', { footer: { ...footer, correction: withoutNote } });
    expect(textOf(byTag(en, 'aside')[0]!)).toBe(`Corrected on ${long(correction.at, 'en')}.Passages changed: 2`);
    const ar = renderEditionHtml(tree, 'ar', { footer });
    expect(textOf(byTag(ar, 'aside')[0]!)).toContain('صُحّح في');
  });
});

describe('renderEditionHtml without options', () => {
  it('writes the article alone, as before', () => {
    const html = renderEditionHtml(tree, 'fr');
    expect(html.startsWith('<article lang="fr" dir="ltr">\n<h1>Banque de semences</h1>')).toBe(true);
    expect(html.endsWith('</section>\n</article>\n')).toBe(true);
    expect(html).not.toContain('<footer');
    expect(html).not.toContain('<aside');
  });

  it('labels footnotes in the edition language, and their links resolve', () => {
    const html = renderEditionHtml(tree, 'fr');
    expect(textOf(byTag(html, 'h2')[0]!)).toBe('Notes');
    const ids = new Set(elements(html).map((e) => attr(e, 'id')).filter(Boolean));
    const fragments = byTag(html, 'a').map((a) => attr(a, 'href')!).filter((h) => h.startsWith('#'));
    expect(fragments.length).toBe(2);
    for (const href of fragments) expect(ids.has(href.slice(1)), href).toBe(true);
  });

  it('escapes the lang attribute whatever the locale string', () => {
    const html = renderEditionHtml(tree, 'fr" onmouseover="alert(1)');
    expect(unsafeParts(html)).toEqual([]);
    expect(attr(byTag(html, 'article')[0]!, 'lang')).toBe('fr" onmouseover="alert(1)');
  });
});
