/**
 * A fake Cloud Translation v3 server on 127.0.0.1 speaking the REST wire protocol the real
 * `@google-cloud/translate` client uses (POST /v3/projects/{p}/locations/{l}:translateText,
 * JSON in and out). It "translates" the text between tags, keeps tags in place, and can be
 * told to misbehave: an HTTP error with headers, a hang, a dropped or duplicated placeholder.
 */
import http from 'node:http';
import { listenOnLoopback } from './loopback-server.ts';

export type Fault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | 'hang'
  | 'drop-placeholder'
  | 'duplicate-placeholder'
  /** Doubled spaces, a space at each edge and just inside each paired tag, as engines sometimes answer. */
  | 'sloppy-spaces';

export interface ReceivedRequest {
  at: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: { contents?: string[]; targetLanguageCode?: string; sourceLanguageCode?: string; mimeType?: string; glossaryConfig?: { glossary: string } } | undefined;
}

const arabic = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';

/** Deterministic stand-in for a translation: words changed, tags and entities untouched. */
export function fakeTranslateHtml(html: string, target: string): string {
  return html
    .split(/(<[^>]*>|&[#A-Za-z0-9]+;)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(/[A-Za-z]+/g, (word) =>
        target.startsWith('ar') || target.startsWith('fa') || target.startsWith('ur') || target.startsWith('he')
          ? [...word].map((c) => arabic[c.toLowerCase().charCodeAt(0) % arabic.length]).join('')
          : `${word.split('').reverse().join('')}`,
      );
    })
    .join('');
}

export interface FakeGoogle {
  endpoint: string;
  requests: ReceivedRequest[];
  /** Faults for the next requests, in order. */
  faults: Fault[];
  /** Every answer waits this long. */
  delayMs: number;
  /** While true, each request is held (counted in `requests`, not answered) until `release()` lets it go. */
  hold: boolean;
  /** Lets the oldest `n` held requests be answered (all when n is omitted). */
  release(n?: number): void;
  /** Resolves once `n` requests have arrived in all (an event, not a sleep). */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const requests: ReceivedRequest[] = [];
  const faults: Fault[] = [];
  const state = { delayMs: 0, hold: false };
  const held: (() => void)[] = [];
  const arrivals: { n: number; resolve: () => void }[] = [];
  // The handler is async; `void` says its promise is left to Node (a throw is an unhandled rejection, loud in tests).
  const server = http.createServer((req, res) => void (async () => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: ReceivedRequest['body'];
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    requests.push({ at: Date.now(), method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    for (const a of arrivals.filter((x) => requests.length >= x.n)) {
      arrivals.splice(arrivals.indexOf(a), 1);
      a.resolve();
    }
    if (state.hold) await new Promise<void>((r) => held.push(r));
    const fault = faults.shift();
    if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
    if (fault === 'hang') return;
    if (fault && typeof fault === 'object') {
      res.writeHead(fault.status, { 'content-type': 'application/json; charset=UTF-8', ...(fault.headers ?? {}) });
      res.end(fault.body === undefined ? JSON.stringify({ error: { code: fault.status, message: 'fault', status: 'UNAVAILABLE' } }) : JSON.stringify(fault.body));
      return;
    }
    const route = /^\/v3\/projects\/[^/]+\/locations\/[^/:]+:translateText(\?.*)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 404, message: `no route ${req.method} ${req.url}`, status: 'NOT_FOUND' } }));
      return;
    }
    if (!body || !Array.isArray(body.contents) || !body.targetLanguageCode) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 400, message: 'Target language is required.', status: 'INVALID_ARGUMENT' } }));
      return;
    }
    const target = body.targetLanguageCode;
    const translations = body.contents.map((text) => {
      let out = fakeTranslateHtml(text, target);
      if (fault === 'drop-placeholder') out = out.replace(/<x id="\d+"><\/x>|<\/?g[^>]*>/, '');
      if (fault === 'duplicate-placeholder') out = out.replace(/(<x id="\d+"><\/x>)/, '$1$1');
      if (fault === 'sloppy-spaces') out = ` ${out} `.split(/(<[^>]*>)/).map((part, i) => (i % 2 === 0 ? part.replace(/ /g, '  ') : part.startsWith('<g') ? `${part} ` : part)).join('');
      return { translatedText: out, model: `projects/p/locations/global/models/general/nmt` };
    });
    const answer: Record<string, unknown> = { translations };
    if (body.glossaryConfig) answer.glossaryTranslations = translations.map((t) => ({ ...t, glossaryConfig: body!.glossaryConfig }));
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(answer));
  })());
  const listening = await listenOnLoopback(server);
  return {
    endpoint: listening.url,
    requests,
    faults,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    get hold() {
      return state.hold;
    },
    set hold(on: boolean) {
      state.hold = on;
    },
    release(n = held.length) {
      for (const r of held.splice(0, n)) r();
    },
    waitForRequests: (n) => (requests.length >= n ? Promise.resolve() : new Promise<void>((resolve) => arrivals.push({ n, resolve }))),
    close: () => {
      for (const release of held.splice(0)) release();
      return listening.close();
    },
  };
}
