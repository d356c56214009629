/**
 * Text in the same order on every database: by UTF-8 bytes (code points), as SQLite's BINARY
 * collation orders it, whatever the PostgreSQL database's collation (en_US, ICU…) would do.
 * For lists whose order is shown (a locale's link targets).
 */
export function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
