/**
 * A fake OpenAI-compatible server on 127.0.0.1 speaking the wire protocol the official
 * `openai` client uses: POST /v1/chat/completions (JSON in, a chat.completion out, `usage`
 * included) and GET /v1/models. It answers deterministically from the prompt: the segments are
 * parsed out of the user message (`{"segments":[{id,text}]}`) and each comes back
 * "translated" by fakeTranslateHtml (words changed, tags kept). Faults for the next requests,
 * in order: an HTTP error with headers, a hang, malformed or truncated JSON, a placeholder
 * dropped, duplicated or invented, an id missing, json_schema refused.
 */
import http from 'node:http';
import { fakeTranslateHtml } from './fake-google.ts';
import { listenOnLoopback } from './loopback-server.ts';

export type LlmFault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | 'hang'
  /** Not JSON at all. */
  | 'malformed-json'
  /** JSON cut off halfway, with finish_reason `length`. */
  | 'truncated-json'
  /** Valid JSON of the wrong shape. */
  | 'wrong-shape'
  | 'drop-placeholder'
  | 'duplicate-placeholder'
  | 'invent-placeholder'
  /** The last segment's entry left out. */
  | 'missing-id'
  /** The answer wrapped in a Markdown code fence, as some models do. */
  | 'fenced';

export interface LlmRequest {
  at: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: unknown };
    temperature?: number;
  } | undefined;
  /** The segments parsed out of the user message. */
  segments: { id: string; text: string }[];
}

export interface FakeLlm {
  /** The base URL the client is given (`…/v1`). */
  baseURL: string;
  requests: LlmRequest[];
  faults: LlmFault[];
  /** When false, `response_format: json_schema` is refused with a 400 (as some servers do). */
  jsonSchema: boolean;
  /** Resolves once `n` requests have arrived in all. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const requests: LlmRequest[] = [];
  const faults: LlmFault[] = [];
  const state = { jsonSchema: true };
  const arrivals: { n: number; resolve: () => void }[] = [];
  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  // The handler is async; `void` says its promise is left to Node (a throw is an unhandled rejection, loud in tests).
  const server = http.createServer((req, res) => void (async () => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: LlmRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = undefined;
    }
    let segments: LlmRequest['segments'] = [];
    try {
      const user = body?.messages?.filter((m) => m.role === 'user').at(-1)?.content ?? '';
      segments = (JSON.parse(user) as { segments: LlmRequest['segments'] }).segments ?? [];
    } catch {
      segments = [];
    }
    requests.push({ at: Date.now(), method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, segments });
    for (const a of arrivals.filter((x) => requests.length >= x.n)) {
      arrivals.splice(arrivals.indexOf(a), 1);
      a.resolve();
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      json(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'editions-tests' }] });
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      json(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      return;
    }
    if (!body?.model || !Array.isArray(body.messages)) {
      json(res, 400, { error: { message: 'model and messages are required', type: 'invalid_request_error' } });
      return;
    }
    if (!state.jsonSchema && body.response_format?.type === 'json_schema') {
      json(res, 400, { error: { message: "response_format 'json_schema' is not supported by this server", type: 'invalid_request_error', param: 'response_format' } });
      return;
    }
    const fault = faults.shift();
    if (fault === 'hang') return;
    if (fault && typeof fault === 'object') {
      json(res, fault.status, fault.body ?? { error: { message: 'fault', type: 'server_error' } }, fault.headers);
      return;
    }
    const target = /into [^(]*\(([^)]+)\)/.exec(body.messages[0]?.content ?? '')?.[1] ?? 'xx';
    let translations = segments.map((s) => ({ id: s.id, text: fakeTranslateHtml(s.text, target) }));
    const first = translations[0];
    if (first && fault === 'drop-placeholder') first.text = first.text.replace(/<x id="\d+"\/>|<\/?g[^>]*>/, '');
    if (first && fault === 'duplicate-placeholder') first.text = first.text.replace(/(<x id="\d+"\/>|<g id="\d+">[^<]*<\/g>)/, '$1 $1');
    if (first && fault === 'invent-placeholder') first.text = `${first.text} <x id="99"/>`;
    if (fault === 'missing-id') translations = translations.slice(0, -1);
    let content = JSON.stringify({ translations });
    let finish = 'stop';
    if (fault === 'malformed-json') content = `Here are the translations: {translations: [${translations.map((t) => t.text).join(', ')}`;
    if (fault === 'truncated-json') {
      content = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
      finish = 'length';
    }
    if (fault === 'wrong-shape') content = JSON.stringify({ result: translations.map((t) => t.text) });
    if (fault === 'fenced') content = `\`\`\`json\n${content}\n\`\`\``;
    const promptTokens = Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 4);
    const completionTokens = Math.ceil(content.length / 4);
    json(res, 200, {
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finish, logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  })());
  const listening = await listenOnLoopback(server);
  return {
    baseURL: `${listening.url}/v1`,
    requests,
    faults,
    get jsonSchema() {
      return state.jsonSchema;
    },
    set jsonSchema(on: boolean) {
      state.jsonSchema = on;
    },
    waitForRequests: (n) => (requests.length >= n ? Promise.resolve() : new Promise<void>((resolve) => arrivals.push({ n, resolve }))),
    close: () => listening.close(),
  };
}
