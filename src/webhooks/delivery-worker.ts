/**
 * Sends pending webhook deliveries, signed per Standard Webhooks (`standardwebhooks`):
 * headers webhook-id, webhook-timestamp, webhook-signature over the exact body. A 2xx
 * answer delivers; anything else (or no answer in time) is retried after the configured
 * waits, then the delivery has failed. Deliveries are claimed with a lease (a conditional
 * update), so several service instances never send the same attempt twice; a process that
 * dies mid-attempt leaves the lease to expire and the delivery is retried. `stop()` (at
 * shutdown) aborts the attempts in flight and gives their leases back at once, unrecorded,
 * so another instance (or the next start) sends them without waiting for the lease to expire.
 *
 * The target policy (./target-policy.ts) is applied again at each attempt: to the URL, and
 * to every address its host resolves to, inside the lookup of the connection itself, so the
 * request goes to an address that was checked. A refused target fails the delivery at once
 * (no retries), with the reason in the log.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { silentLogger, type Logger } from '../observability.ts';
import type { Store } from '../store/store.ts';
import { systemResolve, TargetRefused, WebhookTargetPolicy, type Resolve } from './target-policy.ts';

/** What the worker needs of the service: the store, the clock, a log (an OperationContext is one). */
export interface DeliveryContext {
  store: Store;
  now: () => Date;
  log?: Logger;
}

export interface DeliveryOptions {
  retryMs: readonly number[];
  timeoutMs: number;
  /** How often to look for due deliveries (retries, embargoes ending). */
  pollMs?: number;
  /** EDITIONS_WEBHOOK_ALLOW_HOSTS: hosts, addresses or CIDRs allowed despite the target policy. */
  allowHosts?: readonly string[];
  /** Name resolution (the system's by default; tests inject their own). */
  resolve?: Resolve;
}

/** POSTs `body` to `url` and resolves with the answer's status (the body is not read). */
function post(url: URL, headers: Record<string, string>, body: string, lookup: ReturnType<WebhookTargetPolicy['lookup']>, timeoutMs: number, stopped: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, agent: false, signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopped]) },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export class DeliveryWorker extends EventEmitter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** Aborted by stop(): the attempts in flight end at once. */
  private abort = new AbortController();

  private readonly policy: WebhookTargetPolicy;
  private readonly lookup: ReturnType<WebhookTargetPolicy['lookup']>;

  constructor(
    private readonly ctx: DeliveryContext,
    private readonly options: DeliveryOptions,
  ) {
    super();
    this.policy = new WebhookTargetPolicy(options.allowHosts);
    this.lookup = this.policy.lookup(options.resolve ?? systemResolve);
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    clearInterval(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
  }

  /** Look for due deliveries now (after a publication, say). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runDue()
      .catch((error: unknown) => this.emit('error', error))
      .then(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Attempts every delivery due now; resolves with how many were attempted. */
  async runDue(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const now = this.ctx.now().toISOString();
      const due = await this.ctx.store.db
        .selectFrom('webhook_deliveries')
        .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
        .select(['webhook_deliveries.id', 'webhook_deliveries.payload', 'webhook_deliveries.attempts', 'webhook_deliveries.next_attempt_at', 'webhooks.url', 'webhooks.secret'])
        .where('webhook_deliveries.status', '=', 'pending')
        .where('webhook_deliveries.next_attempt_at', '<=', now)
        .orderBy('webhook_deliveries.next_attempt_at', 'asc')
        .limit(20)
        .execute();
      if (due.length === 0 || this.stopped) return attempted;
      for (const d of due) {
        if (this.stopped) return attempted;
        const lease = await this.claim(d.id, d.next_attempt_at!);
        if (lease) {
          await this.attempt(d, lease, d.next_attempt_at!);
          attempted++;
        }
      }
    }
  }

  /** The lease (a time) when this process won the delivery, else undefined. */
  private async claim(id: string, seen: string): Promise<string | undefined> {
    const lease = new Date(this.ctx.now().getTime() + this.options.timeoutMs + 5000).toISOString();
    const result = await this.ctx.store.db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: lease })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', seen)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? lease : undefined;
  }

  private async attempt(d: { id: string; payload: string; attempts: number; url: string; secret: string }, lease: string, seen: string): Promise<void> {
    const log = (this.ctx.log ?? silentLogger).child({ deliveryId: d.id });
    const sentAt = this.ctx.now();
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const url = new URL(d.url);
      // A URL registered before the policy (or before the setting changed) is checked again; a
      // host given as an address is connected to without a lookup, so it is checked here.
      const refusal = this.policy.refusalOfUrl(url);
      if (refusal) throw refusal;
      const signature = new Webhook(d.secret).sign(d.id, sentAt, d.payload);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'Editions-Webhooks/1',
        'webhook-id': d.id,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signature,
      };
      status = await post(url, headers, d.payload, this.lookup, this.options.timeoutMs, this.abort.signal);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      refused = e instanceof TargetRefused;
      const cause = (e as Error).cause as Error | undefined;
      error = refused
        ? `target refused: ${(e as Error).message}`
        : (e as Error).name === 'AbortError' && cause?.name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs} ms`
          : (e as Error).message;
    }
    if (this.abort.signal.aborted && status === null) {
      // Stopped mid-attempt: the lease is given back as it was, the attempt not counted.
      await this.ctx.store.db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: seen })
        .where('id', '=', d.id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', lease)
        .execute();
      log.info({}, 'webhook delivery released at shutdown');
      return;
    }
    const attempts = d.attempts + 1;
    const at = this.ctx.now();
    const delivered = error === null;
    // A refused target is not retried: it would be refused again.
    const wait = refused ? undefined : this.options.retryMs[attempts - 1];
    // Recorded only while the lease is ours: past it, another process may have taken the delivery over.
    const recorded = await this.ctx.store.transaction((trx) =>
      trx
        .updateTable('webhook_deliveries')
        .set({
          attempts,
          last_attempt_at: sentAt.toISOString(),
          last_status: status,
          last_error: error,
          status: delivered ? 'delivered' : wait === undefined ? 'failed' : 'pending',
          next_attempt_at: delivered || wait === undefined ? null : new Date(at.getTime() + wait).toISOString(),
          delivered_at: delivered ? at.toISOString() : null,
        })
        .where('id', '=', d.id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', lease)
        .executeTakeFirst(),
    );
    if (Number(recorded.numUpdatedRows) === 0) return;
    const outcome = delivered ? 'delivered' : refused ? 'refused' : wait === undefined ? 'failed' : 'retry';
    if (delivered) log.info({ attempts, status }, 'webhook delivered');
    else log.warn({ attempts, status, error, outcome }, 'webhook delivery attempt failed');
    this.emit('attempt', { id: d.id, attempts, status, error, delivered, refused, outcome });
  }
}
