/**
 * Which segment of a new source revision continues which segment of the previous one.
 * Same id: unchanged. Within a run of removed and added segments (found with a diff of the
 * id sequences), removed and added segments of the same kind are paired in order: that
 * segment changed, and its translation becomes stale. The rest are new or gone.
 */
import { diffArrays } from 'diff';

export interface Aligned {
  unchanged: Map<string, string>;
  /** new id → old id */
  changed: Map<string, string>;
  added: Set<string>;
}

export function alignSegments(
  previous: readonly { id: string; kind: string }[],
  next: readonly { id: string; kind: string }[],
): Aligned {
  const kindOf = new Map([...previous, ...next].map((s) => [s.id, s.kind]));
  const result: Aligned = { unchanged: new Map(), changed: new Map(), added: new Set() };
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const pool = [...removed];
    for (const id of added) {
      const i = pool.findIndex((old) => kindOf.get(old) === kindOf.get(id));
      if (i >= 0) result.changed.set(id, pool.splice(i, 1)[0]!);
      else result.added.add(id);
    }
    removed = [];
    added = [];
  };
  for (const part of diffArrays(previous.map((s) => s.id), next.map((s) => s.id))) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
    else {
      flush();
      for (const id of part.value) result.unchanged.set(id, id);
    }
  }
  flush();
  return result;
}
