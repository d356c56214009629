import { describe, expect, it } from 'vitest';
import { lengthRatioRule } from '../../src/quality/index.ts';
import { brief, segmentInput, type InputOptions } from './support.ts';

const check = (source: string, target: string, options: InputOptions = {}) => brief(lengthRatioRule.check(segmentInput(source, target, options)));
const source = 'The ministry announced new humanitarian measures for the region today.'; // 60 letters and digits

describe('length-ratio', () => {
  it('passes translations of usual length', () => {
    expect(check(source, 'Le ministère a annoncé aujourd’hui de nouvelles mesures humanitaires pour la région.')).toEqual([]);
    expect(check(source, 'أعلنت الوزارة اليوم عن إجراءات إنسانية جديدة للمنطقة.', { to: 'ar' })).toEqual([]);
    expect(check(source, '外交部今天宣布了针对该地区的新人道主义措施。', { to: 'zh' })).toEqual([]);
    expect(check(source, 'मंत्रालय ने आज क्षेत्र के लिए नए मानवीय उपायों की घोषणा की।', { to: 'hi' })).toEqual([]);
  });

  it('warns about a translation far too short, with the ratio and the expected ratio', () => {
    expect(check(source, 'Le ministère a annoncé des mesures.')).toEqual([{ key: 'length-ratio.too-short', severity: 'warning', args: { ratio: 0.48, expected: 1.15 } }]);
    expect(check(source, 'أعلنت الوزارة.', { to: 'ar' })).toEqual([{ key: 'length-ratio.too-short', severity: 'warning', args: { ratio: 0.2, expected: 0.85 } }]);
  });

  it('warns about a translation far too long', () => {
    const long = 'Das Ministerium hat heute neue humanitäre Maßnahmen für die Region angekündigt. '.repeat(3);
    expect(check(source, long, { to: 'de' })).toEqual([{ key: 'length-ratio.too-long', severity: 'warning', args: { ratio: 3.4, expected: 1.2 } }]);
    // English is short against Chinese: the expected ratio is the inverse.
    expect(check('外交部今天宣布了针对该地区的新人道主义措施。', source, { from: 'zh', to: 'en' })).toEqual([]);
  });

  it('counts letters and digits only, placeholders aside, and skips short sources', () => {
    expect(check('<g id="1">Short</g> source', '<g id="1">x</g>')).toEqual([]);
    expect(check(source, `<g id="1"> ... </g> <x id="2"/> ${'!'.repeat(200)} Mesures.`)).toEqual([{ key: 'length-ratio.too-short', severity: 'warning', args: { ratio: 0.12, expected: 1.15 } }]);
  });
});
