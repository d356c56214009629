/**
 * Front matter keys that name the language (`lang`, `language`, `locale` by default) carry
 * the edition's locale: the published Markdown, the JSON (its mdast) and the static export
 * of an es edition say `lang: es`, over a real server on 127.0.0.1; other keys stay.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateAndApprove } from '../support/http-api.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { useService } from '../support/use-service.ts';

const service = useService({
  users: {
    publisher: [{ role: 'publisher', locale: '*' }],
    translator: [{ role: 'translator', locale: 'es' }],
    reviewer: [{ role: 'reviewer', locale: 'es' }],
  },
});
const { call } = service;

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
  expect((await call('publisher', 'POST', '/api/statements', { slug: 'seed-bank', sourceLocale: 'en', markdown: source })).status).toBe(201);
  await translateAndApprove(call, 'seed-bank', 'es', es, 'translator', 'reviewer');
  const published = await call('publisher', 'POST', '/api/statements/seed-bank/editions', { locales: ['es', 'en'] });
  expect(published.status, published.text).toBe(201);
}, 60_000);

describe('the language keys of an edition’s front matter', () => {
  it('say es in the published Markdown and JSON of the es edition, en in the source edition', async () => {
    const md = await (await fetch(`${service.url}/published/seed-bank/es.md`)).text();
    expect(frontMatterOf(md)).toBe(expected);
    expect(md).toContain('# Abre el banco de semillas\n\nEl depósito abrió hoy.\n');
    const json = (await (await fetch(`${service.url}/published/seed-bank/es.json`)).json()) as { mdast: { children: { type: string; value?: string }[] } };
    expect(json.mdast.children[0]).toEqual({ type: 'yaml', value: expected });
    const en = await (await fetch(`${service.url}/published/seed-bank/en.md`)).text();
    expect(en).toBe(source);
  });

  it('say es in the static export', async () => {
    const out = join(service.dir, 'export');
    const r = await runCliAsync(['export', out, '--base-url', 'https://static.example.org/statements'], { EDITIONS_DB: service.dbPath });
    expect(r.status, r.stderr).toBe(0);
    expect(frontMatterOf(readFileSync(join(out, 'seed-bank', 'es.md'), 'utf8'))).toBe(expected);
    const json = JSON.parse(readFileSync(join(out, 'seed-bank', 'es.json'), 'utf8')) as { mdast: { children: { type: string; value?: string }[] } };
    expect(json.mdast.children[0]).toEqual({ type: 'yaml', value: expected });
  });
});
