/**
 * Phrasing content ↔ tokens. One rule per inline node type; unknown inline nodes are kept
 * whole as standalone placeholders (never translated, never lost).
 */
import type { Link, Nodes, PhrasingContent } from 'mdast';
import type { Placeholder, PlaceholderKind, Token } from './tokens.ts';
import { pushText } from './tokens.ts';

const pairedKinds = new Set<string>(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

export interface InlineExtraction {
  tokens: Token[];
  placeholders: Placeholder[];
  /** The source node behind each placeholder id. */
  nodes: Map<number, PhrasingContent>;
}

/** A link whose text is its own URL (`<https://…>`, `www.…`, e-mail literals): not translatable. */
export function isAutolink(node: Link): boolean {
  if (node.children.length !== 1) return false;
  const only = node.children[0]!;
  if (only.type !== 'text') return false;
  const v = only.value;
  return node.url === v || node.url === `mailto:${v}` || node.url === `http://${v}` || node.url === `https://${v}`;
}

function kindOf(node: PhrasingContent): PlaceholderKind {
  if (node.type === 'link' && isAutolink(node)) return 'autolink';
  switch (node.type) {
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
    case 'inlineCode':
    case 'image':
    case 'imageReference':
    case 'break':
    case 'html':
    case 'footnoteReference':
      return node.type;
    default:
      return 'other';
  }
}

function displayOf(node: PhrasingContent): string | undefined {
  switch (node.type) {
    case 'inlineCode':
    case 'html':
      return node.value;
    case 'link':
    case 'image':
      return node.url;
    case 'linkReference':
    case 'imageReference':
    case 'footnoteReference':
      return node.label ?? node.identifier;
    default:
      return undefined;
  }
}

export function phrasingToTokens(children: readonly PhrasingContent[]): InlineExtraction {
  const tokens: Token[] = [];
  const placeholders: Placeholder[] = [];
  const nodes = new Map<number, PhrasingContent>();
  const visit = (list: readonly PhrasingContent[]) => {
    for (const node of list) {
      if (node.type === 'text') {
        pushText(tokens, node.value);
        continue;
      }
      const kind = kindOf(node);
      const id = placeholders.length + 1;
      const paired = pairedKinds.has(kind);
      const display = displayOf(node);
      placeholders.push(display === undefined ? { id, kind, paired } : { id, kind, paired, display });
      nodes.set(id, node);
      if (paired) {
        tokens.push({ type: 'open', id });
        visit((node as { children: PhrasingContent[] }).children);
        tokens.push({ type: 'close', id });
      } else {
        tokens.push({ type: 'standalone', id });
      }
    }
  };
  visit(children);
  return { tokens, placeholders, nodes };
}

/**
 * Builds phrasing content from tokens, cloning the source node behind each placeholder.
 * Assumes the tokens were validated against the placeholders.
 */
export function tokensToPhrasing(tokens: readonly Token[], nodes: ReadonlyMap<number, PhrasingContent>): PhrasingContent[] {
  const root: PhrasingContent[] = [];
  const stack: PhrasingContent[][] = [root];
  for (const t of tokens) {
    const target = stack[stack.length - 1]!;
    if (t.type === 'text') {
      const last = target[target.length - 1];
      if (last?.type === 'text') last.value += t.value;
      else target.push({ type: 'text', value: t.value });
    } else if (t.type === 'open') {
      const { children: _children, position: _position, ...rest } = nodes.get(t.id) as PhrasingContent & { children: PhrasingContent[] };
      const copy = { ...structuredClone(rest), children: [] as PhrasingContent[] } as PhrasingContent & { children: PhrasingContent[] };
      target.push(copy);
      stack.push(copy.children);
    } else if (t.type === 'close') {
      if (stack.length > 1) stack.pop();
    } else {
      target.push(stripPositions(structuredClone(nodes.get(t.id)!)));
    }
  }
  return root;
}

export function stripPositions<T extends Nodes>(node: T): T {
  delete node.position;
  if ('children' in node) for (const child of node.children) stripPositions(child);
  return node;
}
