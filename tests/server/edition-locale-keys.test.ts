/**
 * Front matter keys that name the language (`lang`, `language`, `locale` by default) carry
 * the edition's locale: the published Markdown, the JSON (its mdast) and the static export
 * of an es edition say `lang: es`, over a real server on 127.0.0.1; other keys stay.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createUsers, translateAndApprove } from '../support/http-api.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';

const admin = 'locale-keys-admin-token-0123456789abcdef';
let server: RunningServer;
let dir: string;
const tokens: Record<string, string> = { admin };
const call = apiClient(() => server, tokens);

const source = `---
title: Seed bank opens
lang: en
locale: "en-GB"
author: en
---

# Seed bank opens

The depot opened today.
`;
const es = ['Abre el banco de semillas', 'Abre el banco de semillas', 'El depósito abrió hoy.'];
const frontMatterOf = (markdown: string) => /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1];
const expected = 'title: Abre el banco de semillas\nlang: es\nlocale: es\nauthor: en';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'editions-locale-keys-'));
  server = await startServer({ EDITIONS_DB: join(dir, 'e.db'), EDITIONS_ADMIN_TOKEN: admin, EDITIONS_APERTIUM: 'off' });
  Object.assign(tokens, await createUsers(call, {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'es' }],
    reviewer: [{ role: 'reviewer', locale: 'es' }],
  }));
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'seed-bank', sourceLocale: 'en', markdown: source })).status).toBe(201);
  await translateAndApprove(call, 'seed-bank', 'es', es, 'translator', 'reviewer');
  const published = await call('publisher', 'POST', '/api/statements/seed-bank/editions', { locales: ['es', 'en'] });
  expect(published.status, published.text).toBe(201);
}, 60_000);
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('the language keys of an edition’s front matter', () => {
  it('say es in the published Markdown and JSON of the es edition, en in the source edition', async () => {
    const md = await (await fetch(`${server.url}/published/seed-bank/es.md`)).text();
    expect(frontMatterOf(md)).toBe(expected);
    expect(md).toContain('# Abre el banco de semillas\n\nEl depósito abrió hoy.\n');
    const json = (await (await fetch(`${server.url}/published/seed-bank/es.json`)).json()) as { mdast: { children: { type: string; value?: string }[] } };
    expect(json.mdast.children[0]).toEqual({ type: 'yaml', value: expected });
    const en = await (await fetch(`${server.url}/published/seed-bank/en.md`)).text();
    expect(en).toBe(source);
  });

  it('say es in the static export', async () => {
    const out = join(dir, 'export');
    const r = await runCliAsync(['export', out, '--base-url', 'https://static.example.org/statements'], { EDITIONS_DB: join(dir, 'e.db') });
    expect(r.status, r.stderr).toBe(0);
    expect(frontMatterOf(readFileSync(join(out, 'seed-bank', 'es.md'), 'utf8'))).toBe(expected);
    const json = JSON.parse(readFileSync(join(out, 'seed-bank', 'es.json'), 'utf8')) as { mdast: { children: { type: string; value?: string }[] } };
    expect(json.mdast.children[0]).toEqual({ type: 'yaml', value: expected });
  });
});
