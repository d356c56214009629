/** withFrontMatterLocale: the front matter keys that name the language say the edition's locale; nothing else changes. */
import { describe, expect, it } from 'vitest';
import { withFrontMatterLocale } from '../../src/markdown/frontmatter.ts';

describe('withFrontMatterLocale', () => {
  it('replaces lang, language and locale by default, dotted paths when configured, other keys untouched', () => {
    const md = '---\n# a comment\ntitle: "Seed bank"\nlang: en\nlanguage: "English"\nlocale: en-GB\nseo:\n  locale: en\nauthor: en\n---\n\nlang: en stays in the body.\n';
    expect(withFrontMatterLocale(md, 'es')).toBe('---\n# a comment\ntitle: "Seed bank"\nlang: es\nlanguage: es\nlocale: es\nseo:\n  locale: en\nauthor: en\n---\n\nlang: en stays in the body.\n');
    expect(withFrontMatterLocale(md, 'pt-BR', ['seo.locale'])).toBe(md.replace('  locale: en\n', '  locale: pt-BR\n'));
    expect(withFrontMatterLocale(md, 'es', [])).toBe(md);
  });

  it('leaves a document without front matter, without the keys, or already right as it is', () => {
    for (const md of ['# No front matter\n\nlang: en\n', '---\ntitle: T\n---\n\nText.\n', '---\n---\n', '---\nlang: es\n---\n', '---\nlang: [en, fr]\n---\n', 'Text\n---\nlang: en\n---\n']) {
      expect(withFrontMatterLocale(md, 'es')).toBe(md);
    }
  });

  it('keeps CRLF line endings', () => {
    expect(withFrontMatterLocale('---\r\nlang: en\r\n---\r\n\r\nText.\r\n', 'ar')).toBe('---\r\nlang: ar\r\n---\r\n\r\nText.\r\n');
  });
});
