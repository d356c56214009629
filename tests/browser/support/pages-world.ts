/**
 * The service for browser suites: started as `npm start` does on 127.0.0.1 with a temp
 * database, people created through the API with their roles, and helpers that act as a
 * person in a browser (sign in; watch a page for console errors, page errors and dialogs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../support/start-server.ts';

export const adminToken = 'pages-admin-token-0123456789';

export interface PagesWorld {
  server: RunningServer;
  url: string;
  dbPath: string;
  /** Creates a person with roles; their token. */
  person(name: string, roles: { role: string; locale: string }[]): Promise<string>;
  /** Calls the JSON API with a token (for set-up the pages do not offer). */
  api(token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** `env`: more settings for the service (EDITIONS_WEBHOOK_ALLOW_HOSTS, say); development by default (the menu offers `pseudo`). */
export async function startPagesWorld(env: Record<string, string> = {}): Promise<PagesWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'editions-pages-'));
  const dbPath = join(dir, 'editions.db');
  const server = await startServer({ EDITIONS_DB: dbPath, EDITIONS_ADMIN_TOKEN: adminToken, EDITIONS_APERTIUM: 'off', EDITIONS_ENV: 'development', ...env });
  const api = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    server,
    url: server.url,
    dbPath,
    api,
    async person(name, roles) {
      const res = await api(adminToken, 'POST', '/api/users', { name, roles });
      if (res.status !== 201) throw new Error(`cannot create ${name}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything a page said that a person should never see happen: console errors, uncaught errors, dialogs. */
export interface PageWatch {
  problems: string[];
}

export function watch(page: Page, into: PageWatch): Page {
  // A refused form is the page again under the refusal's status (403, 409, 412, …: server/pages/render-page.ts),
  // which Chrome logs as a failed load of the document: no problem of the page (its alert says what was refused).
  // A script, style or fetch that fails to load still is.
  const refusedDocuments = new Set<string>();
  page.on('response', (r) => {
    if (r.status() >= 400 && r.status() < 500 && r.request().resourceType() === 'document') refusedDocuments.add(r.url());
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d\b/.test(m.text()) && refusedDocuments.has(m.location().url)) return;
    into.problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => into.problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('dialog', (d) => {
    into.problems.push(`dialog on ${page.url()}: ${d.message()}`);
    void d.dismiss();
  });
  return page;
}

/** Signs in on the sign-in page with a token, as a person would; lands on the statements. */
export async function signIn(context: BrowserContext, url: string, token: string, watched: PageWatch): Promise<Page> {
  const page = watch(await context.newPage(), watched);
  await page.goto(`${url}/sign-in`);
  await page.getByLabel(/token|jeton|رمز/i).fill(token);
  await page.locator('form.sign-in-form button[type=submit]').click();
  await page.waitForURL(/\/statements/);
  return page;
}

/** Controls a person cannot name: form fields without a label, buttons without text (run in the page). */
const findUnlabelled = `(() => {
  const out = [];
  for (const field of document.querySelectorAll('input, select, textarea')) {
    if (field.type === 'hidden') continue;
    const named = (field.labels && field.labels.length > 0) || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby');
    if (!named) out.push(field.outerHTML.slice(0, 120));
  }
  for (const b of document.querySelectorAll('button')) {
    if (!(b.textContent || '').trim() && !b.getAttribute('aria-label')) out.push(b.outerHTML.slice(0, 120));
  }
  return out;
})()`;

export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(findUnlabelled);
}

/** Signs of injected script in a page: inline scripts, event-handler attributes, javascript: URLs, the payloads' marker. */
const findInjected = `(() => {
  const out = [];
  for (const s of document.querySelectorAll('script')) if (!s.src) out.push('inline script: ' + s.textContent.slice(0, 80));
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) out.push('handler ' + a.name + ' on ' + el.tagName);
      if (/^\\s*javascript:/i.test(a.value) && /^(href|src|action|formaction)$/i.test(a.name)) out.push('javascript URL on ' + el.tagName);
    }
  }
  if (window.__xss !== undefined) out.push('payload ran: ' + String(window.__xss));
  return out;
})()`;

export async function injectedScript(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(findInjected);
}
