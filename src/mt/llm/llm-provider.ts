/**
 * OpenAI-compatible chat models through the official `openai` client, with a configurable
 * base URL: one provider for a self-hosted model (Ollama, vLLM, llama.cpp's server, LM Studio)
 * and hosted ones. A batch of segments goes in one `POST /v1/chat/completions`: the task, the
 * language pair by name, the statement's title and the glossary terms in the system message,
 * the segments as JSON (`{"segments":[{"id":"s1","text":"…"}]}`, placeholders as the canonical
 * tags `<g id="1">…</g>`, `<x id="2"/>`) in the user message. The answer is asked for as JSON
 * (`response_format` json_schema; json_object where the server refuses a schema) and validated
 * with zod; ids are echoed, so answers map to segments whatever their order.
 *
 * Faults: 429 (Retry-After), 5xx, timeouts and connection failures are transient
 * ProviderErrors, retried by the caller (the client's own retries are off). An answer that is
 * not the JSON asked for (malformed, truncated, `finish_reason: length`) is asked for once
 * more; twice wrong, the batch's segments are reported failed (a non-transient 502, which a
 * draft job counts as failed segments and goes on). A segment whose placeholders came back
 * broken (dropped, duplicated, invented, badly nested) or whose id is missing from the answer
 * is sent once more alone; still broken, it is returned as the model wrote it, and the draft
 * job flags it for the translator as for every engine; still missing, the batch is reported
 * failed as above. Tokens (`usage`) are shared out over the request's segments.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { z } from 'zod';
import { xmlCodec } from '../../markdown/placeholder-codec.ts';
import type { Placeholder } from '../../markdown/tokens.ts';
import { validatePlaceholders } from '../../markdown/validate-placeholders.ts';
import { unsupportedPair, type Availability, type MachineTranslationProvider, type SegmentRequest, type SegmentResult, type TranslateRequest, type TranslationContext } from '../provider.ts';
import { ProviderError, parseRetryAfter } from '../retry.ts';

export interface LlmOptions {
  /** e.g. `http://127.0.0.1:11434/v1` (Ollama); undefined: OpenAI's own endpoint. */
  baseURL: string | undefined;
  /** The model name the server knows; undefined: the provider is unavailable. */
  model: string | undefined;
  /** Optional for local servers. */
  apiKey: string | undefined;
  timeoutMs: number;
  /** Segments per request. */
  batchSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

const answerSchema = z.object({ translations: z.array(z.object({ id: z.string(), text: z.string() })) });

const jsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['translations'],
  properties: {
    translations: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['id', 'text'], properties: { id: { type: 'string' }, text: { type: 'string' } } },
    },
  },
} as const;

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The English name of a locale's language (`ar` → Arabic, `fa` → Persian, `pt-BR` → Brazilian Portuguese); undefined when unknown. */
export function languageName(locale: string): string | undefined {
  if (/^(zxx|mul|mis|und)\b/i.test(locale)) return undefined;
  try {
    return languageNames.of(locale) ?? languageNames.of(locale.split('-')[0]!);
  } catch {
    return undefined;
  }
}

export function systemPrompt(sourceLocale: string, targetLocale: string, context: TranslationContext | undefined, segments: readonly SegmentRequest[] = []): string {
  const source = `${languageName(sourceLocale)} (${sourceLocale})`;
  const target = `${languageName(targetLocale)} (${targetLocale})`;
  const lines = [
    `You are a professional translator. Translate each segment of a statement (a press statement, joint declaration or campaign announcement of a non-profit organisation) from ${source} into ${target}. Your drafts are reviewed by human translators.`,
    'Each segment is one paragraph, heading, list item or table cell. Translate its meaning faithfully, in the register of a public statement; do not add, omit, explain or summarise.',
    'Segments contain markup tags: <g id="N">…</g> wraps words (emphasis, a link) and <x id="N"/> stands for something kept as it is (code, an image, a line break, a protected term). Keep every tag exactly once, with its id, around the words that correspond in the translation; never add a tag, never translate or change what is inside <x/>. Keep &lt; &gt; &amp; as they are.',
    'Answer with JSON only: {"translations":[{"id":"…","text":"…"}]}, one entry per segment, with the id of the segment it translates.',
  ];
  if (context?.title) lines.push(`The statement's title: ${JSON.stringify(context.title)}.`);
  // The terms the batch has (a whole glossary would cost tokens on every request).
  const batchText = segments.map((s) => s.text.toLowerCase()).join('\n');
  const terms = (context?.terms ?? []).filter((t) => segments.length === 0 || batchText.includes(t.term.toLowerCase()));
  const required = terms.filter((t) => !t.doNotTranslate && t.target);
  const keep = terms.filter((t) => t.doNotTranslate);
  if (required.length > 0) lines.push(`Glossary (use these translations):\n${required.map((t) => `- ${JSON.stringify(t.term)} → ${JSON.stringify(t.target)}`).join('\n')}`);
  if (keep.length > 0) lines.push(`Do not translate: ${keep.map((t) => JSON.stringify(t.term)).join(', ')}.`);
  return lines.join('\n\n');
}

