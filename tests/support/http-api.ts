/** A small client of the service's JSON API for tests (bearer token, JSON or raw bodies). */
import type { RunningServer } from './start-server.ts';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: Record<string, any>;
  text: string;
}

export function apiClient(server: () => RunningServer, tokens: Record<string, string>) {
  return async function call(who: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const token = who === null ? undefined : (tokens[who] ?? who);
    const res = await fetch(`${server().url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : typeof body === 'string' ? { 'content-type': 'text/markdown' } : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: Record<string, any> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, any>) : {};
    } catch {
      parsed = {};
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
}

export type Call = ReturnType<typeof apiClient>;

/** The If-Match a locale-wide review carries: the translation's ETag as `who` reads it now (`base`: …/translations/{locale}). */
export async function asRead(call: Call, who: string, base: string): Promise<Record<string, string>> {
  const res = await call(who, 'GET', base);
  if (res.status !== 200) throw new Error(`read ${base}: ${res.text}`);
  return { 'if-match': res.headers.get('etag')! };
}

/** Creates users with roles; returns their tokens. */
export async function createUsers(call: Call, users: Record<string, { role: string; locale: string }[]>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, roles] of Object.entries(users)) {
    const res = await call('admin', 'POST', '/api/users', { name, roles });
    if (res.status !== 201) throw new Error(`cannot create ${name}: ${res.text}`);
    out[name] = res.body.token as string;
  }
  return out;
}

/** A translator writes every segment (`texts` in document order), submits; a reviewer approves the locale. */
export async function translateAndApprove(call: Call, slug: string, locale: string, texts: readonly string[], translator: string, reviewer: string) {
  const base = `/api/statements/${slug}/translations/${locale}`;
  const drafted = await call(translator, 'POST', `/api/statements/${slug}/drafts`, { locales: [locale], provider: 'pseudo' });
  if (drafted.status !== 202) throw new Error(`drafts: ${drafted.text}`);
  for (let i = 0; i < 200; i++) {
    if ((await call(translator, 'GET', `/api/jobs/${drafted.body.id}`)).body.status === 'done') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const segments = (await call(translator, 'GET', base)).body.segments as { id: string; version: number }[];
  if (segments.length !== texts.length) throw new Error(`${locale}: ${segments.length} segments, ${texts.length} texts`);
  for (const [i, s] of segments.entries()) {
    const r = await call(translator, 'PUT', `${base}/segments/${s.id}`, { text: texts[i] }, { 'if-match': String(s.version) });
    if (r.status !== 200) throw new Error(`edit: ${r.text}`);
  }
  const submitted = await call(translator, 'POST', `${base}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.text}`);
  // An approval names what the reviewer read: the translation's ETag.
  const approved = await call(reviewer, 'POST', `${base}/reviews`, { decision: 'approve', comment: 'ok' }, await asRead(call, reviewer, base));
  if (approved.status !== 200) throw new Error(`approve: ${approved.text}`);
  return segments.map((s) => s.id);
}
