/**
 * XLIFF 2.0 for CAT tools, through the `xliff` package: one <file> per statement (id: the
 * slug), one <unit> per segment (id: the segment id), placeholders as inline codes (<pc> for
 * paired, <ph disp="…"/> for standalone) and notes (glossary terms, findings).
 *
 * The package's reader drops text runs made only of spaces (between two inline codes) and
 * line breaks next to a code: before reading, such runs inside <source> and <target> get a
 * private-use marker and line breaks another, undone in the strings read.
 */
import js2xliff from 'xliff/js2xliff';
import xliff2js from 'xliff/xliff2js';
import { DomainError } from '../errors.ts';
import { xmlCodec } from '../markdown/placeholder-codec.ts';
import type { Placeholder, Token } from '../markdown/tokens.ts';
import { pushText } from '../markdown/tokens.ts';

type Inline = string | { [kind: string]: { id: string; contents?: Inline | Inline[]; disp?: string } };

function toInline(tokens: readonly Token[], placeholders: readonly Placeholder[]): Inline[] {
  const display = new Map(placeholders.map((p) => [p.id, p.display]));
  const root: Inline[] = [];
  const stack: Inline[][] = [root];
  for (const t of tokens) {
    const top = stack[stack.length - 1]!;
    if (t.type === 'text') top.push(t.value);
    else if (t.type === 'open') {
      const contents: Inline[] = [];
      top.push({ GenericSpan: { id: String(t.id), contents } });
      stack.push(contents);
    } else if (t.type === 'close') stack.pop();
    else {
      const disp = display.get(t.id);
      top.push({ Standalone: { id: String(t.id), ...(disp ? { disp } : {}) } });
    }
  }
  return root;
}

function fromInline(value: Inline | Inline[] | undefined, tokens: Token[] = []): Token[] {
  if (value === undefined) return tokens;
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item === 'string') {
      pushText(tokens, item.replaceAll(marker, '').replaceAll(newline, '\n'));
      continue;
    }
    const [kind, element] = Object.entries(item)[0] ?? [];
    if (!kind || !element) continue;
    const id = Number(element.id);
    if (kind === 'Standalone' || kind === 'Marker') tokens.push({ type: 'standalone', id });
    else if (kind === 'Span' || kind === 'GenericSpan') {
      tokens.push({ type: 'open', id });
      fromInline(element.contents, tokens);
      tokens.push({ type: 'close', id });
    }
  }
  return tokens;
}

const marker = '\uE000';
const newline = '\uE001';

export interface XliffSegment {
  id: string;
  source: string;
  target: string | null;
  placeholders: readonly Placeholder[];
  notes: readonly string[];
}

export async function exportXliff(slug: string, sourceLocale: string, targetLocale: string, segments: readonly XliffSegment[]): Promise<string> {
  const units: Record<string, { source: Inline[]; target?: Inline[]; note?: string }> = {};
  for (const s of segments) {
    units[s.id] = {
      source: toInline(xmlCodec.decode(s.source).tokens, s.placeholders),
      ...(s.target !== null ? { target: toInline(xmlCodec.decode(s.target).tokens, s.placeholders) } : {}),
      ...(s.notes.length > 0 ? { note: s.notes.join('\n') } : {}),
    };
  }
  return js2xliff({ sourceLanguage: sourceLocale, targetLanguage: targetLocale, resources: { [slug]: units } }, { indent: false });
}

/** The target texts of an XLIFF 2.0 document, by segment id, in the canonical form. */
export async function importXliff(xml: string, slug: string, targetLocale: string): Promise<Map<string, string>> {
  const guarded = xml.replace(/<(source|target)(\s[^>]*)?>([\s\S]*?)<\/\1>/g, (whole, name: string, attrs: string | undefined, inner: string) =>
    `<${name}${attrs ?? ''}>${inner.replace(/\r?\n/g, newline).replace(/>([ \t\u00A0]+)</g, `>${marker}$1<`)}</${name}>`,
  );
  let js: { targetLanguage?: string; resources?: Record<string, Record<string, { target?: Inline | Inline[] }>> };
  try {
    js = (await xliff2js(guarded)) as typeof js;
  } catch (error) {
    throw new DomainError('validation_failed', `Not XLIFF 2.0: ${(error as Error).message}`, { field: 'body', problem: 'not XLIFF 2.0' });
  }
  const units = js.resources?.[slug];
  if (!units) throw new DomainError('validation_failed', `The XLIFF has no <file id="${slug}">`, { field: 'file', problem: `no file ${slug}` });
  if (js.targetLanguage && js.targetLanguage.toLowerCase() !== targetLocale.toLowerCase()) {
    throw new DomainError('validation_failed', `The XLIFF targets ${js.targetLanguage}, not ${targetLocale}`, { field: 'trgLang', problem: `expected ${targetLocale}` });
  }
  const texts = new Map<string, string>();
  for (const [id, unit] of Object.entries(units)) {
    if (unit.target === undefined) continue;
    texts.set(id, xmlCodec.encode(fromInline(unit.target)));
  }
  return texts;
}
