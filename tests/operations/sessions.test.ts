/** Browser sessions (src/operations/sessions.ts) on every storage dialect. */
import { describe, expect, it } from 'vitest';
import { closeSession, findSession, openSession, requireCsrf, sessionLifetimeMs } from '../../src/operations/sessions.ts';
import { createUser, hashToken } from '../../src/operations/users.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('sessions ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('opens with a token, finds the actor with their roles, closes', async () => {
    const w = world();
    const { token } = await createUser(w.ctx, w.admin, { name: 'Sam Session', roles: [{ role: 'translator', locale: 'fr' }, { role: 'reviewer', locale: 'ar' }] });
    const opened = await openSession(w.ctx, `  ${token} `);
    expect(opened.actor.name).toBe('Sam Session');
    expect(opened.expiresAt).toBe(new Date(w.ctx.now().getTime() + sessionLifetimeMs).toISOString());
    const found = await findSession(w.ctx, opened.sessionId);
    expect(found).toMatchObject({ csrfToken: opened.csrfToken, expiresAt: opened.expiresAt, actor: { id: opened.actor.id, name: 'Sam Session' } });
    expect([...found!.actor.roles].sort((a, b) => a.role.localeCompare(b.role))).toEqual([{ role: 'reviewer', locale: 'ar' }, { role: 'translator', locale: 'fr' }]);
    // Only the hash of the session id is stored.
    const stored = await w.ctx.store.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored).toEqual([{ id_hash: hashToken(opened.sessionId) }]);
    expect(() => requireCsrf(found!, opened.csrfToken)).not.toThrow();
    expect(() => requireCsrf(found!, 'forged')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    await closeSession(w.ctx, opened.sessionId);
    expect(await findSession(w.ctx, opened.sessionId)).toBeNull();
    await closeSession(w.ctx, opened.sessionId); // closing an unknown session is no error
    expect(await findSession(w.ctx, undefined)).toBeNull();
  });

  it('refuses a bad token, ends at expiry, ends when its token is revoked, sweeps expired ones', async () => {
    const w = world();
    await expect(openSession(w.ctx, 'edt_not-a-token')).rejects.toMatchObject({ code: 'unauthenticated' });
    const { token } = await createUser(w.ctx, w.admin, { name: 'Eve Expiry', roles: [{ role: 'translator', locale: 'fr' }] });
    const first = await openSession(w.ctx, token);
    w.at(new Date(w.ctx.now().getTime() + sessionLifetimeMs - 1).toISOString());
    expect(await findSession(w.ctx, first.sessionId)).not.toBeNull();
    w.at(first.expiresAt);
    expect(await findSession(w.ctx, first.sessionId)).toBeNull();
    // Signing in again sweeps the expired session.
    const second = await openSession(w.ctx, token);
    expect(await w.ctx.store.db.selectFrom('sessions').select('id_hash').execute()).toEqual([{ id_hash: hashToken(second.sessionId) }]);
    await w.ctx.store.db.updateTable('tokens').set({ revoked_at: w.ctx.now().toISOString() }).where('token_hash', '=', hashToken(token)).execute();
    expect(await findSession(w.ctx, second.sessionId)).toBeNull();
  });
});
