/**
 * XLIFF 2.0 for CAT tools (and `readXliff`, which reads either version): one <file> per
 * statement (id: the slug), one <unit> per segment (id: the segment id), placeholders as inline
 * codes (<pc> for paired, <ph disp="…"/> for standalone; <sc/>/<ec/> read as paired too: see
 * xliff-common.ts), the state on <segment> (`state`, `subState` `editions:…` for what 2.0 has
 * no state for) and notes (state, glossary terms, findings, comments).
 */
import { DomainError } from '../errors.ts';
import { canonicalText, classOf20, EDITIONS_NS, editionsVersionOf, exportStates, inlineNodes, lowerState, noFile, refuseOtherLanguage, type InlineNames, type XliffDocumentIn, type XliffSegment, type XliffUnitIn } from './xliff-common.ts';
import { readXliff12 } from './xliff12.ts';
import { buildXml, childElements, el, parseXml, txt, type Element } from './safe-xml.ts';

export type { XliffSegment, XliffUnitIn, XliffDocumentIn } from './xliff-common.ts';

const names: InlineNames = { paired: 'pc', standalone: 'ph', display: 'disp' };

export function exportXliff(slug: string, sourceLocale: string, targetLocale: string, segments: readonly XliffSegment[]): string {
  const units = segments.map((s) => {
    const state = exportStates[s.state];
    return el('unit', { id: s.id, 'xml:space': 'preserve', 'editions:version': String(s.version) }, [
      ...(s.notes.length > 0 ? [el('notes', {}, s.notes.map((n) => el('note', {}, [txt(n)])))] : []),
      el('segment', { state: s.target === null ? 'initial' : state.v20, ...(s.target !== null && state.subState ? { subState: state.subState } : {}) }, [
        el('source', {}, inlineNodes(s.source, s.placeholders, names)),
        ...(s.target !== null ? [el('target', {}, inlineNodes(s.target, s.placeholders, names))] : []),
      ]),
    ]);
  });
  const root = el('xliff', { xmlns: 'urn:oasis:names:tc:xliff:document:2.0', 'xmlns:editions': EDITIONS_NS, version: '2.0', srcLang: sourceLocale, trgLang: targetLocale }, [el('file', { id: slug }, units)]);
  // No indentation: white space inside <source> and <target> is content.
  return buildXml(root, { spaces: 0 });
}

/** Elements named `name` under `e`, at any depth through <group>s. */
function unitsUnder(e: Element, name: string, scopes: readonly Element[] = []): { unit: Element; scopes: readonly Element[] }[] {
  return childElements(e).flatMap((c) => (c.name === name ? [{ unit: c, scopes: [...scopes, e] }] : c.name === 'group' || c.name === 'body' ? unitsUnder(c, name, [...scopes, e]) : []));
}

function readXliff20(root: Element, slug: string, targetLocale: string): XliffUnitIn[] {
  refuseOtherLanguage(root.attributes?.trgLang as string | undefined, targetLocale, 'trgLang');
  const files = childElements(root, 'file');
  const file = files.find((f) => f.attributes?.id === slug);
  if (!file) throw noFile(slug, 'id', files.map((f) => String(f.attributes?.id ?? '')));
  return unitsUnder(file, 'unit', [root]).map(({ unit, scopes }) => {
    let target: Element[] | null = null;
    let stateClass: XliffUnitIn['stateClass'] | null = null;
    let fileState: string | null = null;
    // A unit of several segments (and ignorables): their targets in order, as far as its least advanced segment.
    for (const part of childElements(unit).filter((c) => c.name === 'segment' || c.name === 'ignorable')) {
      const t = childElements(part, 'target')[0] ?? (part.name === 'ignorable' ? childElements(part, 'source')[0] : undefined);
      if (t) (target ??= []).push(...((t.elements ?? []) as Element[]));
      if (part.name === 'segment') {
        const state = (part.attributes?.state as string | undefined) ?? null;
        fileState ??= state;
        stateClass = stateClass === null ? classOf20(state) : lowerState(stateClass, classOf20(state));
      }
    }
    const text = target === null ? null : canonicalText(target);
    return { id: String(unit.attributes?.id ?? ''), target: text === '' ? null : text, fileState, stateClass: stateClass ?? 'none', version: editionsVersionOf(unit, scopes) };
  });
}

/**
 * The units of an XLIFF document, 1.2 or 2.0 (its `version`), for the statement `slug` (1.2
 * <file original>, 2.0 <file id>) and `targetLocale`; targets in the canonical form.
 */
export function readXliff(xml: string, slug: string, targetLocale: string): XliffDocumentIn {
  const doc = parseXml(xml, { keepSpaces: true });
  const root = childElements(doc)[0];
  const version = String(root?.attributes?.version ?? '');
  if (!root || root.name?.replace(/^.*:/, '') !== 'xliff') {
    throw new DomainError('validation_failed', `Not XLIFF: the root element is <${root?.name ?? ''}>`, { field: 'body', problem: 'not XLIFF (1.2 or 2.0)' });
  }
  if (/^1\.[0-2]$/.test(version)) return { version: '1.2', units: readXliff12(root, slug, targetLocale) };
  if (/^2\.\d$/.test(version)) return { version: '2.0', units: readXliff20(root, slug, targetLocale) };
  throw new DomainError('validation_failed', `XLIFF version ${JSON.stringify(version)} is not read: send 1.2 or 2.0`, { field: 'version', problem: 'not XLIFF 1.2 or 2.0' });
}
