/**
 * Writing direction of a locale, from its script: the one it names (`ku-Arab`, `sd-Deva`), else
 * the likely one for its language and region from CLDR's likely subtags (`Intl.Locale#maximize`:
 * `ar` → Arab, `ku` → Latn but `ku-IQ` → Arab, `iw` → he → Hebr). No list of languages to keep.
 */
const rtlScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

export function textDirection(locale: string): 'rtl' | 'ltr' {
  try {
    const l = new Intl.Locale(locale);
    const script = l.script ?? l.maximize().script;
    return script !== undefined && rtlScripts.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