/** The placeholders a segment's text carries, as the spec its translation is checked against. */
function placeholdersOf(text: string): Placeholder[] {
  return xmlCodec.decode(text).tokens.flatMap((t): Placeholder[] => (t.type === 'open' || t.type === 'standalone' ? [{ id: t.id, kind: 'other', paired: t.type === 'open' }] : []));
}

/** True when the translation keeps the source's placeholders once each, well formed and nested. */
export function keepsPlaceholders(source: string, translation: string): boolean {
  const { tokens, problems } = xmlCodec.decode(translation);
  return problems.length === 0 && validatePlaceholders(tokens, placeholdersOf(source)).length === 0;
}

function classify(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError) return new ProviderError('llm: timeout', { transient: true, cause: error });
  if (error instanceof APIConnectionError) return new ProviderError(`llm: connection failed: ${error.message}`, { transient: true, cause: error });
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const retryAfter = parseRetryAfter(error.headers?.get('retry-after'));
    const transient = status === 429 || status === 408 || status >= 500;
    return new ProviderError(`llm: ${status}: ${error.message.slice(0, 300)}`, { transient, status, cause: error, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) });
  }
  return new ProviderError(`llm: ${(error as Error)?.message ?? String(error)}`, { transient: true, cause: error });
}

/** A server that refuses `response_format: json_schema` (400 naming it). */
function refusesJsonSchema(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && /response_format|json_schema/i.test(error.message);
}

interface Answer {
  texts: Map<string, string>;
  promptTokens: number;
  completionTokens: number;
  model: string;
}

