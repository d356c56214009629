/**
 * XLIFF 1.2 (OmegaT's and Trados' default, translate-toolkit's): one <file> per statement
 * (`original`: the slug, `datatype="x-markdown"`), one <trans-unit> per segment (id: the
 * segment id, `xml:space="preserve"`), placeholders as <g id>…</g> and <x id equiv-text/> (read
 * also: <bx/>/<ex/>, <bpt>/<ept>, <ph>, <it>, <mrk>: xliff-common.ts), the state on <target>
 * (`state`, `state-qualifier="mt-suggestion"` for a machine draft) and <note>s.
 */
import { canonicalText, classOf12, EDITIONS_NS, editionsVersionOf, exportStates, inlineNodes, noFile, refuseOtherLanguage, type InlineNames, type XliffSegment, type XliffUnitIn } from './xliff-common.ts';
import { buildXml, childElements, el, txt, type Element } from './safe-xml.ts';

const names: InlineNames = { paired: 'g', standalone: 'x', display: 'equiv-text' };

export function exportXliff12(slug: string, sourceLocale: string, targetLocale: string, segments: readonly XliffSegment[]): string {
  const units = segments.map((s) => {
    const state = exportStates[s.state].v12;
    return el('trans-unit', { id: s.id, 'xml:space': 'preserve', 'editions:version': String(s.version), ...(s.state === 'approved' && s.target !== null ? { approved: 'yes' } : {}) }, [
      el('source', {}, inlineNodes(s.source, s.placeholders, names)),
      ...(s.target !== null ? [el('target', { ...(state ? { state } : {}), ...(s.state === 'machine' ? { 'state-qualifier': 'mt-suggestion' } : {}) }, inlineNodes(s.target, s.placeholders, names))] : []),
      ...s.notes.map((n) => el('note', { from: 'editions' }, [txt(n)])),
    ]);
  });
  const root = el('xliff', { version: '1.2', xmlns: 'urn:oasis:names:tc:xliff:document:1.2', 'xmlns:editions': EDITIONS_NS }, [
    el('file', { original: slug, datatype: 'x-markdown', 'source-language': sourceLocale, 'target-language': targetLocale }, [el('body', {}, units)]),
  ]);
  // No indentation: white space inside <source> and <target> is content.
  return buildXml(root, { spaces: 0 });
}

function transUnits(e: Element, scopes: readonly Element[]): { unit: Element; scopes: readonly Element[] }[] {
  return childElements(e).flatMap((c) => (c.name === 'trans-unit' ? [{ unit: c, scopes: [...scopes, e] }] : c.name === 'group' || c.name === 'body' ? transUnits(c, [...scopes, e]) : []));
}

/** The <xliff version="1.x"> root's units for `slug`. */
export function readXliff12(root: Element, slug: string, targetLocale: string): XliffUnitIn[] {
  const files = childElements(root, 'file');
  const file = files.find((f) => f.attributes?.original === slug);
  if (!file) throw noFile(slug, 'original', files.map((f) => String(f.attributes?.original ?? '')));
  refuseOtherLanguage(file.attributes?.['target-language'] as string | undefined, targetLocale, 'target-language');
  return transUnits(file, [root]).map(({ unit, scopes }) => {
    const target = childElements(unit, 'target')[0];
    const text = target ? canonicalText((target.elements ?? []) as Element[]) : null;
    const fileState = (target?.attributes?.state as string | undefined) ?? null;
    // approved="yes" on the unit, without a state: signed off.
    const stateClass = fileState === null && unit.attributes?.approved === 'yes' ? 'final' : classOf12(fileState);
    return { id: String(unit.attributes?.id ?? ''), target: text === '' ? null : text, fileState: fileState ?? (unit.attributes?.approved === 'yes' ? 'approved' : null), stateClass, version: editionsVersionOf(unit, scopes) };
  });
}
