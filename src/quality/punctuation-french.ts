/**
 * French punctuation (fr, any region): quotations in guillemets « … » with a narrow
 * no-break space (U+202F; U+00A0 also accepted) inside, and that space, never a plain one
 * and never none, before ; : ! ? and ». Straight "…" and English “…” quotes become « … ».
 * A colon between digits (10:30, 1:2) and the second of ?! are left alone; masked URLs,
 * tags and entities are never touched.
 */
import { isTransparent } from './masking.ts';
import { listMarks, type PunctuationIssue, type PunctuationResult } from './punctuation-convention.ts';

const nbsp = /[\u00A0\u202F]/u;
const breakingSpace = /[ \u2009]/u;
const narrow = '\u202F';

function spacing(text: string): { marks: string[]; fixed: string } {
  const out: string[] = [];
  const marks: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '«') {
      out.push(ch);
      if (next === undefined || next === '\n' || nbsp.test(next)) continue;
      marks.push(ch);
      out.push(narrow);
      if (breakingSpace.test(next)) i++;
      continue;
    }
    if (';:!?»'.includes(ch)) {
      let j = out.length - 1;
      while (j >= 0 && isTransparent(out[j])) j--;
      const prev = out[j];
      const skip =
        prev === undefined ||
        prev === '\n' ||
        nbsp.test(prev) ||
        '([{«“'.includes(prev) ||
        ('!?'.includes(ch) && '!?'.includes(prev)) ||
        (ch === ':' && /\d/u.test(prev) && /\d/u.test(next ?? ''));
      if (!skip) {
        marks.push(ch);
        if (breakingSpace.test(prev)) out[j] = narrow;
        else out.push(narrow);
      }
    }
    out.push(ch);
  }
  return { marks, fixed: out.join('') };
}

function guillemets(text: string): string {
  let n = 0;
  return text.replace(/"/g, () => (n++ % 2 === 0 ? '«' : '»')).replace(/“/g, '«').replace(/”/g, '»');
}

export function french(masked: string): PunctuationResult {
  const issues: PunctuationIssue[] = [];
  const straight = (masked.match(/"/g) ?? []).length;
  const quotesFixable = straight % 2 === 0;
  if (straight > 0 || /[“”]/u.test(masked)) issues.push({ key: 'punctuation.fr-quotes', args: {}, fixable: quotesFixable });
  const reported = spacing(masked);
  const fixed = spacing(quotesFixable ? guillemets(masked) : masked).fixed;
  if (reported.marks.length > 0) issues.push({ key: 'punctuation.fr-spacing', args: { marks: listMarks(reported.marks) }, fixable: true });
  return { issues, fixed };
}
