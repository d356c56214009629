import { describe, expect, it } from 'vitest';
import { structureParityRule } from '../../src/quality/index.ts';
import { brief, editionInput } from './support.ts';

const check = (source: string, target: string) => brief(structureParityRule.check(editionInput(source, target)));

const source = [
  '---',
  'title: Aid reaches the north',
  '---',
  '',
  '## Aid reaches the north',
  '',
  'Trucks arrived on *Monday*.',
  '',
  '- [x] Water',
  '- [ ] Food',
  '',
  '> Quote from the **director**.',
  '',
  '| Region | Tonnes |',
  '| --- | --- |',
  '| North | 12 |',
  '',
  '```js',
  'const tonnes = 12;',
  '```',
  '',
  '---',
  '',
  'See the report.[^1]',
  '',
  '[^1]: Published in 2024.',
  '',
].join('\n');

describe('structure-parity', () => {
  it('passes a translation with the same block structure', () => {
    const target = source
      .replace(/Aid reaches the north/g, 'L’aide atteint le nord')
      .replace('Trucks arrived on *Monday*.', 'Les camions sont arrivés *lundi*, avec beaucoup plus de mots.')
      .replace('Water', 'Eau')
      .replace('Food', 'Nourriture')
      .replace('Quote from the **director**.', 'Citation du **directeur**.')
      .replace('| North | 12 |', '| Nord | 12 |')
      .replace('See the report.', 'Voir le rapport.');
    expect(check(source, target)).toEqual([]);
  });

  it('ignores list numbering, markers and spread', () => {
    expect(check('1. one\n2. two\n', '3) un\n\n4) deux\n')).toEqual([]);
    expect(check('- one\n- two\n', '* un\n* deux\n')).toEqual([]);
  });

  it('reports a changed heading depth', () => {
    expect(check(source, source.replace('## Aid', '### Aid'))).toEqual([
      { key: 'structure-parity.mismatch', severity: 'fatal', args: { path: '/1', expected: 'heading 2', found: 'heading 3' } },
    ]);
  });

  it('reports a lost list item and a changed task flag', () => {
    expect(check(source, source.replace('- [ ] Food\n', ''))).toEqual([
      { key: 'structure-parity.mismatch', severity: 'fatal', args: { path: '/3', expected: 'list (2 items)', found: 'list (1 item)' } },
    ]);
    expect(check(source, source.replace('- [ ] Food', '- [x] Food'))).toEqual([
      { key: 'structure-parity.mismatch', severity: 'fatal', args: { path: '/3/1', expected: 'listItem [ ]', found: 'listItem [x]' } },
    ]);
  });

  it('reports a block turned into another inside a quote', () => {
    expect(check(source, source.replace('> Quote', '> # Quote'))).toEqual([
      { key: 'structure-parity.mismatch', severity: 'fatal', args: { path: '/4/0', expected: 'paragraph', found: 'heading 1' } },
    ]);
  });

  it('reports a table row with a different number of cells', () => {
    expect(check(source, source.replace('| North | 12 |', '| North | 12 | 3 |'))).toEqual([
      { key: 'structure-parity.mismatch', severity: 'fatal', args: { path: '/5/1', expected: 'tableRow (2 cells)', found: 'tableRow (3 cells)' } },
    ]);
  });

  it('reports a code block whose code or language changed', () => {
    expect(check(source, source.replace('const tonnes = 12;', 'const tonnes = 13;'))).toEqual([
      { key: 'structure-parity.mismatch', severity: 'fatal', args: { path: '/6', expected: 'code js "const tonnes = 12;"', found: 'code js "const tonnes = 13;"' } },
    ]);
    expect(check(source, source.replace('```js', '```ts'))).toEqual([
      { key: 'structure-parity.mismatch', severity: 'fatal', args: { path: '/6', expected: 'code js "const tonnes = 12;"', found: 'code ts "const tonnes = 12;"' } },
    ]);
  });

  it('reports a missing and an extra block, only the first difference', () => {
    expect(check('One.\n\nTwo.\n\nThree.\n', 'Un.\n\nDeux.\n')).toEqual([
      { key: 'structure-parity.missing', severity: 'fatal', args: { path: '/2', expected: 'paragraph', found: '' } },
    ]);
    expect(check('One.\n', 'Un.\n\n---\n\nDeux.\n')).toEqual([{ key: 'structure-parity.extra', severity: 'fatal', args: { path: '/1', expected: '', found: 'thematicBreak' } }]);
    expect(check('# A\n\nB\n\n- c\n', '## A\n\n> B\n\n- c\n- d\n')).toHaveLength(1);
  });

  it('reports lost front matter and footnotes', () => {
    expect(check(source, source.replace('---\ntitle: Aid reaches the north\n---\n\n', ''))[0]).toEqual({
      key: 'structure-parity.mismatch',
      severity: 'fatal',
      args: { path: '/0', expected: 'yaml', found: 'heading 2' },
    });
    expect(check(source, source.replace('[^1]: Published in 2024.\n', ''))).toEqual([
      { key: 'structure-parity.missing', severity: 'fatal', args: { path: '/9', expected: 'footnoteDefinition', found: '' } },
    ]);
  });
});
