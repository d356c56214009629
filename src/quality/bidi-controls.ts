/**
 * `bidi-controls`: invisible directional formatting characters in a translation. They
 * come in with text pasted from word processors and machine output, and can reorder what
 * a reader sees (or hide text) without anyone noticing in review.
 * - overrides LRO/RLO (U+202D/U+202E): fatal always (they can make text read other than
 *   it is stored);
 * - embeddings LRE/RLE/PDF (U+202A–U+202C) and isolates LRI/RLI/FSI/PDI (U+2066–U+2069):
 *   fatal when unbalanced (a closer without its opener, an opener never closed);
 * - right-to-left targets (textDirection): balanced isolates and the marks LRM, RLM, ALM
 *   (U+200E, U+200F, U+061C) are proper tools; balanced embeddings are a warning (isolates
 *   are the safe form);
 * - left-to-right targets: any of them is a warning.
 * The fix is the text without the reported characters (and the PDF closing a removed
 * override or embedding).
 */
import { textDirection } from '../publishing/text-direction.ts';
import { segmentFinding } from './finding.ts';
import type { QualityFinding, SegmentRule, Severity } from './types.ts';

const embeddings = new Set([0x202a, 0x202b]);
const overrides = new Set([0x202d, 0x202e]);
const pdf = 0x202c;
const isolates = new Set([0x2066, 0x2067, 0x2068]);
const pdi = 0x2069;
const marks = new Set([0x200e, 0x200f, 0x061c]);

type Verdict = 'override' | 'unbalanced' | 'embedding' | 'ltr-target';
const severities: Record<Verdict, Severity> = { override: 'fatal', unbalanced: 'fatal', embedding: 'warning', 'ltr-target': 'warning' };

interface Flag {
  verdict: Verdict;
  /** Named in the finding (the PDF closing a removed override is removed but not named). */
  named: boolean;
}

const codeOf = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function scan(text: string, rtl: boolean): Map<number, Flag> {
  const flags = new Map<number, Flag>();
  const stack: { at: number; cp: number }[] = [];
  const balanced = (opener: number, closer: number, isolate: boolean) => {
    if (flags.get(opener)?.verdict === 'override') {
      flags.set(closer, { verdict: 'override', named: false });
    } else if (!rtl) {
      flags.set(opener, { verdict: 'ltr-target', named: true });
      flags.set(closer, { verdict: 'ltr-target', named: true });
    } else if (!isolate) {
      flags.set(opener, { verdict: 'embedding', named: true });
      flags.set(closer, { verdict: 'embedding', named: false });
    }
  };
  const unclosed = (at: number) => {
    if (flags.get(at)?.verdict !== 'override') flags.set(at, { verdict: 'unbalanced', named: true });
  };
  for (let at = 0; at < text.length; at++) {
    const cp = text.charCodeAt(at);
    if (overrides.has(cp)) {
      flags.set(at, { verdict: 'override', named: true });
      stack.push({ at, cp });
    } else if (embeddings.has(cp) || isolates.has(cp)) {
      stack.push({ at, cp });
    } else if (cp === pdf) {
      const top = stack[stack.length - 1];
      if (top && !isolates.has(top.cp)) balanced(stack.pop()!.at, at, false);
      else flags.set(at, { verdict: 'unbalanced', named: true });
    } else if (cp === pdi) {
      const i = stack.findLastIndex((s) => isolates.has(s.cp));
      if (i === -1) {
        flags.set(at, { verdict: 'unbalanced', named: true });
        continue;
      }
      // A PDI closes its isolate and every embedding opened inside it, left unclosed.
      for (const inner of stack.splice(i + 1)) unclosed(inner.at);
      balanced(stack.pop()!.at, at, true);
    } else if (marks.has(cp) && !rtl) {
      flags.set(at, { verdict: 'ltr-target', named: true });
    }
  }
  for (const s of stack) unclosed(s.at);
  return flags;
}

export const bidiControlsRule: SegmentRule = {
  id: 'bidi-controls',
  check(input) {
    const flags = scan(input.text, textDirection(input.targetLocale) === 'rtl');
    if (flags.size === 0) return [];
    let fix = '';
    for (let at = 0; at < input.text.length; at++) if (!flags.has(at)) fix += input.text[at];
    const byVerdict = new Map<Verdict, string[]>();
    for (const [at, flag] of [...flags].sort((a, b) => a[0] - b[0])) {
      if (!flag.named) continue;
      const chars = byVerdict.get(flag.verdict) ?? [];
      const code = codeOf(input.text.charCodeAt(at));
      if (!chars.includes(code)) chars.push(code);
      byVerdict.set(flag.verdict, chars);
    }
    const findings: QualityFinding[] = [];
    for (const verdict of ['override', 'unbalanced', 'embedding', 'ltr-target'] as const) {
      const chars = byVerdict.get(verdict);
      if (chars) findings.push(segmentFinding(input, 'bidi-controls', severities[verdict], `bidi-controls.${verdict}`, { chars: chars.join(', ') }, fix));
    }
    return findings;
  },
};