export function createLlmProvider(options: LlmOptions): MachineTranslationProvider {
  let client: OpenAI | undefined;
  const getClient = () =>
    (client ??= new OpenAI({
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      // Local servers take any key; the client insists on one.
      apiKey: options.apiKey ?? 'no-key',
      maxRetries: 0,
      timeout: options.timeoutMs,
    }));
  let format: 'json_schema' | 'json_object' = 'json_schema';

  const availability = async (): Promise<Availability> => {
    if (!options.model) return { available: false, reason: 'no model (set EDITIONS_LLM_MODEL and EDITIONS_LLM_BASE_URL)' };
    if (!options.baseURL && !options.apiKey) return { available: false, reason: 'no server (set EDITIONS_LLM_BASE_URL, or EDITIONS_LLM_API_KEY for OpenAI)' };
    return { available: true };
  };

  const supports = (source: string, target: string) =>
    languageName(source) !== undefined && languageName(target) !== undefined && source.split('-')[0] !== target.split('-')[0];

  /** One chat completion for `segments` (ids s1…sN); a wrong answer is thrown as `malformed`. */
  async function ask(request: TranslateRequest, segments: readonly SegmentRequest[]): Promise<Answer> {
    const wire = segments.map((s, i) => ({ id: `s${i + 1}`, text: s.text }));
    const messages = [
      { role: 'system' as const, content: systemPrompt(request.sourceLocale, request.targetLocale, request.context, segments) },
      { role: 'user' as const, content: JSON.stringify({ segments: wire }) },
    ];
    const send = () =>
      getClient().chat.completions.create({
        model: options.model!,
        messages,
        temperature: 0,
        response_format: format === 'json_schema' ? { type: 'json_schema', json_schema: { name: 'translations', strict: true, schema: jsonSchema } } : { type: 'json_object' },
      });
    let completion;
    try {
      completion = await send();
    } catch (error) {
      if (format !== 'json_schema' || !refusesJsonSchema(error)) throw classify(error);
      format = 'json_object';
      try {
        completion = await send();
      } catch (again) {
        throw classify(again);
      }
    }
    const choice = completion.choices?.[0];
    const usage = { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
    const content = choice?.message?.content ?? '';
    let parsed: z.infer<typeof answerSchema>;
    try {
      if (choice?.finish_reason === 'length') throw new Error('the answer was cut off (finish_reason: length)');
      parsed = answerSchema.parse(JSON.parse(stripFence(content)));
    } catch (error) {
      throw Object.assign(new Error(`llm: the answer is not the JSON asked for: ${(error as Error).message.slice(0, 200)}`), { malformed: true, usage });
    }
    const texts = new Map<string, string>();
    const byWireId = new Map(wire.map((w, i) => [w.id, segments[i]!.id]));
    for (const t of parsed.translations) {
      const id = byWireId.get(t.id);
      if (id !== undefined && !texts.has(id)) texts.set(id, t.text);
    }
    // One segment alone: its one answer is its translation, whatever id the model wrote.
    if (segments.length === 1 && texts.size === 0 && parsed.translations.length === 1) texts.set(segments[0]!.id, parsed.translations[0]!.text);
    return { texts, ...usage, model: completion.model || options.model! };
  }

  /** `ask`, once more when the answer is not the JSON asked for; twice wrong: the segments are reported failed. */
  async function askTwice(request: TranslateRequest, segments: readonly SegmentRequest[], spent: { prompt: number; completion: number }): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await ask(request, segments);
        spent.prompt += answer.promptTokens;
        spent.completion += answer.completionTokens;
        return answer;
      } catch (error) {
        const e = error as { malformed?: boolean; usage?: { promptTokens: number; completionTokens: number } };
        if (!e.malformed) throw error;
        spent.prompt += e.usage?.promptTokens ?? 0;
        spent.completion += e.usage?.completionTokens ?? 0;
        if (attempt >= 1) throw new ProviderError(`${(error as Error).message} (twice, for ${segments.length} segments)`, { transient: false, status: 502, cause: error });
      }
    }
  }

  return {
    id: 'llm',
    label: `OpenAI-compatible model${options.model ? ` (${options.model})` : ''}`,
    development: false,
    limits: { maxSegmentsPerRequest: options.batchSize ?? 20, maxCharactersPerRequest: 8_000, concurrency: options.concurrency ?? 4 },
    placeholderForm: 'xml',
    availability,
    supports,
    async translate(request: TranslateRequest): Promise<SegmentResult[]> {
      if (!supports(request.sourceLocale, request.targetLocale)) throw unsupportedPair('llm', request.sourceLocale, request.targetLocale);
      const a = await availability();
      if (!a.available) throw new ProviderError(`llm: ${a.reason}`, { transient: false });
      const toSend = request.segments.filter((s) => s.text.trim() !== '');
      const spent = { prompt: 0, completion: 0 };
      const texts = new Map<string, string>();
      let model = options.model!;
      if (toSend.length > 0) {
        const answer = await askTwice(request, toSend, spent);
        model = answer.model;
        for (const [id, text] of answer.texts) texts.set(id, text);
        // Missing or broken: once more, each alone.
        const again = toSend.filter((s) => !texts.has(s.id) || !keepsPlaceholders(s.text, texts.get(s.id)!));
        for (const s of again) {
          const alone = await askTwice(request, [s], spent);
          const text = alone.texts.get(s.id);
          if (text !== undefined && (!texts.has(s.id) || keepsPlaceholders(s.text, text))) texts.set(s.id, text);
        }
        const missing = toSend.filter((s) => !texts.has(s.id));
        if (missing.length > 0) {
          throw new ProviderError(`llm: no translation for ${missing.length} of ${toSend.length} segments, even alone (${missing.map((s) => s.id).join(', ')})`, { transient: false, status: 502 });
        }
      }
      const at = new Date().toISOString();
      const sentChars = toSend.reduce((n, s) => n + s.text.length, 0);
      let promptLeft = spent.prompt;
      let completionLeft = spent.completion;
      const sent = new Set(toSend.map((s) => s.id));
      let sentSeen = 0;
      return request.segments.map((s) => {
        if (!sent.has(s.id)) return { id: s.id, text: '', provenance: { engine: 'llm', model, at }, billedCharacters: 0, tokens: { prompt: 0, completion: 0 } };
        sentSeen++;
        // Tokens shared out by characters; the last segment takes what is left, so the sums are exact.
        const share = sentChars === 0 ? 1 / toSend.length : s.text.length / sentChars;
        const prompt = sentSeen === toSend.length ? promptLeft : Math.floor(spent.prompt * share);
        const completion = sentSeen === toSend.length ? completionLeft : Math.floor(spent.completion * share);
        promptLeft -= prompt;
        completionLeft -= completion;
        return { id: s.id, text: texts.get(s.id)!, provenance: { engine: 'llm', model, at }, billedCharacters: s.text.length, tokens: { prompt, completion } };
      });
    },
  };
}

/** Some models wrap JSON in a Markdown code fence despite being asked not to. */
function stripFence(content: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(content);
  return m ? m[1]! : content;
}
