/**
 * The service's log (pino): one JSON object a line on stdout, or readable lines (pino-pretty)
 * when stdout is a terminal. Level from LOG_LEVEL. Secrets are never logged: requests are
 * logged field by field (server/middleware/request-log.ts), never their headers, and the
 * usual secret-bearing fields are redacted should one ever be passed in.
 *
 * stdout is written asynchronously (sonic-boom, pino's own writer), so a slow or stuck
 * reader never blocks the event loop. A reader that has gone (EPIPE) silences the log
 * instead of crashing the process, and a reader that has stopped reading (a full pipe) cannot
 * keep the process from exiting: the destination is made here rather than with
 * pino.destination(), which would flush synchronously at exit and block on a full pipe forever.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import sonicBoom, { type SonicBoom as SonicBoomClass } from 'sonic-boom';

export type { Logger };

// A CommonJS class whose typings name it as a named export Node does not see: the default export is the class.
const SonicBoom = sonicBoom as unknown as typeof SonicBoomClass;

/**
 * Fields that would hold a secret, replaced by `[redacted]` should one ever be logged. Named
 * paths only: wildcards would make every log line walk its object (measured: 2× the cost).
 */
export const redactedPaths = [
  'authorization',
  'cookie',
  'token',
  'secret',
  'password',
  'csrfToken',
  'sessionId',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * pino's `isoTime` (`,"time":"2026-05-01T09:00:00.000Z"`) without a Date per line: the
 * date and time to the second are formatted once a second, the milliseconds appended.
 */
export function isoTimeCached(): () => string {
  let second = Number.NaN;
  let prefix = '';
  return () => {
    const now = Date.now();
    const ms = now % 1000;
    if (now - ms !== second) {
      second = now - ms;
      prefix = `,"time":"${new Date(second).toISOString().slice(0, 20)}`;
    }
    return `${prefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z"`;
  };
}

export interface ServiceLog {
  logger: Logger;
  /** Writes what is buffered; resolves within `ms` whatever the reader does. */
  flush(ms?: number): Promise<void>;
}

/**
 * Lines gathered into one string and handed to sonic-boom 16 KiB at a time (and at least
 * every 250 ms, and by flush()): sonic-boom measures its pending buffer (Buffer.byteLength)
 * on every write it is given, and a write of its own per few lines cost more than the line:
 * given line by line, its writes were half the cost of a request's log line (bench/http.ts).
 */
class Batches {
  private pending = '';
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly destination: SonicBoomClass) {
    this.timer = setInterval(() => this.drain(), 250);
    this.timer.unref();
  }

  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length >= 16_384) this.drain();
    return true;
  }

  /** What is gathered, to sonic-boom (which writes it without waiting). */
  drain(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.destination.write(text);
  }
}

/**
 * `{ fd: 1 }` (stdout) by default; a file for benchmarks. Lines are written in batches of
 * about 16 KiB (Batches: some 70 request lines a write), and at least every 250 ms (and by
 * flush()), so logging a request costs no system call of its own.
 */
export function createServiceLog(level: string, target: { fd: number } | { file: string } = { fd: 1 }): ServiceLog {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    // A request's line is the hot path's one cost (bench/http.ts): no Date object per line.
    timestamp: isoTimeCached(),
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  if ('fd' in target && target.fd === 1 && process.stdout.isTTY) {
    // A person at a terminal: readable lines, written at once.
    return { logger: pino(options, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })), flush: async () => {} };
  }
  // Batches arrive whole: written at once (minLength 1: 0 would make flush() return before the write is done), never synchronously.
  const destination = new SonicBoom({ ...('fd' in target ? { fd: target.fd } : { dest: target.file }), sync: false, minLength: 1 });
  destination.on('error', () => {
    // stdout has gone (EPIPE, or worse): the log goes nowhere from now on, the service carries on.
    destination.write = () => true;
  });
  const batches = new Batches(destination);
  return {
    logger: pino(options, batches),
    flush: (ms = 500) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        try {
          batches.drain();
          destination.flush(() => {
            clearTimeout(timer);
            resolve();
          });
        } catch {
          clearTimeout(timer);
          resolve();
        }
      }),
  };
}
