import { describe, expect, it } from 'vitest';
import { xmlCodec } from '../../src/markdown/placeholder-codec.ts';
import { mergeSplitSpans } from '../../src/mt/apertium/merge-split-spans.ts';

const merge = (text: string) => xmlCodec.encode(mergeSplitSpans(xmlCodec.decode(text).tokens));

describe('merging split spans', () => {
  it('merges the copies of one element into one span', () => {
    expect(merge('abrió <g id="2">su</g> <g id="2"><g id="3">tercer</g></g> <g id="2">depósito</g> el 3')).toBe(
      'abrió <g id="2">su <g id="3">tercer</g> depósito</g> el 3',
    );
  });

  it('leaves single spans and crossing copies alone', () => {
    expect(merge('a <g id="1">b</g> c')).toBe('a <g id="1">b</g> c');
    expect(merge('<g id="1">a <g id="2">b</g></g> <g id="2">c <g id="1">d</g></g>')).toBe('<g id="1">a <g id="2">b</g></g> <g id="2">c <g id="1">d</g></g>');
  });
});
