/**
 * Sends pending webhook deliveries, signed per Standard Webhooks (`standardwebhooks`):
 * headers webhook-id, webhook-timestamp, webhook-signature over the exact body. A 2xx
 * answer delivers; anything else (or no answer in time) is retried after the configured
 * waits, then the delivery has failed. Deliveries are claimed with a lease (a conditional
 * update), so several service instances never send the same attempt twice; a process that
 * dies mid-attempt leaves the lease to expire and the delivery is retried.
 */
import { EventEmitter } from 'node:events';
import { Webhook } from 'standardwebhooks';
import type { OperationContext } from '../operations/context.ts';

export interface DeliveryOptions {
  retryMs: readonly number[];
  timeoutMs: number;
  /** How often to look for due deliveries (retries, embargoes ending). */
  pollMs?: number;
}

export class DeliveryWorker extends EventEmitter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly ctx: OperationContext,
    private readonly options: DeliveryOptions,
  ) {
    super();
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
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
          await this.attempt(d, lease);
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

  private async attempt(d: { id: string; payload: string; attempts: number; url: string; secret: string }, lease: string): Promise<void> {
    const sentAt = this.ctx.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const signature = new Webhook(d.secret).sign(d.id, sentAt, d.payload);
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Editions-Webhooks/1',
          'webhook-id': d.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: d.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel();
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (e as Error).message;
    }
    const attempts = d.attempts + 1;
    const at = this.ctx.now();
    const delivered = error === null;
    const wait = this.options.retryMs[attempts - 1];
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
    this.emit('attempt', { id: d.id, attempts, status, error, delivered });
  }
}
