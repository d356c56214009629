import { describe, expect, it } from 'vitest';
import { bidiControlsRule } from '../../src/quality/index.ts';
import { brief, segmentInput } from './support.ts';

const check = (target: string, to: string) => brief(bidiControlsRule.check(segmentInput('UNICEF said it in <g id="1">2024</g>.', target, { to })));

const LRM = '\u200E', RLM = '\u200F', ALM = '\u061C';
const LRE = '\u202A', RLE = '\u202B', PDF = '\u202C', LRO = '\u202D', RLO = '\u202E';
const LRI = '\u2066', RLI = '\u2067', FSI = '\u2068', PDI = '\u2069';

describe('bidi-controls in a right-to-left target', () => {
  it('passes balanced isolates and directional marks (an Arabic edition)', () => {
    expect(check(`قالت ${FSI}UNICEF${PDI} ذلك في <g id="1">٢٠٢٤</g>.`, 'ar')).toEqual([]);
    expect(check(`قالت ${LRI}UNICEF ${RLI}اليوم${PDI}${PDI}${RLM} ذلك${ALM}.`, 'ar')).toEqual([]);
    expect(check(`گفت ${LRI}UNICEF${PDI}${LRM} در <g id="1">۲۰۲۴</g>.`, 'fa')).toEqual([]);
  });

  it('fails an override character, and the fix removes it with its PDF', () => {
    expect(check(`قالت ${RLO}UNICEF${PDF} ذلك.`, 'ar')).toEqual([
      { key: 'bidi-controls.override', severity: 'fatal', args: { chars: 'U+202E' }, fix: 'قالت UNICEF ذلك.' },
    ]);
    expect(check(`אמרה ${LRO}UNICEF`, 'he')).toEqual([{ key: 'bidi-controls.override', severity: 'fatal', args: { chars: 'U+202D' }, fix: 'אמרה UNICEF' }]);
  });

  it('fails unbalanced embeddings and isolates', () => {
    expect(check(`قالت UNICEF${PDI} ذلك.`, 'ar')).toEqual([{ key: 'bidi-controls.unbalanced', severity: 'fatal', args: { chars: 'U+2069' }, fix: 'قالت UNICEF ذلك.' }]);
    expect(check(`قالت ${LRI}UNICEF ذلك.`, 'ar')).toEqual([{ key: 'bidi-controls.unbalanced', severity: 'fatal', args: { chars: 'U+2066' }, fix: 'قالت UNICEF ذلك.' }]);
    expect(check(`قالت UNICEF${PDF} ذلك.`, 'ar')).toEqual([{ key: 'bidi-controls.unbalanced', severity: 'fatal', args: { chars: 'U+202C' }, fix: 'قالت UNICEF ذلك.' }]);
    // An embedding still open when its isolate closes is unbalanced; the isolate is fine.
    expect(check(`قالت ${RLI}${LRE}UNICEF${PDI}.`, 'ar')).toEqual([
      { key: 'bidi-controls.unbalanced', severity: 'fatal', args: { chars: 'U+202A' }, fix: `قالت ${RLI}UNICEF${PDI}.` },
    ]);
  });

  it('warns about balanced embeddings, isolates being the safe form', () => {
    expect(check(`قالت ${RLE}اليونيسف${PDF} ذلك.`, 'ar')).toEqual([{ key: 'bidi-controls.embedding', severity: 'warning', args: { chars: 'U+202B' }, fix: 'قالت اليونيسف ذلك.' }]);
  });
});

describe('bidi-controls in a left-to-right target', () => {
  it('passes text without them', () => {
    expect(check('L’UNICEF l’a dit en <g id="1">2024</g>.', 'fr')).toEqual([]);
  });

  it('warns about any of them, balanced or not fatal, with a fix', () => {
    expect(check(`L’UNICEF${LRM} l’a dit.`, 'fr')).toEqual([{ key: 'bidi-controls.ltr-target', severity: 'warning', args: { chars: 'U+200E' }, fix: 'L’UNICEF l’a dit.' }]);
    expect(check(`Il a cité ${RLI}غزة${PDI} en <g id="1">2024</g>.`, 'fr')).toEqual([
      { key: 'bidi-controls.ltr-target', severity: 'warning', args: { chars: 'U+2067, U+2069' }, fix: 'Il a cité غزة en <g id="1">2024</g>.' },
    ]);
  });

  it('still fails overrides and unbalanced controls', () => {
    expect(check(`UNICEF ${RLO}dit${PDF} ${RLI}x`, 'en-GB')).toEqual([
      { key: 'bidi-controls.override', severity: 'fatal', args: { chars: 'U+202E' }, fix: 'UNICEF dit x' },
      { key: 'bidi-controls.unbalanced', severity: 'fatal', args: { chars: 'U+2067' }, fix: 'UNICEF dit x' },
    ]);
  });
});
