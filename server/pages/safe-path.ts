/** Where to send someone back to: a path of this site only (never another site's URL). */
export function safePath(value: unknown, fallback = '/statements'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return value;
}
