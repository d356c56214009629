/**
 * The service's metrics in the Prometheus text format (prom-client), one registry per app:
 * requests by route and status with latency histograms, draft jobs and drafted segments by
 * engine and locale, characters sent to each engine (what the engines bill), webhook
 * deliveries by outcome, storage retries, and Node's process metrics. Routes are the
 * registered patterns (`/published/:slug/:file`), never raw paths, so the series stay few.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DraftJobSummary, DraftRunner } from '../src/jobs/runner.ts';
import type { MachineTranslationProvider, TranslateRequest } from '../src/mt/provider.ts';
import type { ProviderSet } from '../src/mt/routing.ts';
import { coreEvents } from '../src/observability.ts';
import type { DeliveryWorker } from '../src/webhooks/delivery-worker.ts';

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly contentType = this.registry.contentType;

  private readonly requests = new Counter({ name: 'editions_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'] as const, registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'editions_http_request_duration_seconds',
    help: 'Time to answer an HTTP request (to its headers; a stream counts until it starts), by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly jobs = new Counter({ name: 'editions_draft_jobs_total', help: 'Draft jobs finished, by outcome', labelNames: ['outcome'] as const, registers: [this.registry] });
  private readonly jobLocales = new Counter({ name: 'editions_draft_job_locales_total', help: "Locales of draft jobs finished, by engine (`none`: translation memory only), locale and the locale's outcome", labelNames: ['engine', 'locale', 'outcome'] as const, registers: [this.registry] });
  private readonly segments = new Counter({ name: 'editions_draft_segments_total', help: 'Segments drafted, by engine (`tm`: translation memory) and locale', labelNames: ['engine', 'locale'] as const, registers: [this.registry] });
  private readonly characters = new Counter({ name: 'editions_mt_characters_total', help: 'Characters sent to each machine-translation engine (billed characters), by engine and target locale', labelNames: ['engine', 'locale'] as const, registers: [this.registry] });
  private readonly tokens = new Counter({ name: 'editions_mt_tokens_total', help: 'Tokens a model engine (llm) counted, by engine, target locale and kind (prompt, completion)', labelNames: ['engine', 'locale', 'kind'] as const, registers: [this.registry] });
  private readonly engineRequests = new Counter({ name: 'editions_mt_requests_total', help: 'Requests to each machine-translation engine, by engine and outcome', labelNames: ['engine', 'outcome'] as const, registers: [this.registry] });
  private readonly deliveries = new Counter({ name: 'editions_webhook_deliveries_total', help: 'Webhook delivery attempts, by outcome (delivered, retry, failed, refused)', labelNames: ['outcome'] as const, registers: [this.registry] });
  private readonly storageRetries = new Counter({ name: 'editions_storage_retries_total', help: 'Storage statements retried because the database was busy', registers: [this.registry] });
  private readonly onStorageRetry = () => this.storageRetries.inc();

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'editions_' });
    coreEvents.on('storage-retry', this.onStorageRetry);
  }

  /** One answered request. */
  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  /** Counts finished draft jobs and what they drafted. */
  watchRunner(runner: DraftRunner): void {
    runner.on('finished', (summary: DraftJobSummary) => {
      this.jobs.inc({ outcome: summary.status });
      for (const l of summary.locales) {
        this.jobLocales.inc({ engine: l.engine, locale: l.locale, outcome: l.status });
        if (l.fromEngine > 0) this.segments.inc({ engine: l.engine, locale: l.locale }, l.fromEngine);
        if (l.fromMemory > 0) this.segments.inc({ engine: 'tm', locale: l.locale }, l.fromMemory);
      }
    });
  }

  watchDeliveries(deliveries: DeliveryWorker): void {
    deliveries.on('attempt', (a: { outcome?: string }) => this.deliveries.inc({ outcome: a.outcome ?? 'unknown' }));
  }

  /** The same providers, each request and the characters it was billed counted. */
  meterProviders(providers: ProviderSet): ProviderSet {
    const metered = new Map(providers.all().map((p) => [p.id, this.meter(p)]));
    return { get: (id) => metered.get(id), all: () => [...metered.values()] };
  }

  private meter(p: MachineTranslationProvider): MachineTranslationProvider {
    const metrics = this;
    return {
      id: p.id,
      label: p.label,
      development: p.development,
      limits: p.limits,
      placeholderForm: p.placeholderForm,
      availability: () => p.availability(),
      supports: (source, target) => p.supports(source, target),
      async translate(request: TranslateRequest) {
        try {
          const results = await p.translate(request);
          metrics.engineRequests.inc({ engine: p.id, outcome: 'ok' });
          const billed = results.reduce((sum, r) => sum + r.billedCharacters, 0);
          if (billed > 0) metrics.characters.inc({ engine: p.id, locale: request.targetLocale }, billed);
          for (const kind of ['prompt', 'completion'] as const) {
            const n = results.reduce((sum, r) => sum + (r.tokens?.[kind] ?? 0), 0);
            if (n > 0) metrics.tokens.inc({ engine: p.id, locale: request.targetLocale, kind }, n);
          }
          return results;
        } catch (error) {
          metrics.engineRequests.inc({ engine: p.id, outcome: 'error' });
          throw error;
        }
      },
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    coreEvents.off('storage-retry', this.onStorageRetry);
  }
}
