import { describe, expect, it } from 'vitest';
import { placeholdersRule } from '../../src/quality/index.ts';
import { brief, segmentInput, segmentOf } from './support.ts';

// 1 emphasis, 2 link, 3 strong (inside the link), 4 inline code.
const segment = segmentOf('We *really* read [the **full** report](https://example.org/r) and `REF-1` today.\n');
const check = (text: string) => brief(placeholdersRule.check(segmentInput(segment, text)));

describe('placeholders', () => {
  it('reads the source segment as expected', () => {
    expect(segment.text).toBe('We <g id="1">really</g> read <g id="2">the <g id="3">full</g> report</g> and <x id="4"/> today.');
  });

  it('passes a translation that reorders and re-nests placeholders', () => {
    expect(check('Nous avons lu <g id="2">le rapport <g id="3">complet</g></g> <g id="1">vraiment</g> et <x id="4"/> aujourd’hui.')).toEqual([]);
    expect(check('لقد قرأنا <g id="1">حقًا</g> <g id="2">التقرير <g id="3">الكامل</g></g> و<x id="4"/> اليوم.')).toEqual([]);
  });

  it('names a missing placeholder (fatal)', () => {
    expect(check('Nous avons <g id="1">vraiment</g> lu <g id="2">le rapport <g id="3">complet</g></g> aujourd’hui.')).toEqual([
      { key: 'placeholders.missing', severity: 'fatal', args: { placeholderId: 4 } },
    ]);
  });

  it('names duplicated and unknown placeholders', () => {
    expect(check('<g id="1">a</g> <g id="2"><g id="3">b</g></g> <x id="4"/> <x id="4"/> <x id="9"/>')).toEqual([
      { key: 'placeholders.duplicated', severity: 'fatal', args: { placeholderId: 4 } },
      { key: 'placeholders.unknown', severity: 'fatal', args: { placeholderId: 9 } },
    ]);
  });

  it('names a placeholder of the wrong kind, an unclosed one and a stray close', () => {
    expect(check('<x id="1"/> <g id="2"><g id="3">b</g></g> <x id="4"/>')).toEqual([{ key: 'placeholders.kind', severity: 'fatal', args: { placeholderId: 1 } }]);
    expect(check('<g id="1">a <g id="2"><g id="3">b</g></g> <x id="4"/>')).toEqual([{ key: 'placeholders.unclosed', severity: 'fatal', args: { placeholderId: 1 } }]);
    expect(check('<g id="1">a</g></g> <g id="2"><g id="3">b</g></g> <x id="4"/>')).toEqual([{ key: 'placeholders.stray-close', severity: 'fatal', args: {} }]);
  });

  it('names a link put inside another link', () => {
    const twoLinks = segmentOf('See [one](https://a.example) and [two](https://b.example).\n');
    const findings = placeholdersRule.check(segmentInput(twoLinks, 'Voir <g id="1">un et <g id="2">deux</g></g>.'));
    expect(brief(findings)).toEqual([{ key: 'placeholders.nesting', severity: 'fatal', args: { placeholderId: 2 } }]);
    expect(findings[0]!.segmentId).toBe(twoLinks.id);
  });
});
