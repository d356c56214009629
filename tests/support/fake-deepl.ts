/**
 * A fake DeepL API (v2) on 127.0.0.1 speaking the REST protocol the official `deepl-node`
 * client uses, at DeepL's documented paths: `POST /v2/translate` (form-encoded, as the client
 * sends it, or JSON), `GET /v2/usage`, `GET /v2/languages[?type=target]`, `GET|POST
 * /v2/glossaries`, `GET|DELETE /v2/glossaries/{id}`, `GET /v2/glossary-language-pairs`; the
 * key in `Authorization: DeepL-Auth-Key …` (403 for another). It "translates" the text between
 * XML tags deterministically (words reversed, or Arabic letters for RTL targets), keeps the
 * tags, renders a glossary's source terms as its target terms, counts billed characters, and
 * answers 456 once the account's character limit is used. Faults for the next translate
 * requests: an HTTP error with headers, a hang, a malformed or truncated body, a translation
 * missing, a placeholder dropped or duplicated.
 */
import http from 'node:http';
import { fakeTranslateHtml } from './fake-google.ts';
import { listenOnLoopback } from './loopback-server.ts';

export type DeepLFault =
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'hang'
  | 'malformed-json'
  | 'truncated-json'
  | 'missing-translation'
  | 'drop-placeholder'
  | 'duplicate-placeholder';

export interface DeepLRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The form (or JSON) parameters; `text` repeated. */
  params: Map<string, string[]>;
}

export interface FakeGlossary {
  glossary_id: string;
  name: string;
  ready: boolean;
  source_lang: string;
  target_lang: string;
  creation_time: string;
  entry_count: number;
  entries: Map<string, string>;
}

export interface FakeDeepL {
  url: string;
  authKey: string;
  requests: DeepLRequest[];
  /** Faults for the next `POST /v2/translate` requests, in order. */
  faults: DeepLFault[];
  glossaries: Map<string, FakeGlossary>;
  /** Characters billed this period, and the period's limit (456 beyond it). */
  usage: { count: number; limit: number };
  /** Target languages (DeepL codes) and whether each has formality. */
  targets: { language: string; name: string; supports_formality: boolean }[];
  /** Glossary pairs allowed, as `en>fr`. */
  glossaryPairs: string[];
  translateRequests(): DeepLRequest[];
  close(): Promise<void>;
}

