/** The language subtag of a locale (`fr-CA` → `fr`), which decides the conventions a rule applies. */
export function languageOf(locale: string): string {
  try {
    return new Intl.Locale(locale).language;
  } catch {
    return (locale.split(/[-_]/)[0] ?? '').toLowerCase();
  }
}

export function regionOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}
