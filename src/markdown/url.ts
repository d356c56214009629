/** URLs as compared across a source and its editions: absolute ones as parsed (`https://a.org` = `https://a.org/`), others as written. */
export function normaliseUrl(url: string): string {
  const trimmed = url.trim();
  try {
    return new URL(trimmed).href;
  } catch {
    return trimmed;
  }
}