function translate(text: string, target: string, glossary: FakeGlossary | undefined): string {
  const terms = glossary ? [...glossary.entries.keys()].sort((a, b) => b.length - a.length) : [];
  if (terms.length === 0) return fakeTranslateHtml(text, target.toLowerCase());
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(<[^>]*>|(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}]))`, 'u');
  return text
    .split(pattern)
    .map((part, i) => (i % 2 === 0 ? fakeTranslateHtml(part, target.toLowerCase()) : part.startsWith('<') ? part : glossary!.entries.get(part)!))
    .join('');
}

export async function startFakeDeepL(options: { authKey?: string } = {}): Promise<FakeDeepL> {
  const authKey = options.authKey ?? 'test-key:fx';
  const requests: DeepLRequest[] = [];
  const faults: DeepLFault[] = [];
  const glossaries = new Map<string, FakeGlossary>();
  const usage = { count: 0, limit: 500_000 };
  const sources = ['AR', 'BG', 'CS', 'DA', 'DE', 'EL', 'EN', 'ES', 'ET', 'FI', 'FR', 'HE', 'HU', 'ID', 'IT', 'JA', 'KO', 'NL', 'PL', 'PT', 'RO', 'RU', 'SK', 'SV', 'TR', 'UK', 'ZH'];
  const targets: FakeDeepL['targets'] = [
    ...sources.filter((c) => c !== 'EN' && c !== 'PT' && c !== 'ZH').map((c) => ({ language: c, name: c, supports_formality: ['DE', 'ES', 'FR', 'IT', 'JA', 'NL', 'PL', 'RU'].includes(c) })),
    { language: 'EN-GB', name: 'English (British)', supports_formality: false },
    { language: 'EN-US', name: 'English (American)', supports_formality: false },
    { language: 'PT-BR', name: 'Portuguese (Brazilian)', supports_formality: true },
    { language: 'PT-PT', name: 'Portuguese (European)', supports_formality: true },
    { language: 'ZH-HANS', name: 'Chinese (simplified)', supports_formality: false },
  ];
  const glossaryPairs = ['en>fr', 'fr>en', 'en>de', 'de>en', 'en>es', 'es>en', 'en>tr'];
  let nextId = 1;

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  };
  const info = (g: FakeGlossary) => ({ glossary_id: g.glossary_id, name: g.name, ready: g.ready, source_lang: g.source_lang, target_lang: g.target_lang, creation_time: g.creation_time, entry_count: g.entry_count });

  // The handler is async; `void` says its promise is left to Node (a throw is an unhandled rejection, loud in tests).
  const server = http.createServer((req, res) => void (async () => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = new Map<string, string[]>();
    const add = (k: string, v: string) => params.set(k, [...(params.get(k) ?? []), v]);
    if (String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(raw) as Record<string, unknown>)) for (const x of Array.isArray(v) ? v : [v]) add(k, String(x));
      } catch {
        return json(res, 400, { message: 'Invalid JSON' });
      }
    } else {
      for (const [k, v] of new URLSearchParams(raw)) add(k, v);
    }
    const request: DeepLRequest = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, params };
    requests.push(request);
    if (req.headers.authorization !== `DeepL-Auth-Key ${authKey}`) return json(res, 403, { message: 'Wrong endpoint or invalid auth key' });
    const one = (k: string) => params.get(k)?.[0];
    const path = url.pathname;

    if (req.method === 'POST' && path === '/v2/translate') {
      const fault = faults.shift();
      if (fault === 'hang') return;
      if (fault && typeof fault === 'object') {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.headers ?? {}) });
        res.end(fault.body ?? JSON.stringify({ message: fault.status === 456 ? 'Quota exceeded' : 'fault' }));
        return;
      }
      const texts = params.get('text') ?? [];
      const target = one('target_lang');
      if (texts.length === 0 || !target) return json(res, 400, { message: 'Parameter "text" and "target_lang" are required' });
      if (texts.length > 50) return json(res, 413, { message: 'Too many texts' });
      if (!targets.some((t) => t.language.toLowerCase() === target.toLowerCase() || t.language.split('-')[0]!.toLowerCase() === target.toLowerCase())) {
        return json(res, 400, { message: `Value for 'target_lang' not supported.` });
      }
      if (['en', 'pt'].includes(target.toLowerCase())) return json(res, 400, { message: `targetLang='${target}' is deprecated` });
      const formality = one('formality');
      if (formality && (formality === 'more' || formality === 'less') && !targets.find((t) => t.language.toLowerCase().startsWith(target.toLowerCase()))?.supports_formality) {
        return json(res, 400, { message: "'formality' is not supported for given 'target_lang'." });
      }
      const glossaryId = one('glossary_id');
      const glossary = glossaryId ? glossaries.get(glossaryId) : undefined;
      if (glossaryId && !glossary) return json(res, 404, { message: 'Glossary not found' });
      if (glossaryId && !one('source_lang')) return json(res, 400, { message: 'source_lang is required with a glossary' });
      const billed = texts.reduce((n, t) => n + [...t].length, 0);
      if (usage.count + billed > usage.limit) return json(res, 456, { message: 'Quota exceeded' });
      usage.count += billed;
      let translations = texts.map((text) => {
        let out = one('tag_handling') === 'xml' ? translate(text, target, glossary) : translate(text.replace(/<[^>]*>/g, ''), target, glossary);
        if (fault === 'drop-placeholder') out = out.replace(/<x id="\d+"\/>|<\/?g[^>]*>/, '');
        if (fault === 'duplicate-placeholder') out = out.replace(/(<x id="\d+"\/>)/, '$1$1');
        return { detected_source_language: (one('source_lang') ?? 'EN').toUpperCase(), text: out, ...(one('show_billed_characters') === '1' ? { billed_characters: [...text].length } : {}) };
      });
      if (fault === 'missing-translation') translations = translations.slice(1);
      const body = JSON.stringify({ translations });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (fault === 'malformed-json') return res.end('{"translations": [{"text": "x",}]}');
      if (fault === 'truncated-json') return res.end(body.slice(0, Math.floor(body.length / 2)));
      return res.end(body);
    }
    if (req.method === 'GET' && path === '/v2/usage') return json(res, 200, { character_count: usage.count, character_limit: usage.limit });
    if (req.method === 'GET' && path === '/v2/languages') {
      const type = url.searchParams.get('type') ?? one('type');
      return json(res, 200, type === 'target' ? targets : sources.map((language) => ({ language, name: language })));
    }
    if (req.method === 'GET' && path === '/v2/glossary-language-pairs') {
      return json(res, 200, { supported_languages: glossaryPairs.map((p) => ({ source_lang: p.split('>')[0], target_lang: p.split('>')[1] })) });
    }
    if (req.method === 'GET' && path === '/v2/glossaries') return json(res, 200, { glossaries: [...glossaries.values()].map(info) });
    if (req.method === 'POST' && path === '/v2/glossaries') {
      const [name, source, target, format, entries] = ['name', 'source_lang', 'target_lang', 'entries_format', 'entries'].map(one);
      if (!name || !source || !target || format !== 'tsv' || !entries) return json(res, 400, { message: 'Missing glossary parameters' });
      if (!glossaryPairs.includes(`${source}>${target}`)) return json(res, 400, { message: 'Unsupported glossary language pair' });
      const map = new Map(entries.split(/\r?\n/).filter(Boolean).map((line) => line.split('\t') as [string, string]));
      const g: FakeGlossary = { glossary_id: `g-${nextId++}`, name, ready: true, source_lang: source, target_lang: target, creation_time: new Date().toISOString(), entry_count: map.size, entries: map };
      glossaries.set(g.glossary_id, g);
      return json(res, 201, info(g));
    }
    const byId = /^\/v2\/glossaries\/([^/]+)$/.exec(path);
    if (byId) {
      const g = glossaries.get(byId[1]!);
      if (!g) return json(res, 404, { message: 'Glossary not found' });
      if (req.method === 'DELETE') {
        glossaries.delete(g.glossary_id);
        return json(res, 204, undefined);
      }
      if (req.method === 'GET') return json(res, 200, info(g));
    }
    return json(res, 404, { message: `no route ${req.method} ${path}` });
  })());
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    authKey,
    requests,
    faults,
    glossaries,
    usage,
    targets,
    glossaryPairs,
    translateRequests: () => requests.filter((r) => r.method === 'POST' && r.path === '/v2/translate'),
    close: () => listening.close(),
  };
}
