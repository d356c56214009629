/**
 * The rule of segments that need no translation (docs/domain.md, "Segments that copy
 * themselves"): once its placeholders (inline code, links, emphasis markers: `<g1>`, `<x2/>`)
 * are taken out, no letter is left, only digits, punctuation, symbols and spaces ("12,500",
 * "3.2 %", "2026-04-03", a code span alone). Empty text is not one.
 */
export function copiesItself(text: string): boolean {
  if (!text.trim()) return false;
  const bare = text.replace(/<\/?[a-z]+\d+\/?>/g, '');
  return !/\p{L}/u.test(bare);
}
