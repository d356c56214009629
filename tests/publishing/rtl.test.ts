/**
 * Right-to-left editions: Latin words, acronyms, URLs, e-mail addresses and numbers are
 * isolated in <bdi>, links with mostly Latin text get dir="auto", code and existing
 * isolates are left alone; left-to-right editions are not touched.
 */
import type { Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/index.ts';
import { ltrRuns, mostlyLtr } from '../../src/publishing/ltr-runs.ts';
import rehypeIsolateLtr from '../../src/publishing/rehype-isolate-ltr.ts';
import { renderEditionHtml } from '../../src/publishing/render-html.ts';

const runs = (text: string) => ltrRuns(text).map(([s, e]) => text.slice(s, e));
const render = (markdown: string, locale: string) => renderEditionHtml(parseMarkdown(markdown), locale);

describe('ltrRuns', () => {
  it.each([
    ['تقرير UNHCR لعام 2024', ['UNHCR', '2024']],
    ['قمة COP29 في باكو', ['COP29']],
    ['ارتفعت بنسبة 12.5% هذا العام', ['12.5%']],
    ['انظر https://example.org/report.', ['https://example.org/report']],
    ['(انظر https://example.org/report?a=1&b=2)', ['https://example.org/report?a=1&b=2']],
    ['اكتب إلى press@example.org اليوم', ['press@example.org']],
    ['بلغ العدد 1,000,000 شخص و-3 درجات', ['1,000,000', '-3']],
    ['المفوضية (UNHCR) و COP29، ثم Covid-19', ['UNHCR', 'COP29', 'Covid-19']],
    ['قال: The UN Refugee Agency, in Geneva. ثم غادر', ['The UN Refugee Agency, in Geneva']],
    ['لا شيء لاتيني هنا ١٢٣', []],
  ])('%s', (text, expected) => {
    expect(runs(text)).toEqual(expected);
  });

  it('tells mostly Latin text from mostly Arabic text', () => {
    expect(mostlyLtr('UNHCR report')).toBe(true);
    expect(mostlyLtr('https://example.org/report')).toBe(true);
    expect(mostlyLtr('تقرير المفوضية UNHCR')).toBe(false);
  });
});

describe('renderEditionHtml in right-to-left locales', () => {
  it('isolates acronyms, numbers with %, and gives a URL link dir="auto" (Arabic)', () => {
    const html = render('أصدرت المفوضية UNHCR تقريرها عن قمة COP29، وارتفعت النسبة إلى 12.5% (انظر https://example.org/report).\n', 'ar');
    expect(html).toContain('<article lang="ar" dir="rtl">');
    expect(html).toContain('المفوضية <bdi dir="ltr">UNHCR</bdi> تقريرها');
    expect(html).toContain('قمة <bdi dir="ltr">COP29</bdi>، وارتفعت');
    expect(html).toContain('إلى <bdi dir="ltr">12.5%</bdi> (انظر');
    expect(html).toContain('<a href="https://example.org/report" dir="auto">https://example.org/report</a>).');
  });

  it('does the same in Persian', () => {
    const html = render('گزارش UNHCR درباره نشست COP29 نشان می‌دهد که ۱۲ کشور 12.5% افزایش داشتند: https://example.org/report\n', 'fa');
    expect(html).toContain('<article lang="fa" dir="rtl">');
    expect(html).toContain('گزارش <bdi dir="ltr">UNHCR</bdi> درباره نشست <bdi dir="ltr">COP29</bdi> نشان');
    expect(html).toContain('که ۱۲ کشور <bdi dir="ltr">12.5%</bdi> افزایش');
    expect(html).toContain('<a href="https://example.org/report" dir="auto">https://example.org/report</a>');
  });

  it('does the same in Urdu, at the start of a paragraph too', () => {
    const html = render('UNHCR کی رپورٹ کے مطابق COP29 میں 12.5% اضافہ ہوا۔ مزید پڑھیں: [رپورٹ](https://example.org/report)\n', 'ur');
    expect(html).toContain('<article lang="ur" dir="rtl">');
    expect(html).toContain('<p><bdi dir="ltr">UNHCR</bdi> کی رپورٹ کے مطابق <bdi dir="ltr">COP29</bdi> میں <bdi dir="ltr">12.5%</bdi> اضافہ');
    // A link whose text is Urdu keeps the page's direction.
    expect(html).toContain('<a href="https://example.org/report">رپورٹ</a>');
  });

  it('isolates an inline element whose whole text is Latin as one, and looks inside mixed links', () => {
    const html = render('وثيقة **UNHCR 2024** و[تقرير UNHCR](https://example.org) و[UNHCR report](https://example.org/r)\n', 'ar');
    expect(html).toContain('<bdi dir="ltr"><strong>UNHCR 2024</strong></bdi>');
    expect(html).not.toContain('<strong><bdi dir="ltr">');
    expect(html).toContain('<a href="https://example.org">تقرير <bdi dir="ltr">UNHCR</bdi></a>');
    expect(html).toContain('<a href="https://example.org/r" dir="auto">UNHCR report</a>');
  });

  it('never touches the inside of code, pre or an existing bdi', () => {
    const html = render('النص `UNHCR 12.5%` هنا\n\n```\nCOP29 12.5% https://example.org/report\n```\n', 'ar');
    expect(html).toContain('<bdi dir="ltr"><code>UNHCR 12.5%</code></bdi>');
    expect(html).toContain('<pre><code>COP29 12.5% https://example.org/report\n</code></pre>');

    const tree: Root = {
      type: 'root',
      children: [{ type: 'element', tagName: 'p', properties: {}, children: [
        { type: 'text', value: 'قال ' },
        { type: 'element', tagName: 'bdi', properties: {}, children: [{ type: 'text', value: 'UNHCR و COP29' }] },
        { type: 'text', value: ' و info@example.org و 12.5%' },
      ] }],
    };
    const out = unified().use(rehypeStringify).stringify(unified().use(rehypeIsolateLtr).runSync(tree));
    expect(out).toBe('<p>قال <bdi>UNHCR و COP29</bdi> و <bdi dir="ltr">info@example.org</bdi> و <bdi dir="ltr">12.5%</bdi></p>');
  });
});

describe('renderEditionHtml in left-to-right locales', () => {
  const markdown = 'The UNHCR report on COP29 shows a 12.5% rise (see https://example.org/report or write to press@example.org).\n\nقمة COP29 — **UNHCR** [UNHCR report](https://example.org/r)\n';
  const legacy = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

  it('leaves an English edition exactly as the plain pipeline writes it', () => {
    const html = render(markdown, 'en');
    const plain = legacy.stringify(legacy.runSync(parseMarkdown(markdown)));
    expect(html).toBe(`<article lang="en" dir="ltr">\n${plain}\n</article>\n`);
    expect(html).not.toContain('<bdi');
    expect(html).not.toContain('dir="auto"');
  });

  it('adds nothing in French either', () => {
    const html = render(markdown, 'fr');
    expect(html).not.toContain('<bdi');
    expect(html).not.toContain('dir="auto"');
  });
});
