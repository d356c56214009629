/** A store with a settable clock and the people of a small newsroom. */
import { afterEach, beforeEach } from 'vitest';
import { defaultTranslatableKeys } from '../../src/markdown/frontmatter.ts';
import type { OperationContext } from '../../src/operations/context.ts';
import { authenticate, createUser } from '../../src/operations/users.ts';
import type { Actor } from '../../src/workflow/roles.ts';
import type { Dialect } from './dialects.ts';

export interface World {
  ctx: OperationContext;
  /** Sets the clock. */
  at(iso: string): void;
  admin: Actor;
  publisher: Actor;
  translatorFr: Actor;
  translatorAr: Actor;
  reviewerFr: Actor;
  reviewerAr: Actor;
  /** A reviewer who also translates French (for four-eyes). */
  translatorReviewerFr: Actor;
}

export async function makeWorld(store: OperationContext['store']): Promise<World> {
  let now = new Date('2026-05-01T09:00:00.000Z');
  const ctx: OperationContext = { store, now: () => now, frontMatterKeys: defaultTranslatableKeys, maxDocumentBytes: 1_000_000 };
  const user = async (name: string, roles: { role: string; locale: string }[]) => {
    const { token } = await createUser(ctx, null, { name, roles });
    return authenticate(ctx, token);
  };
  return {
    ctx,
    at: (iso) => {
      now = new Date(iso);
    },
    admin: await user('Ada Admin', [{ role: 'admin', locale: '*' }]),
    publisher: await user('Pia Publisher', [{ role: 'publisher', locale: '*' }]),
    translatorFr: await user('Fanny Traductrice', [{ role: 'translator', locale: 'fr' }]),
    translatorAr: await user('Amal Mutarjima', [{ role: 'translator', locale: 'ar' }]),
    reviewerFr: await user('Rémi Relecteur', [{ role: 'reviewer', locale: 'fr' }]),
    reviewerAr: await user('Rania Muraji3a', [{ role: 'reviewer', locale: 'ar' }]),
    translatorReviewerFr: await user('Théo Double', [{ role: 'translator', locale: 'fr' }, { role: 'reviewer', locale: 'fr' }]),
  };
}

/** beforeEach/afterEach for a fresh store and world per test. */
export function useWorld(dialect: Dialect): () => World {
  let world: World | undefined;
  let dispose: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const opened = await dialect.open();
    dispose = opened.dispose;
    world = await makeWorld(opened.store);
  });
  afterEach(async () => {
    await dispose?.();
    world = undefined;
  });
  return () => world!;
}
