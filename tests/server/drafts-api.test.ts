/** Draft jobs over HTTP, against the service started as `npm start` starts it. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRoot, contentStatements } from '../support/corpora.ts';
import { runCli } from '../support/run-cli.ts';
import { useService } from '../support/use-service.ts';

const token = 'test-admin-token-0123456789';
const slug = contentStatements()[0]!.name;

const service = useService({
  admin: token,
  // The statement is imported by the CLI before the service starts.
  prepare: (database) => expect(runCli(['import', join(contentRoot, slug)], { EDITIONS_DB: database }).status).toBe(0),
});

const api = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
  fetch(`${service.url}/api${path}`, { ...init, headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(init.headers ?? {}) } });

describe('drafts over HTTP', () => {
  it('accepts a job (202) and reports its progress until done', async () => {
    const res = await api(`/statements/${slug}/drafts`, { method: 'POST', body: JSON.stringify({ locales: ['es', 'ar'], provider: 'pseudo' }) });
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: string; status: string };
    expect(res.headers.get('location')).toBe(`/api/jobs/${job.id}`);
    let current: { status: string; progress: Record<string, { done: number; total: number }> } | undefined;
    for (let i = 0; i < 100; i++) {
      current = (await (await api(`/jobs/${job.id}`)).json()) as typeof current;
      if (current!.status === 'done' || current!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(current!.status).toBe('done');
    for (const locale of ['es', 'ar']) {
      expect(current!.progress[locale]!.done).toBe(current!.progress[locale]!.total);
      expect(current!.progress[locale]!.total).toBeGreaterThan(0);
    }
  });

  it('streams the job’s progress as server-sent events until it is done', async () => {
    const res = await api(`/statements/${slug}/drafts`, { method: 'POST', body: JSON.stringify({ locales: ['fr', 'ca'], provider: 'pseudo' }) });
    const job = (await res.json()) as { id: string };
    const events = await api(`/jobs/${job.id}/events`);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await events.text();
    const data = [...text.matchAll(/^event: progress\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as { status: string; progress: Record<string, { done: number; total: number }> });
    expect(data.length).toBeGreaterThanOrEqual(1);
    const last = data[data.length - 1]!;
    expect(last.status).toBe('done');
    expect(last.progress.fr!.done).toBe(last.progress.fr!.total);
  });

  it('serves the API reference UI', async () => {
    const res = await fetch(`${service.url}/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<div id="swagger-ui">/);
    // The page's own script (served from this origin) points the UI at the OpenAPI document.
    const init = /<script src="(\/docs\/[^"]*init\.js)"/.exec(html)![1]!;
    expect(await (await fetch(`${service.url}${init}`)).text()).toContain('/openapi.json');
  });

  it('answers errors as JSON with a stable code', async () => {
    expect(await (await api('/jobs/nope', {}, null)).json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await api('/jobs/nope', {}, 'wrong-token')).status).toBe(401);
    const missing = await api('/jobs/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'job_not_found' } });
    const bad = await api(`/statements/${slug}/drafts`, { method: 'POST', body: JSON.stringify({ locales: [] }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', details: { field: 'locales' } } });
    const source = await api(`/statements/${slug}/drafts`, { method: 'POST', body: JSON.stringify({ locales: ['en'], provider: 'pseudo' }) });
    expect(source.status).toBe(422);
    expect(await source.json()).toMatchObject({ error: { code: 'locale_is_source' } });
  });
});

describe('error messages', () => {
  it('come in the caller’s language, chosen from Accept-Language', async () => {
    const ask = async (language: string) => {
      const res = await api('/jobs/nope', { headers: { 'accept-language': language } });
      return { language: res.headers.get('content-language'), body: (await res.json()) as { error: { code: string; message: string } } };
    };
    expect(await ask('fr-CA,fr;q=0.9,en;q=0.5')).toMatchObject({ language: 'fr', body: { error: { code: 'job_not_found', message: 'Cette tâche de brouillons n’existe pas.' } } });
    expect(await ask('ar')).toMatchObject({ language: 'ar', body: { error: { message: 'مهمة المسودات هذه غير موجودة.' } } });
    expect(await ask('de, en;q=0.1')).toMatchObject({ language: 'en', body: { error: { message: 'There is no such draft job.' } } });
    const fr = await (await api(`/statements/nope/drafts`, { method: 'POST', body: JSON.stringify({ locales: ['es'] }), headers: { 'accept-language': 'fr' } })).json();
    expect(fr).toMatchObject({ error: { code: 'statement_not_found', message: 'Il n’y a pas de déclaration nope.' } });
  });
});
