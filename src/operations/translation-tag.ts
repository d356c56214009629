/**
 * The part of a translation's ETag that names its texts: the source revision, the sum and
 * the count of its segments' versions. Every change to a segment raises its version (versions
 * never go down), so any change of text or state moves the tag. The HTTP ETag adds a hash
 * of the findings (`W/"<tag>-<findings>"`, server/routes/translations.ts).
 */
export function translationTag(revision: number, versions: readonly number[]): string {
  return tagOf(revision, { sum: versions.reduce((n, v) => n + v, 0), count: versions.length });
}

/** The same tag from the versions' sum and count (as the database counts them). */
export function tagOf(revision: number, versions: { sum: number; count: number }): string {
  return `${revision}-${versions.sum}-${versions.count}`;
}

/**
 * Whether an If-Match value names this tag: the ETag as GET …/translations/{locale} sends it
 * (weak or not, with its findings part) or the bare tag; a list of them matches if one does.
 * `*` never matches: it names no version.
 */
export function ifMatchNamesTag(header: string, tag: string): boolean {
  return header.split(',').some((part) => {
    const value = part.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
    return value === tag || value.startsWith(`${tag}-`);
  });
}
