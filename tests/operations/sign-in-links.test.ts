/** One-time sign-in links, listing, rotating and revoking users (issue 16), on every storage dialect. */
import { describe, expect, it } from 'vitest';
import { findSession } from '../../src/operations/sessions.ts';
import { checkSignInLink, createSignInLink, defaultSignInLinkLifetimeMs, useSignInLink } from '../../src/operations/sign-in-links.ts';
import { authenticate, createUser, hashToken, listUsers, revokeUser, rotateToken } from '../../src/operations/users.ts';
import { localeDashboard } from '../../src/operations/dashboard.ts';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { approveLocale, create, draftAll, marked, shortStatement } from '../support/flow.ts';
import { reviseSource } from '../../src/operations/revise-source.ts';
import { dialects } from '../support/dialects.ts';
import { useWorld } from '../support/world.ts';

describe.each(dialects)('sign-in links and users ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('a link signs its user in once; only its hash is kept; opening it spends nothing', async () => {
    const w = world();
    const vol = await createUser(w.ctx, w.admin, { name: 'Vera Volunteer', roles: [{ role: 'translator', locale: 'fa' }] });
    const link = await createSignInLink(w.ctx, w.admin, vol.id);
    expect(link.path).toBe(`/sign-in/link/${link.token}`);
    expect(link.expiresAt).toBe(new Date(w.ctx.now().getTime() + defaultSignInLinkLifetimeMs).toISOString());
    const stored = await w.ctx.store.db.selectFrom('sign_in_links').selectAll().execute();
    expect(stored).toEqual([expect.objectContaining({ token_hash: hashToken(link.token), user_id: vol.id, created_by: w.admin.id, used_at: null })]);
    expect(JSON.stringify(stored)).not.toContain(link.token);
    // Looking (the confirm page, or a mail scanner) spends nothing.
    expect(await checkSignInLink(w.ctx, link.token)).toEqual({ name: 'Vera Volunteer', expiresAt: link.expiresAt });
    expect(await checkSignInLink(w.ctx, link.token)).toEqual({ name: 'Vera Volunteer', expiresAt: link.expiresAt });
    const opened = await useSignInLink(w.ctx, link.token);
    expect(opened.actor).toMatchObject({ id: vol.id, name: 'Vera Volunteer', roles: [{ role: 'translator', locale: 'fa' }] });
    expect((await findSession(w.ctx, opened.sessionId))?.actor.id).toBe(vol.id);
    // Once.
    await expect(useSignInLink(w.ctx, link.token)).rejects.toMatchObject({ code: 'sign_in_link_used' });
    await expect(checkSignInLink(w.ctx, link.token)).rejects.toMatchObject({ code: 'sign_in_link_used' });
    await expect(useSignInLink(w.ctx, 'esl_unknown')).rejects.toMatchObject({ code: 'sign_in_link_invalid' });
    await expect(useSignInLink(w.ctx, '')).rejects.toMatchObject({ code: 'sign_in_link_invalid' });
    // Their own token still works too.
    expect((await authenticate(w.ctx, vol.token)).id).toBe(vol.id);
  });

  it('expires by the clock (configurable lifetime), and a refusal changes nothing', async () => {
    const w = world();
    w.ctx.signInLinkLifetimeMs = 60_000;
    const vol = await createUser(w.ctx, w.admin, { name: 'Late Larry', roles: [{ role: 'translator', locale: 'fr' }] });
    const link = await createSignInLink(w.ctx, w.admin, vol.id);
    expect(link.expiresAt).toBe(new Date(w.ctx.now().getTime() + 60_000).toISOString());
    w.at(new Date(w.ctx.now().getTime() + 59_999).toISOString());
    await checkSignInLink(w.ctx, link.token);
    w.at(link.expiresAt);
    await expect(useSignInLink(w.ctx, link.token)).rejects.toMatchObject({ code: 'sign_in_link_expired', details: { expiresAt: link.expiresAt } });
    expect(await w.ctx.store.db.selectFrom('sessions').select('id_hash').execute()).toEqual([]);
    expect((await w.ctx.store.db.selectFrom('sign_in_links').select('used_at').execute())[0]!.used_at).toBeNull();
  });

  it('only admins make links; a revoked user\'s links, tokens and sessions end; a new token restores them', async () => {
    const w = world();
    const vol = await createUser(w.ctx, w.admin, { name: 'Rex Revoked', roles: [{ role: 'reviewer', locale: 'ar' }] });
    await expect(createSignInLink(w.ctx, w.translatorFr, vol.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createSignInLink(w.ctx, w.admin, 'nobody')).rejects.toMatchObject({ code: 'user_not_found' });
    const link = await createSignInLink(w.ctx, w.admin, vol.id);
    const unused = await createSignInLink(w.ctx, w.admin, vol.id);
    const session = await useSignInLink(w.ctx, link.token);
    await expect(revokeUser(w.ctx, w.translatorFr, vol.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(revokeUser(w.ctx, w.admin, w.admin.id)).rejects.toMatchObject({ code: 'user_invalid' });
    const revoked = await revokeUser(w.ctx, w.admin, vol.id);
    expect(revoked.revokedAt).toBe(w.ctx.now().toISOString());
    expect(await findSession(w.ctx, session.sessionId)).toBeNull();
    await expect(authenticate(w.ctx, vol.token)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(useSignInLink(w.ctx, unused.token)).rejects.toMatchObject({ code: 'sign_in_link_used' });
    await expect(createSignInLink(w.ctx, w.admin, vol.id)).rejects.toMatchObject({ code: 'user_invalid' });
    expect((await listUsers(w.ctx, w.admin)).find((u) => u.id === vol.id)).toMatchObject({ revokedAt: revoked.revokedAt, activeTokens: 0, pendingLinks: 0 });
    // Rotating gives a new token (the old one stays revoked) and makes the user active again.
    const rotated = await rotateToken(w.ctx, w.admin, vol.id);
    expect((await authenticate(w.ctx, rotated.token)).id).toBe(vol.id);
    await expect(authenticate(w.ctx, vol.token)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(rotateToken(w.ctx, w.reviewerAr, vol.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(rotateToken(w.ctx, w.admin, 'nobody')).rejects.toMatchObject({ code: 'user_not_found' });
    const listed = await listUsers(w.ctx, w.admin);
    expect(listed.find((u) => u.id === vol.id)).toMatchObject({ name: 'Rex Revoked', roles: [{ role: 'reviewer', locale: 'ar' }], revokedAt: null, activeTokens: 1 });
    expect(listed.map((u) => u.name)).toContain('Ada Admin');
    await expect(listUsers(w.ctx, w.publisher)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a new token ends the unused sign-in links issued before it (they answer as used links do)', async () => {
    const w = world();
    const vol = await createUser(w.ctx, w.admin, { name: 'Rita Rotated', roles: [{ role: 'translator', locale: 'fr' }] });
    const first = await createSignInLink(w.ctx, w.admin, vol.id);
    const second = await createSignInLink(w.ctx, w.admin, vol.id);
    const session = await useSignInLink(w.ctx, first.token);
    expect((await listUsers(w.ctx, w.admin)).find((u) => u.id === vol.id)).toMatchObject({ pendingLinks: 1 });
    const rotated = await rotateToken(w.ctx, w.admin, vol.id);
    await expect(checkSignInLink(w.ctx, second.token)).rejects.toMatchObject({ code: 'sign_in_link_used' });
    await expect(useSignInLink(w.ctx, second.token)).rejects.toMatchObject({ code: 'sign_in_link_used' });
    await expect(useSignInLink(w.ctx, first.token)).rejects.toMatchObject({ code: 'sign_in_link_used' });
    expect(await findSession(w.ctx, session.sessionId)).toBeNull();
    expect((await listUsers(w.ctx, w.admin)).find((u) => u.id === vol.id)).toMatchObject({ pendingLinks: 0, activeTokens: 1 });
    // A link made after the rotation works.
    const after = await createSignInLink(w.ctx, w.admin, vol.id);
    expect((await useSignInLink(w.ctx, after.token)).actor.id).toBe(vol.id);
    expect((await authenticate(w.ctx, rotated.token)).id).toBe(vol.id);
  });

  it('two uses of one link at once: one session, the other told it was used', async () => {
    const w = world();
    const vol = await createUser(w.ctx, w.admin, { name: 'Twin Tab', roles: [{ role: 'translator', locale: 'fr' }] });
    const link = await createSignInLink(w.ctx, w.admin, vol.id);
    const results = await Promise.allSettled([useSignInLink(w.ctx, link.token), useSignInLink(w.ctx, link.token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'sign_in_link_used' } });
    expect(await w.ctx.store.db.selectFrom('sessions').select('id_hash').execute()).toHaveLength(1);
  });

  it('the dashboard per locale: percentages, what waits for review, one query for every statement', async () => {
    const w = world();
    expect(await localeDashboard(w.ctx, w.translatorFr)).toEqual([]);
    await create(w, 'one');
    await create(w, 'two');
    await approveLocale(w, 'one', 'fr', w.translatorFr, w.reviewerFr);
    await draftAll(w, 'two', 'fr');
    await draftAll(w, 'two', 'ar');
    const t = await getTranslation(w.ctx, 'two', 'fr');
    await editSegment(w.ctx, w.translatorFr, { slug: 'two', locale: 'fr', segmentId: t.segments[0]!.id, text: marked(t.segments[0]!.machine!, '✎'), expectedVersion: t.segments[0]!.version });
    const n = t.segments.length;
    const board = await localeDashboard(w.ctx, w.translatorFr);
    expect(board.map((l) => l.locale)).toEqual(['ar', 'fr']);
    expect(board[0]).toMatchObject({ locale: 'ar', statements: 1, segments: n, translatedPercent: 0, approvedPercent: 0, awaitingReview: [], stale: [] });
    expect(board[1]).toMatchObject({
      locale: 'fr',
      statements: 2,
      segments: 2 * n,
      translatedPercent: Math.floor(((n + 1) * 100) / (2 * n)),
      approvedPercent: 50,
      awaitingReview: [{ slug: 'two', segments: 1 }],
      stale: [],
    });
  });

  it('the dashboard counts what went stale: revising the source marks the changed paragraph stale, per locale and statement', async () => {
    const w = world();
    await create(w, 'one');
    await approveLocale(w, 'one', 'fr', w.translatorFr, w.reviewerFr);
    await draftAll(w, 'one', 'ar');
    const before = await localeDashboard(w.ctx, w.translatorFr);
    expect(before.find((l) => l.locale === 'fr')).toMatchObject({ approvedPercent: 100, stale: [] });
    const revised = shortStatement.replace('opened its third depot', 'opened its fourth depot');
    expect(revised).not.toBe(shortStatement);
    await reviseSource(w.ctx, w.publisher, { slug: 'one', markdown: revised, expectedRevision: 1 });
    const board = await localeDashboard(w.ctx, w.translatorFr);
    const n = (await getTranslation(w.ctx, 'one', 'fr')).segments.length;
    expect(board.find((l) => l.locale === 'fr')).toMatchObject({ segments: n, stale: [{ slug: 'one', segments: 1 }], approvedPercent: Math.floor(((n - 1) * 100) / n) });
    // A locale with machine drafts only: its changed segment is stale too.
    expect(board.find((l) => l.locale === 'ar')).toMatchObject({ stale: [{ slug: 'one', segments: 1 }] });
  });
});
