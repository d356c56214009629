/** Writing direction of a locale: right-to-left scripts and the languages written in them by default. */
const rtlScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);
const rtlLanguages = new Set(['ar', 'fa', 'ur', 'he', 'iw', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb', 'arz', 'ku-Arab', 'syr', 'nqo']);

export function textDirection(locale: string): 'rtl' | 'ltr' {
  try {
    const l = new Intl.Locale(locale);
    if (l.script) return rtlScripts.has(l.script) ? 'rtl' : 'ltr';
    return rtlLanguages.has(l.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
