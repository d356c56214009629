/**
 * Per-person reviewer display (issue 19): a reviewer's own choice is recorded in the edition
 * at publication (a later change does not alter it), may only be more private than the site's
 * setting, and is set over the API (PATCH /api/users/me, or /api/users/{id} by an admin).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editSegment } from '../../src/operations/edit-segment.ts';
import { publish } from '../../src/operations/publish.ts';
import { overrideFinding } from '../../src/operations/quality.ts';
import { getTranslation } from '../../src/operations/read-statements.ts';
import { review } from '../../src/operations/review.ts';
import { submitLocale } from '../../src/operations/submit-locale.ts';
import { listUsers, setReviewerDisplay } from '../../src/operations/users.ts';
import { publicProvenance } from '../../src/publishing/edition-footer.ts';
import { dialects } from '../support/dialects.ts';
import { approveLocale, create, draftAll, translateAll, versionsOf } from '../support/flow.ts';
import { apiClient } from '../support/http-api.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';
import { usePublishedServer } from '../support/published-server.ts';
import { useWorld } from '../support/world.ts';

const start = usePublishedServer();

describe.each(dialects)('a reviewer’s own display choice ($name)', (dialect) => {
  const world = useWorld(dialect);

  it('is recorded at publication: the edition keeps it when the reviewer changes their mind', async () => {
    const w = world();
    await create(w);
    await setReviewerDisplay(w.ctx, w.reviewerFr, w.reviewerFr.id, 'initials');
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    const published = await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] });
    // Afterwards the reviewer would be shown by name (the site allows it): the edition does not change.
    await setReviewerDisplay(w.ctx, w.reviewerFr, w.reviewerFr.id, null);
    const url = await start(w, { EDITIONS_REVIEWER_DISPLAY: 'name' });
    const html = await (await fetch(`${url}/published/seed-bank/fr.html`)).text();
    expect(html).toContain('<bdi>R. R.</bdi>');
    expect(html).not.toContain('Rémi');
    const json = (await (await fetch(`${url}/published/seed-bank/fr.json`)).json()) as { provenance: Record<string, unknown> };
    expect(json.provenance.reviewers).toEqual(['R. R.']);
    // The choices themselves are not public; the API's record keeps them with the full names.
    expect(json.provenance).not.toHaveProperty('reviewerDisplays');
    expect(JSON.parse(String(published.editions[0]!.provenance))).toMatchObject({ reviewers: ['Rémi Relecteur'], reviewerDisplays: { 'Rémi Relecteur': 'initials' } });
  });

  it('is never less private than the site: a name asked for on a role-only site is a count', async () => {
    const w = world();
    await create(w);
    await setReviewerDisplay(w.ctx, w.reviewerFr, w.reviewerFr.id, 'name');
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] });
    const url = await start(w, { EDITIONS_REVIEWER_DISPLAY: 'role' });
    const json = (await (await fetch(`${url}/published/seed-bank/fr.json`)).json()) as { provenance: Record<string, unknown> };
    expect(json.provenance).toMatchObject({ reviewers: [], reviewerCount: 1 });
    expect(await (await fetch(`${url}/published/seed-bank/fr.html`)).text()).not.toContain('Rémi');
  });

  it('none: the reviewer is neither named nor counted', async () => {
    const w = world();
    await create(w);
    await setReviewerDisplay(w.ctx, w.admin, w.reviewerFr.id, 'none');
    await approveLocale(w, 'seed-bank', 'fr', w.translatorFr, w.reviewerFr);
    await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] });
    const url = await start(w, { EDITIONS_REVIEWER_DISPLAY: 'name' });
    const json = (await (await fetch(`${url}/published/seed-bank/fr.json`)).json()) as { provenance: Record<string, unknown> };
    expect(json.provenance.reviewers).toEqual([]);
    expect(json.provenance).not.toHaveProperty('reviewerCount');
    expect((await listUsers(w.ctx, w.admin)).find((u) => u.id === w.reviewerFr.id)?.reviewerDisplay).toBe('none');
  });

  it('keeps who overrode a finding, and why, out of the public JSON (reviewer and publisher alike)', async () => {
    const w = world();
    await create(w);
    await setReviewerDisplay(w.ctx, w.reviewerFr, w.reviewerFr.id, 'none');
    await draftAll(w, 'seed-bank', 'fr');
    await translateAll(w, 'seed-bank', 'fr', w.translatorFr);
    // The year left out: a fatal numbers finding, which the reviewer overrides with an internal reason.
    const para = (await getTranslation(w.ctx, 'seed-bank', 'fr')).segments.find((s) => s.source.includes('RSN'))!;
    await editSegment(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr', segmentId: para.id, text: 'Le Réseau régional de semences (RSN) a ouvert son troisième dépôt le 3 avril.', expectedVersion: para.version });
    await overrideFinding(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', rule: 'numbers', segmentId: para.id, reason: 'Internal: legal asked us to drop the year' });
    await submitLocale(w.ctx, w.translatorFr, { slug: 'seed-bank', locale: 'fr' });
    await review(w.ctx, w.reviewerFr, { slug: 'seed-bank', locale: 'fr', decision: 'approve', versions: await versionsOf(w, 'seed-bank', 'fr') });
    const published = await publish(w.ctx, w.publisher, { slug: 'seed-bank', locales: ['fr'] });
    // The edition's record (the API's) keeps both.
    expect(JSON.parse(String(published.editions[0]!.provenance))).toMatchObject({ overrides: [{ rule: 'numbers', segmentId: para.id, reason: 'Internal: legal asked us to drop the year', by: 'Rémi Relecteur' }] });

    const url = await start(w);
    const text = await (await fetch(`${url}/published/seed-bank/fr.json`)).text();
    expect(text).not.toContain('Rémi');
    expect(text).not.toContain('legal asked');
    const json = JSON.parse(text) as { provenance: Record<string, unknown> };
    expect(json.provenance.reviewers).toEqual([]);
    expect(json.provenance.overrides).toEqual([{ rule: 'numbers', segmentId: para.id }]);
    // A publisher's override of the machine-share gate is recorded the same way, and shown the same way.
    const withPublisher = { ...JSON.parse(String(published.editions[0]!.provenance)), overrides: [{ rule: 'machine-share', segmentId: null, reason: 'Urgent statement', by: 'Pia Publisher', at: '2026-05-01T09:00:00.000Z' }] };
    expect(publicProvenance(withPublisher, 'name').overrides).toEqual([{ rule: 'machine-share', segmentId: null }]);
  });

  it('is one’s own to set, or an admin’s; a bad value changes nothing', async () => {
    const w = world();
    await expect(setReviewerDisplay(w.ctx, w.translatorFr, w.reviewerFr.id, 'name')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setReviewerDisplay(w.ctx, w.reviewerFr, w.reviewerFr.id, 'everything')).rejects.toMatchObject({ code: 'user_invalid' });
    await expect(setReviewerDisplay(w.ctx, w.admin, 'nobody', 'name')).rejects.toMatchObject({ code: 'user_not_found' });
    expect((await listUsers(w.ctx, w.admin)).every((u) => u.reviewerDisplay === null)).toBe(true);
  });
});

describe('reviewer display over the API', () => {
  const admin = 'reviewer-display-admin-token-0123';
  let api: RunningServer;
  let dir: string;
  const tokens: Record<string, string> = { admin };
  const call = apiClient(() => api, tokens);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'editions-reviewer-display-'));
    api = await startServer({ EDITIONS_DB: join(dir, 'editions.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off' });
  });
  afterAll(async () => {
    expect(await api.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('PATCH /api/users/me sets one’s own; an admin PATCHes anyone’s; GET /api/users shows it', async () => {
    const created = await call('admin', 'POST', '/api/users', { name: 'Rémi Relecteur', roles: [{ role: 'reviewer', locale: 'fr' }] });
    tokens.reviewer = created.body.token;
    expect((await call('reviewer', 'GET', '/api/users/me')).body).toEqual({ id: created.body.id, name: 'Rémi Relecteur', reviewerDisplay: null });
    const mine = await call('reviewer', 'PATCH', '/api/users/me', { reviewerDisplay: 'initials' });
    expect([mine.status, mine.body.reviewerDisplay]).toEqual([200, 'initials']);
    const bad = await call('reviewer', 'PATCH', '/api/users/me', { reviewerDisplay: 'everything' });
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'validation_failed']);
    expect((await call('reviewer', 'GET', '/api/users/me')).body.reviewerDisplay).toBe('initials');
    const adminId = (await call('admin', 'GET', '/api/users/me')).body.id as string;
    expect((await call('reviewer', 'PATCH', `/api/users/${adminId}`, { reviewerDisplay: 'name' })).status).toBe(403);
    const byAdmin = await call('admin', 'PATCH', `/api/users/${created.body.id}`, { reviewerDisplay: 'none' });
    expect([byAdmin.status, byAdmin.body.reviewerDisplay]).toEqual([200, 'none']);
    const users = (await call('admin', 'GET', '/api/users')).body.users as { id: string; reviewerDisplay: string | null }[];
    expect(users.find((u) => u.id === created.body.id)?.reviewerDisplay).toBe('none');
  });

  it('the /users page sets it for anyone (an admin), and shows each person’s choice', async () => {
    const created = await call('admin', 'POST', '/api/users', { name: 'Rania Muraji3a', roles: [{ role: 'reviewer', locale: 'ar' }] });
    const form = await fetch(`${api.url}/sign-in`);
    const formCookie = /editions_sign_in=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
    const formToken = /name="form_token" value="([^"]+)"/.exec(await form.text())![1]!;
    const signedIn = await fetch(`${api.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `editions_sign_in=${formCookie}`, origin: api.url },
      body: new URLSearchParams({ token: admin, form_token: formToken, next: '/users' }),
    });
    const cookie = `editions_session=${/editions_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!}`;
    const page = await (await fetch(`${api.url}/users`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expect(page).toContain(`action="/users/${created.body.id}/reviewer-display"`);
    const post = (value: string) => fetch(`${api.url}/users/${created.body.id}/reviewer-display`, {
      method: 'POST',
      headers: { cookie, origin: api.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, reviewer_display: value }),
    });
    const saved = await post('initials');
    expect(saved.status).toBe(200);
    expect(await saved.text()).toMatch(new RegExp(`id="reviewer-display-${created.body.id}"[^]*?<option value="initials" selected`));
    expect((await call('admin', 'GET', '/api/users')).body.users.find((u: { id: string }) => u.id === created.body.id).reviewerDisplay).toBe('initials');
    // Empty: as the site says.
    expect((await post('')).status).toBe(200);
    expect((await call('admin', 'GET', '/api/users')).body.users.find((u: { id: string }) => u.id === created.body.id).reviewerDisplay).toBeNull();
  });
});
