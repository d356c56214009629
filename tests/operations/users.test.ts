/** Users, roles and tokens (stored only as hashes). */
import { describe, expect, it } from 'vitest';
import { authenticate, bootstrapAdmin, createUser, hashToken } from '../../src/operations/users.ts';
import { addGlossaryTerm, glossaryFor } from '../../src/operations/glossary.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('users and tokens ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('creates a user whose token works once shown and is stored only as a hash', async () => {
    const w = world();
    const created = await createUser(w.ctx, w.admin, { name: 'Nadia', roles: [{ role: 'reviewer', locale: 'fa' }, { role: 'translator', locale: 'fa' }] });
    expect(created.token).toMatch(/^edt_[A-Za-z0-9_-]{32}$/);
    const actor = await authenticate(w.ctx, created.token);
    expect(actor).toMatchObject({ id: created.id, name: 'Nadia' });
    expect(actor.roles).toHaveLength(2);
    const stored = await w.ctx.store.db.selectFrom('tokens').selectAll().where('user_id', '=', created.id).execute();
    expect(stored.map((t) => t.token_hash)).toEqual([hashToken(created.token)]);
    expect(JSON.stringify(stored)).not.toContain(created.token);
  });

  it('refuses bad tokens, non-admin creators and bad roles', async () => {
    const w = world();
    await expect(authenticate(w.ctx, undefined)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(authenticate(w.ctx, 'edt_nope')).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(createUser(w.ctx, w.publisher, { name: 'X', roles: [{ role: 'translator', locale: 'fr' }] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createUser(w.ctx, w.admin, { name: 'X', roles: [{ role: 'boss', locale: 'fr' }] })).rejects.toMatchObject({ code: 'user_invalid' });
    await expect(createUser(w.ctx, w.admin, { name: 'X', roles: [{ role: 'translator', locale: 'f r' }] })).rejects.toMatchObject({ code: 'locale_invalid' });
    await expect(createUser(w.ctx, w.admin, { name: ' ', roles: [{ role: 'translator', locale: 'fr' }] })).rejects.toMatchObject({ code: 'user_invalid' });
    await expect(createUser(w.ctx, w.admin, { name: 'X', roles: [] })).rejects.toMatchObject({ code: 'user_invalid' });
  });

  it('creates the first admin only while there are no users', async () => {
    const w = world();
    expect(await bootstrapAdmin(w.ctx, 'a-configured-admin-token')).toBeNull();
  });

  it('keeps glossary terms per scope and locale', async () => {
    const w = world();
    await addGlossaryTerm(w.ctx, w.publisher, { term: 'RSN', note: 'Regional Seed Network, never translated' });
    await addGlossaryTerm(w.ctx, w.publisher, { term: 'seed bank', targetLocale: 'fr', targetText: 'banque de semences' });
    await addGlossaryTerm(w.ctx, w.publisher, { scope: 'coastal', term: 'Yusuf Al-Rashidi', targetLocale: 'fr', targetText: 'Youssef el-Rachidi', variants: ['Youssef al-Rachidi'] });
    await expect(addGlossaryTerm(w.ctx, w.translatorFr, { term: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await glossaryFor(w.ctx, null, 'fr')).map((g) => [g.term, g.doNotTranslate, g.targetText])).toEqual([
      ['RSN', true, null],
      ['seed bank', false, 'banque de semences'],
    ]);
    expect((await glossaryFor(w.ctx, 'coastal', 'fr')).map((g) => g.term)).toEqual(['RSN', 'Yusuf Al-Rashidi', 'seed bank']);
    expect((await glossaryFor(w.ctx, null, 'ar')).map((g) => g.term)).toEqual(['RSN']);
  });
});
