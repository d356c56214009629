/**
 * What the core reports about itself, without knowing how: a structured logger (the
 * service gives pino, server/logger.ts; tests and the CLI give nothing and the core logs
 * nothing) and the few counts the service turns into metrics (server/metrics.ts).
 */
import { EventEmitter } from 'node:events';

/** The part of pino's logger the core uses: an object of fields, then a message. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

export interface CoreEvents {
  /** The store retried a statement the database was too busy for. */
  'storage-retry': [detail: { attempt: number; code?: string }];
}

/**
 * Process-wide events of the core that have no better owner (the store is opened before any
 * context exists). The service counts them; nothing else listens.
 */
export const coreEvents = new EventEmitter<CoreEvents>();

/** Called by the store each time it retries after SQLITE_BUSY (counted as `editions_storage_retries_total`). */
export function reportStorageRetry(detail: { attempt: number; code?: string }): void {
  coreEvents.emit('storage-retry', detail);
}
